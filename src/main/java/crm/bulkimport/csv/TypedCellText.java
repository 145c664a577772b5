package crm.bulkimport.csv;

import crm.bulkimport.profile.DateFormats;
import crm.bulkimport.profile.Field;
import crm.bulkimport.profile.ImportProfile;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A workbook row's typed cells written as the profile reads text: the file of rejected rows is CSV,
 * and must import again with the same profile. A number cell of an amount or the quantity takes the
 * profile's decimal separator (a number cell that is a key or a transaction number stays as it is:
 * it is matched as text); the date cell of the transaction date takes the profile's {@code
 * date_format}, at its precision (both parts, when the date is read from two columns). Other cells,
 * and whatever the format cannot write, stay as the reader wrote them.
 */
final class TypedCellText {

  private static final List<Field> NUMBERS =
      List.of(Field.FINAL_AMOUNT, Field.QUANTITY, Field.UNIT_PRICE, Field.LINE_TOTAL);

  private TypedCellText() {}

  static List<String> of(CsvRow row, ImportProfile profile) {
    TypedCells typed = row.typed();
    if (typed == null || row.layout() == null) {
      return row.fields();
    }
    ColumnLayout layout = row.layout();
    int dateIndex = layout.indexOf(Field.TRANSACTION_DATE);
    int timeIndex = layout.timeIndex();
    List<String> out = new ArrayList<>(row.fields());
    // A date-time cell beside an empty time cell was read whole; it is written whole.
    boolean oneColumn =
        timeIndex == ColumnLayout.ABSENT || timeIndex >= out.size() || out.get(timeIndex).isBlank();
    Set<Integer> numbers = new HashSet<>();
    for (Field field : NUMBERS) {
      numbers.add(layout.indexOf(field));
    }
    for (int i = 0; i < out.size(); i++) {
      String value = out.get(i);
      String written = null;
      if (typed.isNumber(i) && numbers.contains(i) && profile.decimalSeparator() != '.') {
        written = value.replace('.', profile.decimalSeparator());
      } else if (typed.isDate(i) && i == dateIndex) {
        LocalDateTime when = dateTime(value);
        if (when != null) {
          written =
              oneColumn
                  ? DateFormats.write(profile.dateFormat(), profile.timeZone(), when)
                  : DateFormats.writePart(profile.dateFormat(), when.toLocalDate(), null);
        }
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
