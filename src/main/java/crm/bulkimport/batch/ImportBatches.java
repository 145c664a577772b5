package crm.bulkimport.batch;

import crm.bulkimport.tenant.Caller;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The batch table. State changes are conditional updates, so that two workers or a late retry can
 * never move a batch backwards or finish it twice.
 */
@Repository
public class ImportBatches {

  private static final String COLUMNS =
      "id, merchant_id, batch_name, file_name, file_size, file_sha256, status, total_rows,"
          + " purchases_count, items_count, error_count, error_message, warnings, attempts,"
          + " progress_phase, progress_rows, progress_bytes, created_at, started_at, completed_at,"
          + " dry_run, delimiter, csv_header, cancel_requested";

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  ImportBatches(JdbcTemplate jdbc, Clock clock, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.events = events;
  }

  /** What an upload asks for. */
  public record NewBatch(
      UUID merchantId, String batchName, String fileName, boolean dryRun, String idempotencyKey) {}

  /**
   * Records a new upload as pending, in the caller's transaction. Returns false when the merchant
   * already has a batch with the same idempotency key.
   */
  public boolean createPending(UUID id, NewBatch batch) {
    return jdbc.update(
            "insert into bulk_import_batches (id, merchant_id, batch_name, file_name, dry_run,"
                + " idempotency_key, status, created_at) values (?, ?, ?, ?, ?, ?, 'pending', ?)"
                + " on conflict (merchant_id, idempotency_key) where idempotency_key is not null"
                + " do nothing",
            id,
            batch.merchantId(),
            batch.batchName(),
            batch.fileName(),
            batch.dryRun(),
            batch.idempotencyKey(),
            now())
        == 1;
  }

  /** Records the stored file's size and hash. */
  public void recordFile(UUID id, long size, String sha256) {
    jdbc.update(
        "update bulk_import_batches set file_size = ?, file_sha256 = ? where id = ?",
        size,
        sha256,
        id);
  }

  /** The merchant's batch with this idempotency key. */
  public Optional<Batch> findByIdempotencyKey(UUID merchantId, String key) {
    return jdbc
        .query(
            "select "
                + COLUMNS
                + " from bulk_import_batches where merchant_id = ? and"
                + " idempotency_key = ?",
            ROW,
            merchantId,
            key)
        .stream()
        .findFirst();
  }

  /**
   * Another live or completed (not dry-run) batch of the merchant with the same file contents.
   * Takes a lock on the merchant and hash first, so that two identical uploads at the same moment
   * cannot both miss each other.
   */
  public Optional<UUID> sameFile(UUID merchantId, String sha256, UUID except) {
    jdbc.queryForList(
        "select pg_advisory_xact_lock(hashtextextended('upload:' || ? || ':' || ?, 0))",
        merchantId.toString(),
        sha256);
    return jdbc
        .queryForList(
            "select id from bulk_import_batches where merchant_id = ? and file_sha256 = ? and id"
                + " <> ? and not dry_run and status in ('pending', 'processing', 'completed')"
                + " order by created_at limit 1",
            UUID.class,
            merchantId,
            sha256,
            except)
        .stream()
        .findFirst();
  }

  /** Records what the import found about the file's format, outside its transaction. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void recordFormat(UUID id, String delimiter, List<String> header) {
    jdbc.update(
        "update bulk_import_batches set delimiter = ?, csv_header = ? where id = ?",
        delimiter,
        header.toArray(String[]::new),
        id);
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
            "update bulk_import_batches set status = 'cancelled', cancel_requested = true,"
                + " completed_at = ?, progress_phase = 'done',"
                + " error_message = 'Cancelled before it started; nothing was imported.'"
                + " where id = ? and status = 'pending'",
            now(),
            id);
    if (ended(id, pending)) {
      return CancelOutcome.CANCELLED;
    }
    int processing =
        jdbc.update(
            "update bulk_import_batches set cancel_requested = true where id = ? and status ="
                + " 'processing'",
            id);
    if (processing == 1) {
      return CancelOutcome.REQUESTED;
    }
    return find(id).isPresent() ? CancelOutcome.ALREADY_FINISHED : CancelOutcome.NOT_FOUND;
  }

  /** Ends a processing batch whose cancellation was requested. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public boolean markCancelled(UUID id, Integer totalRows) {
    return ended(
        id,
        jdbc.update(
            "update bulk_import_batches set status = 'cancelled', total_rows = ?,"
                + " purchases_count = 0, items_count = 0, progress_phase = 'done',"
                + " error_message = 'Cancelled while it ran; nothing was imported.',"
                + " completed_at = ? where id = ? and status = 'processing'",
            totalRows,
            now(),
            id));
  }

  /** Marks a dry run completed: every row is valid; nothing was written. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public boolean completeDryRun(
      UUID id, int totalRows, int purchases, int items, List<String> warnings) {
    return complete(id, totalRows, purchases, items, warnings);
  }

  /** Deletes finished batches older than the cutoff, with their files and errors. */
  public int deleteFinishedBefore(Instant cutoff) {
    return jdbc.update(
        "delete from bulk_import_batches where status in ('completed', 'failed', 'cancelled')"
            + " and completed_at < ?",
        Timestamp.from(cutoff));
  }

  /**
   * The batch, if this caller may see it.
   *
   * @throws BatchNotFound when it is missing or another merchant's: the two answer alike
   */
  public Batch requireVisible(Caller caller, UUID batchId) {
    return find(batchId)
        .filter(b -> caller.mayActFor(b.merchantId()))
        .orElseThrow(() -> new BatchNotFound(batchId));
  }

  public Optional<Batch> find(UUID id) {
    return jdbc
        .query("select " + COLUMNS + " from bulk_import_batches where id = ?", ROW, id)
        .stream()
        .findFirst();
  }

  /** How many batches wait ahead of a pending one, across all merchants, plus one. */
  public int queuePosition(Batch batch) {
    Integer ahead =
        jdbc.queryForObject(
            "select count(*) from bulk_import_batches where status = 'pending' and (created_at,"
                + " id) < (?, ?)",
            Integer.class,
            Timestamp.from(batch.createdAt()),
            batch.id());
    return (ahead == null ? 0 : ahead) + 1;
  }

  /** The merchant's newest batches first. */
  public List<Batch> newestOf(UUID merchantId, int limit) {
    return jdbc.query(
        "select "
            + COLUMNS
            + " from bulk_import_batches where merchant_id = ? order by created_at desc, id"
            + " limit ?",
        ROW,
        merchantId,
        limit);
  }

  /**
   * Moves a pending batch, or one whose worker died, to processing and counts the attempt. Returns
   * empty when the batch is finished or gone: there is nothing left to do.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public Optional<Batch> claim(UUID id) {
    return jdbc
        .query(
            "update bulk_import_batches set status = 'processing', attempts = attempts + 1,"
                + " started_at = coalesce(started_at, ?), progress_phase = 'parsing',"
                + " progress_rows = 0, progress_bytes = 0, progress_at = ?"
                + " where id = ? and status in ('pending', 'processing') returning "
                + COLUMNS,
            ROW,
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
    return ended(
        id,
        jdbc.update(
            "update bulk_import_batches set status = 'completed', total_rows = ?,"
                + " purchases_count = ?, items_count = ?, error_count = 0, error_message = null,"
                + " warnings = ?, progress_phase = 'done', progress_rows = ?, progress_bytes ="
                + " file_size, progress_at = ?, completed_at = ? where id = ? and status ="
                + " 'processing' and not cancel_requested",
            totalRows,
            purchases,
            items,
            warnings.toArray(String[]::new),
            totalRows,
            now(),
            now(),
            id));
  }

  /** Marks the batch failed; nothing of it is in the ledger. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public boolean fail(
      UUID id, Integer totalRows, int errorCount, String message, List<String> warnings) {
    return ended(
        id,
        jdbc.update(
            "update bulk_import_batches set status = 'failed', total_rows = ?,"
                + " purchases_count = 0, items_count = 0, error_count = ?, error_message = ?,"
                + " warnings = ?, progress_phase = 'done', progress_at = ?, completed_at = ?"
                + " where id = ? and status in ('pending', 'processing')",
            totalRows,
            errorCount,
            message,
            warnings.toArray(String[]::new),
            now(),
            now(),
            id));
  }

  /**
   * Records how far a running import is, outside its transaction so that clients see it. Returns
   * whether the batch should stop: its cancellation was asked for, or it is no longer processing.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public boolean reportProgress(UUID id, String phase, long rows, long bytes) {
    List<Boolean> cancel =
        jdbc.queryForList(
            "update bulk_import_batches set progress_phase = ?, progress_rows = ?,"
                + " progress_bytes = ?, progress_at = ? where id = ? and status = 'processing'"
                + " returning cancel_requested",
            Boolean.class,
            phase,
            rows,
            bytes,
            now(),
            id);
    return cancel.isEmpty() || cancel.get(0);
  }

  /**
   * Whether the conditional update that ends a batch changed it; if so, tells listeners, inside the
   * transaction that ended it, that it has ended.
   */
  private boolean ended(UUID id, int updated) {
    if (updated != 1) {
      return false;
    }
    Batch batch = find(id).orElseThrow();
    events.publishEvent(
        new BatchFinished(batch.id(), batch.merchantId(), batch.state(), batch.dryRun()));
    return true;
  }

  private Timestamp now() {
    return Timestamp.from(Instant.now(clock));
  }

  private static final RowMapper<Batch> ROW =
      (ResultSet rs, int n) ->
          new Batch(
              rs.getObject("id", UUID.class),
              rs.getObject("merchant_id", UUID.class),
              rs.getString("batch_name"),
              rs.getString("file_name"),
              rs.getLong("file_size"),
              rs.getString("file_sha256"),
              BatchState.of(rs.getString("status")),
              (Integer) rs.getObject("total_rows"),
              (Integer) rs.getObject("purchases_count"),
              (Integer) rs.getObject("items_count"),
              rs.getInt("error_count"),
              rs.getString("error_message"),
              strings(rs.getArray("warnings")),
              rs.getInt("attempts"),
              rs.getString("progress_phase"),
              (Long) rs.getObject("progress_rows"),
              (Long) rs.getObject("progress_bytes"),
              instant(rs.getTimestamp("created_at")),
              instant(rs.getTimestamp("started_at")),
              instant(rs.getTimestamp("completed_at")),
              rs.getBoolean("dry_run"),
              rs.getString("delimiter"),
              strings(rs.getArray("csv_header")),
              rs.getBoolean("cancel_requested"));

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
