package crm.bulkimport.ledger;

import crm.bulkimport.config.ConcurrencyProperties;
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

  public LedgerLoader(
      DataSource dataSource, LedgerProperties properties, ConcurrencyProperties concurrency) {
    this.dataSource = dataSource;
    if (properties.maxPurchasesPerImport() != null) {
      this.maxPurchases = properties.maxPurchasesPerImport();
      return;
    }
    // Each running import may use this share of the heap for its purchase index; the rest of an
    // import needs little (streams and buffers), and the web side even less.
    long perImport =
        Runtime.getRuntime().maxMemory() * 3 / 4 / Math.max(1, concurrency.jobThreads());
    this.maxPurchases =
        (int) Math.min(Integer.MAX_VALUE, perImport / PurchaseGrouping.BYTES_PER_PURCHASE);
  }

  /**
   * Takes the merchant's import lock and opens a staging table for this transaction. Must be called
   * inside a transaction: everything the load writes commits or rolls back with it.
   */
  public LedgerLoad begin(UUID merchantId) throws SQLException {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("A ledger load needs a transaction");
    }
    Connection connection = DataSourceUtils.getConnection(dataSource);
    return new LedgerLoad(
        connection, connection.unwrap(PGConnection.class), merchantId, maxPurchases);
  }
}
