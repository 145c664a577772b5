package crm.bulkimport.job;

import java.util.UUID;
import org.springframework.stereotype.Component;

/** Puts imports on the durable queue. */
@Component
public class ImportJobs {

  private final MerchantQueue queue;

  ImportJobs(MerchantQueue queue) {
    this.queue = queue;
  }

  /**
   * Queues the merchant's newest batch in the caller's transaction: it runs once that commits and
   * the merchant's earlier batches have ended, on whichever instance picks it first.
   */
  public void schedule(UUID merchantId) {
    // Scheduled now only when no batch of the merchant is queued; otherwise the batches ahead of
    // it bring it on in turn.
    queue.advance(merchantId);
  }
}
