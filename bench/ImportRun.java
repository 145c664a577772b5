package bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An import as the client saw it: the file's size, total seconds, per stage, final status, peak
 * heap.
 */
record ImportRun(UUID batchId, long fileBytes, double seconds, List<Phase> phases,
    BatchStatus outcome, long peakHeapBytes) {

  record Phase(String name, double seconds) {}

  /** The run whose total is the median, to show where the time goes. */
  static ImportRun typical(List<ImportRun> runs) {
    List<ImportRun> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(ImportRun::seconds));
    return sorted.get((sorted.size() - 1) / 2);
  }

  /** The median of the runs' total seconds. */
  static double medianSeconds(List<ImportRun> runs) {
    return Figures.median(runs.stream().map(ImportRun::seconds).toList());
  }

  /** The highest heap any of the runs was seen to use. */
  static long peakHeapBytes(List<ImportRun> runs) {
    return runs.stream().mapToLong(ImportRun::peakHeapBytes).max().orElse(0);
  }

  // Figures.seconds spelled out: the record's own seconds() would hide a static import.
  String phaseSummary() {
    return phases.stream()
        .map(p -> p.name() + " " + Figures.seconds(p.seconds()))
        .collect(Collectors.joining(", "));
  }
}
