package crm.bulkimport.ledger;

import crm.bulkimport.problem.ErrorCollector;
import crm.bulkimport.problem.ImportError;
import crm.bulkimport.validation.PurchaseLine;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
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
      "COPY import_stage (line, transaction_number, transaction_date, user_id, final_amount,"
          + " sku_id, quantity, unit_price, line_total, purchase_id, item_id, is_first)"
          + " FROM STDIN (FORMAT binary)";

  private final Connection connection;
  private final PGConnection pg;
  private final UUID merchantId;
  private PGCopyOutputStream copy;
  private BinaryCopyRows out;
  private long staged;
  private final PurchaseGrouping grouping;

  LedgerLoad(Connection connection, PGConnection pg, UUID merchantId, int maxPurchases)
      throws SQLException {
    this.grouping = new PurchaseGrouping(maxPurchases);
    this.connection = connection;
    this.pg = pg;
    this.merchantId = merchantId;
    try (PreparedStatement lock =
        connection.prepareStatement(
            "select pg_advisory_xact_lock(hashtextextended('purchase-import:' || ?, 0))")) {
      // Imports of one merchant run one at a time, so that their duplicate checks cannot race.
      lock.setString(1, merchantId.toString());
      lock.execute();
    }
    try (Statement statement = connection.createStatement()) {
      // Room for the hash tables of the checks, so they do not spill to disk on big files.
      statement.execute("set local work_mem = '64MB'");
      statement.execute("select import_stage_prepare()");
    }
  }

  /**
   * Adds a checked row to the staging table, in the purchase its transaction_number names; reports
   * it when it disagrees with that purchase's first row.
   */
  public void stage(PurchaseLine line, ErrorCollector errors) throws SQLException, IOException {
    PurchaseGrouping.Assigned ids = grouping.assign(line, errors);
    if (out == null) {
      copy = new PGCopyOutputStream(pg, COPY_INTO_STAGE, 1 << 16);
      out = new BinaryCopyRows(copy);
    }
    BinaryCopyRows row = out;
    row.startRow(12);
    row.int4((int) line.line());
    row.text(line.transactionNumber());
    row.timestamptz(line.transactionDate().toInstant());
    row.uuid(line.userId());
    row.numeric(line.finalAmount());
    row.uuid(line.skuId());
    row.numeric(line.quantity());
    row.numeric(line.unitPrice());
    row.numeric(line.lineTotal());
    row.uuid(ids.purchaseId());
    row.uuid(ids.itemId());
    row.bool(ids.first());
    staged++;
  }

  /**
   * Ends the COPY. The staging table is not analysed: without statistics the planner sizes it from
   * its pages and picks the hash anti-joins the checks need anyway, and ANALYZE of a million rows
   * costs about a second.
   */
  public void endStaging() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }

  /** Rows staged so far. */
  public long staged() {
    return staged;
  }

  /** Reports every problem that needs the database to see, in line order. */
  public void checkAgainstDatabase(ErrorCollector errors) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "select line, transaction_number, column_name, code, message"
                + " from import_stage_errors(?) order by line, column_name")) {
      query.setObject(1, merchantId);
      query.setFetchSize(1000);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          errors.add(
              new ImportError(
                  rs.getInt(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  List.of()));
        }
      }
    }
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
  public Written countStaged() {
    return new Written(grouping.purchases(), (int) staged);
  }

  /**
   * The file has more purchases than this instance can group in its heap: it is refused with a
   * clear answer instead of running the service out of memory.
   */
  public static final class TooManyPurchases extends RuntimeException {
    private final long line;

    TooManyPurchases(int limit, long line) {
      super(
          "The file has more than "
              + limit
              + " purchases, more than this service's memory allows in one import. Split the"
              + " file, or run the service with more heap.",
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
            "select purchases_inserted, items_inserted from import_stage_apply(?, ?, ?)")) {
      apply.setObject(1, merchantId);
      apply.setObject(2, batchId);
      apply.setTimestamp(3, Timestamp.from(createdAt));
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
