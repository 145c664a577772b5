package bench;

import static bench.Figures.seconds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where the time of imports went: one row per labelled run, one column per stage. */
final class PhaseTable {
  private PhaseTable() {}

  /** {@code runs}: label and run, in the order of the rows. */
  static Table of(String labelHeader, List<Map.Entry<String, ImportRun>> runs) {
    // Columns in the order of the run that went through the most stages: a short stage can
    // fall between two status polls and be missing from another run.
    Set<String> stages = new LinkedHashSet<>();
    runs.stream()
        .map(labelled -> labelled.getValue().phases())
        .sorted(Comparator.comparingInt(phases -> -phases.size()))
        .forEach(phases -> phases.forEach(p -> stages.add(p.name())));
    List<String> headers = new ArrayList<>(List.of(labelHeader, "total s"));
    stages.forEach(stage -> headers.add(stage + " s"));
    Table table = new Table(headers.toArray(String[]::new));
    runs.forEach(labelled -> {
      ImportRun run = labelled.getValue();
      Map<String, Double> byStage = new LinkedHashMap<>();
      run.phases().forEach(p -> byStage.merge(p.name(), p.seconds(), Double::sum));
      List<String> row = new ArrayList<>(List.of(labelled.getKey(), seconds(run.seconds())));
      stages.forEach(stage ->
          row.add(byStage.containsKey(stage) ? seconds(byStage.get(stage)) : "–"));
      table.row(row.toArray(String[]::new));
    });
    return table;
  }
}
