package crm.bulkimport.csv;

import java.io.Closeable;
import java.util.List;

/**
 * Where a {@link PurchaseCsvReader} gets its rows as written, before any header is matched: a CSV
 * text (its own), or another way into the same row stream, such as a workbook's sheet. The header,
 * the profile's layout, blank rows and every check after them are the reader's, the same for all.
 */
public interface RowSource extends Closeable {

  /** One row as written: its line (or sheet row number), its fields, and which cells were typed. */
  record Row(long line, List<String> fields, TypedCells typed) {}

  /**
   * The next row, blank ones included, or null at the end.
   *
   * @throws CsvFileProblem when the rest cannot be read
   */
  Row next() throws CsvFileProblem;

  /** How far through the stored file the rows read so far reach, in its own bytes. */
  long bytesRead();

  /** What the rows are read from, for the batch's format: {@code csv}, {@code xlsx}, ... */
  String format();
}
