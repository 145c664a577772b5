package bench;

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

  /** Nearest-rank percentile of sorted values. */
  private static double percentile(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  String summary() {
    return String.format(Locale.ROOT, "%s: %d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
        request, count, p50, p99, max);
  }
}
