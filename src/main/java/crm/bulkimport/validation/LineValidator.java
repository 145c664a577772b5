package crm.bulkimport.validation;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import crm.bulkimport.csv.CsvRow;
import crm.bulkimport.problem.ErrorCode;
import crm.bulkimport.problem.ErrorCollector;
import crm.bulkimport.problem.ImportError;
import crm.bulkimport.profile.AmountFormat;
import crm.bulkimport.profile.DateFormats;
import crm.bulkimport.profile.Field;
import crm.bulkimport.profile.ImportProfile;
import crm.bulkimport.profile.KeyKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

/**
 * Checks one row on its own under a profile and turns it into a {@link PurchaseLine}. Every problem
 * in the row is reported, not only the first; a row with any problem yields null. The profile's
 * formats are compiled once, when the validator is made.
 */
public final class LineValidator {

  static final int MAX_TRANSACTION_NUMBER_LENGTH = 100;

  /** Longer key values are not customer numbers, emails or codes but damaged data. */
  static final int MAX_KEY_LENGTH = 255;

  private static final AmountFormat NUMBER_CELLS = AmountFormat.plain();

  /** What the reader puts where the file has bytes that are not UTF-8. */
  private static final char NOT_UTF8 = '\uFFFD';

  private final ImportProfile profile;
  private final DateFormats.DateReader dates;

  /** A workbook's date cells come as ISO local date-times, whatever the profile's date_format. */
  private final DateFormats.DateReader dateCells;

  private final AmountFormat amounts;
  private final String dateHint;
  private final String numberHint;
  private final PhoneNumberUtil phones;

  /** Where the problems of the row being checked go; set per call. */
  private ErrorCollector errors;

  private CsvRow row;
  private boolean failed;

  /** A validator of the contract's own format. */
  public LineValidator() {
    this(ImportProfile.contract());
  }

  public LineValidator(ImportProfile profile) {
    this.profile = profile;
    this.dates = DateFormats.reader(profile.dateFormat(), profile.timeZone());
    this.dateCells = DateFormats.reader(ImportProfile.ISO, profile.timeZone());
    this.amounts = AmountFormat.of(profile);
    this.dateHint =
        profile.dateFormat().equals(ImportProfile.ISO)
            ? "use ISO-8601 such as " + DateFormats.ISO_EXAMPLES
            : "the profile reads dates as " + profile.dateFormat();
    this.numberHint =
        amounts.isPlain()
            ? "write digits with a dot for decimals and no thousands separators, e.g. 1234.50"
            : "the profile reads numbers like " + example(profile);
    this.phones = profile.userKey() == KeyKind.PHONE ? PhoneNumberUtil.getInstance() : null;
  }

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
    String user = key(Field.USER, profile.userKey());
    BigDecimal finalAmount = profile.maps(Field.FINAL_AMOUNT) ? money(Field.FINAL_AMOUNT) : null;
    String sku = key(Field.SKU, profile.skuKey());
    BigDecimal quantity = quantity();
    BigDecimal unitPrice = profile.maps(Field.UNIT_PRICE) ? money(Field.UNIT_PRICE) : null;
    BigDecimal lineTotal = profile.maps(Field.LINE_TOTAL) ? money(Field.LINE_TOTAL) : null;
    if (failed) {
      return null;
    }
    int decimals = profile.amountDecimals();
    if (unitPrice == null) {
      unitPrice = lineTotal.divide(quantity, decimals, RoundingMode.HALF_EVEN);
    } else if (lineTotal == null) {
      lineTotal = quantity.multiply(unitPrice).setScale(decimals, RoundingMode.HALF_EVEN);
    }
    boolean usersById = profile.userKey() == KeyKind.ID;
    boolean skusById = profile.skuKey() == KeyKind.ID;
    return new PurchaseLine(
        row.line(),
        transactionNumber,
        date,
        usersById && user != null ? UUID.fromString(user) : null,
        usersById ? null : user,
        finalAmount,
        skusById ? UUID.fromString(sku) : null,
        skusById ? null : sku,
        quantity,
        unitPrice,
        lineTotal);
  }

  private String transactionNumber() {
    String value = value(Field.TRANSACTION_NUMBER);
    if (value == null) {
      return null;
    }
    if (value.isEmpty()) {
      return required(Field.TRANSACTION_NUMBER);
    }
    String name = label(Field.TRANSACTION_NUMBER);
    if (value.length() > MAX_TRANSACTION_NUMBER_LENGTH) {
      report(
          Field.TRANSACTION_NUMBER,
          ErrorCode.OUT_OF_RANGE,
          name
              + " is "
              + value.length()
              + " characters long; at most "
              + MAX_TRANSACTION_NUMBER_LENGTH
              + " are allowed.");
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        report(
            Field.TRANSACTION_NUMBER,
            ErrorCode.MALFORMED_CSV,
            name
                + " contains a control character (code "
                + (int) value.charAt(i)
                + "); the file may be damaged or not a text file.");
        return null;
      }
    }
    return value;
  }

  private OffsetDateTime date() {
    String value = value(Field.TRANSACTION_DATE);
    if (value == null) {
      return null;
    }
    if (value.isEmpty()) {
      return optionalOnLaterRows() ? null : required(Field.TRANSACTION_DATE);
    }
    OffsetDateTime parsed =
        (row.isDateCell(Field.TRANSACTION_DATE) ? dateCells : dates).read(value);
    if (parsed == null) {
      report(
          Field.TRANSACTION_DATE,
          ErrorCode.INVALID_DATE,
          label(Field.TRANSACTION_DATE)
              + " "
              + quote(value)
              + " is not a valid date; "
              + dateHint
              + ".");
      return null;
    }
    if (parsed.getYear() < 1 || parsed.getYear() > 9999) {
      report(
          Field.TRANSACTION_DATE,
          ErrorCode.OUT_OF_RANGE,
          label(Field.TRANSACTION_DATE)
              + " "
              + quote(value)
              + " is outside the years 0001 to 9999.");
      return null;
    }
    return parsed;
  }

  /** The value that finds the user or SKU, normalised as its key is matched; null on a problem. */
  private String key(Field field, KeyKind kind) {
    String value = value(field);
    if (value == null) {
      return null;
    }
    if (value.isEmpty()) {
      return field == Field.USER && optionalOnLaterRows() ? null : required(field);
    }
    String name = label(field);
    switch (kind) {
      case ID -> {
        if (!isUuid(value)) {
          report(
              field,
              ErrorCode.INVALID_UUID,
              name
                  + " "
                  + quote(value)
                  + " is not a UUID; expected 36 characters like"
                  + " 3f2c8a1e-5b7d-4c9e-8f10-2a3b4c5d6e7f.");
          return null;
        }
        return value;
      }
      case PHONE -> {
        return phone(field, value);
      }
      default -> {
        if (value.length() > MAX_KEY_LENGTH) {
          return outOfRange(
              field,
              name
                  + " is "
                  + value.length()
                  + " characters long; at most "
                  + MAX_KEY_LENGTH
                  + " are allowed.");
        }
        return kind == KeyKind.EMAIL ? value.toLowerCase(Locale.ROOT) : value;
      }
    }
  }

  /** A phone number in E.164 ({@code +14155550101}), the form the CRM's column is matched in. */
  private String phone(Field field, String value) {
    String region = profile.phoneRegion() == null ? "ZZ" : profile.phoneRegion();
    try {
      Phonenumber.PhoneNumber number = phones.parse(value, region);
      if (phones.isPossibleNumber(number)) {
        return phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
      }
    } catch (NumberParseException e) {
      // Reported below, the same as a number too short to be one.
    }
    report(
        field,
        ErrorCode.INVALID_PHONE,
        label(field)
            + " "
            + quote(value)
            + " is not a phone number"
            + (profile.phoneRegion() == null
                ? "; write it with its country code (+1 415 555 0101), or set the profile's"
                    + " phone_region"
                : " of region " + profile.phoneRegion())
            + ".");
    return null;
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

  private BigDecimal money(Field field) {
    BigDecimal amount = number(field, field == Field.FINAL_AMOUNT && optionalOnLaterRows());
    if (amount == null) {
      return null;
    }
    String name = label(field);
    if (amount.signum() < 0) {
      return outOfRange(field, name + " must be zero or more; it is " + amount + ".");
    }
    int decimals = profile.amountDecimals();
    if (amount.scale() > decimals && amount.stripTrailingZeros().scale() > decimals) {
      RoundingMode mode = profile.rounding().mode();
      if (mode == null) {
        return outOfRange(
            field,
            name
                + " "
                + amount.toPlainString()
                + " has more than "
                + decimals
                + " decimal places."
                + (profile.isContract()
                    ? ""
                    : " Set the profile's rounding to half_up or half_even to round it."));
      }
      return amount.setScale(decimals, mode);
    }
    return amount;
  }

  private BigDecimal quantity() {
    BigDecimal quantity = number(Field.QUANTITY, false);
    if (quantity != null && quantity.signum() <= 0) {
      return outOfRange(
          Field.QUANTITY,
          label(Field.QUANTITY) + " must be more than zero; it is " + quantity + ".");
    }
    return quantity;
  }

  private BigDecimal number(Field field, boolean mayBeEmpty) {
    String value = value(field);
    if (value == null) {
      return null;
    }
    if (value.isEmpty()) {
      return mayBeEmpty ? null : required(field);
    }
    // A number cell's value is its exact decimal, not text in the profile's local format.
    BigDecimal number = row.isNumberCell(field) ? NUMBER_CELLS.read(value) : amounts.read(value);
    String name = label(field);
    if (number == null) {
      report(
          field,
          ErrorCode.INVALID_NUMBER,
          name + " " + quote(value) + " is not a number; " + numberHint + ".");
      return null;
    }
    if (number.precision() - number.scale() > AmountFormat.MAX_INTEGER_DIGITS) {
      return outOfRange(
          field,
          name
              + " "
              + value
              + " is too large; at most "
              + AmountFormat.MAX_INTEGER_DIGITS
              + " digits before the decimal point.");
    }
    return number;
  }

  /** Whether a purchase's date, user and final amount may be blank here (not on its first row). */
  private boolean optionalOnLaterRows() {
    return profile.purchaseFieldsOnFirstRow();
  }

  private static String example(ImportProfile profile) {
    Character thousands = profile.thousandsSeparator();
    String number =
        "1"
            + (thousands == null ? "" : thousands.toString())
            + "234"
            + profile.decimalSeparator()
            + "50";
    return profile.currency()
        ? number + " (a currency symbol or code may stand before or after)"
        : number;
  }

  /** A value as a message shows it: quoted, and cut short when it is long. */
  static String quote(String value) {
    return "'" + (value.length() > 60 ? value.substring(0, 57) + "..." : value) + "'";
  }

  /** How messages name a field: by the header the profile reads it from. */
  private String label(Field field) {
    return String.join(" and ", profile.columns().get(field));
  }

  private String value(Field field) {
    String value = row.get(field).strip();
    if (value.indexOf(NOT_UTF8) >= 0) {
      report(
          field,
          ErrorCode.INVALID_ENCODING,
          label(field)
              + " contains bytes that are not UTF-8 text (the file may be Latin-1 or"
              + " Windows-1252). Save it as CSV UTF-8 and upload it again.");
      // Reported once; the value is not checked further.
      return null;
    }
    return value;
  }

  private <T> T required(Field field) {
    report(field, ErrorCode.REQUIRED, label(field) + " is required but empty.");
    return null;
  }

  private <T> T outOfRange(Field field, String message) {
    report(field, ErrorCode.OUT_OF_RANGE, message);
    return null;
  }

  private void report(Field field, ErrorCode code, String message) {
    failed = true;
    String transactionNumber = row.get(Field.TRANSACTION_NUMBER).strip();
    errors.add(
        new ImportError(
            (int) row.line(),
            transactionNumber.isEmpty() ? null : transactionNumber,
            field == null ? null : profile.header(field),
            field == null ? null : field.wireName(),
            code.code(),
            message,
            row.fields()));
  }
}
