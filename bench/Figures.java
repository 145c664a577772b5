package bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How the benchmark reduces and writes its figures, the same in the progress log and the report:
 * medians of runs, percentiles of latencies, seconds to three places under one second and two
 * above.
 */
final class Figures {
  private Figures() {}

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Nearest-rank percentile of sorted values; 0 of none. */
  static double percentile(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  static String seconds(double seconds) {
    return String.format(Locale.ROOT, seconds < 1 ? "%.3f" : "%.2f", seconds);
  }

  /** A ratio of two times, to two places. */
  static String ratio(double ratio) {
    return String.format(Locale.ROOT, "%.2f", ratio);
  }

  static String millis(double millis) {
    return String.format(Locale.ROOT, "%.1f", millis);
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A file's size in MB to one place: a compressed file of a small case is under one. */
  static String fileMegabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / 1024.0 / 1024.0);
  }

  static long megabytes(long bytes) {
    return Math.round(bytes / 1024.0 / 1024.0);
  }
}
