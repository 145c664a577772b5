package crm.bulkimport.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Puts imports on the durable queue. */
@Component
public class ImportJobs {

  private final Scheduler scheduler;
  private final OneTimeTask<Void> purchaseImport;
  private final Clock clock;

  ImportJobs(Scheduler scheduler, OneTimeTask<Void> purchaseImport, Clock clock) {
    this.scheduler = scheduler;
    this.purchaseImport = purchaseImport;
    this.clock = clock;
  }

  /**
   * Schedules the batch's import in the caller's transaction; it runs once that commits, on
   * whichever instance picks it first.
   */
  public void schedule(UUID batchId) {
    scheduler.schedule(purchaseImport.instance(batchId.toString()), Instant.now(clock));
    Schedulers.checkDueAfterCommit(scheduler);
  }
}
