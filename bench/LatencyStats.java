package bench;

import static bench.Figures.millis;
import static bench.Figures.percentile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** One request's latencies during the probe, as percentiles. */
record LatencyStats(String request, int count, int failures, double p50, double p95, double p99,
    double max) {

  static LatencyStats of(String request, List<Double> millis, int failures) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return new LatencyStats(request, sorted.size(), failures, percentile(sorted, 50),
        percentile(sorted, 95), percentile(sorted, 99),
        sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
  }

  /** A table of a row per request (or part of a run), as the report shows latencies. */
  // Figures.count spelled out: the record's own count() would hide a static import.
  static Table table(String label, List<LatencyStats> stats) {
    Table table = new Table(label, "count", "failed", "p50 ms", "p95 ms", "p99 ms", "max ms");
    for (LatencyStats s : stats) {
      table.row(s.request(), Figures.count(s.count()), Integer.toString(s.failures()),
          millis(s.p50()), millis(s.p95()), millis(s.p99()), millis(s.max()));
    }
    return table;
  }

  /** The same figures under another name. */
  LatencyStats named(String name) {
    return new LatencyStats(name, count, failures, p50, p95, p99, max);
  }

  String summary() {
    return String.format(Locale.ROOT, "%s: %d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
        request, count, p50, p99, max);
  }
}
