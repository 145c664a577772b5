package bench;

import static bench.Figures.fileMegabytes;
import static bench.Figures.median;
import static bench.Figures.megabytes;
import static bench.Figures.seconds;
import static bench.ProgressLog.log;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 13's formats: the same rows uploaded as CSV, as gzip CSV and as an {@code .xlsx}
 * workbook, each against the same raw COPY in the same run, with the service's peak heap.
 */
final class FileFormatsCase {
  private final ServiceImports imports;
  private final RawCopy rawCopy;
  private final Merchants merchants;

  FileFormatsCase(ServiceImports imports, RawCopy rawCopy, Merchants merchants) {
    this.imports = imports;
    this.rawCopy = rawCopy;
    this.merchants = merchants;
  }

  /**
   * CSV, gzip CSV, workbook, COPY, in turn, each on tables emptied of the one before: the plain
   * CSV beside them says what the form of the file costs, apart from the machine's mood.
   */
  Result measure(DataSet data, int runs) throws Exception {
    log("Formats: %,d lines as CSV, gzip CSV and .xlsx workbook, and by raw COPY, %d run(s)",
        data.lines(), runs);
    // The benchmark's warm-up is a CSV file: the first workbook would otherwise count the
    // service's loading of POI's classes and its cold reader.
    log("  warm-up: one untimed import of %,d lines in each form but CSV",
        Benchmark.WARM_UP_LINES);
    for (UploadFormat format : UploadFormat.values()) {
      if (format != UploadFormat.CSV) {
        imports.importForFreshMerchant(DataSet.generate(Benchmark.WARM_UP_LINES), format);
      }
    }
    Map<UploadFormat, List<ImportRun>> imported = new EnumMap<>(UploadFormat.class);
    List<Double> copies = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      for (UploadFormat format : UploadFormat.values()) {
        merchants.deleteAll();
        ImportRun timed = imports.importForFreshMerchant(data, format);
        imported.computeIfAbsent(format, f -> new ArrayList<>()).add(timed);
        log("  run %d/%d: %s of %s MB: %s s (%s), peak heap %d MB", run, runs, format.label(),
            fileMegabytes(timed.fileBytes()), seconds(timed.seconds()), timed.phaseSummary(),
            megabytes(timed.peakHeapBytes()));
      }
      merchants.deleteAll();
      double copy = rawCopy.load(data);
      copies.add(copy);
      log("  run %d/%d: COPY %s s", run, runs, seconds(copy));
    }
    return new Result(data, imported, copies);
  }

  record Result(DataSet data, Map<UploadFormat, List<ImportRun>> imports, List<Double> copies) {

    double seconds(UploadFormat format) {
      return ImportRun.medianSeconds(imports.get(format));
    }

    double copySeconds() {
      return median(copies);
    }

    /** The file's size in the first run; the others' differ by a few bytes (other UUIDs). */
    long fileBytes(UploadFormat format) {
      return imports.get(format).get(0).fileBytes();
    }

    long peakHeapBytes(UploadFormat format) {
      return ImportRun.peakHeapBytes(imports.get(format));
    }

    ImportRun typicalRun(UploadFormat format) {
      return ImportRun.typical(imports.get(format));
    }
  }
}
