package crm.bulkimport.profile;

import java.util.Locale;
import java.util.Optional;

/** What a column of a file can feed: the parts of a purchase line item. */
public enum Field {
  TRANSACTION_NUMBER(true),
  TRANSACTION_DATE(true),
  USER(true),
  FINAL_AMOUNT(false),
  SKU(true),
  QUANTITY(true),
  UNIT_PRICE(false),
  LINE_TOTAL(false);

  private final String wireName = name().toLowerCase(Locale.ROOT);
  private final boolean required;

  Field(boolean required) {
    this.required = required;
  }

  /** The name in profile bodies and in errors' {@code field}, e.g. {@code final_amount}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Whether every profile must map it. Of {@code unit_price} and {@code line_total} one is enough:
   * the other is derived.
   */
  public boolean required() {
    return required;
  }

  public static Optional<Field> byWireName(String name) {
    for (Field field : values()) {
      if (field.wireName.equals(name)) {
        return Optional.of(field);
      }
    }
    return Optional.empty();
  }
}
