package bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Imports through the service for fresh merchants, each checked against what the ledger really
 * holds: a figure for an import that went wrong would be worse than none.
 */
final class ServiceImports {
  private final ServiceApi service;
  private final Merchants merchants;
  private final DataFiles files;
  private final MerchantExportCsv exports;
  private final ImportWorkbook workbooks;

  ServiceImports(ServiceApi service, Merchants merchants, DataFiles files,
      MerchantExportCsv exports, ImportWorkbook workbooks) {
    this.service = service;
    this.merchants = merchants;
    this.files = files;
    this.exports = exports;
    this.workbooks = workbooks;
  }

  /** Uploads the case as a fresh merchant's file and waits for its final status. */
  ImportRun importForFreshMerchant(DataSet data, boolean lastRowBad) throws Exception {
    Merchant merchant = merchants.create("import of " + data.lines() + " lines");
    Path csv = files.importCsv(data, merchant, lastRowBad);
    try {
      ImportRun run = new TimedImport(service).run(merchant.id(), csv, batchId -> {});
      if (lastRowBad) {
        expectRejected(run, merchant);
      } else {
        expectImported(run, data, merchant);
      }
      return run;
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  /**
   * The case's file in one of the upload formats, for a fresh merchant; besides the counts, the
   * ledger's dates and amounts must be the data set's to the second and the cent, which is what
   * reading a workbook's date and number cells risks.
   */
  ImportRun importForFreshMerchant(DataSet data, UploadFormat format) throws Exception {
    Merchant merchant = merchants.create("import of " + data.lines() + " lines as " + format);
    Path file = switch (format) {
      case CSV -> files.importCsv(data, merchant, false);
      case CSV_GZ -> files.importCsvGz(data, merchant);
      case XLSX -> workbooks.write(data, merchant);
    };
    try {
      ImportRun run = new TimedImport(service).run(merchant.id(), file, batchId -> {});
      expectImported(run, data, merchant);
      merchants.expectLedgerValues(merchant, data, "batch " + run.batchId());
      return run;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * The same rows as a fresh merchant's own export, users by email and SKUs by code, uploaded
   * through a profile saved for the merchant (not timed: a merchant saves it once).
   */
  ImportRun importByKeysForFreshMerchant(DataSet data) throws Exception {
    Merchant merchant = merchants.create("import by keys of " + data.lines() + " lines");
    UUID profileId = service.createProfile(MerchantExportCsv.profileBody(merchant.id()));
    Path csv = exports.write(data);
    try {
      ImportRun run = new TimedImport(service)
          .run(merchant.id(), csv, Map.of("profile", profileId), batchId -> {});
      expectImported(run, data, merchant);
      return run;
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  void expectImported(ImportRun run, DataSet data, Merchant merchant) throws SQLException {
    BatchStatus status = run.outcome();
    boolean asExpected =
        "completed".equals(status.status())
            && Long.valueOf(data.lines()).equals(status.totalRows())
            && Long.valueOf(data.purchases()).equals(status.purchases())
            && Long.valueOf(data.lines()).equals(status.items())
            && Long.valueOf(0).equals(status.errorCount());
    if (!asExpected) {
      throw new BenchmarkFailure(
          String.format(Locale.ROOT,
              "expected batch %s completed with %d rows, %d purchases, %d items and no errors;"
                  + " the service answered %s",
              run.batchId(), data.lines(), data.purchases(), data.lines(), status.json()));
    }
    merchants.expectLedger(merchant, data.purchases(), data.lines(), "batch " + run.batchId());
  }

  private void expectRejected(ImportRun run, Merchant merchant) throws SQLException {
    BatchStatus status = run.outcome();
    if (!"failed".equals(status.status()) || !Long.valueOf(1).equals(status.errorCount())) {
      throw new BenchmarkFailure(
          "expected batch " + run.batchId() + " failed with exactly 1 error (the unknown sku_id"
              + " on the last row); the service answered " + status.json());
    }
    merchants.expectLedger(merchant, 0, 0, "rejected batch " + run.batchId());
  }
}
