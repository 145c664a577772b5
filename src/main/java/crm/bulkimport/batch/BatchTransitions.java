package crm.bulkimport.batch;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The batch's state machine: pending, processing, then completed, failed or cancelled. Every change
 * is a conditional update, so that two workers or a late retry can never move a batch backwards or
 * finish it twice; the change that ends a batch announces it, as {@link BatchFinished}, inside the
 * transaction that ends it.
 */
@Repository
public class BatchTransitions {

  private final JdbcTemplate jdbc;
  private final BatchLookup lookup;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  BatchTransitions(
      JdbcTemplate jdbc, BatchLookup lookup, Clock clock, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.lookup = lookup;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Moves a pending batch, or one whose worker died, to processing and counts the attempt. Returns
   * empty when the batch is finished or gone: there is nothing left to do.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public Optional<Batch> claim(UUID id) {
    return jdbc
        .query(
            """
            update bulk_import_batches set status = 'processing', attempts = attempts + 1,
              started_at = coalesce(started_at, ?), progress_phase = 'parsing',
              progress_rows = 0, progress_bytes = 0, progress_at = ?
            where id = ? and status in ('pending', 'processing')
            returning %s"""
                .formatted(BatchRows.COLUMNS),
            BatchRows.BATCH,
            now(),
            now(),
            id)
        .stream()
        .findFirst();
  }

  /**
   * Marks the batch completed inside the import's own transaction, so that the ledger rows and the
   * status commit together. Returns false when the batch is no longer processing.
   */
  public boolean complete(UUID id, int totalRows, int purchases, int items, List<String> warnings) {
    return complete(
        id, new Completion(totalRows, purchases, items, null, null, null, 0, null), warnings);
  }

  /**
   * What a completed import wrote (or, for a dry run, would), and what it skipped or left out.
   *
   * @param skippedPurchases with on_existing=skip, the purchases already in the ledger, identical
   * @param rejectedPurchases with partial=true, the purchases left out for their errors
   * @param rejectedRows with partial=true, the file's rows those purchases had
   * @param errorCount the errors of the purchases left out; 0 otherwise
   * @param message what was left out, for a person; null when nothing was
   */
  public record Completion(
      int totalRows,
      int purchases,
      int items,
      Integer skippedPurchases,
      Integer rejectedPurchases,
      Integer rejectedRows,
      int errorCount,
      String message) {}

  /** Marks the batch completed, in the caller's transaction (the one that wrote its rows). */
  public boolean complete(UUID id, Completion done, List<String> warnings) {
    return ended(
        id,
        jdbc.update(
            """
            update bulk_import_batches set status = 'completed', total_rows = ?,
              purchases_count = ?, items_count = ?, skipped_purchases = ?,
              rejected_purchases = ?, rejected_rows = ?, error_count = ?, error_message = ?,
              warnings = ?, progress_phase = 'done', progress_rows = ?, progress_bytes = file_size,
              progress_at = ?, completed_at = ?
            where id = ? and status = 'processing' and not cancel_requested""",
            done.totalRows(),
            done.purchases(),
            done.items(),
            done.skippedPurchases(),
            done.rejectedPurchases(),
            done.rejectedRows(),
            done.errorCount(),
            done.message(),
            warnings.toArray(String[]::new),
            done.totalRows(),
            now(),
            now(),
            id));
  }

  /** Marks a dry run completed: every row is valid (or would be left out); nothing was written. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public boolean completeDryRun(UUID id, Completion done, List<String> warnings) {
    return complete(id, done, warnings);
  }

  /** Marks the batch failed; nothing of it is in the ledger. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public boolean fail(
      UUID id, Integer totalRows, int errorCount, String message, List<String> warnings) {
    return ended(
        id,
        jdbc.update(
            """
            update bulk_import_batches set status = 'failed', total_rows = ?,
              purchases_count = 0, items_count = 0, error_count = ?, error_message = ?,
              warnings = ?, progress_phase = 'done', progress_at = ?, completed_at = ?
            where id = ? and status in ('pending', 'processing')""",
            totalRows,
            errorCount,
            message,
            warnings.toArray(String[]::new),
            now(),
            now(),
            id));
  }

  /** What a cancel request did. */
  public enum CancelOutcome {
    CANCELLED,
    REQUESTED,
    ALREADY_FINISHED,
    NOT_FOUND
  }

  /**
   * Cancels a pending batch at once; asks a processing one to stop (its import rolls back and ends
   * it cancelled); leaves a finished one alone.
   */
  @Transactional
  public CancelOutcome cancel(UUID id) {
    int pending =
        jdbc.update(
            """
            update bulk_import_batches set status = 'cancelled', cancel_requested = true,
              completed_at = ?, progress_phase = 'done',
              error_message = 'Cancelled before it started; nothing was imported.'
            where id = ? and status = 'pending'""",
            now(),
            id);
    if (ended(id, pending)) {
      return CancelOutcome.CANCELLED;
    }
    int processing =
        jdbc.update(
            """
            update bulk_import_batches set cancel_requested = true
            where id = ? and status = 'processing'""",
            id);
    if (processing == 1) {
      return CancelOutcome.REQUESTED;
    }
    return lookup.find(id).isPresent() ? CancelOutcome.ALREADY_FINISHED : CancelOutcome.NOT_FOUND;
  }

  /** Ends a processing batch whose cancellation was requested. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public boolean markCancelled(UUID id, Integer totalRows) {
    return ended(
        id,
        jdbc.update(
            """
            update bulk_import_batches set status = 'cancelled', total_rows = ?,
              purchases_count = 0, items_count = 0, progress_phase = 'done',
              error_message = 'Cancelled while it ran; nothing was imported.', completed_at = ?
            where id = ? and status = 'processing'""",
            totalRows,
            now(),
            id));
  }

  /**
   * Whether the conditional update that ends a batch changed it; if so, tells listeners, inside the
   * transaction that ended it, that it has ended.
   */
  private boolean ended(UUID id, int updated) {
    if (updated != 1) {
      return false;
    }
    Batch batch = lookup.find(id).orElseThrow();
    events.publishEvent(
        new BatchFinished(batch.id(), batch.merchantId(), batch.state(), batch.dryRun()));
    return true;
  }

  private Timestamp now() {
    return Timestamp.from(Instant.now(clock));
  }
}
