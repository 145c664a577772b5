package crm.bulkimport.csv;

import java.util.List;

/**
 * One data row as written in the file.
 *
 * @param line the line of the file where the row starts (the header is line 1)
 * @param fields every field of the row, extra columns included
 */
public record CsvRow(long line, List<String> fields, ColumnLayout layout) {

  /** The raw value of a required column, or "" when the row is too short to have it. */
  public String get(Column column) {
    int index = layout.indexOf(column);
    return index < fields.size() ? fields.get(index) : "";
  }

  public boolean hasHeaderWidth() {
    return fields.size() == layout.width();
  }

  public boolean isBlank() {
    for (String field : fields) {
      if (!field.isBlank()) {
        return false;
      }
    }
    return true;
  }
}
