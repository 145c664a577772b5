package crm.bulkimport.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import crm.bulkimport.problem.ImportError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A batch as the API shows it (snake_case on the wire). */
public record BatchView(
    UUID batchId,
    UUID merchantId,
    String batchName,
    String fileName,
    long fileSize,
    String status,
    boolean dryRun,
    String delimiter,
    Integer totalRows,
    Integer purchasesCount,
    Integer itemsCount,
    int errorCount,
    String errorMessage,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<ErrorView> errors,
    List<String> warnings,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    ProgressView progress,
    @JsonInclude(JsonInclude.Include.NON_NULL) ProfileView profile,
    @JsonInclude(JsonInclude.Include.NON_NULL) String sheet,
    String onExisting,
    boolean partial,
    Integer maxErrors,
    Integer skippedPurchases,
    Integer rejectedPurchases,
    Integer rejectedRows,
    Instant revertedAt,
    String revertedBy) {

  /**
   * One error, as listed in the status: {@code column} is the file's own header, {@code field} the
   * field it feeds.
   */
  public record ErrorView(
      Integer line,
      String transactionNumber,
      String column,
      String field,
      String code,
      String message) {

    public static ErrorView of(ImportError error) {
      return new ErrorView(
          error.line(),
          error.transactionNumber(),
          error.column(),
          error.field(),
          error.code(),
          error.message());
    }
  }

  /** The profile a batch was read with: a saved profile's id, or a preset's name. */
  public record ProfileView(String profileId, String name) {}

  /**
   * How far the batch is: by bytes of the file read, which is known from the start. While it waits,
   * {@code queuePosition} says how many batches are ahead of it, plus one.
   */
  public record ProgressView(
      String phase,
      long rowsDone,
      Long rowsTotal,
      int percent,
      Long etaSeconds,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer queuePosition) {}

  /** The same view, with the batch's place in the queue. */
  BatchView withQueuePosition(int position) {
    ProgressView p = progress;
    return new BatchView(
        batchId,
        merchantId,
        batchName,
        fileName,
        fileSize,
        status,
        dryRun,
        delimiter,
        totalRows,
        purchasesCount,
        itemsCount,
        errorCount,
        errorMessage,
        errors,
        warnings,
        createdAt,
        startedAt,
        completedAt,
        new ProgressView(
            p.phase(), p.rowsDone(), p.rowsTotal(), p.percent(), p.etaSeconds(), position),
        profile,
        sheet,
        onExisting,
        partial,
        maxErrors,
        skippedPurchases,
        rejectedPurchases,
        rejectedRows,
        revertedAt,
        revertedBy);
  }

  /** The view of a batch; {@code errors} null leaves them out (as the list does). */
  public static BatchView of(Batch batch, List<ImportError> errors, Instant now) {
    return new BatchView(
        batch.id(),
        batch.merchantId(),
        batch.batchName(),
        batch.fileName(),
        batch.fileSize(),
        batch.state().value(),
        batch.dryRun(),
        batch.delimiter(),
        batch.totalRows(),
        batch.purchasesCount(),
        batch.itemsCount(),
        batch.errorCount(),
        batch.errorMessage(),
        errors == null ? null : errors.stream().map(ErrorView::of).toList(),
        batch.warnings(),
        batch.createdAt(),
        batch.startedAt(),
        batch.completedAt(),
        progress(batch, now),
        batch.profile() == null
            ? null
            : new ProfileView(batch.profile().id(), batch.profile().name()),
        batch.sheet(),
        batch.options().onExisting().value(),
        batch.options().partial(),
        batch.options().maxErrors(),
        batch.skippedPurchases(),
        batch.rejectedPurchases(),
        batch.rejectedRows(),
        batch.revertedAt(),
        batch.revertedBy());
  }

  private static ProgressView progress(Batch batch, Instant now) {
    return switch (batch.state()) {
      case PENDING -> new ProgressView("queued", 0, null, 0, null, null);
      case COMPLETED, FAILED, CANCELLED, REVERTED ->
          new ProgressView(
              "done",
              batch.totalRows() == null ? 0 : batch.totalRows(),
              batch.totalRows() == null ? null : batch.totalRows().longValue(),
              100,
              0L,
              null);
      case PROCESSING -> {
        long bytes = batch.progressBytes() == null ? 0 : batch.progressBytes();
        long rows = batch.progressRows() == null ? 0 : batch.progressRows();
        double fraction =
            batch.fileSize() > 0 ? Math.min(1.0, (double) bytes / batch.fileSize()) : 0;
        // Reading the file is most of the work; the checks and the write take the last tenth.
        int percent = (int) Math.min(99, Math.floor(fraction * 90));
        Long eta = null;
        if (batch.startedAt() != null && fraction > 0.01) {
          double elapsed = Duration.between(batch.startedAt(), now).toMillis() / 1000.0;
          eta = Math.max(0, Math.round(elapsed / (fraction * 0.9) - elapsed));
        }
        String phase = batch.progressPhase() == null ? "parsing" : batch.progressPhase();
        yield new ProgressView(phase, rows, null, percent, eta, null);
      }
    };
  }
}
