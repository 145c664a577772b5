package crm.bulkimport.profile;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns a profile body (JSON as maps, lists and scalars) into an {@link ImportProfile}, checking
 * every part, and back. Every problem is a {@link ProfileProblem} with a code and a message that
 * names the setting and what it may be.
 */
public final class ProfileRules {

  static final int MAX_NAME_LENGTH = 100;
  static final int MAX_AMOUNT_DECIMALS = 6;

  private static final Set<String> SETTINGS =
      Set.of(
          "name",
          "columns",
          "user_key",
          "sku_key",
          "date_format",
          "time_zone",
          "decimal_separator",
          "thousands_separator",
          "currency",
          "amount_decimals",
          "rounding",
          "phone_region",
          "purchase_fields_on_first_row",
          // Written by the service into what it returns; ignored when sent back.
          "profile_id",
          "preset");

  private static final List<String> THOUSANDS = List.of(",", ".", " ", "'");

  private ProfileRules() {}

  /**
   * Reads a profile body.
   *
   * @param availableKeys the keys the CRM's tables have (always {@link KeyKind#ID})
   * @throws ProfileProblem naming the first thing that is wrong
   */
  public static ImportProfile parse(Map<String, ?> body, Set<KeyKind> availableKeys) {
    if (body == null) {
      throw ProfileProblem.invalid("invalid_profile", "The request needs a JSON profile body.");
    }
    for (String key : body.keySet()) {
      if (!SETTINGS.contains(key)) {
        throw ProfileProblem.invalid(
            "unknown_setting",
            "A profile has no setting '"
                + key
                + "'. Settings: "
                + SETTINGS.stream()
                    .filter(s -> !s.equals("profile_id") && !s.equals("preset"))
                    .sorted()
                    .collect(Collectors.joining(", "))
                + ".");
      }
    }
    String name = text(body, "name", null);
    if (name == null || name.isBlank()) {
      throw ProfileProblem.invalid("missing_name", "A profile needs a name, e.g. \"Shop export\".");
    }
    name = name.strip();
    if (name.length() > MAX_NAME_LENGTH) {
      throw ProfileProblem.invalid(
          "invalid_setting",
          "name is " + name.length() + " characters long; at most " + MAX_NAME_LENGTH + ".");
    }
    Map<Field, List<String>> columns = columns(body.get("columns"));
    KeyKind userKey = key(body, "user_key", availableKeys, true);
    KeyKind skuKey = key(body, "sku_key", availableKeys, false);
    String dateFormat = text(body, "date_format", ImportProfile.ISO).strip();
    DateFormats.check(dateFormat);
    String timeZone = text(body, "time_zone", "UTC").strip();
    try {
      ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      throw ProfileProblem.invalid(
          "invalid_time_zone",
          "time_zone '"
              + timeZone
              + "' is not a time zone; use an IANA name such as Europe/Berlin,"
              + " America/New_York or UTC.");
    }
    String decimal = text(body, "decimal_separator", ".");
    if (!decimal.equals(".") && !decimal.equals(",")) {
      throw ProfileProblem.invalid(
          "invalid_setting", "decimal_separator must be \".\" or \",\", not '" + decimal + "'.");
    }
    String thousands = text(body, "thousands_separator", null);
    if (thousands != null && !THOUSANDS.contains(thousands)) {
      throw ProfileProblem.invalid(
          "invalid_setting",
          "thousands_separator must be null, \",\", \".\", \" \" or \"'\", not '"
              + thousands
              + "'.");
    }
    if (decimal.equals(thousands)) {
      throw ProfileProblem.invalid(
          "invalid_setting",
          "decimal_separator and thousands_separator are both '"
              + decimal
              + "'; a number could not be read.");
    }
    int amountDecimals = integer(body, "amount_decimals", 2);
    if (amountDecimals < 0 || amountDecimals > MAX_AMOUNT_DECIMALS) {
      throw ProfileProblem.invalid(
          "invalid_setting",
          "amount_decimals must be from 0 to " + MAX_AMOUNT_DECIMALS + ", not " + amountDecimals);
    }
    String roundingName = text(body, "rounding", "reject").strip().toLowerCase(Locale.ROOT);
    Rounding rounding =
        Rounding.byWireName(roundingName)
            .orElseThrow(
                () ->
                    ProfileProblem.invalid(
                        "invalid_setting",
                        "rounding must be reject, half_up or half_even, not '"
                            + roundingName
                            + "'."));
    String phoneRegion = text(body, "phone_region", null);
    if (phoneRegion != null) {
      phoneRegion = phoneRegion.strip().toUpperCase(Locale.ROOT);
      if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(phoneRegion)) {
        throw ProfileProblem.invalid(
            "invalid_setting",
            "phone_region '"
                + phoneRegion
                + "' is not a region with phone numbers; use a two-letter country code such as"
                + " US, GB or DE.");
      }
    }
    return new ImportProfile(
        name,
        columns,
        userKey,
        skuKey,
        dateFormat,
        timeZone,
        decimal.charAt(0),
        thousands == null ? null : thousands.charAt(0),
        bool(body, "currency", false),
        amountDecimals,
        rounding,
        phoneRegion,
        bool(body, "purchase_fields_on_first_row", false));
  }

  /** The body of a profile, in the order the README lists the settings. */
  public static Map<String, Object> toBody(ImportProfile profile) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", profile.name());
    Map<String, Object> columns = new LinkedHashMap<>();
    profile
        .columns()
        .forEach(
            (field, headers) ->
                columns.put(field.wireName(), headers.size() == 1 ? headers.get(0) : headers));
    body.put("columns", columns);
    body.put("user_key", profile.userKey().wireName());
    body.put("sku_key", profile.skuKey().wireName());
    body.put("date_format", profile.dateFormat());
    body.put("time_zone", profile.timeZone());
    body.put("decimal_separator", String.valueOf(profile.decimalSeparator()));
    body.put(
        "thousands_separator",
        profile.thousandsSeparator() == null ? null : String.valueOf(profile.thousandsSeparator()));
    body.put("currency", profile.currency());
    body.put("amount_decimals", profile.amountDecimals());
    body.put("rounding", profile.rounding().wireName());
    body.put("phone_region", profile.phoneRegion());
    body.put("purchase_fields_on_first_row", profile.purchaseFieldsOnFirstRow());
    return body;
  }

  private static Map<Field, List<String>> columns(Object value) {
    if (value == null) {
      throw ProfileProblem.invalid(
          "empty_columns",
          "A profile needs columns: which header of the file feeds each field, e.g."
              + " {\"transaction_number\": \"Order\", \"quantity\": \"Qty\", ...}.");
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw ProfileProblem.invalid(
          "invalid_column", "columns must be an object of field → header, not " + value + ".");
    }
    if (map.isEmpty()) {
      throw ProfileProblem.invalid(
          "empty_columns",
          "columns is empty; say which header of the file feeds each field. Fields: "
              + fieldNames(Stream.of(Field.values()))
              + ".");
    }
    Map<Field, List<String>> columns = new EnumMap<>(Field.class);
    Map<String, Field> headersSeen = new HashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String fieldName = String.valueOf(entry.getKey());
      Field field =
          Field.byWireName(fieldName.strip().toLowerCase(Locale.ROOT))
              .orElseThrow(
                  () ->
                      ProfileProblem.invalid(
                          "unknown_field",
                          "columns names the field '"
                              + fieldName
                              + "', which does not exist. Fields: "
                              + fieldNames(Stream.of(Field.values()))
                              + "."));
      List<String> headers = headers(field, entry.getValue());
      for (String header : headers) {
        Field other = headersSeen.put(normalise(header), field);
        if (other != null) {
          throw ProfileProblem.invalid(
              "invalid_column",
              "The header '"
                  + header
                  + "' feeds both "
                  + other.wireName()
                  + " and "
                  + field.wireName()
                  + "; a column can feed one field only.");
        }
      }
      columns.put(field, headers);
    }
    List<Field> missing =
        Stream.of(Field.values()).filter(f -> f.required() && !columns.containsKey(f)).toList();
    if (!missing.isEmpty()) {
      throw ProfileProblem.invalid(
          "missing_field",
          "columns has no header for "
              + fieldNames(missing.stream())
              + "; every profile needs transaction_number, transaction_date, user, sku and"
              + " quantity.");
    }
    if (!columns.containsKey(Field.UNIT_PRICE) && !columns.containsKey(Field.LINE_TOTAL)) {
      throw ProfileProblem.invalid(
          "missing_field",
          "columns needs unit_price or line_total (or both); the other is derived from quantity.");
    }
    return columns;
  }

  private static List<String> headers(Field field, Object value) {
    List<String> headers = new ArrayList<>();
    if (value instanceof String header) {
      headers.add(header);
    } else if (value instanceof List<?> list && field == Field.TRANSACTION_DATE) {
      if (list.isEmpty() || list.size() > 2) {
        throw ProfileProblem.invalid(
            "invalid_column",
            "transaction_date takes one header, or two (a date and a time), not "
                + list.size()
                + ".");
      }
      for (Object item : list) {
        if (!(item instanceof String header)) {
          throw ProfileProblem.invalid(
              "invalid_column", "transaction_date's headers must be text, not " + item + ".");
        }
        headers.add(header);
      }
    } else {
      throw ProfileProblem.invalid(
          "invalid_column",
          field.wireName()
              + " must name one header of the file as text"
              + (field == Field.TRANSACTION_DATE ? " (or two, a date and a time)" : "")
              + ", not "
              + value
              + ".");
    }
    List<String> stripped = new ArrayList<>();
    for (String header : headers) {
      if (header.isBlank()) {
        throw ProfileProblem.invalid(
            "invalid_column",
            field.wireName() + " names an empty header; name a column of the file.");
      }
      stripped.add(header.strip());
    }
    return List.copyOf(stripped);
  }

  private static KeyKind key(
      Map<String, ?> body, String setting, Set<KeyKind> available, boolean users) {
    String name = text(body, setting, "id").strip().toLowerCase(Locale.ROOT);
    KeyKind kind = KeyKind.byWireName(name).orElse(null);
    if (kind == null || (users ? !kind.findsUsers() : !kind.findsSkus())) {
      throw ProfileProblem.invalid(
          "unknown_key",
          setting
              + " '"
              + name
              + "' is not a key; "
              + (users
                  ? "users are found by id, external_id, email or phone"
                  : "SKUs by id or code")
              + ".");
    }
    if (!available.contains(kind)) {
      throw ProfileProblem.invalid(
          "unknown_key",
          setting
              + " '"
              + name
              + "' is not available: the CRM's "
              + (users ? "users" : "skus")
              + " table has no column for it (IMPORTER_"
              + (users ? "USER" : "SKU")
              + "_KEYS).");
    }
    return kind;
  }

  private static String text(Map<String, ?> body, String setting, String fallback) {
    Object value = body.get(setting);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String text)) {
      throw ProfileProblem.invalid(
          "invalid_setting", setting + " must be text, not " + value + ".");
    }
    return text;
  }

  private static boolean bool(Map<String, ?> body, String setting, boolean fallback) {
    Object value = body.get(setting);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean flag)) {
      throw ProfileProblem.invalid(
          "invalid_setting", setting + " must be true or false, not " + value + ".");
    }
    return flag;
  }

  private static int integer(Map<String, ?> body, String setting, int fallback) {
    Object value = body.get(setting);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Integer number)) {
      throw ProfileProblem.invalid(
          "invalid_setting", setting + " must be a whole number, not " + value + ".");
    }
    return number;
  }

  private static String fieldNames(Stream<Field> fields) {
    return fields.map(Field::wireName).collect(Collectors.joining(", "));
  }

  /** How headers are compared: case-insensitively, after trimming. */
  public static String normalise(String header) {
    return header.strip().toLowerCase(Locale.ROOT);
  }
}
