package crm.bulkimport.validation;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One valid row of the file: a line item and the purchase it belongs to. */
public record PurchaseLine(
    long line,
    String transactionNumber,
    OffsetDateTime transactionDate,
    UUID userId,
    BigDecimal finalAmount,
    UUID skuId,
    BigDecimal quantity,
    BigDecimal unitPrice,
    BigDecimal lineTotal) {}
