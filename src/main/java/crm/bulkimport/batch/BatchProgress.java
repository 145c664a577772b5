package crm.bulkimport.batch;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a running import tells clients while it runs: how far it is and what it found about the
 * file's format. Each written in a transaction of its own, because the import's transaction is not
 * visible until it ends, and is rolled back when the file has errors.
 */
@Repository
public class BatchProgress {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  BatchProgress(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records what the import found about the file's format. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void recordFormat(UUID id, String delimiter, List<String> header) {
    jdbc.update(
        "update bulk_import_batches set delimiter = ?, csv_header = ? where id = ?",
        delimiter,
        header.toArray(String[]::new),
        id);
  }

  /**
   * Records how far a running import is. Returns whether the batch should stop: its cancellation
   * was asked for, or it is no longer processing.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public boolean reportProgress(UUID id, String phase, long rows, long bytes) {
    List<Boolean> cancel =
        jdbc.queryForList(
            """
            update bulk_import_batches
            set progress_phase = ?, progress_rows = ?, progress_bytes = ?, progress_at = ?
            where id = ? and status = 'processing'
            returning cancel_requested""",
            Boolean.class,
            phase,
            rows,
            bytes,
            Timestamp.from(Instant.now(clock)),
            id);
    return cancel.isEmpty() || cancel.get(0);
  }
}
