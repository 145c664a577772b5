package crm.bulkimport.profile;

import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;

/** What happens to an amount with more decimals than the profile allows. */
public enum Rounding {
  /** It is an error ({@code out_of_range}). */
  REJECT(null),
  HALF_UP(RoundingMode.HALF_UP),
  HALF_EVEN(RoundingMode.HALF_EVEN);

  private final RoundingMode mode;
  private final String wireName = name().toLowerCase(Locale.ROOT);

  Rounding(RoundingMode mode) {
    this.mode = mode;
  }

  /** The mode to round with, or null when such amounts are refused. */
  public RoundingMode mode() {
    return mode;
  }

  public String wireName() {
    return wireName;
  }

  static Optional<Rounding> byWireName(String name) {
    for (Rounding rounding : values()) {
      if (rounding.wireName.equals(name)) {
        return Optional.of(rounding);
      }
    }
    return Optional.empty();
  }
}
