package crm.bulkimport.ledger;

import crm.bulkimport.profile.CrmKeys;
import crm.bulkimport.profile.ImportProfile;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Starts loads into the ledger on the caller's transaction. */
@Component
public class LedgerLoader {

  private final DataSource dataSource;
  private final int maxPurchases;
  private final CrmKeys keys;

  public LedgerLoader(DataSource dataSource, LedgerProperties properties, CrmKeys keys) {
    this.dataSource = dataSource;
    this.keys = keys;
    // Grouping needs the same memory for any number of purchases, so the limit is only the
    // operator's.
    this.maxPurchases =
        properties.maxPurchasesPerImport() == null
            ? Integer.MAX_VALUE
            : properties.maxPurchasesPerImport();
  }

  /**
   * Takes the merchant's import lock and opens a staging table for this transaction. Must be called
   * inside a transaction: everything the load writes commits or rolls back with it.
   */
  public LedgerLoad begin(UUID merchantId, ImportProfile profile) throws SQLException {
    return open(merchantId, profile, true);
  }

  /**
   * A load that only looks: for a preview of a few rows, which must answer at once even while an
   * import of the merchant holds its lock, and which the caller always rolls back.
   */
  public LedgerLoad beginTrial(UUID merchantId, ImportProfile profile) throws SQLException {
    return open(merchantId, profile, false);
  }

  private LedgerLoad open(UUID merchantId, ImportProfile profile, boolean lock)
      throws SQLException {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("A ledger load needs a transaction");
    }
    Connection connection = DataSourceUtils.getConnection(dataSource);
    return new LedgerLoad(
        connection,
        connection.unwrap(PGConnection.class),
        merchantId,
        maxPurchases,
        profile,
        keys,
        lock,
        new SeenTransactions());
  }
}
