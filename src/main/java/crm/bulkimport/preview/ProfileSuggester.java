package crm.bulkimport.preview;

import crm.bulkimport.preview.HeaderDictionary.Meaning;
import crm.bulkimport.preview.HeaderDictionary.Target;
import crm.bulkimport.profile.Field;
import crm.bulkimport.profile.ImportProfile;
import crm.bulkimport.profile.KeyKind;
import crm.bulkimport.profile.ProfileRules;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Suggests how to read a file from its header and first rows: a saved profile or preset whose
 * headers the file has, else a profile guessed from the names of its columns (in several languages)
 * and from their values. Plain code over lists, no I/O.
 */
final class ProfileSuggester {

  /** A profile that may fit: a saved one (by id) or a preset (by name). */
  record Candidate(String id, ImportProfile profile) {}

  /**
   * What the suggestion is.
   *
   * @param body a complete profile body, or as much of one as could be placed
   * @param profileId the saved profile or preset it is, or null for a guess
   * @param profile the body as a profile, or null while required fields are unplaced
   * @param unmapped required fields no column was found for
   */
  record Suggestion(
      Map<String, Object> body,
      String profileId,
      ImportProfile profile,
      List<String> unmapped,
      List<FormatGuess.Ambiguity> ambiguities) {}

  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{7,20}");

  /** Rails' zone names, as Square's exports write them, and the IANA zones they mean. */
  private static final Map<String, String> RAILS_ZONES =
      Map.ofEntries(
          Map.entry("eastern time (us & canada)", "America/New_York"),
          Map.entry("central time (us & canada)", "America/Chicago"),
          Map.entry("mountain time (us & canada)", "America/Denver"),
          Map.entry("pacific time (us & canada)", "America/Los_Angeles"),
          Map.entry("arizona", "America/Phoenix"),
          Map.entry("alaska", "America/Juneau"),
          Map.entry("hawaii", "Pacific/Honolulu"),
          Map.entry("atlantic time (canada)", "America/Halifax"),
          Map.entry("london", "Europe/London"),
          Map.entry("dublin", "Europe/Dublin"),
          Map.entry("sydney", "Australia/Sydney"),
          Map.entry("melbourne", "Australia/Melbourne"),
          Map.entry("brisbane", "Australia/Brisbane"),
          Map.entry("perth", "Australia/Perth"),
          Map.entry("tokyo", "Asia/Tokyo"),
          Map.entry("paris", "Europe/Paris"),
          Map.entry("madrid", "Europe/Madrid"),
          Map.entry("berlin", "Europe/Berlin"),
          Map.entry("utc", "UTC"));

  private final HeaderDictionary dictionary;
  private final Set<KeyKind> availableKeys;

  ProfileSuggester(HeaderDictionary dictionary, Set<KeyKind> availableKeys) {
    this.dictionary = dictionary;
    this.availableKeys = availableKeys;
  }

  /**
   * @param candidates the merchant's saved profiles, then the presets: the first whose every header
   *     the file has, with the most headers, wins
   */
  Suggestion suggest(List<String> header, List<List<String>> rows, List<Candidate> candidates) {
    Candidate fitting = bestFit(header, candidates);
    if (fitting != null) {
      List<FormatGuess.Ambiguity> notes = new ArrayList<>();
      zoneNote(header, rows, fitting.profile(), notes);
      Map<String, Object> body = ProfileRules.toBody(fitting.profile());
      return new Suggestion(body, fitting.id(), fitting.profile(), List.of(), notes);
    }
    return guess(header, rows);
  }

  private static Candidate bestFit(List<String> header, List<Candidate> candidates) {
    Set<String> names = new HashSet<>();
    header.forEach(h -> names.add(ProfileRules.normalise(h)));
    Candidate best = null;
    int bestCount = 0;
    for (Candidate candidate : candidates) {
      int count = 0;
      boolean all = true;
      for (List<String> headers : candidate.profile().columns().values()) {
        for (String wanted : headers) {
          if (names.contains(ProfileRules.normalise(wanted))) {
            count++;
          } else {
            all = false;
          }
        }
      }
      if (all && count > bestCount) {
        best = candidate;
        bestCount = count;
      }
    }
    return best;
  }

  private Suggestion guess(List<String> header, List<List<String>> rows) {
    Map<Target, Integer> columns = new EnumMap<>(Target.class);
    Map<Target, Integer> ranks = new EnumMap<>(Target.class);
    for (int i = 0; i < header.size(); i++) {
      Meaning meaning = dictionary.meaning(header.get(i)).orElse(null);
      if (meaning == null) {
        continue;
      }
      Integer rank = ranks.get(meaning.target());
      if (rank == null || meaning.rank() < rank) {
        columns.put(meaning.target(), i);
        ranks.put(meaning.target(), meaning.rank());
      }
    }
    placeByValues(header, rows, columns);

    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "name",
        "Suggested for " + String.join(", ", header.subList(0, Math.min(3, header.size()))));
    Map<String, Object> mapped = new LinkedHashMap<>();
    List<FormatGuess.Ambiguity> ambiguities = new ArrayList<>();

    put(mapped, Field.TRANSACTION_NUMBER, header, columns.get(Target.TRANSACTION_NUMBER));
    Integer date = columns.get(Target.TRANSACTION_DATE);
    Integer time = columns.get(Target.TRANSACTION_TIME);
    if (date != null && time != null) {
      mapped.put(Field.TRANSACTION_DATE.wireName(), List.of(header.get(date), header.get(time)));
    } else {
      put(mapped, Field.TRANSACTION_DATE, header, date);
    }
    KeyKind userKey = userKey(columns, header, rows, mapped);
    put(mapped, Field.FINAL_AMOUNT, header, columns.get(Target.FINAL_AMOUNT));
    KeyKind skuKey = KeyKind.CODE;
    Integer sku = columns.get(Target.SKU_CODE);
    if (columns.containsKey(Target.SKU_ID)
        && (sku == null || allMatch(rows, columns.get(Target.SKU_ID), UUID))) {
      sku = columns.get(Target.SKU_ID);
      skuKey = KeyKind.ID;
    } else if (sku != null && allMatch(rows, sku, UUID)) {
      skuKey = KeyKind.ID;
    }
    put(mapped, Field.SKU, header, sku);
    put(mapped, Field.QUANTITY, header, columns.get(Target.QUANTITY));
    put(mapped, Field.UNIT_PRICE, header, columns.get(Target.UNIT_PRICE));
    put(mapped, Field.LINE_TOTAL, header, columns.get(Target.LINE_TOTAL));
    body.put("columns", mapped);
    body.put("user_key", userKey.wireName());
    body.put("sku_key", availableKeys.contains(skuKey) ? skuKey.wireName() : "id");

    FormatGuess.Numbers numbers = FormatGuess.numbers(amounts(rows, columns));
    FormatGuess.Dates dates =
        FormatGuess.dates(dateSamples(rows, date, time), numbers.decimal() == ',');
    if (dates.ambiguity() != null) {
      ambiguities.add(dates.ambiguity());
    }
    if (date != null && dates.format() == null) {
      ambiguities.add(
          new FormatGuess.Ambiguity(
              "date_format",
              "No known date format reads every value of "
                  + header.get(date)
                  + " (e.g. "
                  + firstValue(rows, date)
                  + "); give its java.time pattern.",
              List.of()));
    }
    body.put("date_format", dates.format() == null ? ImportProfile.ISO : dates.format());
    body.put("time_zone", "UTC");
    body.put("decimal_separator", String.valueOf(numbers.decimal()));
    body.put(
        "thousands_separator",
        numbers.thousands() == null ? null : String.valueOf(numbers.thousands()));
    body.put("currency", numbers.currency());
    if (numbers.ambiguity() != null) {
      ambiguities.add(numbers.ambiguity());
    }
    body.put("amount_decimals", 2);
    if (numbers.maxDecimals() > 2) {
      body.put("rounding", "half_even");
      ambiguities.add(
          new FormatGuess.Ambiguity(
              "rounding",
              "Amounts have up to "
                  + numbers.maxDecimals()
                  + " decimals; they will be rounded to 2 (half-even). Round half up, or keep"
                  + " every decimal (amount_decimals "
                  + numbers.maxDecimals()
                  + ")?",
              List.of("half_even", "half_up", "reject")));
    } else {
      body.put("rounding", "reject");
    }
    body.put("phone_region", null);
    if (userKey == KeyKind.PHONE) {
      ambiguities.add(
          new FormatGuess.Ambiguity(
              "phone_region",
              "Customers are found by phone: which country are numbers without a country code"
                  + " from?",
              List.of()));
    }
    body.put("purchase_fields_on_first_row", firstRowOnly(rows, columns, mapped, header));

    List<String> unmapped = new ArrayList<>();
    for (Field field : Field.values()) {
      if (field.required() && !mapped.containsKey(field.wireName())) {
        unmapped.add(field.wireName());
      }
    }
    if (!mapped.containsKey(Field.UNIT_PRICE.wireName())
        && !mapped.containsKey(Field.LINE_TOTAL.wireName())) {
      unmapped.add("unit_price or line_total");
    }
    ImportProfile profile = null;
    if (unmapped.isEmpty()) {
      try {
        profile = ProfileRules.parse(body, availableKeys);
      } catch (RuntimeException e) {
        // A guess that does not make a valid profile is still shown, to be finished by hand.
        profile = null;
      }
    }
    zoneNote(header, rows, profile, ambiguities);
    return new Suggestion(body, null, profile, unmapped, ambiguities);
  }

  /** Columns the names did not place, placed by what their values are. */
  private static void placeByValues(
      List<String> header, List<List<String>> rows, Map<Target, Integer> columns) {
    Set<Integer> used = new HashSet<>(columns.values());
    for (int i = 0; i < header.size(); i++) {
      if (used.contains(i) || !hasValues(rows, i)) {
        continue;
      }
      if (!hasUser(columns) && allMatch(rows, i, EMAIL)) {
        columns.put(Target.USER_EMAIL, i);
        used.add(i);
      } else if (allMatch(rows, i, UUID)) {
        String name = HeaderDictionary.fold(header.get(i));
        if (!hasUser(columns)
            && (name.contains("user")
                || name.contains("customer")
                || name.contains("client")
                || name.contains("member"))) {
          columns.put(Target.USER_ID, i);
          used.add(i);
        } else if (!columns.containsKey(Target.SKU_ID)
            && !columns.containsKey(Target.SKU_CODE)
            && (name.contains("sku")
                || name.contains("product")
                || name.contains("item")
                || name.contains("article"))) {
          columns.put(Target.SKU_ID, i);
          used.add(i);
        }
      }
    }
  }

  private static boolean hasUser(Map<Target, Integer> columns) {
    return columns.containsKey(Target.USER_ID)
        || columns.containsKey(Target.USER_EXTERNAL_ID)
        || columns.containsKey(Target.USER_EMAIL)
        || columns.containsKey(Target.USER_PHONE);
  }

  /**
   * Which column finds customers: our id where the values are UUIDs, else the merchant's customer
   * number, else email, else phone; only keys this CRM has.
   */
  private KeyKind userKey(
      Map<Target, Integer> columns,
      List<String> header,
      List<List<String>> rows,
      Map<String, Object> mapped) {
    Object[][] order = {
      {Target.USER_ID, KeyKind.ID},
      {Target.USER_EXTERNAL_ID, KeyKind.EXTERNAL_ID},
      {Target.USER_EMAIL, KeyKind.EMAIL},
      {Target.USER_PHONE, KeyKind.PHONE}
    };
    for (Object[] option : order) {
      Integer column = columns.get((Target) option[0]);
      KeyKind kind = (KeyKind) option[1];
      if (column == null || !availableKeys.contains(kind)) {
        continue;
      }
      if (kind == KeyKind.EXTERNAL_ID && allMatch(rows, column, UUID)) {
        kind = KeyKind.ID;
      }
      put(mapped, Field.USER, header, column);
      return kind;
    }
    return KeyKind.ID;
  }

  private static void put(
      Map<String, Object> mapped, Field field, List<String> header, Integer column) {
    if (column != null) {
      mapped.put(field.wireName(), header.get(column).strip());
    }
  }

  /**
   * Whether purchase values stand only on a purchase's first row: a later row of some purchase
   * leaves its date, customer or total blank where the first row has one.
   */
  private static boolean firstRowOnly(
      List<List<String>> rows,
      Map<Target, Integer> columns,
      Map<String, Object> mapped,
      List<String> header) {
    Integer number = columns.get(Target.TRANSACTION_NUMBER);
    if (number == null) {
      return false;
    }
    List<Integer> purchaseColumns = new ArrayList<>();
    for (Field field : List.of(Field.TRANSACTION_DATE, Field.USER, Field.FINAL_AMOUNT)) {
      Object value = mapped.get(field.wireName());
      String name = value instanceof List<?> list ? (String) list.get(0) : (String) value;
      if (name != null) {
        purchaseColumns.add(header.indexOf(name));
      }
    }
    Map<String, List<String>> firstRows = new HashMap<>();
    for (List<String> row : rows) {
      String key = at(row, number).strip();
      List<String> first = firstRows.putIfAbsent(key, row);
      if (first == null || key.isEmpty()) {
        continue;
      }
      for (int column : purchaseColumns) {
        if (column >= 0 && at(row, column).isBlank() && !at(first, column).isBlank()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Says which zone a Square-style "Time Zone" column names, when the profile reads another. */
  private static void zoneNote(
      List<String> header,
      List<List<String>> rows,
      ImportProfile profile,
      List<FormatGuess.Ambiguity> notes) {
    for (int i = 0; i < header.size(); i++) {
      if (!HeaderDictionary.fold(header.get(i)).equals("time zone")) {
        continue;
      }
      String written = firstValue(rows, i);
      String zone =
          written == null
              ? null
              : RAILS_ZONES.get(written.strip().toLowerCase(java.util.Locale.ROOT));
      if (zone == null && written != null && written.contains("/")) {
        zone = written.strip();
      }
      String current = profile == null ? "UTC" : profile.timeZone();
      if (zone != null && !zone.equals(current)) {
        notes.add(
            new FormatGuess.Ambiguity(
                "time_zone",
                "The file's times are in "
                    + written
                    + " ("
                    + zone
                    + "), but the profile reads them as "
                    + current
                    + ". Save a profile with time_zone "
                    + zone
                    + " to read them right.",
                List.of(zone, current)));
      }
      return;
    }
  }

  private static List<String> amounts(List<List<String>> rows, Map<Target, Integer> columns) {
    List<String> values = new ArrayList<>();
    for (Target target : List.of(Target.FINAL_AMOUNT, Target.UNIT_PRICE, Target.LINE_TOTAL)) {
      Integer column = columns.get(target);
      if (column != null) {
        rows.forEach(row -> values.add(at(row, column)));
      }
    }
    return values;
  }

  private static List<String> dateSamples(List<List<String>> rows, Integer date, Integer time) {
    List<String> values = new ArrayList<>();
    if (date == null) {
      return values;
    }
    for (List<String> row : rows) {
      String value = at(row, date).strip();
      if (value.isEmpty()) {
        continue;
      }
      if (time != null && !at(row, time).isBlank()) {
        value = value + " " + at(row, time).strip();
      }
      values.add(value);
    }
    return values;
  }

  private static boolean hasValues(List<List<String>> rows, int column) {
    return rows.stream().anyMatch(row -> !at(row, column).isBlank());
  }

  private static boolean allMatch(List<List<String>> rows, int column, Pattern pattern) {
    boolean any = false;
    for (List<String> row : rows) {
      String value = at(row, column).strip();
      if (value.isEmpty()) {
        continue;
      }
      if (!pattern.matcher(value).matches()) {
        return false;
      }
      any = true;
    }
    return any;
  }

  private static String firstValue(List<List<String>> rows, int column) {
    for (List<String> row : rows) {
      if (!at(row, column).isBlank()) {
        return at(row, column);
      }
    }
    return null;
  }

  private static String at(List<String> row, int column) {
    return column >= 0 && column < row.size() ? row.get(column) : "";
  }
}
