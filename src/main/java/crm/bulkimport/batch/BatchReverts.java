package crm.bulkimport.batch;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The batch's side of a revert, inside the revert's one transaction: the batch is locked and
 * checked first, and marked {@code reverted} (and announced, as {@link BatchReverted}) in the
 * transaction that removes its rows from the ledger.
 */
@Repository
public class BatchReverts {

  private final JdbcTemplate jdbc;
  private final BatchLookup lookup;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  BatchReverts(
      JdbcTemplate jdbc, BatchLookup lookup, Clock clock, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.lookup = lookup;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Locks the batch until the transaction ends and returns it, if it can be reverted: completed,
   * not a dry run, with purchases written. The lock makes a second revert of the same batch wait,
   * then find it reverted, instead of both removing its rows and both answering 200.
   *
   * @throws BatchNotRevertible when it is in another state, or wrote nothing
   * @throws BatchNotFound when it is gone
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Batch lockRevertible(UUID id) {
    Batch batch =
        jdbc
            .query(
                "select %s from bulk_import_batches where id = ? for update"
                    .formatted(BatchRows.COLUMNS),
                BatchRows.BATCH,
                id)
            .stream()
            .findFirst()
            .orElseThrow(() -> new BatchNotFound(id));
    boolean wroteRows =
        batch.state() == BatchState.COMPLETED
            && !batch.dryRun()
            && batch.purchasesCount() != null
            && batch.purchasesCount() > 0;
    if (!wroteRows) {
      throw new BatchNotRevertible(batch);
    }
    return batch;
  }

  /**
   * Marks a batch locked by {@link #lockRevertible} reverted, by {@code revertedBy}, and announces
   * it. Its counts stay as they were: what the import wrote, and so what the revert removed.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Batch markReverted(UUID id, String revertedBy) {
    int updated =
        jdbc.update(
            """
            update bulk_import_batches set status = 'reverted', reverted_at = ?, reverted_by = ?
            where id = ? and status = 'completed'""",
            Timestamp.from(Instant.now(clock)),
            revertedBy,
            id);
    if (updated != 1) {
      throw new IllegalStateException("Batch " + id + " was not locked for its revert");
    }
    Batch batch = lookup.find(id).orElseThrow();
    events.publishEvent(new BatchReverted(batch.id(), batch.merchantId(), revertedBy));
    return batch;
  }
}
