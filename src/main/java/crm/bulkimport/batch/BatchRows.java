package crm.bulkimport.batch;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;

/** How a row of the batch table becomes a {@link Batch}: the columns to select, and the mapping. */
final class BatchRows {

  static final String COLUMNS =
      """
      id, merchant_id, batch_name, file_name, file_size, file_sha256, status, total_rows, \
      purchases_count, items_count, error_count, error_message, warnings, attempts, \
      progress_phase, progress_rows, progress_bytes, created_at, started_at, completed_at, \
      dry_run, delimiter, csv_header, cancel_requested, profile_id, profile_name, \
      profile::text as profile, sheet, on_existing, partial, max_errors, skipped_purchases, \
      rejected_purchases, rejected_rows, reverted_at, reverted_by""";

  static final RowMapper<Batch> BATCH =
      (ResultSet rs, int n) ->
          new Batch(
              rs.getObject("id", UUID.class),
              rs.getObject("merchant_id", UUID.class),
              rs.getString("batch_name"),
              rs.getString("file_name"),
              rs.getLong("file_size"),
              rs.getString("file_sha256"),
              BatchState.of(rs.getString("status")),
              (Integer) rs.getObject("total_rows"),
              (Integer) rs.getObject("purchases_count"),
              (Integer) rs.getObject("items_count"),
              rs.getInt("error_count"),
              rs.getString("error_message"),
              strings(rs.getArray("warnings")),
              rs.getInt("attempts"),
              rs.getString("progress_phase"),
              (Long) rs.getObject("progress_rows"),
              (Long) rs.getObject("progress_bytes"),
              instant(rs.getTimestamp("created_at")),
              instant(rs.getTimestamp("started_at")),
              instant(rs.getTimestamp("completed_at")),
              rs.getBoolean("dry_run"),
              rs.getString("delimiter"),
              strings(rs.getArray("csv_header")),
              rs.getBoolean("cancel_requested"),
              rs.getString("profile") == null
                  ? null
                  : new Batch.ProfileCopy(
                      rs.getString("profile_id"),
                      rs.getString("profile_name"),
                      rs.getString("profile")),
              rs.getString("sheet"),
              new Batch.Options(
                  OnExisting.of(rs.getString("on_existing")),
                  rs.getBoolean("partial"),
                  (Integer) rs.getObject("max_errors")),
              (Integer) rs.getObject("skipped_purchases"),
              (Integer) rs.getObject("rejected_purchases"),
              (Integer) rs.getObject("rejected_rows"),
              instant(rs.getTimestamp("reverted_at")),
              rs.getString("reverted_by"));

  private BatchRows() {}

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
