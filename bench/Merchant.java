package bench;

import java.util.UUID;

/**
 * A benchmark merchant with its users and SKUs. Every merchant's user {@code i} has the same
 * email and SKU {@code i} the same code: the keys a merchant's own export names them by, and
 * they need to be unique only within the merchant.
 */
record Merchant(UUID id, UUID[] users, UUID[] skus) {

  static String email(int user) {
    return "user" + user + "@bench.example";
  }

  static String skuCode(int sku) {
    return "SKU-" + sku;
  }
}
