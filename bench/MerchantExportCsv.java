package bench;

import static bench.DataFiles.money;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The rows of {@link DataFiles#importCsv} as a merchant's own export would have them: headers of
 * its own, customers by email and products by code instead of the CRM's UUIDs. Same purchases,
 * items, dates and amounts, so that an import of it compares with the UUID path and the same raw
 * COPY; and the profile that maps it.
 */
final class MerchantExportCsv {
  static final String PROFILE_NAME = "bench by keys";

  private final Path dir;

  MerchantExportCsv(Path dir) {
    this.dir = dir;
  }

  /** The body of {@code POST /api/import/profiles} that reads these files for the merchant. */
  static String profileBody(UUID merchantId) {
    return """
        {"merchant_id": "%s", "name": "%s",
         "columns": {"transaction_number": "order_no", "transaction_date": "ordered_at",
                     "user": "customer_email", "final_amount": "order_total",
                     "sku": "product_code", "quantity": "qty", "unit_price": "price",
                     "line_total": "amount"},
         "user_key": "email", "sku_key": "code"}
        """.formatted(merchantId, PROFILE_NAME);
  }

  Path write(DataSet data) throws IOException {
    Path file = Files.createTempFile(dir, "export-", ".csv");
    String prefix = DataFiles.transactionPrefix();
    try (Writer out = DataFiles.writer(file)) {
      out.write("order_no,ordered_at,customer_email,order_total,product_code,qty,price,amount\n");
      for (int p = 0; p < data.purchases(); p++) {
        String purchase = prefix + (p + 1) + "," + data.date(p) + ","
            + Merchant.email(data.userIndex()[p]) + "," + money(data.finalAmountCents(p)) + ",";
        for (int item = data.firstItem()[p]; item < data.firstItem()[p + 1]; item++) {
          out.write(purchase);
          out.write(Merchant.skuCode(data.skuIndex()[item]) + "," + data.quantity()[item] + ","
              + money(data.unitPriceCents()[item]) + "," + money(data.lineTotalCents(item))
              + "\n");
        }
      }
    }
    return file;
  }
}
