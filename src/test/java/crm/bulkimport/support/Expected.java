package crm.bulkimport.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A case's {@code .expected} file: "key: value" lines, # comments. {@code profile} (a preset or
 * none), {@code status}, {@code purchases}, {@code items}, then any number of {@code warning},
 * {@code error}, {@code purchase} and {@code item} lines, in order.
 */
public record Expected(
    String profile,
    String status,
    int purchases,
    int items,
    List<String> warnings,
    List<String> errors,
    List<String> purchaseRows,
    List<String> itemRows) {

  public static Expected read(Path file) throws IOException {
    String profile = null;
    String status = null;
    int purchases = 0;
    int items = 0;
    List<String> warnings = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<String> purchaseRows = new ArrayList<>();
    List<String> itemRows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String key = line.substring(0, line.indexOf(':'));
      String value = line.substring(line.indexOf(':') + 1).strip();
      switch (key) {
        case "profile" -> profile = value;
        case "status" -> status = value;
        case "purchases" -> purchases = Integer.parseInt(value);
        case "items" -> items = Integer.parseInt(value);
        case "warning" -> warnings.add(value);
        case "error" -> errors.add(value);
        case "purchase" -> purchaseRows.add(value);
        case "item" -> itemRows.add(value);
        default -> throw new IllegalArgumentException(file + ": unknown key " + key);
      }
    }
    return new Expected(
        profile, status, purchases, items, warnings, errors, purchaseRows, itemRows);
  }
}
