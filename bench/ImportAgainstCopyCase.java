package bench;

import static bench.Figures.median;
import static bench.Figures.megabytes;
import static bench.Figures.seconds;
import static bench.ProgressLog.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The headline figure: import time through the service against a raw COPY of the same rows. */
final class ImportAgainstCopyCase {
  private final ServiceImports imports;
  private final RawCopy rawCopy;

  ImportAgainstCopyCase(ServiceImports imports, RawCopy rawCopy) {
    this.imports = imports;
    this.rawCopy = rawCopy;
  }

  /**
   * One untimed import and COPY first: the service's first import runs on a cold JIT and would
   * otherwise inflate whichever case comes first.
   */
  void warmUp(int lines) throws Exception {
    log("Warm-up: one untimed import and COPY of %,d lines", lines);
    DataSet data = DataSet.generate(lines);
    imports.importForFreshMerchant(data, false);
    rawCopy.load(data);
  }

  /** One case: service and COPY runs alternate (A B A B ...), medians of each are reported. */
  Result measure(DataSet data, int runs, boolean lastRowBad) throws Exception {
    return measure(data, runs, lastRowBad,
        lastRowBad
            ? String.format(Locale.ROOT, "%,d, last row bad", data.lines())
            : String.format(Locale.ROOT, "%,d", data.lines()));
  }

  /** As above, under a label of its own in the report. */
  Result measure(DataSet data, int runs, boolean lastRowBad, String label) throws Exception {
    log("Case: %,d lines%s, %,d purchases, %d run(s)", data.lines(),
        lastRowBad ? " (the last row's sku_id unknown)" : "", data.purchases(), runs);
    List<ImportRun> imported = new ArrayList<>();
    List<Double> copies = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      ImportRun timed = imports.importForFreshMerchant(data, lastRowBad);
      imported.add(timed);
      double copy = rawCopy.load(data);
      copies.add(copy);
      log("  run %d/%d: service %s s (%s), peak heap %d MB; COPY %s s", run, runs,
          seconds(timed.seconds()), timed.phaseSummary(), megabytes(timed.peakHeapBytes()),
          seconds(copy));
    }
    return new Result(label, data, imported, copies, lastRowBad);
  }

  record Result(String label, DataSet data, List<ImportRun> imports, List<Double> copies,
      boolean rejected) {

    double serviceSeconds() {
      return median(imports.stream().map(ImportRun::seconds).toList());
    }

    double copySeconds() {
      return median(copies);
    }

    double ratio() {
      return serviceSeconds() / copySeconds();
    }

    long peakHeapBytes() {
      return imports.stream().mapToLong(ImportRun::peakHeapBytes).max().orElse(0);
    }

    ImportRun typicalRun() {
      return ImportRun.typical(imports);
    }
  }
}
