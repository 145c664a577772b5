package crm.bulkimport.csv;

import crm.bulkimport.profile.Field;
import crm.bulkimport.profile.ImportProfile;
import java.util.List;

/**
 * One data row as written in the file.
 *
 * @param line the line of the file where the row starts (the header is line 1)
 * @param fields every field of the row, extra columns included
 * @param typed which fields came from a workbook's number or date cells; null for CSV text
 */
public record CsvRow(long line, List<String> fields, ColumnLayout layout, TypedCells typed) {

  public CsvRow(long line, List<String> fields, ColumnLayout layout) {
    this(line, fields, layout, null);
  }

  /** Whether the field's value is a number cell's exact value, written as a plain decimal. */
  public boolean isNumberCell(Field field) {
    return typed != null && typed.isNumber(layout.indexOf(field));
  }

  /**
   * Whether the field's value is a date cell's, written as an ISO local date or date-time (the date
   * cell of a date read from two columns decides).
   */
  public boolean isDateCell(Field field) {
    return typed != null && typed.isDate(layout.indexOf(field));
  }

  /**
   * Every field as the profile reads text: a workbook's number and date cells written in the
   * profile's own forms (see {@link TypedCellText}), a CSV row's fields as they are. For the file
   * of rejected rows, which is uploaded again with the same profile.
   */
  public List<String> fieldsAsText(ImportProfile profile) {
    return TypedCellText.of(this, profile);
  }

  /**
   * The raw value of a field, or "" when the file has no column for it or the row is too short. A
   * date read from two columns comes back as the date, a space and the time.
   */
  public String get(Field field) {
    String value = at(layout.indexOf(field));
    if (field == Field.TRANSACTION_DATE && layout.timeIndex() != ColumnLayout.ABSENT) {
      String time = at(layout.timeIndex()).strip();
      return time.isEmpty() ? value : value.strip() + " " + time;
    }
    return value;
  }

  private String at(int index) {
    return index >= 0 && index < fields.size() ? fields.get(index) : "";
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
