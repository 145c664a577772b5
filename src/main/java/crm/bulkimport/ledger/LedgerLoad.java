package crm.bulkimport.ledger;

import crm.bulkimport.problem.ErrorCollector;
import crm.bulkimport.problem.ImportError;
import crm.bulkimport.profile.CrmKeys;
import crm.bulkimport.profile.Field;
import crm.bulkimport.profile.ImportProfile;
import crm.bulkimport.profile.KeyKind;
import crm.bulkimport.validation.PurchaseLine;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * One import's rows on their way into the ledger: staged, checked, then applied, all on one
 * connection inside one transaction.
 */
public final class LedgerLoad {

  private static final String COPY_INTO_STAGE =
      """
      COPY import_stage (line, transaction_number, transaction_date, user_id, user_ref,
                         final_amount, sku_id, sku_ref, quantity, unit_price, line_total,
                         purchase_id, item_id, is_first, deferred)
      FROM STDIN (FORMAT binary)""";

  private final Connection connection;
  private final PGConnection pg;
  private final UUID merchantId;
  private PGCopyOutputStream copy;
  private BinaryCopyRows out;
  private long staged;
  private final PurchaseGrouping grouping;
  private final ImportProfile profile;
  private final CrmKeys keys;
  private boolean changedAfterStaging;

  LedgerLoad(
      Connection connection,
      PGConnection pg,
      UUID merchantId,
      int maxPurchases,
      ImportProfile profile,
      CrmKeys keys,
      boolean lock,
      SeenTransactions seen)
      throws SQLException {
    this.grouping = new PurchaseGrouping(maxPurchases, profile, seen);
    this.connection = connection;
    this.pg = pg;
    this.merchantId = merchantId;
    this.profile = profile;
    this.keys = keys;
    if (lock) {
      lockMerchant();
    }
    try (Statement statement = connection.createStatement()) {
      // Room for the hash tables of the checks, so they do not spill to disk on big files.
      statement.execute("set local work_mem = '64MB'");
      statement.execute("select import_stage_prepare()");
    }
  }

  private void lockMerchant() throws SQLException {
    try (PreparedStatement lock =
        connection.prepareStatement(
            "select pg_advisory_xact_lock(hashtextextended('purchase-import:' || ?, 0))")) {
      // Imports of one merchant run one at a time, so that their duplicate checks cannot race.
      lock.setString(1, merchantId.toString());
      lock.execute();
    }
  }

  /**
   * Adds a checked row to the staging table, in the purchase its transaction_number names; reports
   * it when it disagrees with that purchase's first row.
   */
  public void stage(PurchaseLine line, ErrorCollector errors) throws SQLException, IOException {
    PurchaseGrouping.Assigned ids = grouping.assign(line, errors);
    if (ids == null) {
      return;
    }
    if (out == null) {
      copy = new PGCopyOutputStream(pg, COPY_INTO_STAGE, 1 << 16);
      out = new BinaryCopyRows(copy);
    }
    BinaryCopyRows row = out;
    row.startRow(15);
    row.int4((int) line.line());
    row.text(line.transactionNumber());
    if (ids.date() == null) {
      row.nothing();
    } else {
      row.timestamptz(ids.date());
    }
    uuidOrNothing(row, line.userId());
    textOrNothing(row, line.userRef());
    if (line.finalAmount() == null) {
      row.nothing();
    } else {
      row.numeric(line.finalAmount());
    }
    uuidOrNothing(row, line.skuId());
    textOrNothing(row, line.skuRef());
    row.numeric(line.quantity());
    row.numeric(line.unitPrice());
    row.numeric(line.lineTotal());
    row.uuid(ids.purchaseId());
    row.uuid(ids.itemId());
    row.bool(ids.first());
    row.bool(ids.deferred());
    staged++;
  }

  private static void uuidOrNothing(BinaryCopyRows row, UUID value) throws IOException {
    if (value == null) {
      row.nothing();
    } else {
      row.uuid(value);
    }
  }

  private static void textOrNothing(BinaryCopyRows row, String value) throws IOException {
    if (value == null) {
      row.nothing();
    } else {
      row.text(value);
    }
  }

  /**
   * Ends the COPY, then groups the rows staged as deferred with the rest of their purchase and
   * reports their problems to {@code groupingErrors} (see {@link #groupDeferred}): only then does
   * the staging table hold purchases, so every caller gets both. The staging table is not analysed:
   * without statistics the planner sizes it from its pages and picks the hash anti-joins the checks
   * need anyway, and ANALYZE of a million rows costs about a second.
   */
  public void endStaging(ErrorCollector groupingErrors) throws IOException, SQLException {
    if (out != null) {
      out.close();
      out = null;
    }
    groupDeferred(groupingErrors);
  }

  /**
   * Groups the rows staged as deferred (their purchase's rows were not adjacent, see {@link
   * PurchaseGrouping}) with the rest of their purchase, set-based in the staging table, and reports
   * their problems as the pass would have, in line order.
   */
  private void groupDeferred(ErrorCollector errors) throws SQLException {
    if (grouping.deferredRows() == 0) {
      return;
    }
    int firsts = 0;
    try (PreparedStatement group =
        connection.prepareStatement(
            """
            select line, transaction_number, transaction_date, user_id, user_ref, final_amount,
                   first_line, first_date, first_user_id, first_user_ref, first_final_amount
            from import_stage_group_deferred(?)""")) {
      group.setBoolean(1, profile.maps(Field.FINAL_AMOUNT));
      group.setFetchSize(1000);
      try (ResultSet rs = group.executeQuery()) {
        while (rs.next()) {
          PurchaseGrouping.Scattered row =
              new PurchaseGrouping.Scattered(
                  rs.getInt(1),
                  rs.getString(2),
                  instant(rs.getTimestamp(3)),
                  rs.getObject(4, UUID.class),
                  rs.getString(5),
                  rs.getBigDecimal(6),
                  (Integer) rs.getObject(7),
                  instant(rs.getTimestamp(8)),
                  rs.getObject(9, UUID.class),
                  rs.getString(10),
                  rs.getBigDecimal(11));
          if (grouping.resolve(row, errors)) {
            firsts++;
          }
        }
      }
    }
    grouping.resolved(firsts);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  /** Rows staged so far. */
  public long staged() {
    return staged;
  }

  /**
   * Finds the users and SKUs the file named by a key, one join per key, then reports every problem
   * that needs the database to see, in line order, under the file's own headers: a transaction
   * number already in the ledger among them.
   */
  public void checkAgainstDatabase(ErrorCollector errors) throws SQLException {
    matchKeys();
    reportProblems(errors, Existing.DUPLICATE);
  }

  /** Finds the users and SKUs the file named by a key, one join per key. */
  public void matchKeys() throws SQLException {
    if (!byKeys()) {
      return;
    }
    try (PreparedStatement match =
        connection.prepareStatement("select import_stage_match(?, ?, ?, ?, ?)")) {
      match.setObject(1, merchantId);
      bindKey(match, 2, profile.userKey(), true);
      bindKey(match, 4, profile.skuKey(), false);
      match.execute();
    }
  }

  /** What the checks say of a staged purchase whose transaction_number the ledger already has. */
  public enum Existing {
    /** {@code duplicate_transaction}: the default, all of them. */
    DUPLICATE,
    /**
     * {@code conflicting_transaction}, each with what differs: after {@link #skipIdentical} took
     * out the identical ones.
     */
    CONFLICT,
    /** Nothing: that check is asked for later, on its own, with {@link #reportExisting}. */
    LATER
  }

  /**
   * Reports every problem of the staged rows that needs the database to see (users and SKUs that
   * are not the merchant's, amounts out of range, and those already in the ledger as {@code
   * existing} says), in line order, under the file's own headers. Call after {@link #matchKeys}.
   */
  public void reportProblems(ErrorCollector errors, Existing existing) throws SQLException {
    String query =
        switch (existing) {
          case LATER -> "select * from import_stage_row_errors(?, ?, ?)";
          case DUPLICATE, CONFLICT ->
              """
              select * from import_stage_row_errors(?, ?, ?)
              union all
              select * from import_stage_existing(?, ?)""";
        };
    try (PreparedStatement statement =
        connection.prepareStatement(
            "select line, transaction_number, column_name, code, message from ("
                + query
                + ") problems order by line, column_name")) {
      statement.setObject(1, merchantId);
      statement.setString(2, profile.userKey().wireName());
      statement.setString(3, profile.skuKey().wireName());
      if (existing != Existing.LATER) {
        statement.setObject(4, merchantId);
        statement.setBoolean(5, existing == Existing.CONFLICT);
      }
      report(statement, errors);
    }
  }

  /**
   * Reports the staged purchases already in the ledger, alone: {@code duplicate_transaction}, or
   * with {@code conflict} (after {@link #skipIdentical}) {@code conflicting_transaction}.
   */
  public void reportExisting(ErrorCollector errors, boolean conflict) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            """
            select line, transaction_number, column_name, code, message
            from import_stage_existing(?, ?) order by line""")) {
      statement.setObject(1, merchantId);
      statement.setBoolean(2, conflict);
      report(statement, errors);
    }
  }

  private void report(PreparedStatement statement, ErrorCollector errors) throws SQLException {
    statement.setFetchSize(1000);
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        Field field = Field.byWireName(rs.getString(3)).orElseThrow();
        errors.add(
            new ImportError(
                rs.getInt(1),
                rs.getString(2),
                profile.header(field),
                field.wireName(),
                rs.getString(4),
                rs.getString(5),
                List.of()));
      }
    }
  }

  /** What {@link #skipIdentical} took out of the staging table. */
  public record Skipped(int purchases, int rows) {}

  /**
   * on_existing=skip: takes out of the staging table every staged purchase that the merchant's
   * ledger already holds identically (date, user, final amount, and the same items), set-based.
   * Call after {@link #matchKeys}; the ones that differ are then {@code conflicting_transaction}.
   */
  public Skipped skipIdentical() throws SQLException {
    try (PreparedStatement skip =
        connection.prepareStatement(
            "select skipped_purchases, skipped_rows from import_stage_skip_existing(?)")) {
      skip.setObject(1, merchantId);
      try (ResultSet rs = skip.executeQuery()) {
        rs.next();
        Skipped skipped = new Skipped(rs.getInt(1), rs.getInt(2));
        if (skipped.rows() > 0) {
          changedAfterStaging = true;
        }
        return skipped;
      }
    }
  }

  /** What a partial import left out so far. */
  public record Rejected(int purchases, int rows) {}

  /**
   * partial=true: takes every purchase with one of these errors out of the staging table, whole,
   * and records each row it leaves out (and each row with an error) with the batch, in this
   * transaction, for its report. {@code numbers} and {@code lines} are the errors' transaction
   * numbers (null for a row without one) and lines, pairwise. Called again with more, it adds to
   * them.
   */
  public Rejected reject(UUID batchId, List<String> numbers, List<Integer> lines)
      throws SQLException {
    try (PreparedStatement reject =
        connection.prepareStatement(
            "select rejected_purchases, rejected_rows from import_stage_reject(?, ?, ?)")) {
      reject.setObject(1, batchId);
      reject.setArray(2, connection.createArrayOf("text", numbers.toArray()));
      reject.setArray(3, connection.createArrayOf("int4", lines.toArray()));
      try (ResultSet rs = reject.executeQuery()) {
        rs.next();
        changedAfterStaging = true;
        return new Rejected(rs.getInt(1), rs.getInt(2));
      }
    }
  }

  private boolean byKeys() {
    return profile.userKey() != KeyKind.ID || profile.skuKey() != KeyKind.ID;
  }

  /** Binds a key's column and how it is compared, or nulls for a key that is our id. */
  private void bindKey(PreparedStatement statement, int index, KeyKind key, boolean users)
      throws SQLException {
    if (key == KeyKind.ID) {
      statement.setNull(index, Types.VARCHAR);
      statement.setNull(index + 1, Types.VARCHAR);
      return;
    }
    statement.setString(index, users ? keys.userColumn(key) : keys.skuColumn(key));
    statement.setString(index + 1, key == KeyKind.EMAIL ? "lower" : "exact");
  }

  /**
   * Bounds every statement from here on by the job's remaining time, so that a check or write that
   * runs past the limit is stopped by the database itself.
   */
  public void limitStatementsTo(Duration remaining) throws SQLException {
    long millis = Math.max(1, remaining.toMillis());
    try (Statement statement = connection.createStatement()) {
      // SET cannot take a bind parameter; the value is a number we computed, not input.
      statement.execute("set local statement_timeout = " + millis);
    }
  }

  /** What the staged rows would write: for a dry run. */
  public Written countStaged() throws SQLException {
    if (!changedAfterStaging) {
      return new Written(grouping.purchases(), (int) staged);
    }
    // Purchases were skipped or left out since: the table knows what is left.
    try (Statement count = connection.createStatement();
        ResultSet rs =
            count.executeQuery(
                "select count(*) filter (where is_first), count(*) from import_stage")) {
      rs.next();
      return new Written(rs.getInt(1), rs.getInt(2));
    }
  }

  /** The file has more purchases than the operator's IMPORTER_MAX_PURCHASES_PER_IMPORT. */
  public static final class TooManyPurchases extends RuntimeException {
    private final long line;

    TooManyPurchases(int limit, long line) {
      super(
          "The file has more than "
              + limit
              + " purchases, more than IMPORTER_MAX_PURCHASES_PER_IMPORT allows in one import."
              + " Split the file.",
          null,
          false,
          false);
      this.line = line;
    }

    public long line() {
      return line;
    }
  }

  /** What {@link #apply} wrote. */
  public record Written(int purchases, int items) {}

  /** Writes the staged rows into the ledger, tagged with the batch. */
  public Written apply(UUID batchId, Instant createdAt) throws SQLException {
    try (PreparedStatement apply =
        connection.prepareStatement(
            "select purchases_inserted, items_inserted from import_stage_apply(?, ?, ?, ?, ?)")) {
      apply.setObject(1, merchantId);
      apply.setObject(2, batchId);
      apply.setTimestamp(3, Timestamp.from(createdAt));
      apply.setBoolean(4, byKeys());
      apply.setBoolean(5, !profile.maps(Field.FINAL_AMOUNT));
      try (ResultSet rs = apply.executeQuery()) {
        rs.next();
        return new Written(rs.getInt(1), rs.getInt(2));
      }
    }
  }

  /** Abandons a COPY in progress, so that the connection can roll back cleanly. */
  public void abandon() {
    if (copy != null && copy.isActive()) {
      try {
        copy.cancelCopy();
      } catch (SQLException e) {
        // The transaction is rolled back either way.
      }
    }
    out = null;
  }
}
