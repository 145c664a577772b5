package crm.bulkimport.cli;

import crm.bulkimport.batch.Batch;
import crm.bulkimport.batch.BatchState;
import crm.bulkimport.problem.ImportError;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The text an operator reads when a batch has finished: what happened, and what to do next. */
final class ImportSummary {

  static final int ERRORS_SHOWN = 20;

  private ImportSummary() {}

  /**
   * The summary of a finished batch.
   *
   * @param firstErrors at most {@link #ERRORS_SHOWN} of its errors, in file order
   */
  static String of(Batch batch, String file, List<ImportError> firstErrors) {
    StringBuilder text = new StringBuilder();
    text.append(headline(batch)).append('\n');
    field(text, "batch", batch.id().toString());
    field(text, "merchant", batch.merchantId().toString());
    if (batch.batchName() != null) {
      field(text, "name", batch.batchName());
    }
    field(text, "file", file + " (" + ProgressDisplay.rows(batch.fileSize()) + " bytes)");
    field(text, "rows", count(batch.totalRows()));
    field(text, "purchases", count(batch.purchasesCount()) + (batch.dryRun() ? " (dry run)" : ""));
    field(text, "items", count(batch.itemsCount()) + (batch.dryRun() ? " (dry run)" : ""));
    if (batch.skippedPurchases() != null) {
      field(text, "skipped", count(batch.skippedPurchases()) + " purchases already in the ledger");
    }
    if (batch.rejectedPurchases() != null) {
      field(
          text,
          "left out",
          count(batch.rejectedPurchases())
              + " purchases ("
              + count(batch.rejectedRows())
              + " rows) with errors");
    }
    field(text, "errors", ProgressDisplay.rows(batch.errorCount()));
    field(text, "duration", duration(batch));
    for (String warning : batch.warnings()) {
      field(text, "warning", warning);
    }
    if (batch.errorMessage() != null) {
      field(text, "reason", batch.errorMessage());
    }
    if (!firstErrors.isEmpty()) {
      text.append('\n')
          .append(
              batch.errorCount() > firstErrors.size()
                  ? "The first " + firstErrors.size() + " of " + batch.errorCount() + " errors"
                  : firstErrors.size() == 1 ? "The error" : "All " + firstErrors.size() + " errors")
          .append(", in file order:\n");
      int codeWidth = firstErrors.stream().mapToInt(e -> e.code().length()).max().orElse(0);
      for (ImportError error : firstErrors) {
        text.append(errorLine(error, codeWidth)).append('\n');
      }
    }
    text.append('\n');
    if (batch.state() == BatchState.COMPLETED
        && batch.rejectedRows() != null
        && batch.rejectedRows() > 0
        && !batch.dryRun()) {
      text.append("The rows left out, with their original values, to fix and import again:\n")
          .append("  GET /api/import/status/")
          .append(batch.id())
          .append("/errors.csv\n");
    } else if (batch.errorCount() > 0) {
      text.append("Every error with its row's original values, from the service:\n")
          .append("  GET /api/import/status/")
          .append(batch.id())
          .append("/errors.csv\n");
    }
    text.append("The batch's status: GET /api/import/status/").append(batch.id()).append('\n');
    return text.toString();
  }

  static String headline(Batch batch) {
    return switch (batch.state()) {
      case COMPLETED ->
          batch.dryRun()
              ? "Dry run completed: every row is valid; nothing was written."
              : completed(batch);
      case FAILED ->
          (batch.dryRun() ? "Dry run failed: " : "Import failed: ")
              + ProgressDisplay.rows(batch.errorCount())
              + (batch.errorCount() == 1 ? " error" : " errors")
              + "; nothing was written.";
      case CANCELLED -> "Import cancelled; nothing was written.";
      case REVERTED -> "Import reverted: its purchases and items were removed from the ledger.";
      case PENDING, PROCESSING -> "The import is " + batch.state().value() + ".";
    };
  }

  /** What a completed import wrote, and what it left out or skipped. */
  private static String completed(Batch batch) {
    int leftOut = batch.rejectedPurchases() == null ? 0 : batch.rejectedPurchases();
    int skipped = batch.skippedPurchases() == null ? 0 : batch.skippedPurchases();
    return (leftOut > 0 ? "Import completed in part: " : "Import completed: ")
        + count(batch.purchasesCount())
        + " purchases with "
        + count(batch.itemsCount())
        + " items written to the ledger"
        + (leftOut > 0 ? ", " + count(leftOut) + " left out for their errors" : "")
        + (skipped > 0 ? ", " + count(skipped) + " already there and skipped" : "")
        + ".";
  }

  /** {@code line 3 unknown_sku sku_id … is not a SKU of this merchant (TXN-1001)} */
  static String errorLine(ImportError error, int codeWidth) {
    String where = error.line() == null ? "file" : "line " + error.line();
    String transaction =
        error.transactionNumber() == null || error.transactionNumber().isEmpty()
            ? ""
            : " (" + error.transactionNumber() + ")";
    return String.format(
        Locale.ROOT,
        "  %-10s %-" + Math.max(1, codeWidth) + "s  %s%s",
        where,
        error.code(),
        printable(error.message()),
        printable(transaction));
  }

  /** A file's cells are quoted in messages; their control characters must not reach a terminal. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '\uFFFD' : c));
    return out.toString();
  }

  private static void field(StringBuilder text, String name, String value) {
    text.append(String.format(Locale.ROOT, "  %-10s %s\n", name, value));
  }

  private static String count(Integer value) {
    return value == null ? "-" : ProgressDisplay.rows(value);
  }

  private static String duration(Batch batch) {
    if (batch.completedAt() == null) {
      return "-";
    }
    String total = seconds(Duration.between(batch.createdAt(), batch.completedAt()));
    if (batch.startedAt() == null) {
      return total;
    }
    return total
        + " ("
        + seconds(Duration.between(batch.createdAt(), batch.startedAt()))
        + " queued, "
        + seconds(Duration.between(batch.startedAt(), batch.completedAt()))
        + " importing)";
  }

  static String seconds(Duration duration) {
    long millis = Math.max(0, duration.toMillis());
    if (millis < 90_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    return (millis / 60_000) + " min " + (millis % 60_000) / 1000 + " s";
  }
}
