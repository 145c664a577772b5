package crm.bulkimport.batch;

import crm.bulkimport.config.ImporterProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Deletes finished batches older than {@code IMPORTER_RETENTION_DAYS}, files and errors too. */
@Component
public class BatchRetention {

  private static final Logger log = LoggerFactory.getLogger(BatchRetention.class);

  private final ImportBatches batches;
  private final Clock clock;
  private final Duration keep;

  BatchRetention(ImportBatches batches, ImporterProperties properties, Clock clock) {
    this.batches = batches;
    this.clock = clock;
    this.keep = Duration.ofDays(properties.retentionDays());
  }

  /** Returns how many batches were deleted. */
  public int deleteExpired() {
    int deleted = batches.deleteFinishedBefore(Instant.now(clock).minus(keep));
    if (deleted > 0) {
      log.info("Deleted {} finished batches older than {} days", deleted, keep.toDays());
    }
    return deleted;
  }
}
