package bench;

import static bench.Figures.median;
import static bench.Figures.seconds;
import static bench.ProgressLog.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The service's set-based SQL function against the row-by-row loop of the original design. */
final class SqlFunctionCase {

  /**
   * What the original design did: one INSERT ... RETURNING per purchase and one INSERT per item,
   * in a PL/pgSQL loop. It checks nothing beyond the foreign keys, so it is, if anything, faster
   * than the original; the speed-up of the set-based function is a lower bound.
   */
  static final String ROW_BY_ROW_FUNCTION =
      """
      create schema if not exists bench;
      create or replace function bench.row_by_row_insert(p jsonb, m uuid) returns void
      language plpgsql as $$
      declare
          purchase    jsonb;
          item        jsonb;
          purchase_id uuid;
      begin
          for purchase in select value from jsonb_array_elements(p) loop
              insert into purchase_ledger (id, merchant_id, transaction_number, transaction_date,
                                           user_id, final_amount)
              values (gen_random_uuid(), m, purchase ->> 'transaction_number',
                      (purchase ->> 'transaction_date')::timestamptz,
                      (purchase ->> 'user_id')::uuid, (purchase ->> 'final_amount')::numeric)
              returning id into purchase_id;
              for item in select value from jsonb_array_elements(purchase -> 'items') loop
                  insert into purchase_items_ledger (id, transaction_id, sku_id, quantity,
                                                     unit_price, line_total)
                  values (gen_random_uuid(), purchase_id, (item ->> 'sku_id')::uuid,
                          (item ->> 'quantity')::numeric, (item ->> 'unit_price')::numeric,
                          (item ->> 'line_total')::numeric);
              end loop;
          end loop;
      end
      $$;
      """;

  private final Connection db;
  private final Merchants merchants;

  SqlFunctionCase(Connection db, Merchants merchants) {
    this.db = db;
    this.merchants = merchants;
  }

  /** Both functions on the same JSON payload (for fresh merchants), alternating, over JDBC. */
  Result measure(DataSet data, int runs) throws Exception {
    log("SQL function vs row-by-row PL/pgSQL: %,d lines, %d run(s)", data.lines(), runs);
    try (Statement statement = db.createStatement()) {
      statement.execute(ROW_BY_ROW_FUNCTION);
    }
    List<Double> setBased = new ArrayList<>();
    List<Double> rowByRow = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      setBased.add(timeBulkInsertFunction(data));
      rowByRow.add(timeRowByRowFunction(data));
      log("  run %d/%d: bulk_insert_purchases_with_items %s s; row-by-row %s s", run, runs,
          seconds(setBased.get(run - 1)), seconds(rowByRow.get(run - 1)));
    }
    return new Result(data.lines(), median(setBased), median(rowByRow), runs);
  }

  private double timeBulkInsertFunction(DataSet data) throws Exception {
    Merchant merchant = merchants.create("bulk_insert_purchases_with_items");
    String payload = DataFiles.jsonPayload(data, merchant);
    try (PreparedStatement call =
        db.prepareStatement("select * from bulk_insert_purchases_with_items(?::jsonb, ?)")) {
      call.setString(1, payload);
      call.setObject(2, merchant.id());
      long start = System.nanoTime();
      try (ResultSet rs = call.executeQuery()) {
        double seconds = (System.nanoTime() - start) / 1e9;
        rs.next();
        if (!rs.getBoolean("success")
            || rs.getInt("purchases_inserted") != data.purchases()
            || rs.getInt("items_inserted") != data.lines()) {
          throw new BenchmarkFailure(
              String.format(Locale.ROOT,
                  "bulk_insert_purchases_with_items answered success=%s, %d purchases, %d items,"
                      + " message %s; expected %d purchases and %d items",
                  rs.getBoolean("success"), rs.getInt("purchases_inserted"),
                  rs.getInt("items_inserted"), rs.getString("error_message"), data.purchases(),
                  data.lines()));
        }
        merchants.expectLedger(merchant, data.purchases(), data.lines(),
            "bulk_insert_purchases_with_items");
        return seconds;
      }
    }
  }

  private double timeRowByRowFunction(DataSet data) throws Exception {
    Merchant merchant = merchants.create("row-by-row insert");
    String payload = DataFiles.jsonPayload(data, merchant);
    try (PreparedStatement call =
        db.prepareStatement("select bench.row_by_row_insert(?::jsonb, ?)")) {
      call.setString(1, payload);
      call.setObject(2, merchant.id());
      long start = System.nanoTime();
      call.execute();
      double seconds = (System.nanoTime() - start) / 1e9;
      merchants.expectLedger(merchant, data.purchases(), data.lines(), "bench.row_by_row_insert");
      return seconds;
    }
  }

  record Result(int lines, double setBasedSeconds, double rowByRowSeconds, int runs) {}
}
