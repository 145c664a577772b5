package bench;

import static bench.RandomUuids.randomUuid;
import static bench.RandomUuids.randomUuids;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.function.IntFunction;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Creates fresh merchants (fast, with COPY), checks what the ledger holds for them, and deletes
 * every benchmark merchant again.
 */
final class Merchants {
  static final int USERS_PER_MERCHANT = 1_000;
  static final int SKUS_PER_MERCHANT = 500;
  /** Every merchant the benchmark creates is named so, which is how cleanup finds them. */
  static final String MERCHANT_NAME_PREFIX = "crm-bench: ";

  private final Connection db;

  Merchants(Connection db) {
    this.db = db;
  }

  Merchant create(String purpose) throws SQLException, IOException {
    Merchant merchant = new Merchant(randomUuid(), randomUuids(USERS_PER_MERCHANT),
        randomUuids(SKUS_PER_MERCHANT));
    try (PreparedStatement insert =
        db.prepareStatement("insert into merchants (id, name) values (?, ?)")) {
      insert.setObject(1, merchant.id());
      insert.setString(2, MERCHANT_NAME_PREFIX + purpose);
      insert.executeUpdate();
    }
    CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
    // With their emails and codes for every case, so that an import by these keys and one by
    // UUID meet the same tables.
    copy.copyIn("copy users (id, merchant_id, email) from stdin (format csv)",
        new StringReader(ownedBy(merchant.id(), merchant.users(), Merchant::email)));
    copy.copyIn("copy skus (id, merchant_id, code) from stdin (format csv)",
        new StringReader(ownedBy(merchant.id(), merchant.skus(), Merchant::skuCode)));
    return merchant;
  }

  private static String ownedBy(UUID merchantId, UUID[] ids, IntFunction<String> key) {
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < ids.length; i++) {
      csv.append(ids[i]).append(',').append(merchantId).append(',').append(key.apply(i))
          .append('\n');
    }
    return csv.toString();
  }

  /** Checks what is really in the ledger for the merchant, not only what the service says. */
  void expectLedger(Merchant merchant, long purchases, long items, String what)
      throws SQLException {
    long[] counts = ledgerCounts(merchant.id());
    if (counts[0] != purchases || counts[1] != items) {
      throw new BenchmarkFailure(
          String.format(Locale.ROOT,
              "after %s the ledger holds %d purchases and %d items for merchant %s;"
                  + " expected %d and %d", what, counts[0], counts[1], merchant.id(),
              purchases, items));
    }
  }

  /**
   * Checks the values too, summed: the purchases' dates (to the second) and final amounts, the
   * items' quantities, unit prices and line totals must add up to the data set's.
   */
  void expectLedgerValues(Merchant merchant, DataSet data, String what) throws SQLException {
    long[] expected = new long[5];
    for (int p = 0; p < data.purchases(); p++) {
      expected[0] += data.epochSecond()[p];
      expected[1] += data.finalAmountCents(p);
    }
    for (int item = 0; item < data.lines(); item++) {
      expected[2] += data.quantity()[item];
      expected[3] += data.unitPriceCents()[item];
      expected[4] += data.lineTotalCents(item);
    }
    try (PreparedStatement sums = db.prepareStatement("""
        select (select sum(extract(epoch from transaction_date)) from purchase_ledger
                 where merchant_id = ?),
               (select sum(final_amount * 100) from purchase_ledger where merchant_id = ?),
               sum(i.quantity), sum(i.unit_price * 100), sum(i.line_total * 100)
          from purchase_items_ledger i join purchase_ledger p on p.id = i.transaction_id
         where p.merchant_id = ?
        """)) {
      for (int parameter = 1; parameter <= 3; parameter++) {
        sums.setObject(parameter, merchant.id());
      }
      try (ResultSet rs = sums.executeQuery()) {
        rs.next();
        String[] names = {"transaction_date (epoch seconds)", "final_amount (cents)", "quantity",
            "unit_price (cents)", "line_total (cents)"};
        for (int i = 0; i < expected.length; i++) {
          BigDecimal sum = rs.getBigDecimal(i + 1);
          if (sum == null || sum.compareTo(BigDecimal.valueOf(expected[i])) != 0) {
            throw new BenchmarkFailure(String.format(Locale.ROOT,
                "after %s the ledger's %s for merchant %s add up to %s; expected %d", what,
                names[i], merchant.id(), sum, expected[i]));
          }
        }
      }
    }
  }

  /** {purchases, items} in the ledger for the merchant. */
  private long[] ledgerCounts(UUID merchantId) throws SQLException {
    try (PreparedStatement count =
        db.prepareStatement(
            "select (select count(*) from purchase_ledger where merchant_id = ?),"
                + " (select count(*) from purchase_items_ledger i"
                + "  join purchase_ledger p on p.id = i.transaction_id where p.merchant_id = ?)")) {
      count.setObject(1, merchantId);
      count.setObject(2, merchantId);
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
  }

  private boolean schemaExists() throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet rs = statement.executeQuery(
            "select to_regclass('bulk_import_batches') is not null")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /**
   * Deletes every benchmark merchant with its ledger rows, batches, users and SKUs. The ledger
   * is vacuumed before users and SKUs go: their foreign keys from the ledger have no index, so
   * each deleted user or SKU scans the ledger, which must not still be full of dead rows.
   */
  void deleteAll() throws SQLException {
    if (!schemaExists()) {
      return; // a new database, before the service's first start
    }
    String benchMerchants = "(select id from merchants where name like '"
        + MERCHANT_NAME_PREFIX.replace("'", "''") + "%')";
    try (Statement statement = db.createStatement()) {
      statement.executeUpdate("delete from purchase_items_ledger where transaction_id in"
          + " (select id from purchase_ledger where merchant_id in " + benchMerchants + ")");
      statement.executeUpdate(
          "delete from purchase_ledger where merchant_id in " + benchMerchants);
      // A run interrupted mid-import leaves its job scheduled; the next service would run it.
      statement.executeUpdate("delete from scheduled_tasks where task_name = 'purchase-import'"
          + " and task_instance in (select id::text from bulk_import_batches"
          + " where merchant_id in " + benchMerchants + ")");
      // Cascades to the batches' stored files and errors.
      statement.executeUpdate(
          "delete from bulk_import_batches where merchant_id in " + benchMerchants);
      statement.execute("vacuum (analyze) purchase_items_ledger, purchase_ledger");
      statement.executeUpdate("delete from users where merchant_id in " + benchMerchants);
      statement.executeUpdate("delete from skus where merchant_id in " + benchMerchants);
      statement.executeUpdate("delete from merchants where id in " + benchMerchants);
      statement.execute("vacuum (analyze) users, skus, merchants, bulk_import_batches,"
          + " bulk_import_files, bulk_import_errors");
    }
  }
}
