package crm.bulkimport.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the service's db-schedulers (imports; notifications) share: one table, the caller's
 * transactions, and the same rules for telling a live worker from a dead one.
 */
public final class Schedulers {

  /**
   * Each scheduler ignores the other's jobs as tasks it does not know; it must keep them, not
   * delete them after db-scheduler's default 14 days.
   */
  static final Duration KEEP_UNRESOLVED = Duration.ofDays(36_500);

  private Schedulers() {}

  /** A scheduler over the service's table that runs {@code tasks} on {@code threads} threads. */
  public static SchedulerBuilder onServiceTable(
      DataSource dataSource, List<Task<?>> tasks, int threads, JobProperties properties) {
    // The proxy lets a job be scheduled inside the caller's transaction: the batch row, the
    // stored file and the execution commit together or not at all.
    return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
        .threads(threads)
        .pollingInterval(properties.pollInterval())
        .heartbeatInterval(properties.heartbeatInterval())
        // A worker that misses this many heartbeats is dead and its job is picked up again.
        .missedHeartbeatsLimit(6)
        .enableImmediateExecution()
        .deleteUnresolvedAfter(KEEP_UNRESOLVED);
  }

  /**
   * Asks the scheduler to look for due jobs once the caller's transaction commits: without this
   * nudge a job scheduled in it would wait for the next poll.
   */
  public static void checkDueAfterCommit(Scheduler scheduler) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            scheduler.triggerCheckForDueExecutions();
          }
        });
  }
}
