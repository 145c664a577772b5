package crm.bulkimport.csv;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.profile.ImportProfile;
import crm.bulkimport.profile.ProfileJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A workbook row's typed cells as the file of rejected rows writes them for its profile. */
class TypedCellTextTest {

  private static final List<String> HEADER =
      List.of("Sale", "Date", "Time", "Member", "Barcode", "Units", "Each");

  private static ImportProfile till(String dateColumns) {
    return ProfileJson.read(
        """
        {"name": "till", "columns": {"transaction_number": "Sale",
         "transaction_date": %s, "user": "Member", "sku": "Barcode", "quantity": "Units",
         "unit_price": "Each"}, "user_key": "external_id", "sku_key": "code",
         "date_format": "dd.MM.yyyy HH:mm", "time_zone": "Europe/Berlin",
         "decimal_separator": ",", "thousands_separator": "."}"""
            .formatted(dateColumns));
  }

  /** A row whose every cell but the member is typed: numbers, and dates in the date columns. */
  private static CsvRow row(ImportProfile profile, List<String> fields) {
    TypedCells typed = new TypedCells();
    typed.number(0);
    typed.date(1);
    typed.date(2);
    typed.number(4);
    typed.number(5);
    typed.number(6);
    return new CsvRow(7, fields, ColumnLayout.of(HEADER, profile), typed);
  }

  @Test
  void amounts_and_quantities_take_the_decimal_comma_and_keys_stay_as_they_are() {
    ImportProfile profile = till("\"Date\"");

    List<String> text =
        row(
                profile,
                List.of("1001.5", "2024-07-16 09:00:00", "", "C-1", "4006381.5", "1.5", "2.25"))
            .fieldsAsText(profile);

    assertThat(text)
        .containsExactly("1001.5", "16.07.2024 09:00", "", "C-1", "4006381.5", "1,5", "2,25");
  }

  @Test
  void a_date_read_from_two_columns_is_written_in_two_parts_unless_its_time_cell_is_empty() {
    ImportProfile profile = till("[\"Date\", \"Time\"]");

    assertThat(
            row(profile, List.of("S-1", "2024-07-16", "09:05:30", "C-1", "7", "2", "3"))
                .fieldsAsText(profile)
                .subList(1, 3))
        .containsExactly("16.07.2024", "09:05");
    // A date-time cell with no time beside it was read whole, and is written whole.
    assertThat(
            row(profile, List.of("S-1", "2024-07-16 09:05:00", "", "C-1", "7", "2", "3"))
                .fieldsAsText(profile)
                .subList(1, 3))
        .containsExactly("16.07.2024 09:05", "");
  }

  @Test
  void a_csv_row_is_as_it_was_written() {
    ImportProfile profile = till("\"Date\"");
    List<String> fields = List.of("1001.5", "2024-07-16 09:00:00", "", "C-1", "7", "1.5", "2.25");

    assertThat(new CsvRow(2, fields, ColumnLayout.of(HEADER, profile)).fieldsAsText(profile))
        .isEqualTo(fields);
  }
}
