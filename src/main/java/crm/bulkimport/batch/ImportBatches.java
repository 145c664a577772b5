package crm.bulkimport.batch;

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
          + " progress_phase, progress_rows, progress_bytes, created_at, started_at, completed_at";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  ImportBatches(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records a new upload as pending, in the caller's transaction. */
  public void createPending(
      UUID id, UUID merchantId, String batchName, String fileName, long fileSize, String sha256) {
    jdbc.update(
        "insert into bulk_import_batches (id, merchant_id, batch_name, file_name, file_size,"
            + " file_sha256, status, created_at) values (?, ?, ?, ?, ?, ?, 'pending', ?)",
        id,
        merchantId,
        batchName,
        fileName,
        fileSize,
        sha256,
        now());
  }

  public Optional<Batch> find(UUID id) {
    return jdbc
        .query("select " + COLUMNS + " from bulk_import_batches where id = ?", ROW, id)
        .stream()
        .findFirst();
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
    return jdbc.update(
            "update bulk_import_batches set status = 'completed', total_rows = ?,"
                + " purchases_count = ?, items_count = ?, error_count = 0, error_message = null,"
                + " warnings = ?, progress_phase = 'done', progress_rows = ?, progress_bytes ="
                + " file_size, progress_at = ?, completed_at = ? where id = ? and status ="
                + " 'processing'",
            totalRows,
            purchases,
            items,
            warnings.toArray(String[]::new),
            totalRows,
            now(),
            now(),
            id)
        == 1;
  }

  /** Marks the batch failed; nothing of it is in the ledger. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public boolean fail(
      UUID id, Integer totalRows, int errorCount, String message, List<String> warnings) {
    return jdbc.update(
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
            id)
        == 1;
  }

  /** Records how far a running import is, outside its transaction so that clients see it. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void reportProgress(UUID id, String phase, long rows, long bytes) {
    jdbc.update(
        "update bulk_import_batches set progress_phase = ?, progress_rows = ?, progress_bytes = ?,"
            + " progress_at = ? where id = ? and status = 'processing'",
        phase,
        rows,
        bytes,
        now(),
        id);
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
              instant(rs.getTimestamp("completed_at")));

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
