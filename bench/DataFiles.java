package bench;

import static bench.RandomUuids.randomUuid;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a data set, for one merchant, in the shape each loader takes: the import's CSV (plain or
 * gzip; {@link ImportWorkbook} writes it as a workbook), the raw COPY's files, or the SQL
 * function's JSON. The same rows in every shape, so that the figures compare loaders and not
 * data.
 */
final class DataFiles {
  /** The contract's columns, in the order the import's files have them. */
  static final List<String> IMPORT_COLUMNS = List.of("transaction_number", "transaction_date",
      "user_id", "final_amount", "sku_id", "quantity", "unit_price", "line_total");

  /** How a row of the import's file is made bad. */
  enum Flaw {
    NONE,
    /** A random sku_id, which no merchant has: found by the set-based check against skus. */
    UNKNOWN_SKU,
    /** A quantity of 0, where it must be more than zero: found by the row's own check. */
    ZERO_QUANTITY
  }

  private final Path dir;

  DataFiles(Path dir) {
    this.dir = dir;
  }

  /** A transaction number prefix of its own for every file: numbers are unique per run. */
  static String transactionPrefix() {
    return "B" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL) + "-";
  }

  /** The service's CSV; with {@code lastRowBad}, the last row names a SKU nobody has. */
  Path importCsv(DataSet data, Merchant merchant, boolean lastRowBad) throws IOException {
    int last = data.lines() - 1;
    return importCsv(data, merchant,
        item -> lastRowBad && item == last ? Flaw.UNKNOWN_SKU : Flaw.NONE);
  }

  /** The service's CSV, each item (by its index in the data set) made bad as {@code flaws} says. */
  Path importCsv(DataSet data, Merchant merchant, IntFunction<Flaw> flaws) throws IOException {
    Path file = Files.createTempFile(dir, "purchases-", ".csv");
    try (Writer out = writer(file)) {
      writeImportCsv(out, data, merchant, flaws);
    }
    return file;
  }

  /** The service's CSV compressed with gzip ({@code .csv.gz}), as a shop may send its export. */
  Path importCsvGz(DataSet data, Merchant merchant) throws IOException {
    Path file = Files.createTempFile(dir, "purchases-", ".csv.gz");
    try (Writer out = new BufferedWriter(new OutputStreamWriter(
        new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8),
        1 << 20)) {
      writeImportCsv(out, data, merchant, item -> Flaw.NONE);
    }
    return file;
  }

  private static void writeImportCsv(Writer out, DataSet data, Merchant merchant,
      IntFunction<Flaw> flaws) throws IOException {
    String prefix = transactionPrefix();
    out.write(String.join(",", IMPORT_COLUMNS) + "\n");
    for (int p = 0; p < data.purchases(); p++) {
      String purchase = prefix + (p + 1) + "," + data.date(p) + ","
          + merchant.users()[data.userIndex()[p]] + "," + money(data.finalAmountCents(p)) + ",";
      for (int item = data.firstItem()[p]; item < data.firstItem()[p + 1]; item++) {
        Flaw flaw = flaws.apply(item);
        UUID sku =
            flaw == Flaw.UNKNOWN_SKU ? randomUuid() : merchant.skus()[data.skuIndex()[item]];
        int quantity = flaw == Flaw.ZERO_QUANTITY ? 0 : data.quantity()[item];
        out.write(purchase);
        out.write(sku + "," + quantity + "," + money(data.unitPriceCents()[item]) + ","
            + money(data.lineTotalCents(item)) + "\n");
      }
    }
  }

  /** The ledger's two tables as CSV, one file each, in their COPY column order. */
  record CopyFiles(Path purchases, Path items) {
    void delete() throws IOException {
      Files.deleteIfExists(purchases);
      Files.deleteIfExists(items);
    }
  }

  /** The same rows already split into purchases and items and keyed with their ids. */
  CopyFiles copyFiles(DataSet data, Merchant merchant) throws IOException {
    Path purchases = Files.createTempFile(dir, "copy-purchases-", ".csv");
    Path items = Files.createTempFile(dir, "copy-items-", ".csv");
    String prefix = transactionPrefix();
    String createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    try (Writer purchaseOut = writer(purchases); Writer itemOut = writer(items)) {
      for (int p = 0; p < data.purchases(); p++) {
        UUID purchaseId = randomUuid();
        purchaseOut.write(purchaseId + "," + merchant.id() + "," + prefix + (p + 1) + ","
            + data.date(p) + "," + merchant.users()[data.userIndex()[p]] + ","
            + money(data.finalAmountCents(p)) + "," + createdAt + "\n");
        for (int item = data.firstItem()[p]; item < data.firstItem()[p + 1]; item++) {
          itemOut.write(randomUuid() + "," + purchaseId + ","
              + merchant.skus()[data.skuIndex()[item]] + "," + data.quantity()[item] + ","
              + money(data.unitPriceCents()[item]) + "," + money(data.lineTotalCents(item))
              + "\n");
        }
      }
    }
    return new CopyFiles(purchases, items);
  }

  /** The payload of bulk_insert_purchases_with_items: the purchases with their items. */
  static String jsonPayload(DataSet data, Merchant merchant) {
    String prefix = transactionPrefix();
    StringBuilder json = new StringBuilder(data.lines() * 160);
    json.append('[');
    for (int p = 0; p < data.purchases(); p++) {
      if (p > 0) {
        json.append(',');
      }
      json.append("{\"transaction_number\":\"").append(prefix).append(p + 1)
          .append("\",\"transaction_date\":\"").append(data.date(p))
          .append("\",\"user_id\":\"").append(merchant.users()[data.userIndex()[p]])
          .append("\",\"final_amount\":").append(money(data.finalAmountCents(p)))
          .append(",\"items\":[");
      for (int item = data.firstItem()[p]; item < data.firstItem()[p + 1]; item++) {
        if (item > data.firstItem()[p]) {
          json.append(',');
        }
        json.append("{\"sku_id\":\"").append(merchant.skus()[data.skuIndex()[item]])
            .append("\",\"quantity\":").append(data.quantity()[item])
            .append(",\"unit_price\":").append(money(data.unitPriceCents()[item]))
            .append(",\"line_total\":").append(money(data.lineTotalCents(item)))
            .append('}');
      }
      json.append("]}");
    }
    return json.append(']').toString();
  }

  static Writer writer(Path file) throws IOException {
    return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20);
  }

  static String money(long cents) {
    long fraction = cents % 100;
    return (cents / 100) + (fraction < 10 ? ".0" : ".") + fraction;
  }
}
