package bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Times an import from the start of the upload request until the final status, polling the
 * status every 20 ms and noting when each stage (upload, queued, the service's phases) starts.
 * Samples the service's heap meanwhile.
 */
final class TimedImport {
  static final Duration STATUS_POLL_INTERVAL = Duration.ofMillis(20);
  /** An import whose stage and row count stay put this long is taken for dead. */
  static final Duration STALL_LIMIT = Duration.ofMinutes(5);

  private final ServiceApi service;
  private final List<ImportRun.Phase> phases = new ArrayList<>();
  private String stage;
  private long stageStart;

  TimedImport(ServiceApi service) {
    this.service = service;
  }

  ImportRun run(UUID merchantId, Path file, Consumer<UUID> whenAccepted) throws Exception {
    return run(merchantId, file, Map.of(), whenAccepted);
  }

  /** The same, with further form fields for the upload (see {@link ServiceApi#upload}). */
  ImportRun run(UUID merchantId, Path file, Map<String, ?> fields, Consumer<UUID> whenAccepted)
      throws Exception {
    long fileBytes = Files.size(file);
    long start = System.nanoTime();
    try (HeapSampler heap = HeapSampler.start(service)) {
      enter("upload", start);
      UUID batchId = service.upload(merchantId, file, fields);
      enter("queued", System.nanoTime());
      whenAccepted.accept(batchId);
      String progress = null;
      long progressAt = System.nanoTime();
      while (true) {
        BatchStatus status = service.status(batchId);
        long now = System.nanoTime();
        if (status.finished()) {
          enter(null, now);
          return new ImportRun(batchId, fileBytes, (now - start) / 1e9, List.copyOf(phases),
              status, heap.peakBytes());
        }
        enter(status.stage(), now);
        // A job that died without failing its batch leaves it "processing" for good.
        if (!status.progress().equals(progress)) {
          progress = status.progress();
          progressAt = now;
        } else if (now - progressAt > STALL_LIMIT.toNanos()) {
          throw new BenchmarkFailure("batch " + batchId + " made no progress for "
              + STALL_LIMIT.toMinutes() + " minutes; its last status: " + status.json());
        }
        Thread.sleep(STATUS_POLL_INTERVAL.toMillis());
      }
    }
  }

  /** Closes the current stage when a different one begins ({@code null}: the end). */
  private void enter(String next, long now) {
    if (next != null && next.equals(stage)) {
      return;
    }
    if (stage != null) {
      phases.add(new ImportRun.Phase(stage, (now - stageStart) / 1e9));
    }
    stage = next;
    stageStart = now;
  }
}
