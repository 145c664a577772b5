package crm.bulkimport.profile;

import java.util.Locale;
import java.util.Optional;

/**
 * How a file's value finds a user or a SKU of the merchant. {@code ID} is our own UUID; the others
 * are the CRM's own columns, each matched the way the contract says.
 */
public enum KeyKind {
  ID,
  EXTERNAL_ID,
  EMAIL,
  PHONE,
  CODE;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
  }

  /** Whether the key can find users ({@code true}) or SKUs ({@code false}). */
  boolean findsUsers() {
    return this != CODE;
  }

  boolean findsSkus() {
    return this == ID || this == CODE;
  }

  public static Optional<KeyKind> byWireName(String name) {
    for (KeyKind kind : values()) {
      if (kind.wireName.equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
