package bench;

import static bench.Figures.median;
import static bench.Figures.megabytes;
import static bench.Figures.seconds;
import static bench.ProgressLog.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Issue 13's second chances: a million-line file's skip re-run over itself against its first
 * import, and a partial import of it with one row in a hundred bad, both against the same raw
 * COPY in the same run.
 */
final class SecondChancesCase {
  private final SecondChanceImports imports;
  private final RawCopy rawCopy;
  private final Merchants merchants;

  SecondChancesCase(SecondChanceImports imports, RawCopy rawCopy, Merchants merchants) {
    this.imports = imports;
    this.rawCopy = rawCopy;
    this.merchants = merchants;
  }

  /**
   * First import and its skip re-run (on the first's rows, as a re-run meets them), COPY, partial
   * import, in turn; the tables are emptied before each but the re-run.
   */
  Result measure(DataSet data, int runs) throws Exception {
    log("Second chances: %,d lines imported, then again with on_existing=skip; raw COPY; with"
        + " one row in %d bad, partial=true; %d run(s)", data.lines(),
        SecondChanceImports.BAD_ROW_EVERY, runs);
    List<SecondChanceImports.Rerun> reruns = new ArrayList<>();
    List<Double> copies = new ArrayList<>();
    List<SecondChanceImports.Partial> partials = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      merchants.deleteAll();
      SecondChanceImports.Rerun rerun = imports.importThenSkip(data);
      reruns.add(rerun);
      log("  run %d/%d: first import %s s, peak heap %d MB; skip re-run %s s (%s), peak heap"
              + " %d MB", run, runs, seconds(rerun.first().seconds()),
          megabytes(rerun.first().peakHeapBytes()), seconds(rerun.skip().seconds()),
          rerun.skip().phaseSummary(), megabytes(rerun.skip().peakHeapBytes()));
      merchants.deleteAll();
      double copy = rawCopy.load(data);
      copies.add(copy);
      log("  run %d/%d: COPY %s s", run, runs, seconds(copy));
      merchants.deleteAll();
      SecondChanceImports.Partial partial = imports.importPartially(data);
      partials.add(partial);
      log("  run %d/%d: partial import %s s (%s), peak heap %d MB, %,d purchases and %,d rows"
              + " rejected; errors.csv in %s s", run, runs, seconds(partial.run().seconds()),
          partial.run().phaseSummary(), megabytes(partial.run().peakHeapBytes()),
          partial.rejected().purchases(), partial.rejected().rows(),
          seconds(partial.errorsCsvSeconds()));
    }
    return new Result(data, reruns, copies, partials);
  }

  record Result(DataSet data, List<SecondChanceImports.Rerun> reruns, List<Double> copies,
      List<SecondChanceImports.Partial> partials) {

    List<ImportRun> firsts() {
      return reruns.stream().map(SecondChanceImports.Rerun::first).toList();
    }

    List<ImportRun> skips() {
      return reruns.stream().map(SecondChanceImports.Rerun::skip).toList();
    }

    List<ImportRun> partialRuns() {
      return partials.stream().map(SecondChanceImports.Partial::run).toList();
    }

    double copySeconds() {
      return median(copies);
    }

    /** The same data in every run, so the same rows rejected: the first run's. */
    SecondChanceImports.Rejection rejected() {
      return partials.get(0).rejected();
    }

    double errorsCsvSeconds() {
      return median(partials.stream().map(SecondChanceImports.Partial::errorsCsvSeconds)
          .toList());
    }

    long errorsCsvBytes() {
      return partials.get(0).errorsCsvBytes();
    }
  }
}
