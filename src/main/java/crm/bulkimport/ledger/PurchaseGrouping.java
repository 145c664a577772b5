package crm.bulkimport.ledger;

import crm.bulkimport.problem.ErrorCode;
import crm.bulkimport.problem.ErrorCollector;
import crm.bulkimport.problem.ImportError;
import crm.bulkimport.profile.Field;
import crm.bulkimport.profile.ImportProfile;
import crm.bulkimport.validation.PurchaseLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Groups rows into purchases by transaction_number as they stream past, wherever in the file they
 * are: gives each purchase its id at its first row, and reports a later row that disagrees with
 * that first row on date, user or final amount. Under a profile whose purchase values stand only on
 * the first row, a later row may leave them blank; the first row must have them.
 *
 * <p>It keeps one small entry per purchase (primitives where it can), not the rows: about 220 bytes
 * a purchase, so a million-line file of 3.5-item purchases needs some 60 MB.
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

    /** The user's key value, when users are found by a key rather than our id. */
    final String userRef;

    final BigDecimal finalAmount;

    First(UUID id, PurchaseLine row) {
      this.idHigh = id.getMostSignificantBits();
      this.idLow = id.getLeastSignificantBits();
      this.line = (int) row.line();
      Instant date = row.transactionDate().toInstant();
      this.epochSecond = date.getEpochSecond();
      this.nano = date.getNano();
      this.userHigh = row.userId() == null ? 0 : row.userId().getMostSignificantBits();
      this.userLow = row.userId() == null ? 0 : row.userId().getLeastSignificantBits();
      this.userRef = row.userRef();
      this.finalAmount = row.finalAmount();
    }

    UUID id() {
      return new UUID(idHigh, idLow);
    }

    Instant date() {
      return Instant.ofEpochSecond(epochSecond, nano);
    }
  }

  /** The ids a row is staged with, and the purchase's date for a later row that left it blank. */
  record Assigned(UUID purchaseId, UUID itemId, boolean first, Instant date) {}

  /** Heap one purchase's entry costs, measured roughly: key, map node, entry, amount. */
  static final int BYTES_PER_PURCHASE = 220;

  private final Map<String, First> purchases = new HashMap<>();
  private final TimeOrderedIds ids = new TimeOrderedIds();
  private final int maxPurchases;
  private final ImportProfile profile;

  /**
   * @param maxPurchases beyond this many purchases the file is refused rather than the heap
   */
  PurchaseGrouping(int maxPurchases, ImportProfile profile) {
    this.maxPurchases = maxPurchases;
    this.profile = profile;
  }

  int purchases() {
    return purchases.size();
  }

  /**
   * The row's ids; null when it is the first row of its purchase and lacks the purchase's values.
   */
  Assigned assign(PurchaseLine row, ErrorCollector errors) {
    First first = purchases.get(row.transactionNumber());
    if (first == null) {
      if (purchases.size() >= maxPurchases) {
        throw new LedgerLoad.TooManyPurchases(maxPurchases, row.line());
      }
      if (!carriesPurchase(row, errors)) {
        return null;
      }
      UUID purchaseId = ids.next();
      First entry = new First(purchaseId, row);
      purchases.put(row.transactionNumber(), entry);
      return new Assigned(purchaseId, ids.next(), true, entry.date());
    }
    // In the order of the fields, as a report sorted by line then column reads best.
    if (row.finalAmount() != null
        && first.finalAmount != null
        && row.finalAmount().compareTo(first.finalAmount) != 0) {
      disagree(
          errors,
          row,
          first,
          Field.FINAL_AMOUNT,
          row.finalAmount().toPlainString(),
          first.finalAmount.toPlainString());
    }
    if (row.transactionDate() != null) {
      Instant date = row.transactionDate().toInstant();
      if (date.getEpochSecond() != first.epochSecond || date.getNano() != first.nano) {
        disagree(
            errors,
            row,
            first,
            Field.TRANSACTION_DATE,
            SECONDS_UTC.format(date),
            SECONDS_UTC.format(first.date()));
      }
    }
    UUID user = row.userId();
    if (user != null
        && (user.getMostSignificantBits() != first.userHigh
            || user.getLeastSignificantBits() != first.userLow)) {
      disagree(
          errors,
          row,
          first,
          Field.USER,
          user.toString(),
          new UUID(first.userHigh, first.userLow).toString());
    }
    if (row.userRef() != null && !Objects.equals(row.userRef(), first.userRef)) {
      disagree(errors, row, first, Field.USER, row.userRef(), first.userRef);
    }
    return new Assigned(first.id(), ids.next(), false, first.date());
  }

  /**
   * Whether a purchase's first row has what the purchase needs. Only a profile that lets later rows
   * leave them blank lets them through the validator blank, so only then is this reported.
   */
  private boolean carriesPurchase(PurchaseLine row, ErrorCollector errors) {
    boolean complete = true;
    if (row.transactionDate() == null) {
      complete = missingOnFirstRow(errors, row, Field.TRANSACTION_DATE);
    }
    if (!row.hasUser()) {
      complete = missingOnFirstRow(errors, row, Field.USER);
    }
    if (row.finalAmount() == null && profile.maps(Field.FINAL_AMOUNT)) {
      complete = missingOnFirstRow(errors, row, Field.FINAL_AMOUNT);
    }
    return complete;
  }

  private boolean missingOnFirstRow(ErrorCollector errors, PurchaseLine row, Field field) {
    errors.add(
        new ImportError(
            (int) row.line(),
            row.transactionNumber(),
            profile.header(field),
            field.wireName(),
            ErrorCode.REQUIRED.code(),
            String.join(" and ", profile.columns().get(field))
                + " is required on the first row of transaction "
                + row.transactionNumber()
                + ", which carries the purchase's values.",
            List.of()));
    return false;
  }

  private void disagree(
      ErrorCollector errors,
      PurchaseLine row,
      First first,
      Field field,
      String here,
      String there) {
    String column = profile.header(field);
    errors.add(
        new ImportError(
            (int) row.line(),
            row.transactionNumber(),
            column,
            field.wireName(),
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
