package crm.bulkimport.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What operators watch, in Prometheus form at {@code /prometheus}: batches by outcome, rows and
 * bytes imported, how long imports take, and how many wait.
 */
@Component
class ImportMetrics {

  private final MeterRegistry registry;

  ImportMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
    this.registry = registry;
    // Counted in the database, so every instance reports the same, cluster-wide queue.
    Gauge.builder(
            "importer.queue.depth",
            jdbc,
            db ->
                db.queryForObject(
                    "select count(*) from bulk_import_batches where status = 'pending'",
                    Long.class))
        .description("Batches waiting for a worker")
        .register(registry);
  }

  void finished(String outcome, Duration took, long rows, long bytes) {
    Counter.builder("importer.batches")
        .description("Finished batches by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    Timer.builder("importer.import.duration")
        .description("From the worker's claim to the batch's end")
        .tag("outcome", outcome)
        .register(registry)
        .record(took);
    if ("completed".equals(outcome)) {
      Counter.builder("importer.rows")
          .description("Rows written to the ledger")
          .register(registry)
          .increment(rows);
      Counter.builder("importer.bytes")
          .description("Bytes of files imported")
          .register(registry)
          .increment(bytes);
    }
  }
}
