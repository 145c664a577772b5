package crm.bulkimport.batch;

import java.util.Locale;

/** What an import does with a purchase whose transaction_number is already in the ledger. */
public enum OnExisting {
  /** It is an error, {@code duplicate_transaction}: the default. */
  FAIL,
  /**
   * It is skipped and counted when the ledger holds the same purchase; it is the error {@code
   * conflicting_transaction} when it differs.
   */
  SKIP;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  static OnExisting of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** The option as a request spells it, whatever its case; empty for anything else. */
  public static java.util.Optional<OnExisting> parse(String value) {
    String wanted = value.strip();
    for (OnExisting option : values()) {
      if (option.value().equalsIgnoreCase(wanted)) {
        return java.util.Optional.of(option);
      }
    }
    return java.util.Optional.empty();
  }
}
