package crm.bulkimport.batch;

import crm.bulkimport.problem.ErrorCollector;
import crm.bulkimport.problem.ImportError;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The errors of a batch. They are written as they are found, in their own transactions, because the
 * import's transaction is rolled back when there are any; and they are never all held in memory, so
 * a file with a million bad rows costs disk, not heap.
 */
@Repository
public class BatchErrors {

  static final int FLUSH_EVERY = 1000;
  static final int MAX_STORED_CHARS = 10_000;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate separateTransaction;

  BatchErrors(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.separateTransaction = new TransactionTemplate(transactions);
    separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Forgets the errors of an earlier attempt and starts collecting this one's. */
  public Recorder startRecording(UUID batchId) {
    separateTransaction.executeWithoutResult(
        status -> jdbc.update("delete from bulk_import_errors where batch_id = ?", batchId));
    return new Recorder(batchId);
  }

  /** The first errors of a batch in file order. */
  public List<ImportError> first(UUID batchId, int limit) {
    return jdbc.query(
        """
        select line, transaction_number, column_name, field, code, message from bulk_import_errors
        where batch_id = ? order by line nulls first, seq limit ?""",
        (rs, n) ->
            new ImportError(
                (Integer) rs.getObject(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                List.of()),
        batchId,
        limit);
  }

  /**
   * PostgreSQL text cannot hold NUL, and a runaway field should not fill the error table: the
   * report keeps the first {@value #MAX_STORED_CHARS} characters of a value.
   */
  static String storable(String value) {
    if (value == null) {
      return null;
    }
    String capped =
        value.length() > MAX_STORED_CHARS ? value.substring(0, MAX_STORED_CHARS) + "…" : value;
    return capped.indexOf('\u0000') >= 0 ? capped.replace('\u0000', '\uFFFD') : capped;
  }

  /** A row's values as a text[] parameter, each made {@link #storable}. */
  private static java.sql.Array storableArray(PreparedStatement ps, List<String> values)
      throws SQLException {
    return ps.getConnection()
        .createArrayOf("text", values.stream().map(BatchErrors::storable).toArray(Object[]::new));
  }

  /** An error whose row values are still to be filled in from the file. */
  public record Unfilled(int seq, int line) {}

  /** Errors found by the database checks, which come without the row's values; in line order. */
  public List<Unfilled> withoutRowValues(UUID batchId, int afterLine, int afterSeq, int limit) {
    return jdbc.query(
        "select seq, line from bulk_import_errors where batch_id = ? and line is not null and"
            + " cardinality(row_values) = 0 and (line, seq) > (?, ?) order by line, seq limit ?",
        (rs, n) -> new Unfilled(rs.getInt(1), rs.getInt(2)),
        batchId,
        afterLine,
        afterSeq,
        limit);
  }

  /** Stores the row values of errors, by their sequence number. */
  public void fillRowValues(UUID batchId, List<Integer> seqs, List<List<String>> values) {
    fill(
        "update bulk_import_errors set row_values = ? where batch_id = ? and seq = ?",
        batchId,
        seqs,
        values);
  }

  /** Runs {@code update} (row_values, batch, key) once for each key, in one batch. */
  private void fill(String update, UUID batchId, List<Integer> keys, List<List<String>> values) {
    jdbc.batchUpdate(
        update,
        new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement ps, int i) throws SQLException {
            ps.setArray(1, storableArray(ps, values.get(i)));
            ps.setObject(2, batchId);
            ps.setInt(3, keys.get(i));
          }

          @Override
          public int getBatchSize() {
            return keys.size();
          }
        });
  }

  /**
   * The rows a partial import left out that still lack their values, in line order: written by the
   * import's own transaction, so this reads on it.
   */
  public List<Integer> rejectedWithoutRowValues(UUID batchId, int afterLine, int limit) {
    return jdbc.queryForList(
        """
        select line from bulk_import_rejected_rows
        where batch_id = ? and row_values is null and line > ? order by line limit ?""",
        Integer.class,
        batchId,
        afterLine,
        limit);
  }

  /** Stores the original values of rows a partial import left out, by their lines. */
  public void fillRejectedRowValues(UUID batchId, List<Integer> lines, List<List<String>> values) {
    fill(
        "update bulk_import_rejected_rows set row_values = ? where batch_id = ? and line = ?",
        batchId,
        lines,
        values);
  }

  /** Collects one attempt's errors, writing them in chunks. */
  public final class Recorder implements ErrorCollector {
    private final UUID batchId;
    private final List<ImportError> pending = new ArrayList<>();
    private int count;

    private Recorder(UUID batchId) {
      this.batchId = batchId;
    }

    @Override
    public void add(ImportError error) {
      pending.add(error);
      count++;
      if (pending.size() >= FLUSH_EVERY) {
        flush();
      }
    }

    public int count() {
      return count;
    }

    /** Writes the errors not written yet. */
    public void flush() {
      if (pending.isEmpty()) {
        return;
      }
      List<ImportError> chunk = List.copyOf(pending);
      int firstSeq = count - chunk.size();
      pending.clear();
      separateTransaction.executeWithoutResult(
          status ->
              jdbc.batchUpdate(
                  """
                  insert into bulk_import_errors (batch_id, seq, line, transaction_number,
                      column_name, field, code, message, row_values)
                  values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                  new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                      ImportError error = chunk.get(i);
                      ps.setObject(1, batchId);
                      ps.setInt(2, firstSeq + i);
                      ps.setObject(3, error.line());
                      ps.setString(4, storable(error.transactionNumber()));
                      ps.setString(5, storable(error.column()));
                      ps.setString(6, error.field());
                      ps.setString(7, error.code());
                      ps.setString(8, storable(error.message()));
                      ps.setArray(9, storableArray(ps, error.rowValues()));
                    }

                    @Override
                    public int getBatchSize() {
                      return chunk.size();
                    }
                  }));
    }
  }
}
