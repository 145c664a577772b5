package crm.bulkimport.ledger;

import crm.bulkimport.problem.ErrorCode;
import crm.bulkimport.problem.ErrorCollector;
import crm.bulkimport.problem.ImportError;
import crm.bulkimport.validation.PurchaseLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Groups rows into purchases by transaction_number as they stream past, wherever in the file they
 * are: gives each purchase its id at its first row, and reports a later row that disagrees with
 * that first row on date, user or final amount.
 *
 * <p>It keeps one small entry per purchase (primitives only), not the rows: about 220 bytes a
 * purchase, so a million-line file of 3.5-item purchases needs some 60 MB.
 */
final class PurchaseGrouping {

  private static final DateTimeFormatter SECONDS_UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  /** What a purchase's first row said. */
  private static final class First {
    final long idHigh;
    final long idLow;
    final int line;
    final long epochSecond;
    final int nano;
    final long userHigh;
    final long userLow;
    final BigDecimal finalAmount;

    First(UUID id, PurchaseLine row) {
      this.idHigh = id.getMostSignificantBits();
      this.idLow = id.getLeastSignificantBits();
      this.line = (int) row.line();
      Instant date = row.transactionDate().toInstant();
      this.epochSecond = date.getEpochSecond();
      this.nano = date.getNano();
      this.userHigh = row.userId().getMostSignificantBits();
      this.userLow = row.userId().getLeastSignificantBits();
      this.finalAmount = row.finalAmount();
    }

    UUID id() {
      return new UUID(idHigh, idLow);
    }
  }

  /** The ids a row is staged with. */
  record Assigned(UUID purchaseId, UUID itemId, boolean first) {}

  /** Heap one purchase's entry costs, measured roughly: key, map node, entry, amount. */
  static final int BYTES_PER_PURCHASE = 220;

  private final Map<String, First> purchases = new HashMap<>();
  private final TimeOrderedIds ids = new TimeOrderedIds();
  private final int maxPurchases;

  /**
   * @param maxPurchases beyond this many purchases the file is refused rather than the heap
   */
  PurchaseGrouping(int maxPurchases) {
    this.maxPurchases = maxPurchases;
  }

  int purchases() {
    return purchases.size();
  }

  Assigned assign(PurchaseLine row, ErrorCollector errors) {
    First first = purchases.get(row.transactionNumber());
    if (first == null) {
      if (purchases.size() >= maxPurchases) {
        throw new LedgerLoad.TooManyPurchases(maxPurchases, row.line());
      }
      UUID purchaseId = ids.next();
      purchases.put(row.transactionNumber(), new First(purchaseId, row));
      return new Assigned(purchaseId, ids.next(), true);
    }
    // In the order of the column names, as a report sorted by line then column reads best.
    if (row.finalAmount().compareTo(first.finalAmount) != 0) {
      disagree(
          errors,
          row,
          first,
          "final_amount",
          row.finalAmount().toPlainString(),
          first.finalAmount.toPlainString());
    }
    Instant date = row.transactionDate().toInstant();
    if (date.getEpochSecond() != first.epochSecond || date.getNano() != first.nano) {
      disagree(
          errors,
          row,
          first,
          "transaction_date",
          SECONDS_UTC.format(date),
          SECONDS_UTC.format(Instant.ofEpochSecond(first.epochSecond, first.nano)));
    }
    UUID user = row.userId();
    if (user.getMostSignificantBits() != first.userHigh
        || user.getLeastSignificantBits() != first.userLow) {
      disagree(
          errors,
          row,
          first,
          "user_id",
          user.toString(),
          new UUID(first.userHigh, first.userLow).toString());
    }
    return new Assigned(first.id(), ids.next(), false);
  }

  private static void disagree(
      ErrorCollector errors,
      PurchaseLine row,
      First first,
      String column,
      String here,
      String there) {
    errors.add(
        new ImportError(
            (int) row.line(),
            row.transactionNumber(),
            column,
            ErrorCode.INCONSISTENT_TRANSACTION.code(),
            column
                + " is "
                + here
                + " here but "
                + there
                + " on line "
                + first.line
                + ", the first row of transaction "
                + row.transactionNumber(),
            List.of()));
  }
}
