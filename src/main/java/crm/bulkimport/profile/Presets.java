package crm.bulkimport.profile;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The profiles that ship with the service, for every merchant, read-only: the contract's own
 * columns, and the documented export layouts of the platforms merchants use most (see
 * docs/EXPORT-FORMATS.md for the sources).
 */
public final class Presets {

  private static final java.util.Set<KeyKind> ALL_KEYS = EnumSet.allOf(KeyKind.class);

  static final ImportProfile CONTRACT =
      ProfileRules.parse(
          body(
              "contract",
              Map.of(
                  "transaction_number", "transaction_number",
                  "transaction_date", "transaction_date",
                  "user", "user_id",
                  "final_amount", "final_amount",
                  "sku", "sku_id",
                  "quantity", "quantity",
                  "unit_price", "unit_price",
                  "line_total", "line_total"),
              Map.of()),
          ALL_KEYS);

  /**
   * Shopify's orders export (Orders › Export): one row per line item; the order's own values
   * (Total, Financial Status, ...) only on its first row; {@code Created at} like {@code 2024-01-15
   * 10:23:45 -0500}; plain numbers in the shop's currency.
   */
  static final ImportProfile SHOPIFY_ORDERS =
      ProfileRules.parse(
          body(
              "Shopify orders export",
              Map.of(
                  "transaction_number", "Name",
                  "transaction_date", "Created at",
                  "user", "Email",
                  "final_amount", "Total",
                  "sku", "Lineitem sku",
                  "quantity", "Lineitem quantity",
                  "unit_price", "Lineitem price"),
              Map.of(
                  "user_key", "email",
                  "sku_key", "code",
                  "date_format", "yyyy-MM-dd HH:mm:ss Z",
                  "purchase_fields_on_first_row", true)),
          ALL_KEYS);

  /**
   * Square's item sales export (Reports › Item Sales › Export, item detail): one row per item sold,
   * date and time in two columns, amounts with the currency symbol ({@code $12.50}, {@code
   * -$2.34}). Net Sales (after discounts, before tax) is the line's total; there is no unit price
   * and no sale total, so both are derived. The customer is the merchant's own Customer Reference
   * ID.
   */
  static final ImportProfile SQUARE_ITEMS =
      ProfileRules.parse(
          body(
              "Square item sales export",
              Map.of(
                  "transaction_number", "Transaction ID",
                  "transaction_date", List.of("Date", "Time"),
                  "user", "Customer Reference ID",
                  "sku", "SKU",
                  "quantity", "Qty",
                  "line_total", "Net Sales"),
              Map.of(
                  "user_key", "external_id",
                  "sku_key", "code",
                  "date_format", "yyyy-MM-dd HH:mm:ss",
                  "thousands_separator", ",",
                  "currency", true)),
          ALL_KEYS);

  private static final Map<String, ImportProfile> BY_NAME =
      Map.of("shopify_orders", SHOPIFY_ORDERS, "square_items", SQUARE_ITEMS);

  private Presets() {}

  /** The preset of that name ({@code shopify_orders}, {@code square_items}). */
  public static Optional<ImportProfile> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** Every preset, by name, in a stable order. */
  public static Map<String, ImportProfile> all() {
    Map<String, ImportProfile> all = new LinkedHashMap<>();
    all.put("shopify_orders", SHOPIFY_ORDERS);
    all.put("square_items", SQUARE_ITEMS);
    return all;
  }

  private static Map<String, Object> body(
      String name, Map<String, Object> columns, Map<String, Object> settings) {
    Map<String, Object> body = new LinkedHashMap<>(settings);
    body.put("name", name);
    // Field order as the contract lists them, so that bodies read the same every time.
    Map<String, Object> ordered = new LinkedHashMap<>();
    for (Field field : Field.values()) {
      if (columns.containsKey(field.wireName())) {
        ordered.put(field.wireName(), columns.get(field.wireName()));
      }
    }
    body.put("columns", ordered);
    return body;
  }
}
