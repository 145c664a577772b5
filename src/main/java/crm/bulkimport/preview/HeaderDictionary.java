package crm.bulkimport.preview;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The column names shops, tills and spreadsheets use, in several languages, and the target each
 * means ({@code mapping/header-names.txt}, one line per target: {@code user.email: email | e-mail |
 * ...}).
 */
final class HeaderDictionary {

  /** What a header can mean: a field, with the key a user or SKU column is, or a time of day. */
  enum Target {
    TRANSACTION_NUMBER,
    TRANSACTION_DATE,
    TRANSACTION_TIME,
    USER_ID,
    USER_EXTERNAL_ID,
    USER_EMAIL,
    USER_PHONE,
    FINAL_AMOUNT,
    SKU_ID,
    SKU_CODE,
    QUANTITY,
    UNIT_PRICE,
    LINE_TOTAL;

    static Target of(String name) {
      return valueOf(name.strip().replace('.', '_').toUpperCase(Locale.ROOT));
    }
  }

  /** A header's meaning, and how specific the name is (0 the most: the first name of its line). */
  record Meaning(Target target, int rank) {}

  private static final Pattern FOLD = Pattern.compile("[\\s_\\-.]+");

  private static final HeaderDictionary STANDARD = load("/mapping/header-names.txt");

  private final Map<String, Meaning> names;

  private HeaderDictionary(Map<String, Meaning> names) {
    this.names = names;
  }

  static HeaderDictionary standard() {
    return STANDARD;
  }

  Optional<Meaning> meaning(String header) {
    return Optional.ofNullable(names.get(fold(header)));
  }

  /** Lower case, runs of spaces, underscores, hyphens and dots as one space. */
  static String fold(String header) {
    return FOLD.matcher(header.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  static HeaderDictionary load(String resource) {
    Map<String, Meaning> names = new HashMap<>();
    try (InputStream in = HeaderDictionary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("No " + resource + " on the class path");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int colon = line.indexOf(':');
        Target target = Target.of(line.substring(0, colon));
        String[] synonyms = line.substring(colon + 1).split("\\|");
        for (int rank = 0; rank < synonyms.length; rank++) {
          String name = fold(synonyms[rank]);
          if (!name.isEmpty()) {
            names.putIfAbsent(name, new Meaning(target, rank));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new HeaderDictionary(Map.copyOf(names));
  }
}
