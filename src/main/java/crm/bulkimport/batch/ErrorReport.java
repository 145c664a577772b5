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
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A batch's errors as CSV, in file order, each with the row's original values under the file's own
 * header: streamed from the database, so a million errors never sit in memory. For a partial import
 * that left purchases out, it is instead the file of the rows left out: the file's own columns
 * first, so that it can be fixed and uploaded again as it is, then the line each row had and what
 * was wrong with it.
 */
@Component
class ErrorReport {

  private final JdbcTemplate cursor;

  ErrorReport(DataSource dataSource) {
    this.cursor = new JdbcTemplate(dataSource);
    // With a fetch size inside a transaction, pgJDBC reads through a cursor, not all at once.
    cursor.setFetchSize(1000);
  }

  /** The two columns after the file's own in the report of rows left out. */
  static final List<String> REJECTED_COLUMNS = List.of("import_line", "import_errors");

  /** Whether the batch's report is the file of the rows a partial import left out. */
  static boolean isRejectedRows(Batch batch) {
    return batch.options().partial()
        && !batch.dryRun()
        && batch.rejectedRows() != null
        && batch.rejectedRows() > 0;
  }

  @Transactional(readOnly = true)
  public void write(Batch batch, java.io.OutputStream out) {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    CsvWriter csv = CsvWriter.builder().build(writer);
    if (isRejectedRows(batch)) {
      writeRejectedRows(batch, csv);
      flush(csv);
      return;
    }
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
    flush(csv);
  }

  private void writeRejectedRows(Batch batch, CsvWriter csv) {
    int width = batch.csvHeader().size();
    List<String> header = new ArrayList<>(batch.csvHeader());
    header.addAll(REJECTED_COLUMNS);
    csv.writeRecord(neutralised(header));
    cursor.query(
        """
        select r.line, r.transaction_number, r.row_values,
               string_agg(coalesce(e.column_name || ': ', '') || e.message, '; ' order by e.seq)
        from bulk_import_rejected_rows r
        left join bulk_import_errors e on e.batch_id = r.batch_id and e.line = r.line
        where r.batch_id = ?
        group by r.line, r.transaction_number, r.row_values
        order by r.line""",
        rs -> {
          List<String> record = new ArrayList<>(width + 2);
          Array values = rs.getArray(3);
          String[] fields = values == null ? new String[0] : (String[]) values.getArray();
          for (int i = 0; i < width; i++) {
            record.add(i < fields.length ? fields[i] : "");
          }
          record.add(rs.getString(1));
          String errors = rs.getString(4);
          record.add(
              errors != null
                  ? errors
                  : "Not imported with the rest of purchase "
                      + rs.getString(2)
                      + ", which has an error on another row");
          csv.writeRecord(neutralised(record));
        },
        batch.id());
  }

  private static void flush(CsvWriter csv) {
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
   * A signed number, amount or phone number: a sign, then digits with separators, spaces,
   * parentheses, dashes and currency symbols, and at most a currency code at the end; no letter, no
   * operator, no quote, so nothing a spreadsheet could call or link (-1.00, -$5.00, -12,50 €, +1
   * (415) 555-0101, -5.00 USD).
   */
  private static final Pattern SIGNED_NUMBER =
      Pattern.compile("[+-][\\s\\p{Sc}]*\\d[\\d.,'()\\-/\\s\\p{Sc}]*(\\s?[A-Z]{3})?");

  /**
   * A cell a spreadsheet would run as a formula gets a leading apostrophe, so that opening the
   * report can never execute what a file's author wrote into it. A signed number is left as it is:
   * a negative amount or a phone number must upload again as it was, and cannot run as a formula.
   */
  static List<String> neutralised(List<String> cells) {
    List<String> safe = new ArrayList<>(cells.size());
    for (String cell : cells) {
      if (!cell.isEmpty()
          && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0
          && !SIGNED_NUMBER.matcher(cell).matches()) {
        safe.add("'" + cell);
      } else {
        safe.add(cell);
      }
    }
    return safe;
  }
}
