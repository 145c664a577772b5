package crm.bulkimport.job;

import crm.bulkimport.batch.ImportBatches;
import java.time.Clock;
import java.util.UUID;

/** Reports a running import's progress at most about once a second. */
final class Progress {

  private static final long EVERY_MILLIS = 1000;

  private final ImportBatches batches;
  private final UUID batchId;
  private final Clock clock;
  private long lastReport;

  Progress(ImportBatches batches, UUID batchId, Clock clock) {
    this.batches = batches;
    this.batchId = batchId;
    this.clock = clock;
    this.lastReport = clock.millis();
  }

  void maybeReport(String phase, long rows, long bytes) {
    long now = clock.millis();
    if (now - lastReport >= EVERY_MILLIS) {
      report(phase, rows, bytes);
    }
  }

  void report(String phase, long rows, long bytes) {
    lastReport = clock.millis();
    batches.reportProgress(batchId, phase, rows, bytes);
  }
}
