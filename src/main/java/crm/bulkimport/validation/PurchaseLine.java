package crm.bulkimport.validation;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One valid row of the file: a line item and the purchase it belongs to. A user and a SKU are named
 * by our id or by a key of the CRM's ({@code userRef}, normalised for matching), never both. Under
 * a profile whose purchase values stand only on a purchase's first row, a later row's {@code
 * transactionDate}, user and {@code finalAmount} may be null; {@code finalAmount} is null too when
 * the file has none (it is the sum of the line totals then).
 */
public record PurchaseLine(
    long line,
    String transactionNumber,
    OffsetDateTime transactionDate,
    UUID userId,
    String userRef,
    BigDecimal finalAmount,
    UUID skuId,
    String skuRef,
    BigDecimal quantity,
    BigDecimal unitPrice,
    BigDecimal lineTotal) {

  /** Whether the row names its purchase's user at all. */
  public boolean hasUser() {
    return userId != null || userRef != null;
  }
}
