package crm.bulkimport.profile;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the numbers of a file, compiled once per import from the profile's separators and {@code
 * currency}: {@code 1234.50}, {@code 1.234,50}, {@code 1 234,50}, {@code $1,234.50}, {@code 12,50
 * €}, {@code EUR 12.50}, {@code ($3.00)}.
 *
 * <p>Why not {@link java.text.DecimalFormat}: it reads as much of a value as it can and stops
 * without a word ("12abc" is 12, "1,2,3" is 123), and is not safe across threads. A number here is
 * either exactly in the profile's format or an error.
 */
public final class AmountFormat {

  /** Far above any real amount, and small enough that nobody's arithmetic overflows on it. */
  public static final int MAX_INTEGER_DIGITS = 15;

  private static final int MAX_LENGTH = 64;

  private final char decimal;
  private final char thousands;
  private final boolean currency;

  private AmountFormat(char decimal, Character thousands, boolean currency) {
    this.decimal = decimal;
    this.thousands = thousands == null ? 0 : thousands;
    this.currency = currency;
  }

  /** The contract's own numbers: digits, a dot for decimals, nothing else. */
  public static AmountFormat plain() {
    return new AmountFormat('.', null, false);
  }

  public static AmountFormat of(ImportProfile profile) {
    return of(profile.decimalSeparator(), profile.thousandsSeparator(), profile.currency());
  }

  /** A format of the given separators; with {@code currency}, a symbol or code may surround it. */
  public static AmountFormat of(char decimal, Character thousands, boolean currency) {
    return new AmountFormat(decimal, thousands, currency);
  }

  /** Whether values are the contract's plain decimals, which messages describe as such. */
  public boolean isPlain() {
    return decimal == '.' && thousands == 0 && !currency;
  }

  /** The value as a number, or null when it is not one in this format. */
  public BigDecimal read(String value) {
    if (value.length() > MAX_LENGTH) {
      return null;
    }
    if (decimal == '.' && isPlainDecimal(value)) {
      return new BigDecimal(value);
    }
    if (isPlain()) {
      return null;
    }
    String text = value;
    boolean negative = false;
    if (currency && text.length() > 2 && text.charAt(0) == '(' && text.endsWith(")")) {
      // Accounting negatives: ($3.00).
      text = text.substring(1, text.length() - 1).strip();
      negative = true;
    }
    if (currency) {
      text = withoutCurrency(text);
      if (text == null) {
        return null;
      }
    }
    StringBuilder plain = new StringBuilder(text.length() + 1);
    if (negative) {
      plain.append('-');
    }
    int i = 0;
    if (!text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
      if (negative) {
        return null;
      }
      plain.append(text.charAt(0));
      i++;
      if (currency) {
        // -$12.50: the symbol may stand between the sign and the digits.
        String rest = withoutCurrency(text.substring(i));
        if (rest == null) {
          return null;
        }
        text = text.substring(0, i) + rest;
      }
    }
    int digits = 0;
    int groupDigits = 0;
    int decimalDigits = 0;
    boolean grouped = false;
    boolean decimals = false;
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        plain.append(c);
        digits++;
        groupDigits++;
        decimalDigits += decimals ? 1 : 0;
      } else if (c == decimal && !decimals) {
        if (digits == 0 || (grouped && groupDigits != 3)) {
          return null;
        }
        plain.append('.');
        decimals = true;
      } else if (!decimals && thousands != 0 && isThousands(c)) {
        // Groups of three after the first: 1,234,567 but not 12,34.
        if (digits == 0 || (grouped ? groupDigits != 3 : groupDigits > 3)) {
          return null;
        }
        grouped = true;
        groupDigits = 0;
      } else {
        return null;
      }
    }
    if (digits == 0
        || (grouped && !decimals && groupDigits != 3)
        || (decimals && decimalDigits == 0)) {
      return null;
    }
    return new BigDecimal(plain.toString());
  }

  private boolean isThousands(char c) {
    // Spreadsheets write the space of 1 234,50 as a no-break space, or a narrow one.
    return c == thousands || (thousands == ' ' && (c == '\u00A0' || c == '\u202F'));
  }

  /** The value without a currency before or after it, or null when what is there is not one. */
  private static String withoutCurrency(String text) {
    int start = 0;
    while (start < text.length() && isCurrencyChar(text.charAt(start))) {
      start++;
    }
    int end = text.length();
    while (end > start && isCurrencyChar(text.charAt(end - 1))) {
      end--;
    }
    String before = text.substring(0, start).strip();
    String after = text.substring(end).strip();
    if ((!before.isEmpty() && !isCurrency(before))
        || (!after.isEmpty() && !isCurrency(after))
        || (!before.isEmpty() && !after.isEmpty())) {
      return null;
    }
    return text.substring(start, end).strip();
  }

  private static boolean isCurrencyChar(char c) {
    return Character.isLetter(c)
        || Character.getType(c) == Character.CURRENCY_SYMBOL
        || Character.isSpaceChar(c);
  }

  private static boolean isCurrency(String token) {
    Set<String> known = KnownCurrencies.ALL;
    if (known.contains(token) || known.contains(token.toUpperCase(Locale.ROOT))) {
      return true;
    }
    for (int i = 0; i < token.length(); i++) {
      if (Character.getType(token.charAt(i)) != Character.CURRENCY_SYMBOL) {
        return false;
      }
    }
    return true;
  }

  /**
   * ISO codes and the symbols the JDK knows, e.g. USD, $, US$, €, £, kr, zł, R$, CHF. In a holder
   * of their own, gathered on first use: they load the JDK's data of every locale, seconds of CPU
   * that numbers without a currency (the contract's, and most profiles') never need. Gathered when
   * this class loaded, they held up the first import of every new instance, and every other import
   * thread behind it.
   */
  private static final class KnownCurrencies {
    static final Set<String> ALL = currencies();

    private KnownCurrencies() {}
  }

  private static Set<String> currencies() {
    Set<String> known = new HashSet<>();
    for (Currency currency : Currency.getAvailableCurrencies()) {
      known.add(currency.getCurrencyCode());
    }
    for (Locale locale : Locale.getAvailableLocales()) {
      if (locale.getCountry().isEmpty()) {
        continue;
      }
      try {
        Currency currency = Currency.getInstance(locale);
        if (currency != null) {
          known.add(currency.getSymbol(locale).strip());
          known.add(currency.getSymbol(locale).strip().toUpperCase(Locale.ROOT));
        }
      } catch (IllegalArgumentException e) {
        // A locale without a currency of its own.
      }
    }
    known.add("US$");
    known.add("kr.");
    return Set.copyOf(known);
  }

  /** Digits with an optional sign and decimal part: no exponents, separators or NaN. */
  public static boolean isPlainDecimal(String value) {
    int i = 0;
    int n = value.length();
    if (n > 0 && (value.charAt(0) == '-' || value.charAt(0) == '+')) {
      i++;
    }
    int digits = 0;
    boolean dot = false;
    for (; i < n; i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        return false;
      }
    }
    return digits > 0 && n <= MAX_LENGTH;
  }
}
