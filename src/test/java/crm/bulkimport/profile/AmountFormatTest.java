package crm.bulkimport.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmountFormatTest {

  private static AmountFormat format(String decimal, String thousands, boolean currency) {
    return AmountFormat.of(
        decimal.charAt(0),
        switch (thousands) {
          case "none" -> null;
          case "space" -> ' ';
          default -> thousands.charAt(0);
        },
        currency);
  }

  @ParameterizedTest(name = "[{0}] with decimal {1}, thousands {2}, currency {3} is {4}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "1234.50      | . | none | false | 1234.50",
        "1,234.50     | . | ,    | false | 1234.50",
        "1,234,567.5  | . | ,    | false | 1234567.5",
        "1.234,50     | , | .    | false | 1234.50",
        "12,50        | , | none | false | 12.50",
        "\"1 234,50\" | , | space | false | 1234.50",
        "1\u00A0234,50 | , | space | false | 1234.50",
        "1'234.50     | . | '    | false | 1234.50",
        "$1,234.50    | . | ,    | true  | 1234.50",
        "\"12,50 €\"  | , | .    | true  | 12.50",
        "\"EUR 12.50\" | . | none | true | 12.50",
        "USD12.50     | . | none | true  | 12.50",
        "R$ 10,00     | , | .    | true  | 10.00",
        "-$3.00       | . | ,    | true  | -3.00",
        "$-3.00       | . | ,    | true  | -3.00",
        "($3.00)      | . | ,    | true  | -3.00",
        "£0.99        | . | none | true  | 0.99",
        "+5           | . | none | false | 5",
      })
  void reads_amounts_as_the_profile_writes_them(
      String value, String decimal, String thousands, boolean currency, String expected) {
    BigDecimal read = format(decimal, thousands, currency).read(value);
    assertThat(read).isNotNull();
    assertThat(read).isEqualByComparingTo(expected);
  }

  @ParameterizedTest(name = "[{0}] with decimal {1}, thousands {2}, currency {3} is not a number")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "12abc        | . | none | true",
        "1,2,3        | . | ,    | false",
        "12,34.50     | . | ,    | false",
        "1,234        | . | none | false",
        "1.234,50     | . | ,    | false",
        "$12.50       | . | none | false",
        "12.50 XYZQ   | . | none | true",
        "\"$ 1 € \"   | . | none | true",
        "--5          | . | none | false",
        "1e5          | . | none | false",
        "NaN          | . | none | true",
        ".            | . | none | false",
        "1,234.       | . | ,    | false",
        "\"\"         | . | none | false",
      })
  void refuses_what_is_not_exactly_in_the_format(
      String value, String decimal, String thousands, boolean currency) {
    assertThat(format(decimal, thousands, currency).read(value)).isNull();
  }
}
