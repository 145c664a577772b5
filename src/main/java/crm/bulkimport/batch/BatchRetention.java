package crm.bulkimport.batch;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Deletes finished batches older than {@code IMPORTER_RETENTION_DAYS}, files and errors too. */
@Component
public class BatchRetention {

  private static final Logger log = LoggerFactory.getLogger(BatchRetention.class);

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Duration keep;

  BatchRetention(JdbcTemplate jdbc, RetentionProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.keep = Duration.ofDays(properties.retentionDays());
  }

  /** Returns how many batches were deleted. */
  public int deleteExpired() {
    // The files and errors go with their batches, by the foreign keys' cascade. A reverted batch
    // is kept as long from its revert, the last thing that happened to it.
    int deleted =
        jdbc.update(
            """
            delete from bulk_import_batches
            where (status in ('completed', 'failed', 'cancelled') and completed_at < ?)
               or (status = 'reverted' and reverted_at < ?)""",
            Timestamp.from(Instant.now(clock).minus(keep)),
            Timestamp.from(Instant.now(clock).minus(keep)));
    if (deleted > 0) {
      log.info("Deleted {} finished batches older than {} days", deleted, keep.toDays());
    }
    return deleted;
  }
}
