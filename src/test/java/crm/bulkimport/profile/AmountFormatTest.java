package crm.bulkimport.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;
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

  /**
   * In a class loader of its own, as in a new instance: the table of currencies is gathered from
   * every locale's data, seconds of CPU, and must not hold up an import that reads none.
   */
  @Test
  void gathers_the_known_currencies_only_when_a_format_reads_currencies() throws Exception {
    URL classes = AmountFormat.class.getProtectionDomain().getCodeSource().getLocation();
    try (FreshClasses fresh = new FreshClasses(classes)) {
      Class<?> amountFormat = fresh.loadClass(AmountFormat.class.getName());
      Method of = amountFormat.getMethod("of", char.class, Character.class, boolean.class);
      Method read = amountFormat.getMethod("read", String.class);
      Object plain = amountFormat.getMethod("plain").invoke(null);
      assertThat(read.invoke(plain, "1234.50")).isEqualTo(new BigDecimal("1234.50"));
      Object grouped = of.invoke(null, ',', '.', false);
      assertThat(read.invoke(grouped, "1.234,50")).isEqualTo(new BigDecimal("1234.50"));
      assertThat(fresh.loaded(AmountFormat.class.getName() + "$KnownCurrencies")).isFalse();

      Object withCurrency = of.invoke(null, '.', ',', true);
      assertThat(read.invoke(withCurrency, "EUR 12.50")).isEqualTo(new BigDecimal("12.50"));
      assertThat(fresh.loaded(AmountFormat.class.getName() + "$KnownCurrencies")).isTrue();
    }
  }

  /** Loads the application's classes afresh, the JDK's from the platform. */
  private static final class FreshClasses extends URLClassLoader {
    FreshClasses(URL classes) {
      super(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
    }

    boolean loaded(String name) {
      return findLoadedClass(name) != null;
    }
  }
}
