package crm.bulkimport.batch;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A batch's errors as CSV, in file order, each with the row's original values under the file's own
 * header: streamed from the database, so a million errors never sit in memory.
 */
@Component
class ErrorReport {

  private final JdbcTemplate cursor;

  ErrorReport(DataSource dataSource) {
    this.cursor = new JdbcTemplate(dataSource);
    // With a fetch size inside a transaction, pgJDBC reads through a cursor, not all at once.
    cursor.setFetchSize(1000);
  }

  @Transactional(readOnly = true)
  public void write(Batch batch, java.io.OutputStream out) {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    CsvWriter csv = CsvWriter.builder().build(writer);
    List<String> header =
        new ArrayList<>(List.of("line", "transaction_number", "column", "code", "message"));
    int width = batch.csvHeader().size();
    header.addAll(batch.csvHeader());
    csv.writeRecord(neutralised(header));
    cursor.query(
        "select line, transaction_number, column_name, code, message, row_values from"
            + " bulk_import_errors where batch_id = ? order by line nulls first, seq",
        rs -> {
          List<String> record = new ArrayList<>(5 + width);
          Object line = rs.getObject(1);
          record.add(line == null ? "" : line.toString());
          record.add(orEmpty(rs.getString(2)));
          record.add(orEmpty(rs.getString(3)));
          record.add(rs.getString(4));
          record.add(rs.getString(5));
          Array values = rs.getArray(6);
          String[] fields = values == null ? new String[0] : (String[]) values.getArray();
          for (int i = 0; i < width; i++) {
            record.add(i < fields.length ? fields[i] : "");
          }
          csv.writeRecord(neutralised(record));
        },
        batch.id());
    try {
      csv.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /**
   * A cell a spreadsheet would run as a formula gets a leading apostrophe, so that opening the
   * report can never execute what a file's author wrote into it.
   */
  static List<String> neutralised(List<String> cells) {
    List<String> safe = new ArrayList<>(cells.size());
    for (String cell : cells) {
      if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
        safe.add("'" + cell);
      } else {
        safe.add(cell);
      }
    }
    return safe;
  }
}
