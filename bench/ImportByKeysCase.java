package bench;

import static bench.Figures.median;
import static bench.Figures.megabytes;
import static bench.Figures.seconds;
import static bench.ProgressLog.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Issue 10's figure: a merchant's own export, users found by email and SKUs by code through an
 * import profile, against the same rows by UUID and the same raw COPY, all in one run.
 */
final class ImportByKeysCase {
  private final ServiceImports imports;
  private final RawCopy rawCopy;
  private final Merchants merchants;

  ImportByKeysCase(ServiceImports imports, RawCopy rawCopy, Merchants merchants) {
    this.imports = imports;
    this.rawCopy = rawCopy;
    this.merchants = merchants;
  }

  /**
   * By UUID, by keys, COPY, in turn, each on tables emptied of the one before: the keyed import
   * is to be within a tenth of the UUID one, a difference the other's million fresh rows in the
   * ledger's indexes could make on their own.
   */
  Result measure(DataSet data, int runs) throws Exception {
    log("Import by keys: %,d lines by email and SKU code through a profile, by UUID and by raw"
        + " COPY, %d run(s)", data.lines(), runs);
    List<ImportRun> byKeys = new ArrayList<>();
    List<ImportRun> byUuid = new ArrayList<>();
    List<Double> copies = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      merchants.deleteAll();
      ImportRun uuid = imports.importForFreshMerchant(data, false);
      byUuid.add(uuid);
      merchants.deleteAll();
      ImportRun keys = imports.importByKeysForFreshMerchant(data);
      byKeys.add(keys);
      merchants.deleteAll();
      double copy = rawCopy.load(data);
      copies.add(copy);
      log("  run %d/%d: by keys %s s (%s), peak heap %d MB; by UUID %s s, peak heap %d MB;"
              + " COPY %s s", run, runs, seconds(keys.seconds()), keys.phaseSummary(),
          megabytes(keys.peakHeapBytes()), seconds(uuid.seconds()),
          megabytes(uuid.peakHeapBytes()), seconds(copy));
    }
    return new Result(data, byKeys, byUuid, copies);
  }

  record Result(DataSet data, List<ImportRun> byKeys, List<ImportRun> byUuid,
      List<Double> copies) {

    double keysSeconds() {
      return median(byKeys.stream().map(ImportRun::seconds).toList());
    }

    double uuidSeconds() {
      return median(byUuid.stream().map(ImportRun::seconds).toList());
    }

    double copySeconds() {
      return median(copies);
    }

    double ratioToCopy() {
      return keysSeconds() / copySeconds();
    }

    double ratioToUuid() {
      return keysSeconds() / uuidSeconds();
    }

    long peakHeapKeys() {
      return byKeys.stream().mapToLong(ImportRun::peakHeapBytes).max().orElse(0);
    }

    long peakHeapUuid() {
      return byUuid.stream().mapToLong(ImportRun::peakHeapBytes).max().orElse(0);
    }

    ImportRun typicalByKeys() {
      return ImportRun.typical(byKeys);
    }

    ImportRun typicalByUuid() {
      return ImportRun.typical(byUuid);
    }
  }
}
