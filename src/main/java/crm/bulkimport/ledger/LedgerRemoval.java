package crm.bulkimport.ledger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes one batch's purchases and items out of the ledger again, inside the caller's transaction,
 * unless rows of other tables still refer to them. Which tables those could be is read from the
 * database's own foreign keys at the time ({@code ledger_batch_references}), so that a CRM's own
 * tables are respected without the service knowing them.
 */
@Repository
public class LedgerRemoval {

  private static final String FOREIGN_KEY_VIOLATION = "23503";

  /** What was removed. */
  public record Removed(int purchases, int items) {}

  private final JdbcTemplate jdbc;

  LedgerRemoval(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Removes the purchases the batch wrote and their items.
   *
   * @throws RevertBlocked when rows of other tables refer to any of them; nothing is removed
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Removed removeBatch(UUID batchId) {
    Map<String, Long> byTable = new LinkedHashMap<>();
    jdbc.query(
        "select referencing_table, referencing_rows from ledger_batch_references(?)",
        rs -> {
          byTable.merge(rs.getString(1), rs.getLong(2), Long::sum);
        },
        batchId);
    if (!byTable.isEmpty()) {
      List<RevertBlocked.Reference> references =
          byTable.entrySet().stream()
              .map(e -> new RevertBlocked.Reference(e.getKey(), e.getValue()))
              .toList();
      throw new RevertBlocked(batchId, references);
    }
    try {
      return jdbc.queryForObject(
          "select purchases_removed, items_removed from ledger_remove_batch(?)",
          (rs, n) -> new Removed(rs.getInt(1), rs.getInt(2)),
          batchId);
    } catch (DataAccessException e) {
      // The check holds the batch's rows locked, so no one can add a reference meanwhile; what is
      // left is one it could not foresee, such as a trigger's as the rows go. The caller's
      // transaction then rolls back whole.
      PSQLException violation = foreignKeyViolation(e);
      if (violation == null) {
        throw e;
      }
      ServerErrorMessage server = violation.getServerErrorMessage();
      throw new RevertBlocked(batchId, server == null ? null : server.getTable());
    }
  }

  private static PSQLException foreignKeyViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PSQLException p && FOREIGN_KEY_VIOLATION.equals(p.getSQLState())) {
        return p;
      }
    }
    return null;
  }
}
