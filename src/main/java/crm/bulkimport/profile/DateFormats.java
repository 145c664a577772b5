package crm.bulkimport.profile;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * Reads the dates of a file, compiled once per import from the profile's {@code date_format} and
 * {@code time_zone}: the contract's ISO forms, or any {@code java.time} pattern. A date without an
 * offset is in the profile's zone.
 */
public final class DateFormats {

  /** Reads one value; null when it is not a date in this format. */
  @FunctionalInterface
  public interface DateReader {
    OffsetDateTime read(String value);
  }

  /** Shown in messages: what the contract's ISO format accepts. */
  public static final String ISO_EXAMPLES =
      "2024-01-15T10:00:00Z, 2024-01-15T10:00:00+07:00, 2024-01-15 10:00:00 or 2024-01-15";

  private DateFormats() {}

  /**
   * The reader for a format and zone, both already checked by {@link ProfileRules}.
   *
   * @param format {@code iso} or a {@code java.time} pattern
   */
  public static DateReader reader(String format, String zone) {
    ZoneId zoneId = ZoneId.of(zone);
    if (format.equals(ImportProfile.ISO)) {
      return zoneId.equals(ZoneOffset.UTC) ? DateFormats::parseIso : v -> parseIso(v, zoneId);
    }
    DateTimeFormatter formatter = formatter(format);
    return value -> {
      try {
        return resolve(formatter.parse(value), zoneId);
      } catch (DateTimeException e) {
        return null;
      }
    };
  }

  /**
   * A spreadsheet's date cell, a local date-time in the profile's zone, written as the format
   * writes it, so that the text reads back as the same instant at the format's precision (a format
   * without seconds drops them); null when the format is {@code iso} (the cell's own text is that)
   * or cannot write it.
   */
  public static String write(String format, String zone, LocalDateTime when) {
    if (format.equals(ImportProfile.ISO)) {
      return null;
    }
    try {
      return formatter(format).format(when.atZone(ZoneId.of(zone)));
    } catch (DateTimeException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * A date part, or a time part, of a date read from two columns, written as that part of the
   * format (its date before the first space that starts a time, and the time after it); null when
   * the format is {@code iso}, has no such split, or cannot write the part.
   */
  public static String writePart(String format, LocalDate date, LocalTime time) {
    if (format.equals(ImportProfile.ISO)) {
      return null;
    }
    int split = timeStart(format);
    if (split < 0) {
      return null;
    }
    try {
      return date != null
          ? formatter(format.substring(0, split).strip()).format(date)
          : formatter(format.substring(split).strip()).format(time);
    } catch (DateTimeException | IllegalArgumentException e) {
      return null;
    }
  }

  /** Where the time of a pattern starts: after the first unquoted space followed by an hour. */
  private static int timeStart(String pattern) {
    boolean quoted = false;
    for (int i = 0; i + 1 < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == ' ' && "HhKk".indexOf(pattern.charAt(i + 1)) >= 0) {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * Checks that a format can read dates: {@code iso}, or a pattern with a year, a month and a day.
   *
   * @throws ProfileProblem {@code invalid_date_format} with what is wrong
   */
  static void check(String format) {
    if (format.equals(ImportProfile.ISO)) {
      return;
    }
    DateTimeFormatter formatter;
    try {
      formatter = formatter(format);
    } catch (IllegalArgumentException e) {
      throw ProfileProblem.invalid(
          "invalid_date_format",
          "date_format '"
              + format
              + "' is not a date pattern: "
              + e.getMessage()
              + ". Use iso, or a java.time pattern such as dd.MM.yyyy, MM/dd/yyyy HH:mm or"
              + " yyyy-MM-dd HH:mm:ss Z.");
    }
    // A pattern that cannot read back what it writes lacks a part of the date.
    ZonedDateTime sample = ZonedDateTime.of(2024, 3, 17, 13, 45, 30, 0, ZoneId.of("Europe/Berlin"));
    try {
      TemporalAccessor parsed = formatter.parse(formatter.format(sample));
      if (parsed.query(TemporalQueries.localDate()) == null) {
        throw new DateTimeException("no date");
      }
    } catch (DateTimeException e) {
      throw ProfileProblem.invalid(
          "invalid_date_format",
          "date_format '"
              + format
              + "' does not give a whole date; it needs the year, the month and the day (e.g."
              + " dd.MM.yyyy).");
    }
  }

  /**
   * Strict resolution, so that 2024-02-30 is an error rather than the 29th. Strict needs {@code u}
   * (the proleptic year) where people write {@code y} (the year of an era), so unquoted {@code y}s
   * become {@code u}s unless the pattern names the era itself.
   */
  static DateTimeFormatter formatter(String pattern) {
    String strict = pattern.indexOf('G') >= 0 ? pattern : yearOfEraToYear(pattern);
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(strict)
        .toFormatter(Locale.ENGLISH)
        .withResolverStyle(ResolverStyle.STRICT);
  }

  private static String yearOfEraToYear(String pattern) {
    StringBuilder out = new StringBuilder(pattern.length());
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      out.append(!quoted && c == 'y' ? 'u' : c);
    }
    return out.toString();
  }

  private static OffsetDateTime resolve(TemporalAccessor parsed, ZoneId zone) {
    LocalDate date = parsed.query(TemporalQueries.localDate());
    if (date == null) {
      return null;
    }
    LocalTime time = parsed.query(TemporalQueries.localTime());
    ZoneId written = parsed.query(TemporalQueries.zone());
    return ZonedDateTime.of(
            date, time == null ? LocalTime.MIDNIGHT : time, written == null ? zone : written)
        .toOffsetDateTime();
  }

  /** The contract's forms; a date or date-time without an offset is UTC. */
  public static OffsetDateTime parseIso(String value) {
    return parseIso(value, ZoneOffset.UTC);
  }

  private static OffsetDateTime parseIso(String value, ZoneId zone) {
    if (zone.equals(ZoneOffset.UTC)) {
      OffsetDateTime common = parseCommonDate(value);
      if (common != null) {
        return common;
      }
    }
    String text = value;
    if (text.length() > 10 && text.charAt(10) == ' ') {
      text = text.substring(0, 10) + 'T' + text.substring(11);
    }
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(zone).toOffsetDateTime();
      }
      if (hasOffset(text)) {
        return OffsetDateTime.parse(text);
      }
      return LocalDateTime.parse(text).atZone(zone).toOffsetDateTime();
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
}
