package bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A soak batch as the database has it at the end: the service's row, as each instance wrote it,
 * and what the ledger really holds under the batch's id.
 */
record SoakBatch(UUID id, UUID merchantId, String status, int attempts, Long purchasesCount,
    Long itemsCount, Instant createdAt, Instant startedAt, Instant completedAt,
    long ledgerPurchases, long ledgerItems) {

  static Map<UUID, SoakBatch> load(Connection db, Collection<UUID> ids) throws SQLException {
    Map<UUID, SoakBatch> batches = new HashMap<>();
    try (PreparedStatement query = db.prepareStatement("""
        select b.id, b.merchant_id, b.status, b.attempts, b.purchases_count, b.items_count,
          b.created_at, b.started_at, b.completed_at,
          (select count(*) from purchase_ledger p where p.import_batch_id = b.id),
          (select count(*) from purchase_items_ledger i
            join purchase_ledger p on p.id = i.transaction_id where p.import_batch_id = b.id)
        from bulk_import_batches b where b.id = any(?)""")) {
      query.setArray(1, db.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          SoakBatch batch = new SoakBatch(rs.getObject(1, UUID.class),
              rs.getObject(2, UUID.class), rs.getString(3), rs.getInt(4),
              nullableLong(rs, 5), nullableLong(rs, 6), instant(rs, 7),
              instant(rs, 8), instant(rs, 9), rs.getLong(10), rs.getLong(11));
          batches.put(batch.id(), batch);
        }
      }
    }
    return batches;
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }

  boolean finished() {
    return !"pending".equals(status) && !"processing".equals(status);
  }

  /** From the first claim (a revived import keeps it) to the end, in seconds. */
  double importSeconds() {
    return seconds(startedAt, completedAt);
  }

  static double seconds(Instant from, Instant to) {
    return (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
  }
}
