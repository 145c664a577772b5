package bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * The contract's "Re-runs and second chances" through the service, each checked against the
 * status the contract promises and against the ledger: a file uploaded again over itself with
 * {@code on_existing=skip}, and a file with bad rows imported with {@code partial=true}.
 */
final class SecondChanceImports {
  /** One row in this many is made bad for the partial import, spread evenly through the file. */
  static final int BAD_ROW_EVERY = 100;
  /** Comfortably above the bad rows of a million-line file, so that the import goes through. */
  static final int MAX_ERRORS = 20_000;

  private final ServiceApi service;
  private final Merchants merchants;
  private final DataFiles files;
  private final ServiceImports imports;

  SecondChanceImports(ServiceApi service, Merchants merchants, DataFiles files,
      ServiceImports imports) {
    this.service = service;
    this.merchants = merchants;
    this.files = files;
    this.imports = imports;
  }

  /** A first import, then its skip re-run, of the very same file for the same merchant. */
  record Rerun(ImportRun first, ImportRun skip) {}

  /**
   * The file goes up twice, the second time with {@code allow_duplicate=true}, since the
   * duplicate-file check would refuse it otherwise: every purchase is already in the ledger,
   * identical, so every one must be skipped and nothing written.
   */
  Rerun importThenSkip(DataSet data) throws Exception {
    Merchant merchant = merchants.create("skip re-run of " + data.lines() + " lines");
    Path csv = files.importCsv(data, merchant, false);
    try {
      ImportRun first = new TimedImport(service).run(merchant.id(), csv, batchId -> {});
      imports.expectImported(first, data, merchant);
      ImportRun skip = new TimedImport(service).run(merchant.id(), csv,
          Map.of("on_existing", "skip", "allow_duplicate", "true"), batchId -> {});
      expectAllSkipped(skip, data, merchant);
      return new Rerun(first, skip);
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  private void expectAllSkipped(ImportRun run, DataSet data, Merchant merchant)
      throws SQLException {
    BatchStatus status = run.outcome();
    expectUnderstood(status, "on_existing", "skip");
    boolean asExpected =
        "completed".equals(status.status())
            && Long.valueOf(data.lines()).equals(status.totalRows())
            && Long.valueOf(data.purchases()).equals(status.skippedPurchases())
            && Long.valueOf(0).equals(status.purchases())
            && Long.valueOf(0).equals(status.errorCount());
    if (!asExpected) {
      throw new BenchmarkFailure(String.format(Locale.ROOT,
          "expected the skip re-run %s completed with %d rows, all %d purchases skipped, none"
              + " written and no errors; the service answered %s",
          run.batchId(), data.lines(), data.purchases(), status.excerpt()));
    }
    // Still exactly the first import's rows: nothing written twice.
    merchants.expectLedger(merchant, data.purchases(), data.lines(),
        "the skip re-run " + run.batchId());
  }

  /**
   * A service from before the contract's second chances takes the upload and ignores the field;
   * the batch's own record of what was asked says so, and so should the failure.
   */
  private static void expectUnderstood(BatchStatus status, String field, String asked) {
    String recorded = Json.field(status.json(), field);
    if (!asked.equals(recorded)) {
      throw new BenchmarkFailure(String.format(Locale.ROOT,
          "the upload asked for %s=%s but the batch records %s: this service does not know"
              + " the field (the contract's \"Re-runs and second chances\"); its status: %s",
          field, asked, recorded, status.excerpt()));
    }
  }

  /** The bad rows of the partial import's file, both kinds in turn: one in BAD_ROW_EVERY. */
  static DataFiles.Flaw flawOf(int item) {
    if (item % BAD_ROW_EVERY != BAD_ROW_EVERY - 1) {
      return DataFiles.Flaw.NONE;
    }
    return (item / BAD_ROW_EVERY) % 2 == 0
        ? DataFiles.Flaw.UNKNOWN_SKU
        : DataFiles.Flaw.ZERO_QUANTITY;
  }

  /**
   * What a partial import of the data set with {@link #flawOf} must leave out: each bad row is
   * one error, and a purchase with any is rejected whole, all its rows.
   */
  record Rejection(long badRows, long purchases, long rows) {

    static Rejection of(DataSet data) {
      long badRows = 0;
      long purchases = 0;
      long rows = 0;
      for (int p = 0; p < data.purchases(); p++) {
        long bad = 0;
        for (int item = data.firstItem()[p]; item < data.firstItem()[p + 1]; item++) {
          bad += flawOf(item) == DataFiles.Flaw.NONE ? 0 : 1;
        }
        if (bad > 0) {
          badRows += bad;
          purchases++;
          rows += data.firstItem()[p + 1] - data.firstItem()[p];
        }
      }
      return new Rejection(badRows, purchases, rows);
    }
  }

  /** A partial import, what it left out, and its error report as fetched afterwards. */
  record Partial(ImportRun run, Rejection rejected, double errorsCsvSeconds,
      long errorsCsvBytes) {}

  Partial importPartially(DataSet data) throws Exception {
    Merchant merchant = merchants.create("partial import of " + data.lines() + " lines");
    Path csv = files.importCsv(data, merchant, SecondChanceImports::flawOf);
    Rejection expected = Rejection.of(data);
    try {
      ImportRun run = new TimedImport(service).run(merchant.id(), csv,
          Map.of("partial", "true", "max_errors", MAX_ERRORS), batchId -> {});
      expectPartial(run, data, expected, merchant);
      long start = System.nanoTime();
      String errorsCsv = service.errorsCsv(run.batchId());
      double seconds = (System.nanoTime() - start) / 1e9;
      long rows = csvRecords(errorsCsv) - 1;
      if (rows != expected.rows()) {
        throw new BenchmarkFailure(String.format(Locale.ROOT,
            "expected errors.csv of the partial import %s to hold the %d rejected rows under"
                + " its header; it holds %d data rows", run.batchId(), expected.rows(), rows));
      }
      return new Partial(run, expected, seconds,
          errorsCsv.getBytes(StandardCharsets.UTF_8).length);
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  private void expectPartial(ImportRun run, DataSet data, Rejection expected,
      Merchant merchant) throws SQLException {
    BatchStatus status = run.outcome();
    expectUnderstood(status, "partial", "true");
    long purchases = data.purchases() - expected.purchases();
    long items = data.lines() - expected.rows();
    boolean asExpected =
        "completed".equals(status.status())
            && status.partial()
            && Long.valueOf(expected.purchases()).equals(status.rejectedPurchases())
            && Long.valueOf(expected.rows()).equals(status.rejectedRows())
            && Long.valueOf(expected.badRows()).equals(status.errorCount())
            && Long.valueOf(purchases).equals(status.purchases())
            && Long.valueOf(items).equals(status.items());
    if (!asExpected) {
      throw new BenchmarkFailure(String.format(Locale.ROOT,
          "expected the partial import %s completed, partial, with %d errors, %d purchases and"
              + " %d rows rejected, %d purchases and %d items written; the service answered %s",
          run.batchId(), expected.badRows(), expected.purchases(), expected.rows(), purchases,
          items, status.excerpt()));
    }
    merchants.expectLedger(merchant, purchases, items, "the partial import " + run.batchId());
  }

  /** Records in CSV text, header included: line ends outside quoted fields. */
  private static long csvRecords(String csv) {
    long records = 0;
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\n' && !quoted) {
        records++;
      }
    }
    boolean unterminatedLast = !csv.isEmpty() && csv.charAt(csv.length() - 1) != '\n';
    return records + (unterminatedLast ? 1 : 0);
  }
}
