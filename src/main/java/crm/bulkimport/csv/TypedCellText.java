package crm.bulkimport.csv;

import crm.bulkimport.profile.DateFormats;
import crm.bulkimport.profile.Field;
import crm.bulkimport.profile.ImportProfile;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A workbook row's typed cells written as the profile reads text: the file of rejected rows is CSV,
 * and must import again with the same profile. A number cell's plain decimal takes the profile's
 * decimal separator; the date cell of the transaction date takes the profile's {@code date_format}
 * (both parts, when the date is read from two columns). Other cells, and whatever the format cannot
 * write, stay as the reader wrote them.
 */
final class TypedCellText {

  private TypedCellText() {}

  static List<String> of(CsvRow row, ImportProfile profile) {
    TypedCells typed = row.typed();
    if (typed == null || row.layout() == null) {
      return row.fields();
    }
    int dateIndex = row.layout().indexOf(Field.TRANSACTION_DATE);
    int timeIndex = row.layout().timeIndex();
    List<String> out = new ArrayList<>(row.fields());
    for (int i = 0; i < out.size(); i++) {
      String value = out.get(i);
      String written = null;
      if (typed.isNumber(i) && profile.decimalSeparator() != '.') {
        written = value.replace('.', profile.decimalSeparator());
      } else if (typed.isDate(i) && i == dateIndex && timeIndex == ColumnLayout.ABSENT) {
        LocalDateTime when = dateTime(value);
        written =
            when == null ? null : DateFormats.write(profile.dateFormat(), profile.timeZone(), when);
      } else if (typed.isDate(i) && i == dateIndex) {
        LocalDateTime when = dateTime(value);
        written =
            when == null
                ? null
                : DateFormats.writePart(profile.dateFormat(), when.toLocalDate(), null);
      } else if (typed.isDate(i) && i == timeIndex) {
        LocalTime time = time(value);
        written = time == null ? null : DateFormats.writePart(profile.dateFormat(), null, time);
      }
      if (written != null) {
        out.set(i, written);
      }
    }
    return out;
  }

  /** A date cell's text, {@code 2024-01-15} or {@code 2024-01-15 10:30:00}; null for a time. */
  private static LocalDateTime dateTime(String text) {
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay()
          : LocalDateTime.parse(text.replace(' ', 'T'));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A time-of-day cell's text, {@code 08:12:44}, or the time of a date-time's. */
  private static LocalTime time(String text) {
    try {
      return text.length() == 8
          ? LocalTime.parse(text)
          : LocalDateTime.parse(text.replace(' ', 'T')).toLocalTime();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
