package crm.bulkimport.revert;

import crm.bulkimport.batch.BatchReverts;
import crm.bulkimport.ledger.LedgerRemoval;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reverts one batch: locks it, removes its purchases and items, marks it reverted and arranges its
 * webhook, all in one transaction, so that a refusal or a failure anywhere leaves everything as it
 * was.
 */
@Component
class BatchRevert {

  private static final Logger log = LoggerFactory.getLogger(BatchRevert.class);

  private final BatchReverts batches;
  private final LedgerRemoval ledger;
  private final TransactionTemplate transaction;
  private final MeterRegistry metrics;

  BatchRevert(
      BatchReverts batches,
      LedgerRemoval ledger,
      PlatformTransactionManager transactions,
      MeterRegistry metrics) {
    this.batches = batches;
    this.ledger = ledger;
    this.transaction = new TransactionTemplate(transactions);
    this.metrics = metrics;
  }

  /**
   * Reverts the batch on behalf of {@code revertedBy}.
   *
   * @throws crm.bulkimport.batch.BatchNotRevertible when it is not a completed batch that wrote
   *     rows
   * @throws crm.bulkimport.ledger.RevertBlocked when other tables still refer to its rows
   */
  void revert(UUID batchId, String revertedBy) {
    // No merchant import lock: a revert only deletes rows no import writes, and an import that
    // runs meanwhile sees the batch's purchases either still there or gone, as if it had run just
    // before or just after the revert.
    transaction.executeWithoutResult(
        status -> {
          batches.lockRevertible(batchId);
          LedgerRemoval.Removed removed = ledger.removeBatch(batchId);
          log.info(
              "Batch {} reverted by {}: removed {} purchases and {} items",
              batchId,
              revertedBy,
              removed.purchases(),
              removed.items());
          batches.markReverted(batchId, revertedBy);
        });
    Counter.builder("importer.batches")
        .description("Finished batches by outcome")
        .tag("outcome", "reverted")
        .register(metrics)
        .increment();
  }
}
