package crm.bulkimport.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateFormatsTest {

  @ParameterizedTest(name = "[{2}] as {0} in {1} is {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "iso                    | UTC              | 2024-01-15                | 2024-01-15T00:00:00Z",
        "iso                    | Europe/Berlin    | 2024-01-15 10:00:00       | 2024-01-15T09:00:00Z",
        "iso                    | Europe/Berlin    | 2024-07-15T10:00:00+07:00 | 2024-07-15T03:00:00Z",
        "yyyy-MM-dd HH:mm:ss Z  | UTC              | 2024-02-10 09:14:27 -0800 | 2024-02-10T17:14:27Z",
        "dd.MM.yyyy HH:mm       | Europe/Berlin    | 16.07.2024 09:00          | 2024-07-16T07:00:00Z",
        "MM/dd/yyyy             | America/New_York | 02/29/2024                | 2024-02-29T05:00:00Z",
        "d/M/yy h:mm a          | Australia/Sydney | 7/4/24 9:05 pm            | 2024-04-07T11:05:00Z",
        "MMM d, yyyy            | UTC              | Mar 5, 2024               | 2024-03-05T00:00:00Z",
        "yyyy-MM-dd'T'HH:mmXXX  | UTC              | 2024-03-05T10:00+01:00    | 2024-03-05T09:00:00Z",
        "dd.MM.yyyy HH:mm VV    | UTC              | 31.03.2024 12:00 Europe/Paris | 2024-03-31T10:00:00Z",
      })
  void reads_dates_in_the_profiles_format_and_zone(
      String format, String zone, String value, String expected) {
    OffsetDateTime read = DateFormats.reader(format, zone).read(value);
    assertThat(read).isNotNull();
    assertThat(read.toInstant()).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest(name = "[{1}] is not a date as {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "dd.MM.yyyy | 30.02.2024",
        "dd.MM.yyyy | 2024-02-10",
        "MM/dd/yyyy | 13/01/2024",
        "dd.MM.yyyy | 01.01.2024 10:00",
        "iso        | 2024-02-30",
        "iso        | 15/01/2024",
      })
  void refuses_impossible_or_differently_written_dates(String format, String value) {
    assertThat(DateFormats.reader(format, "UTC").read(value)).isNull();
  }

  @Test
  void a_pattern_java_time_cannot_read_is_refused_with_the_reason() {
    assertThatThrownBy(() -> DateFormats.check("dd.MM.yyyy {"))
        .isInstanceOf(ProfileProblem.class)
        .hasMessageStartingWith("date_format 'dd.MM.yyyy {' is not a date pattern: ")
        .extracting(e -> ((ProfileProblem) e).code())
        .isEqualTo("invalid_date_format");
  }

  @Test
  void a_pattern_without_a_whole_date_is_refused() {
    assertThatThrownBy(() -> DateFormats.check("HH:mm"))
        .isInstanceOf(ProfileProblem.class)
        .hasMessage(
            "date_format 'HH:mm' does not give a whole date; it needs the year, the month and the"
                + " day (e.g. dd.MM.yyyy).");
  }

  @ParameterizedTest(name = "{2} as {0} in {1} is written {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "dd.MM.yyyy HH:mm      | Europe/Berlin    | 2024-07-16T09:00 | 16.07.2024 09:00",
        "MM/dd/yyyy            | America/New_York | 2024-02-29T00:00 | 02/29/2024",
        "yyyy-MM-dd HH:mm:ss Z | America/Chicago  | 2024-02-10T09:14:27 | 2024-02-10 09:14:27 -0600",
        "d/M/yy h:mm a         | Australia/Sydney | 2024-04-07T21:05 | 7/4/24 9:05 PM",
      })
  void a_date_cell_is_written_as_the_format_writes_it_and_reads_back_the_same(
      String format, String zone, String local, String expected) {
    LocalDateTime when = LocalDateTime.parse(local);

    String written = DateFormats.write(format, zone, when);

    assertThat(written).isEqualTo(expected);
    assertThat(DateFormats.reader(format, zone).read(written).toInstant())
        .isEqualTo(when.atZone(ZoneId.of(zone)).toInstant());
  }

  @Test
  void a_date_read_from_two_columns_is_written_in_the_format_s_two_parts() {
    LocalDate date = LocalDate.of(2024, 2, 15);
    LocalTime time = LocalTime.of(20, 12, 44);
    assertThat(DateFormats.writePart("dd.MM.yyyy HH:mm", date, null)).isEqualTo("15.02.2024");
    assertThat(DateFormats.writePart("dd.MM.yyyy HH:mm", null, time)).isEqualTo("20:12");
    assertThat(DateFormats.writePart("MMM d, yyyy h:mm:ss a", date, null))
        .isEqualTo("Feb 15, 2024");
    assertThat(DateFormats.writePart("MMM d, yyyy h:mm:ss a", null, time)).isEqualTo("8:12:44 PM");
    // The contract's own forms are the cell's text already; a pattern without a time has no part.
    assertThat(DateFormats.writePart("iso", date, null)).isNull();
    assertThat(DateFormats.writePart("dd.MM.yyyy", date, null)).isNull();
    assertThat(DateFormats.write("iso", "UTC", date.atStartOfDay())).isNull();
  }
}
