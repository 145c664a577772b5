package crm.bulkimport.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
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
}
