package crm.bulkimport.support;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** A merchant of the test's own, with users and SKUs, so tests never see each other's data. */
public record Tenant(UUID merchantId, List<UUID> users, List<UUID> skus) {

  public static Tenant create(JdbcTemplate jdbc, int userCount, int skuCount) {
    UUID merchant = UUID.randomUUID();
    jdbc.update("insert into merchants (id, name) values (?, ?)", merchant, "Test " + merchant);
    List<UUID> users = new ArrayList<>();
    for (int i = 0; i < userCount; i++) {
      UUID id = UUID.randomUUID();
      jdbc.update("insert into users (id, merchant_id) values (?, ?)", id, merchant);
      users.add(id);
    }
    List<UUID> skus = new ArrayList<>();
    for (int i = 0; i < skuCount; i++) {
      UUID id = UUID.randomUUID();
      jdbc.update("insert into skus (id, merchant_id) values (?, ?)", id, merchant);
      skus.add(id);
    }
    return new Tenant(merchant, users, skus);
  }

  public int purchasesInLedger(JdbcTemplate jdbc) {
    return jdbc.queryForObject(
        "select count(*) from purchase_ledger where merchant_id = ?", Integer.class, merchantId);
  }

  public int itemsInLedger(JdbcTemplate jdbc) {
    return jdbc.queryForObject(
        "select count(*) from purchase_items_ledger i join purchase_ledger p on p.id ="
            + " i.transaction_id where p.merchant_id = ?",
        Integer.class,
        merchantId);
  }

  public int batchCount(JdbcTemplate jdbc) {
    return jdbc.queryForObject(
        "select count(*) from bulk_import_batches where merchant_id = ?",
        Integer.class,
        merchantId);
  }

  /**
   * A pending batch named {@code name} with no scheduled job: it stays pending for as long as a
   * test needs it to, as one behind busy workers would.
   */
  public UUID pendingBatch(JdbcTemplate jdbc, String name) {
    UUID id = UUID.randomUUID();
    jdbc.update(
        "insert into bulk_import_batches (id, merchant_id, batch_name, file_name, status,"
            + " created_at) values (?, ?, ?, 'waiting.csv', 'pending', now())",
        id,
        merchantId,
        name);
    return id;
  }

  /** A valid CSV of {@code purchases} purchases with {@code itemsEach} items each. */
  public String csv(int purchases, int itemsEach) {
    StringBuilder csv = new StringBuilder(Csv.HEADER).append('\n');
    for (int p = 0; p < purchases; p++) {
      for (int i = 0; i < itemsEach; i++) {
        csv.append(row("T-" + p, users.get(p % users.size()), skus.get(i % skus.size())))
            .append('\n');
      }
    }
    return csv.toString();
  }

  /** One valid row; every item costs 1.00 and each purchase's final_amount is 9.99. */
  public static String row(String transactionNumber, UUID user, UUID sku) {
    return transactionNumber + ",2024-01-15T10:00:00Z," + user + ",9.99," + sku + ",1,1.00,1.00";
  }
}
