package crm.bulkimport.preview;

import crm.bulkimport.profile.AmountFormat;
import crm.bulkimport.profile.DateFormats;
import crm.bulkimport.profile.ImportProfile;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guesses how a file writes its dates and numbers from sample values: the first date pattern that
 * reads every sample, and the separators its amounts use. What the samples cannot decide (a date
 * that reads as both {@code MM/dd} and {@code dd/MM}; a {@code 1.234}) is said, with the options.
 */
final class FormatGuess {

  /** A guess, with what a person should confirm. */
  record Dates(String format, Ambiguity ambiguity) {}

  record Numbers(
      char decimal, Character thousands, boolean currency, int maxDecimals, Ambiguity ambiguity) {}

  /** A question the samples leave open: for the ambiguities of a suggestion. */
  record Ambiguity(String field, String message, List<String> options) {}

  /**
   * The patterns tried, each day-first one followed by its month-first twin, stricter forms before
   * looser ones (two-digit days before one-digit ones).
   */
  private static final List<String> DATE_PATTERNS =
      List.of(
          "yyyy-MM-dd HH:mm:ss Z",
          "yyyy-MM-dd HH:mm:ss XXX",
          "yyyy-MM-dd HH:mm:ss",
          "yyyy-MM-dd HH:mm",
          "yyyy/MM/dd HH:mm:ss",
          "yyyy/MM/dd HH:mm",
          "yyyy/MM/dd",
          "dd.MM.yyyy HH:mm:ss",
          "dd.MM.yyyy HH:mm",
          "dd.MM.yyyy",
          "d.M.yyyy H:mm",
          "d.M.yyyy",
          "dd.MM.yy",
          "dd-MM-yyyy HH:mm:ss",
          "dd-MM-yyyy HH:mm",
          "dd-MM-yyyy",
          "dd MMM yyyy HH:mm",
          "dd MMM yyyy",
          "d MMM yyyy",
          "MMM d, yyyy h:mm a",
          "MMM d, yyyy",
          "d MMMM yyyy",
          "MMMM d, yyyy");

  /** Slash dates, day-first and month-first: the pairs a sample may not tell apart. */
  private static final List<String[]> SLASH_PATTERNS =
      List.of(
          new String[] {"dd/MM/yyyy HH:mm:ss", "MM/dd/yyyy HH:mm:ss"},
          new String[] {"dd/MM/yyyy HH:mm", "MM/dd/yyyy HH:mm"},
          new String[] {"dd/MM/yyyy hh:mm a", "MM/dd/yyyy hh:mm a"},
          new String[] {"d/M/yyyy h:mm a", "M/d/yyyy h:mm a"},
          new String[] {"d/M/yyyy h:mm:ss a", "M/d/yyyy h:mm:ss a"},
          new String[] {"d/M/yyyy H:mm", "M/d/yyyy H:mm"},
          new String[] {"dd/MM/yyyy", "MM/dd/yyyy"},
          new String[] {"d/M/yyyy", "M/d/yyyy"},
          new String[] {"dd/MM/yy", "MM/dd/yy"},
          new String[] {"d/M/yy", "M/d/yy"});

  private static final Pattern SLASH_DATE = Pattern.compile("^(\\d{1,2})/(\\d{1,2})/(\\d{2,4})");

  private FormatGuess() {}

  /**
   * The date format that reads every sample, or null when none does.
   *
   * @param dayFirstHint whether the file's numbers suggest a locale that writes the day first
   */
  static Dates dates(List<String> samples, boolean dayFirstHint) {
    if (samples.isEmpty()) {
      return new Dates(ImportProfile.ISO, null);
    }
    if (readsAll(DateFormats.reader(ImportProfile.ISO, "UTC"), samples)) {
      return new Dates(ImportProfile.ISO, null);
    }
    for (String pattern : DATE_PATTERNS) {
      if (readsAll(DateFormats.reader(pattern, "UTC"), samples)) {
        return new Dates(pattern, null);
      }
    }
    for (String[] pair : SLASH_PATTERNS) {
      boolean dayFirst = readsAll(DateFormats.reader(pair[0], "UTC"), samples);
      boolean monthFirst = readsAll(DateFormats.reader(pair[1], "UTC"), samples);
      if (dayFirst && monthFirst) {
        String example = ambiguousExample(samples);
        String chosen = dayFirstHint ? pair[0] : pair[1];
        return new Dates(
            chosen,
            new Ambiguity(
                "date_format",
                "Is "
                    + example
                    + " the "
                    + readAs(example, true)
                    + " or the "
                    + readAs(example, false)
                    + "? Every date in the sample reads both ways.",
                List.of(pair[0], pair[1])));
      }
      if (dayFirst || monthFirst) {
        return new Dates(dayFirst ? pair[0] : pair[1], null);
      }
    }
    return new Dates(null, null);
  }

  private static boolean readsAll(DateFormats.DateReader reader, List<String> samples) {
    for (String sample : samples) {
      if (reader.read(sample) == null) {
        return false;
      }
    }
    return true;
  }

  private static String ambiguousExample(List<String> samples) {
    for (String sample : samples) {
      Matcher m = SLASH_DATE.matcher(sample);
      if (m.find() && !m.group(1).equals(m.group(2))) {
        return m.group(0);
      }
    }
    Matcher m = SLASH_DATE.matcher(samples.get(0));
    return m.find() ? m.group(0) : samples.get(0);
  }

  private static final String[] MONTHS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  };

  /** "3rd of April" for 03/04/2024 read day first. */
  private static String readAs(String example, boolean dayFirst) {
    Matcher m = SLASH_DATE.matcher(example);
    if (!m.find()) {
      return example;
    }
    int first = Integer.parseInt(m.group(1));
    int second = Integer.parseInt(m.group(2));
    int day = dayFirst ? first : second;
    int month = dayFirst ? second : first;
    if (month < 1 || month > 12) {
      return example;
    }
    return ordinal(day) + " of " + MONTHS[month - 1];
  }

  private static String ordinal(int n) {
    String suffix =
        (n % 100 >= 11 && n % 100 <= 13)
            ? "th"
            : switch (n % 10) {
              case 1 -> "st";
              case 2 -> "nd";
              case 3 -> "rd";
              default -> "th";
            };
    return n + suffix;
  }

  /** Separator pairs, decimal then thousands, in the order a tie is decided. */
  private static final char[][] SEPARATORS = {
    {'.', ','}, {',', '.'}, {',', ' '}, {'.', ' '}, {'.', '\''}, {',', 0}, {'.', 0}
  };

  /**
   * The first format that reads every amount, tried without a currency and then with one; a format
   * with another decimal separator that reads them too, but to other values, is the ambiguity.
   */
  static Numbers numbers(List<String> samples) {
    List<String> values = samples.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
    for (boolean currency : new boolean[] {false, true}) {
      AmountFormat chosen = null;
      char[] chosenSeparators = null;
      for (char[] separators : SEPARATORS) {
        AmountFormat format =
            AmountFormat.of(separators[0], separators[1] == 0 ? null : separators[1], currency);
        if (!readsAll(format, values)) {
          continue;
        }
        if (chosen == null) {
          chosen = format;
          chosenSeparators = separators;
        } else if (separators[0] != chosenSeparators[0]) {
          String differing = firstDiffering(chosen, format, values);
          if (differing != null) {
            return numbers(
                chosenSeparators,
                currency,
                values,
                chosen,
                ambiguity(differing, chosen, format, chosenSeparators[0], separators[0]));
          }
        }
      }
      if (chosen != null) {
        return numbers(chosenSeparators, currency, values, chosen, null);
      }
    }
    return new Numbers('.', null, false, 2, null);
  }

  private static Numbers numbers(
      char[] separators,
      boolean currency,
      List<String> values,
      AmountFormat format,
      Ambiguity ambiguity) {
    int maxDecimals = 0;
    for (String value : values) {
      maxDecimals = Math.max(maxDecimals, Math.max(0, format.read(value).scale()));
    }
    return new Numbers(
        separators[0], separators[1] == 0 ? null : separators[1], currency, maxDecimals, ambiguity);
  }

  private static Ambiguity ambiguity(
      String value,
      AmountFormat chosen,
      AmountFormat other,
      char chosenDecimal,
      char otherDecimal) {
    return new Ambiguity(
        "decimal_separator",
        "Is "
            + value
            + " the number "
            + chosen.read(value).toPlainString()
            + " or "
            + other.read(value).toPlainString()
            + "? No amount in the sample tells; say which character starts the decimals.",
        List.of(String.valueOf(chosenDecimal), String.valueOf(otherDecimal)));
  }

  private static boolean readsAll(AmountFormat format, List<String> values) {
    for (String value : values) {
      if (format.read(value) == null) {
        return false;
      }
    }
    return !values.isEmpty();
  }

  private static String firstDiffering(AmountFormat a, AmountFormat b, List<String> values) {
    for (String value : values) {
      if (a.read(value).compareTo(b.read(value)) != 0) {
        return value;
      }
    }
    return null;
  }
}
