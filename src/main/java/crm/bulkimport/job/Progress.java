package crm.bulkimport.job;

import crm.bulkimport.batch.BatchProgress;
import java.time.Clock;
import java.util.UUID;

/**
 * Reports a running import's progress about once a second, and hears back whether it should stop:
 * that is how a cancel request reaches the import.
 */
final class Progress {

  private static final long EVERY_MILLIS = 1000;

  private final BatchProgress batches;
  private final UUID batchId;
  private final Clock clock;
  private long lastReport;

  Progress(BatchProgress batches, UUID batchId, Clock clock) {
    this.batches = batches;
    this.batchId = batchId;
    this.clock = clock;
    this.lastReport = clock.millis();
  }

  boolean due() {
    return clock.millis() - lastReport >= EVERY_MILLIS;
  }

  /** Returns true when the import should stop. */
  boolean report(String phase, long rows, long bytes) {
    lastReport = clock.millis();
    return batches.reportProgress(batchId, phase, rows, bytes);
  }
}
