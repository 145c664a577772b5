package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference every import is measured against: the same rows, already split into purchases
 * and items and keyed, loaded by one psql process with two {@code \copy} in one transaction. It
 * is the least any loader must spend to put them into the ledger.
 */
final class RawCopy {
  private final Database database;
  private final Merchants merchants;
  private final DataFiles files;

  RawCopy(Database database, Merchants merchants, DataFiles files) {
    this.database = database;
    this.merchants = merchants;
    this.files = files;
  }

  /** Loads the data set for a merchant of its own; returns the seconds psql took. */
  double load(DataSet data) throws Exception {
    Merchant merchant = merchants.create("raw COPY of " + data.lines() + " lines");
    DataFiles.CopyFiles copy = files.copyFiles(data, merchant);
    Path script = Files.createTempFile(copy.purchases().getParent(), "copy-", ".sql");
    try {
      Files.writeString(script, String.join("\n",
          "BEGIN;",
          "\\copy purchase_ledger (id, merchant_id, transaction_number, transaction_date, user_id,"
              + " final_amount, created_at) from '" + copy.purchases() + "' with (format csv)",
          "\\copy purchase_items_ledger (id, transaction_id, sku_id, quantity, unit_price,"
              + " line_total) from '" + copy.items() + "' with (format csv)",
          "COMMIT;",
          ""));
      double seconds = timeScript(script);
      merchants.expectLedger(merchant, data.purchases(), data.lines(), "the raw COPY");
      return seconds;
    } finally {
      copy.delete();
      Files.deleteIfExists(script);
    }
  }

  /** Wall-clock seconds of one psql process running the script, start to exit. */
  private double timeScript(Path script) throws IOException, InterruptedException {
    Path output = Files.createTempFile(script.getParent(), "psql-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", script.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().putAll(database.psqlEnvironment());
    long start = System.nanoTime();
    int exit = builder.start().waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    String said = Files.readString(output);
    Files.deleteIfExists(output);
    if (exit != 0) {
      throw new BenchmarkFailure("psql exited with " + exit + " on the raw COPY: " + said);
    }
    return seconds;
  }
}
