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
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Groups rows into purchases by transaction_number as they stream past: gives each purchase its id
 * at its first row, and reports a later row that disagrees with that first row on date, user or
 * final amount. Under a profile whose purchase values stand only on the first row, a later row may
 * leave them blank; the first row must have them.
 *
 * <p>It holds only the run of rows it is reading (rows of one transaction_number in a row, as tills
 * and shops export them) and a bounded set of the numbers it has seen, so that its memory is the
 * same for a thousand purchases or ten million. A run whose number may have been seen before (its
 * rows are not adjacent to the earlier ones, or the set cannot tell) is staged as it is, marked
 * deferred, and grouped after the COPY by the staging table, which holds every row: {@link
 * #resolve} then reports its rows exactly as if they had been grouped here.
 */
final class PurchaseGrouping {

  private static final DateTimeFormatter SECONDS_UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  /** What a purchase's first row said. */
  private record First(
      UUID id, int line, Instant date, UUID user, String userRef, BigDecimal finalAmount) {
    static First of(UUID id, PurchaseLine row) {
      return new First(
          id,
          (int) row.line(),
          row.transactionDate().toInstant(),
          row.userId(),
          row.userRef(),
          row.finalAmount());
    }
  }

  /**
   * The ids a row is staged with, and the purchase's date for a later row that left it blank (null
   * for a deferred row: its purchase is found after the COPY).
   */
  record Assigned(UUID purchaseId, UUID itemId, boolean first, Instant date, boolean deferred) {}

  /** A deferred row, and the first row of its purchase as the staging table found it (or none). */
  record Scattered(
      int line,
      String transactionNumber,
      Instant date,
      UUID user,
      String userRef,
      BigDecimal finalAmount,
      Integer firstLine,
      Instant firstDate,
      UUID firstUser,
      String firstUserRef,
      BigDecimal firstFinalAmount) {}

  private final SeenTransactions seen;
  private final TimeOrderedIds ids = new TimeOrderedIds();
  private final int maxPurchases;
  private final ImportProfile profile;

  /** The run being read: its number, its first row once one carried the purchase. */
  private String runNumber;

  private First runFirst;
  private boolean runDeferred;
  private UUID runProvisionalId;

  /** Purchases begun here; and by deferred runs, at most, until the staging table groups them. */
  private int purchases;

  private int deferredPurchases;

  private long deferredRows;

  /**
   * @param maxPurchases beyond this many purchases the file is refused (the operator's limit)
   * @param seen where the numbers of begun purchases are kept
   */
  PurchaseGrouping(int maxPurchases, ImportProfile profile, SeenTransactions seen) {
    this.maxPurchases = maxPurchases;
    this.seen = seen;
    this.profile = profile;
  }

  /** Purchases so far: exact once every deferred run is {@link #resolved}. */
  int purchases() {
    return purchases + deferredPurchases;
  }

  /** Rows staged for the staging table to group. */
  long deferredRows() {
    return deferredRows;
  }

  /**
   * The row's ids; null when it is the first row of its purchase and lacks the purchase's values.
   */
  Assigned assign(PurchaseLine row, ErrorCollector errors) {
    String number = row.transactionNumber();
    if (!number.equals(runNumber)) {
      runNumber = number;
      runFirst = null;
      runDeferred = seen.mightContain(number);
      runProvisionalId = null;
    }
    if (runDeferred) {
      return deferred(row);
    }
    First first = runFirst;
    if (first == null) {
      if (purchases() >= maxPurchases) {
        throw new LedgerLoad.TooManyPurchases(maxPurchases, row.line());
      }
      if (!carriesPurchase(row, errors)) {
        return null;
      }
      first = First.of(ids.next(), row);
      runFirst = first;
      seen.add(number);
      purchases++;
      return new Assigned(first.id(), ids.next(), true, first.date(), false);
    }
    compare(
        row.line(),
        number,
        row.finalAmount(),
        row.transactionDate() == null ? null : row.transactionDate().toInstant(),
        row.userId(),
        row.userRef(),
        first,
        errors);
    return new Assigned(first.id(), ids.next(), false, first.date(), false);
  }

  /**
   * A row of a run whose number may have begun a purchase earlier in the file: staged with a
   * provisional purchase id and its own values, checked after the COPY.
   */
  private Assigned deferred(PurchaseLine row) {
    if (runProvisionalId == null) {
      runProvisionalId = ids.next();
    }
    if (runFirst == null && complete(row)) {
      // The run carries a purchase, its own or a later part of one: either way any later run of
      // the number must be grouped by the staging table too.
      if (purchases() >= maxPurchases) {
        throw new LedgerLoad.TooManyPurchases(maxPurchases, row.line());
      }
      runFirst = First.of(runProvisionalId, row);
      seen.add(row.transactionNumber());
      deferredPurchases++;
    }
    deferredRows++;
    Instant date = row.transactionDate() == null ? null : row.transactionDate().toInstant();
    return new Assigned(runProvisionalId, ids.next(), false, date, true);
  }

  /**
   * Reports a deferred row as {@link #assign} would have reported it; returns whether it is its
   * purchase's first row.
   */
  boolean resolve(Scattered row, ErrorCollector errors) {
    if (row.firstLine() == null || row.line() < row.firstLine()) {
      // Before its purchase's first row, so without the purchase's values (else it would be it).
      reportMissing(
          row.line(),
          row.transactionNumber(),
          row.date() == null,
          row.user() == null && row.userRef() == null,
          row.finalAmount() == null,
          errors);
      return false;
    }
    if (row.line() == row.firstLine()) {
      return true;
    }
    First first =
        new First(
            null,
            row.firstLine(),
            row.firstDate(),
            row.firstUser(),
            row.firstUserRef(),
            row.firstFinalAmount());
    compare(
        row.line(),
        row.transactionNumber(),
        row.finalAmount(),
        row.date(),
        row.user(),
        row.userRef(),
        first,
        errors);
    return false;
  }

  /** The staging table grouped the deferred rows: {@code firsts} of them began a purchase. */
  void resolved(int firsts) {
    purchases += firsts;
    deferredPurchases = 0;
  }

  private void compare(
      long line,
      String number,
      BigDecimal finalAmount,
      Instant date,
      UUID user,
      String userRef,
      First first,
      ErrorCollector errors) {
    // In the order of the fields, as a report sorted by line then column reads best.
    if (finalAmount != null
        && first.finalAmount() != null
        && finalAmount.compareTo(first.finalAmount()) != 0) {
      disagree(
          errors,
          line,
          number,
          first,
          Field.FINAL_AMOUNT,
          finalAmount.toPlainString(),
          first.finalAmount().toPlainString());
    }
    if (date != null && !date.equals(first.date())) {
      disagree(
          errors,
          line,
          number,
          first,
          Field.TRANSACTION_DATE,
          SECONDS_UTC.format(date),
          SECONDS_UTC.format(first.date()));
    }
    if (user != null && !user.equals(first.user() == null ? new UUID(0, 0) : first.user())) {
      disagree(
          errors,
          line,
          number,
          first,
          Field.USER,
          user.toString(),
          (first.user() == null ? new UUID(0, 0) : first.user()).toString());
    }
    if (userRef != null && !Objects.equals(userRef, first.userRef())) {
      disagree(errors, line, number, first, Field.USER, userRef, first.userRef());
    }
  }

  private boolean complete(PurchaseLine row) {
    return row.transactionDate() != null
        && row.hasUser()
        && (row.finalAmount() != null || !profile.maps(Field.FINAL_AMOUNT));
  }

  /**
   * Whether a purchase's first row has what the purchase needs. Only a profile that lets later rows
   * leave them blank lets them through the validator blank, so only then is this reported.
   */
  private boolean carriesPurchase(PurchaseLine row, ErrorCollector errors) {
    if (complete(row)) {
      return true;
    }
    reportMissing(
        row.line(),
        row.transactionNumber(),
        row.transactionDate() == null,
        !row.hasUser(),
        row.finalAmount() == null,
        errors);
    return false;
  }

  private void reportMissing(
      long line,
      String number,
      boolean noDate,
      boolean noUser,
      boolean noFinalAmount,
      ErrorCollector errors) {
    if (noDate) {
      missingOnFirstRow(errors, line, number, Field.TRANSACTION_DATE);
    }
    if (noUser) {
      missingOnFirstRow(errors, line, number, Field.USER);
    }
    if (noFinalAmount && profile.maps(Field.FINAL_AMOUNT)) {
      missingOnFirstRow(errors, line, number, Field.FINAL_AMOUNT);
    }
  }

  private void missingOnFirstRow(ErrorCollector errors, long line, String number, Field field) {
    errors.add(
        new ImportError(
            (int) line,
            number,
            profile.header(field),
            field.wireName(),
            ErrorCode.REQUIRED.code(),
            String.join(" and ", profile.columns().get(field))
                + " is required on the first row of transaction "
                + number
                + ", which carries the purchase's values.",
            List.of()));
  }

  private void disagree(
      ErrorCollector errors,
      long line,
      String number,
      First first,
      Field field,
      String here,
      String there) {
    String column = profile.header(field);
    errors.add(
        new ImportError(
            (int) line,
            number,
            column,
            field.wireName(),
            ErrorCode.INCONSISTENT_TRANSACTION.code(),
            column
                + " is "
                + here
                + " here but "
                + there
                + " on line "
                + first.line()
                + ", the first row of transaction "
                + number,
            List.of()));
  }
}
