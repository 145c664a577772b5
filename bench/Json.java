package bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough JSON for the service's flat answers: the first value of a field by name. The JDK
 * has no JSON parser, and the benchmark is meant to need nothing beyond the JDK and pgJDBC.
 */
final class Json {
  private Json() {}

  static String field(String json, String name) {
    Matcher m = Pattern.compile(
            "\"" + Pattern.quote(name) + "\"\\s*:\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,}\\]\\s]+))")
        .matcher(json);
    if (!m.find()) {
      return null;
    }
    String value = m.group(1) != null ? m.group(1) : m.group(2);
    return "null".equals(value) ? null : value;
  }

  static Long longField(String json, String name) {
    String value = field(json, name);
    return value == null ? null : Long.valueOf(value);
  }
}
