package crm.bulkimport.validation;

import crm.bulkimport.csv.Column;
import crm.bulkimport.csv.CsvRow;
import crm.bulkimport.problem.ErrorCode;
import crm.bulkimport.problem.ErrorCollector;
import crm.bulkimport.problem.ImportError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Checks one row on its own and turns it into a {@link PurchaseLine}. Every problem in the row is
 * reported, not only the first; a row with any problem yields null.
 */
public final class LineValidator {

  static final int MAX_TRANSACTION_NUMBER_LENGTH = 100;

  /** Far above any real amount, and small enough that nobody's arithmetic overflows on it. */
  static final int MAX_INTEGER_DIGITS = 15;

  private static final String DATE_EXAMPLES =
      "2024-01-15T10:00:00Z, 2024-01-15T10:00:00+07:00, 2024-01-15 10:00:00 or 2024-01-15";

  /** What the reader puts where the file has bytes that are not UTF-8. */
  private static final char NOT_UTF8 = '\uFFFD';

  /** Where the problems of the row being checked go; set per call. */
  private ErrorCollector errors;

  private CsvRow row;
  private boolean failed;

  /** Returns the row as a purchase line, or null after reporting its problems to {@code sink}. */
  public PurchaseLine validate(CsvRow row, ErrorCollector sink) {
    this.errors = sink;
    this.row = row;
    this.failed = false;
    if (!row.hasHeaderWidth()) {
      report(
          null,
          ErrorCode.MALFORMED_CSV,
          "This row has "
              + row.fields().size()
              + " fields but the header has "
              + row.layout().width()
              + "; look for a missing or extra comma, or a value with a comma that is not in"
              + " quotes.");
      return null;
    }
    String transactionNumber = transactionNumber();
    OffsetDateTime date = date();
    UUID userId = uuid(Column.USER_ID);
    BigDecimal finalAmount = money(Column.FINAL_AMOUNT);
    UUID skuId = uuid(Column.SKU_ID);
    BigDecimal quantity = quantity();
    BigDecimal unitPrice = money(Column.UNIT_PRICE);
    BigDecimal lineTotal = money(Column.LINE_TOTAL);
    if (failed) {
      return null;
    }
    return new PurchaseLine(
        row.line(),
        transactionNumber,
        date,
        userId,
        finalAmount,
        skuId,
        quantity,
        unitPrice,
        lineTotal);
  }

  private String transactionNumber() {
    String value = value(Column.TRANSACTION_NUMBER);
    if (value == null) {
      return null;
    }
    if (value.isEmpty()) {
      return required(Column.TRANSACTION_NUMBER);
    }
    if (value.length() > MAX_TRANSACTION_NUMBER_LENGTH) {
      report(
          Column.TRANSACTION_NUMBER,
          ErrorCode.OUT_OF_RANGE,
          "transaction_number is "
              + value.length()
              + " characters long; at most "
              + MAX_TRANSACTION_NUMBER_LENGTH
              + " are allowed.");
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        report(
            Column.TRANSACTION_NUMBER,
            ErrorCode.MALFORMED_CSV,
            "transaction_number contains a control character (code "
                + (int) value.charAt(i)
                + "); the file may be damaged or not a text file.");
        return null;
      }
    }
    return value;
  }

  private OffsetDateTime date() {
    String value = value(Column.TRANSACTION_DATE);
    if (value == null) {
      return null;
    }
    if (value.isEmpty()) {
      return required(Column.TRANSACTION_DATE);
    }
    OffsetDateTime parsed = parseDate(value);
    if (parsed == null) {
      report(
          Column.TRANSACTION_DATE,
          ErrorCode.INVALID_DATE,
          "transaction_date "
              + quote(value)
              + " is not a valid date; use ISO-8601 such as "
              + DATE_EXAMPLES
              + ".");
      return null;
    }
    if (parsed.getYear() < 1 || parsed.getYear() > 9999) {
      report(
          Column.TRANSACTION_DATE,
          ErrorCode.OUT_OF_RANGE,
          "transaction_date " + quote(value) + " is outside the years 0001 to 9999.");
      return null;
    }
    return parsed;
  }

  /** The accepted forms: with an offset or Z, or without one meaning UTC, or a bare date. */
  static OffsetDateTime parseDate(String value) {
    OffsetDateTime common = parseCommonDate(value);
    if (common != null) {
      return common;
    }
    String text = value;
    if (text.length() > 10 && text.charAt(10) == ' ') {
      text = text.substring(0, 10) + 'T' + text.substring(11);
    }
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
      }
      if (hasOffset(text)) {
        return OffsetDateTime.parse(text);
      }
      return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * The forms nearly every file uses, {@code 2024-01-15}, {@code 2024-01-15T10:00:00Z} and {@code
   * 2024-01-15 10:00:00}, read digit by digit: several times faster than the general parser, which
   * is what a million rows notice. Anything else (or an impossible date) returns null here and goes
   * to the general parser, which has the final say.
   */
  static OffsetDateTime parseCommonDate(String text) {
    int length = text.length();
    if (length != 10 && length != 19 && !(length == 20 && text.charAt(19) == 'Z')) {
      return null;
    }
    if (text.charAt(4) != '-' || text.charAt(7) != '-') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (length > 10) {
      char separator = text.charAt(10);
      if ((separator != 'T' && separator != ' ')
          || text.charAt(13) != ':'
          || text.charAt(16) != ':') {
        return null;
      }
      hour = digits(text, 11, 2);
      minute = digits(text, 14, 2);
      second = digits(text, 17, 2);
    }
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 28
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      // Days 29 to 31 depend on the month: the general parser decides those.
      return null;
    }
    return OffsetDateTime.of(year, month, day, hour, minute, second, 0, ZoneOffset.UTC);
  }

  /** The non-negative number in {@code count} digits at {@code start}, or -1. */
  private static int digits(String text, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean hasOffset(String text) {
    if (text.endsWith("Z") || text.endsWith("z")) {
      return true;
    }
    int time = text.indexOf('T');
    return time > 0 && (text.indexOf('+', time) > 0 || text.indexOf('-', time) > 0);
  }

  private UUID uuid(Column column) {
    String value = value(column);
    if (value == null) {
      return null;
    }
    if (value.isEmpty()) {
      return required(column);
    }
    if (!isUuid(value)) {
      report(
          column,
          ErrorCode.INVALID_UUID,
          column.header()
              + " "
              + quote(value)
              + " is not a UUID; expected 36 characters like"
              + " 3f2c8a1e-5b7d-4c9e-8f10-2a3b4c5d6e7f.");
      return null;
    }
    return UUID.fromString(value);
  }

  static boolean isUuid(String value) {
    if (value.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = value.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : Character.digit(c, 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private BigDecimal money(Column column) {
    BigDecimal amount = number(column);
    if (amount == null) {
      return null;
    }
    if (amount.signum() < 0) {
      return outOfRange(column, column.header() + " must be zero or more; it is " + amount + ".");
    }
    if (amount.stripTrailingZeros().scale() > 2) {
      return outOfRange(
          column, column.header() + " " + amount + " has more than 2 decimal places.");
    }
    return amount;
  }

  private BigDecimal quantity() {
    BigDecimal quantity = number(Column.QUANTITY);
    if (quantity != null && quantity.signum() <= 0) {
      return outOfRange(
          Column.QUANTITY, "quantity must be more than zero; it is " + quantity + ".");
    }
    return quantity;
  }

  private BigDecimal number(Column column) {
    String value = value(column);
    if (value == null) {
      return null;
    }
    if (value.isEmpty()) {
      return required(column);
    }
    if (!isPlainDecimal(value)) {
      report(
          column,
          ErrorCode.INVALID_NUMBER,
          column.header()
              + " "
              + quote(value)
              + " is not a number; write digits with a dot for decimals and no thousands"
              + " separators, e.g. 1234.50.");
      return null;
    }
    BigDecimal number = new BigDecimal(value);
    if (number.precision() - number.scale() > MAX_INTEGER_DIGITS) {
      return outOfRange(
          column,
          column.header()
              + " "
              + value
              + " is too large; at most "
              + MAX_INTEGER_DIGITS
              + " digits before the decimal point.");
    }
    return number;
  }

  /** Digits with an optional sign and decimal part: no exponents, separators or NaN. */
  static boolean isPlainDecimal(String value) {
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
    return digits > 0 && n <= 64;
  }

  /** A value as a message shows it: quoted, and cut short when it is long. */
  static String quote(String value) {
    return "'" + (value.length() > 60 ? value.substring(0, 57) + "..." : value) + "'";
  }

  private String value(Column column) {
    String value = row.get(column).strip();
    if (value.indexOf(NOT_UTF8) >= 0) {
      report(
          column,
          ErrorCode.INVALID_ENCODING,
          column.header()
              + " contains bytes that are not UTF-8 text (the file may be Latin-1 or"
              + " Windows-1252). Save it as CSV UTF-8 and upload it again.");
      // Reported once; the value is not checked further.
      return null;
    }
    return value;
  }

  private <T> T required(Column column) {
    report(column, ErrorCode.REQUIRED, column.header() + " is required but empty.");
    return null;
  }

  private <T> T outOfRange(Column column, String message) {
    report(column, ErrorCode.OUT_OF_RANGE, message);
    return null;
  }

  private void report(Column column, ErrorCode code, String message) {
    failed = true;
    String transactionNumber = row.get(Column.TRANSACTION_NUMBER).strip();
    errors.add(
        new ImportError(
            (int) row.line(),
            transactionNumber.isEmpty() ? null : transactionNumber,
            column == null ? null : column.header(),
            code.code(),
            message,
            row.fields()));
  }
}
