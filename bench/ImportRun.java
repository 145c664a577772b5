package bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** An import as the client saw it: total seconds, per stage, final status, peak heap. */
record ImportRun(UUID batchId, double seconds, List<Phase> phases, BatchStatus outcome,
    long peakHeapBytes) {

  record Phase(String name, double seconds) {}

  /** The run whose total is the median, to show where the time goes. */
  static ImportRun typical(List<ImportRun> runs) {
    List<ImportRun> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(ImportRun::seconds));
    return sorted.get((sorted.size() - 1) / 2);
  }

  // Figures.seconds spelled out: the record's own seconds() would hide a static import.
  String phaseSummary() {
    return phases.stream()
        .map(p -> p.name() + " " + Figures.seconds(p.seconds()))
        .collect(Collectors.joining(", "));
  }
}
