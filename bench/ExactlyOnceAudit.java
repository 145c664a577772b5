package bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Every row exactly once, from the ledger itself: each completed batch holds exactly the purchases
 * and items of its file, nothing else of the soak's merchants is there, no merchant has a
 * transaction number twice, and each upload made one batch (a resent one gave back the first).
 */
final class ExactlyOnceAudit {
  private static final int PROBLEMS_SHOWN = 10;

  private ExactlyOnceAudit() {}

  /** One accepted upload and what its file holds. */
  record Expected(UUID batchId, long purchases, long items) {}

  record Result(int batches, int matching, long purchases, long items, long strayPurchases,
      long duplicateNumbers, long batchesOfMerchants, List<String> problems) {

    boolean passed() {
      return matching == batches && strayPurchases == 0 && duplicateNumbers == 0
          && batchesOfMerchants == batches;
    }
  }

  static Result check(Connection db, List<Expected> expected, Map<UUID, SoakBatch> rows,
      Collection<UUID> merchantIds) throws SQLException {
    List<String> problems = new ArrayList<>();
    int matching = 0;
    long purchases = 0;
    long items = 0;
    for (Expected e : expected) {
      SoakBatch row = rows.get(e.batchId());
      String problem = problem(e, row);
      if (problem == null) {
        matching++;
        purchases += row.ledgerPurchases();
        items += row.ledgerItems();
      } else if (problems.size() < PROBLEMS_SHOWN) {
        problems.add(problem);
      }
    }
    Object[] merchants = merchantIds.toArray();
    Object[] batches = expected.stream().map(Expected::batchId).toArray();
    long stray = count(db, """
        select count(*) from purchase_ledger
        where merchant_id = any(?) and (import_batch_id is null or import_batch_id <> all(?))""",
        merchants, batches);
    long duplicates = count(db, """
        select count(*) from (
          select 1 from purchase_ledger where merchant_id = any(?)
          group by merchant_id, transaction_number having count(*) > 1) twice""",
        merchants);
    long batchesOfMerchants = count(db,
        "select count(*) from bulk_import_batches where merchant_id = any(?)", merchants);
    return new Result(expected.size(), matching, purchases, items, stray, duplicates,
        batchesOfMerchants, List.copyOf(problems));
  }

  /** What is wrong with the batch's rows in the ledger, or null. */
  private static String problem(Expected e, SoakBatch row) {
    if (row == null) {
      return "batch " + e.batchId() + " is missing";
    }
    // A batch that did not complete must have left nothing behind.
    boolean completed = "completed".equals(row.status());
    long purchases = completed ? e.purchases() : 0;
    long items = completed ? e.items() : 0;
    boolean matches = row.ledgerPurchases() == purchases && row.ledgerItems() == items
        && (!completed || (Long.valueOf(purchases).equals(row.purchasesCount())
            && Long.valueOf(items).equals(row.itemsCount())));
    return matches ? null : String.format(Locale.ROOT,
        "batch %s (%s, %d attempts): the ledger holds %d purchases and %d items, the status says"
            + " %s and %s; its file has %d and %d", row.id(), row.status(), row.attempts(),
        row.ledgerPurchases(), row.ledgerItems(), row.purchasesCount(), row.itemsCount(),
        e.purchases(), e.items());
  }

  private static long count(Connection db, String sql, Object[]... uuidArrays)
      throws SQLException {
    try (PreparedStatement query = db.prepareStatement(sql)) {
      for (int i = 0; i < uuidArrays.length; i++) {
        query.setArray(i + 1, db.createArrayOf("uuid", uuidArrays[i]));
      }
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
