package crm.bulkimport.job;

import crm.bulkimport.batch.Batch;
import crm.bulkimport.batch.BatchErrors;
import crm.bulkimport.batch.BatchProgress;
import crm.bulkimport.batch.BatchTransitions;
import crm.bulkimport.batch.OnExisting;
import crm.bulkimport.csv.ColumnLayout;
import crm.bulkimport.csv.CsvFileProblem;
import crm.bulkimport.csv.CsvRow;
import crm.bulkimport.csv.PurchaseCsvReader;
import crm.bulkimport.filestore.StoredFiles;
import crm.bulkimport.formats.PurchaseFiles;
import crm.bulkimport.ledger.LedgerLoad;
import crm.bulkimport.ledger.LedgerLoader;
import crm.bulkimport.problem.ErrorCode;
import crm.bulkimport.problem.ImportError;
import crm.bulkimport.profile.CrmKeys;
import crm.bulkimport.profile.ImportProfile;
import crm.bulkimport.profile.ProfileJson;
import crm.bulkimport.profile.ProfileProblem;
import crm.bulkimport.validation.LineValidator;
import crm.bulkimport.validation.PurchaseLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one batch: reads its stored file, checks every row, and writes all purchases and items with
 * the batch's completion in one transaction, or writes nothing and records every error. Safe to run
 * again for the same batch: a finished batch is left alone.
 */
@Component
public class PurchaseImport {

  private static final Logger log = LoggerFactory.getLogger(PurchaseImport.class);

  /** How often, in rows, the parse loop looks at the clock for the job's time limit. */
  private static final int DEADLINE_CHECK_ROWS = 4096;

  private final BatchTransitions batches;
  private final BatchProgress batchProgress;
  private final BatchErrors batchErrors;
  private final StoredFiles files;
  private final LedgerLoader ledger;
  private final TransactionTemplate transaction;
  private final JobProperties properties;
  private final ImportMetrics metrics;
  private final Clock clock;
  private final CrmKeys keys;
  private final PurchaseFiles formats;

  PurchaseImport(
      BatchTransitions batches,
      BatchProgress batchProgress,
      BatchErrors batchErrors,
      StoredFiles files,
      LedgerLoader ledger,
      PlatformTransactionManager transactions,
      JobProperties properties,
      ImportMetrics metrics,
      Clock clock,
      CrmKeys keys,
      PurchaseFiles formats) {
    this.batches = batches;
    this.batchProgress = batchProgress;
    this.batchErrors = batchErrors;
    this.files = files;
    this.ledger = ledger;
    this.transaction = new TransactionTemplate(transactions);
    this.properties = properties;
    this.metrics = metrics;
    this.clock = clock;
    this.keys = keys;
    this.formats = formats;
  }

  /** Imports the batch, unless it is already finished. */
  public void run(UUID batchId) {
    Batch batch = batches.claim(batchId).orElse(null);
    if (batch == null) {
      log.info("Batch {} is finished or gone; nothing to do", batchId);
      return;
    }
    if (batch.attempts() > properties.maxAttempts()) {
      // The worker died this often on this file (or the database kept failing it): stop here
      // rather than requeue it forever.
      batches.fail(
          batchId,
          null,
          0,
          "The import was started "
              + (batch.attempts() - 1)
              + " times without finishing and was given up; nothing was imported.",
          List.of());
      return;
    }
    BatchErrors.Recorder errors = batchErrors.startRecording(batchId);
    Run run = new Run(batch, errors);
    long started = System.nanoTime();
    Outcome outcome = transaction.execute(run::inTransaction);
    metrics.finished(
        outcome.ending().name().toLowerCase(java.util.Locale.ROOT),
        Duration.ofNanos(System.nanoTime() - started),
        // A dry run writes nothing to the ledger.
        batch.dryRun() ? 0 : outcome.items(),
        batch.dryRun() ? 0 : batch.fileSize());
    switch (outcome.ending()) {
      case COMPLETED -> {
        if (batch.dryRun()
            && !batches.completeDryRun(batchId, run.completion(outcome), run.warnings)) {
          // Its cancellation came after the last check for it: it ends cancelled, not stuck.
          batches.markCancelled(batchId, outcome.rows());
          log.info("Batch {} (dry run) cancelled as it finished", batchId);
          return;
        }
        log.info(
            "Batch {} completed{}: {} purchases, {} items from {} rows{}{}; {}",
            batchId,
            batch.dryRun() ? " (dry run)" : "",
            outcome.purchases(),
            outcome.items(),
            outcome.rows(),
            run.skipped == null ? "" : ", " + run.skipped.purchases() + " purchases skipped",
            run.leftOut == null ? "" : ", " + run.leftOut.purchases() + " purchases left out",
            run.timings);
      }
      case CANCELLED -> {
        batches.markCancelled(batchId, outcome.rows());
        log.info("Batch {} cancelled while it ran; rolled back", batchId);
      }
      case FAILED -> {
        errors.flush();
        if (run.databaseErrors > 0) {
          new ErrorRowValues(batchErrors, files, formats).fill(batchId, batch.sheet(), run.profile);
        }
        batches.fail(batchId, outcome.rows(), errors.count(), outcome.message(), run.warnings);
        log.info("Batch {} failed with {} errors; {}", batchId, errors.count(), run.timings);
      }
    }
  }

  enum Ending {
    COMPLETED,
    FAILED,
    CANCELLED
  }

  /** How a run ended; {@code message} says why when it failed. */
  record Outcome(Ending ending, int rows, int purchases, int items, String message) {
    static Outcome failed(int rows, String message) {
      return new Outcome(Ending.FAILED, rows, 0, 0, message);
    }
  }

  /** The batch's cancellation was asked for while it ran. */
  private static final class Cancelled extends RuntimeException {
    Cancelled() {
      super(null, null, false, false);
    }
  }

  /** One attempt at one batch. */
  private final class Run {
    private final Batch batch;
    private final BatchErrors.Recorder errors;
    private final List<String> warnings = new ArrayList<>();
    private final Progress progress;
    private final Instant deadline;
    private ImportError firstError;
    private int databaseErrors;
    private int rows;
    private final Timings timings = new Timings();
    private final Batch.Options options;

    /** An error that no purchase can be left out for: the file itself is at fault. */
    private boolean fileAtFault;

    /** partial=true: the errors' transaction numbers and lines not yet left out, pairwise. */
    private final List<String> rejectNumbers = new ArrayList<>();

    private final List<Integer> rejectLines = new ArrayList<>();

    /** The profile the file is read with, once read. */
    private ImportProfile profile = ImportProfile.contract();

    /** What on_existing=skip skipped, and what a partial import left out; null when not asked. */
    private LedgerLoad.Skipped skipped;

    private LedgerLoad.Rejected leftOut;

    Run(Batch batch, BatchErrors.Recorder errors) {
      this.batch = batch;
      this.errors = errors;
      this.progress = new Progress(batchProgress, batch.id(), clock);
      this.deadline = Instant.now(clock).plus(properties.jobTimeout());
      this.options = batch.options();
    }

    private void record(ImportError error) {
      if (firstError == null) {
        firstError = error;
      }
      errors.add(error);
      if (options.partial() && error.line() != null && rejectNumbers.size() <= maxErrors()) {
        rejectNumbers.add(error.transactionNumber());
        rejectLines.add(error.line());
      }
    }

    /** An error of the file as a whole: even a partial import writes nothing then. */
    private void recordFileProblem(ImportError error) {
      fileAtFault = true;
      record(error);
    }

    private int maxErrors() {
      return options.maxErrors() == null ? 0 : options.maxErrors();
    }

    /** Whether the purchases with errors can be left out and the others written. */
    private boolean mayLeaveOut() {
      return options.partial() && !fileAtFault && errors.count() <= maxErrors();
    }

    /** Leaves out, whole, the purchases of the errors found since the last time. */
    private void leaveOut(LedgerLoad load) throws SQLException {
      if (!mayLeaveOut() || rejectNumbers.isEmpty()) {
        return;
      }
      leftOut = load.reject(batch.id(), rejectNumbers, rejectLines);
      rejectNumbers.clear();
      rejectLines.clear();
    }

    BatchTransitions.Completion completion(Outcome outcome) {
      return new BatchTransitions.Completion(
          outcome.rows(),
          outcome.purchases(),
          outcome.items(),
          skipped == null ? null : skipped.purchases(),
          leftOut == null ? null : leftOut.purchases(),
          leftOut == null ? null : leftOut.rows(),
          errors.count(),
          leftOutMessage());
    }

    private String leftOutMessage() {
      if (leftOut == null || errors.count() == 0) {
        return null;
      }
      int count = errors.count();
      return (batch.dryRun() ? "Would leave out " : "Left out ")
          + leftOut.purchases()
          + (leftOut.purchases() == 1 ? " purchase (" : " purchases (")
          + leftOut.rows()
          + (leftOut.rows() == 1 ? " row)" : " rows)")
          + " for "
          + count
          + (count == 1 ? " error" : " errors")
          + "; the others "
          + (batch.dryRun() ? "would be" : "were")
          + " written. errors.csv holds the rows left out, to fix and upload again."
          + first();
    }

    /**
     * An error of the pass that the pass could only find after the COPY: it takes the place of the
     * first error if its line comes earlier, as it would have been found first in one pass.
     */
    private void recordInPass(ImportError error) {
      if (firstError != null
          && error.line() != null
          && firstError.line() != null
          && error.line() < firstError.line()) {
        firstError = error;
      }
      record(error);
    }

    Outcome inTransaction(TransactionStatus status) {
      LedgerLoad load = null;
      try (InputStream in = files.open(batch.id());
          PurchaseCsvReader reader = formats.open(in, batch.sheet())) {
        try {
          profile = profile(batch);
        } catch (ProfileProblem problem) {
          // The operator took away a key the profile uses after it was uploaded.
          String message = problem.getMessage() + " Nothing was imported.";
          recordFileProblem(ImportError.ofFile(ErrorCode.UNKNOWN_KEY, null, message));
          status.setRollbackOnly();
          return Outcome.failed(0, message);
        }
        load = ledger.begin(batch.merchantId(), profile);
        Outcome outcome = load(reader, load, profile);
        if (outcome.ending() != Ending.COMPLETED || batch.dryRun()) {
          // A dry run, a failure: nothing of this transaction may stay.
          status.setRollbackOnly();
        }
        return outcome;
      } catch (Cancelled e) {
        abandon(load);
        status.setRollbackOnly();
        return new Outcome(Ending.CANCELLED, rows, 0, 0, null);
      } catch (TimedOut e) {
        abandon(load);
        return timedOut(status);
      } catch (SQLException e) {
        abandon(load);
        if (deadlinePassed()) {
          // The statement_timeout set from the job's deadline ended the statement.
          return timedOut(status);
        }
        throw new ImportInterrupted("The database failed during the import: " + e.getMessage(), e);
      } catch (IOException e) {
        abandon(load);
        throw new UncheckedIOException(e);
      } catch (RuntimeException | Error e) {
        // Even an OutOfMemoryError must end the COPY: until it does, the connection cannot roll
        // back, and the worker would hang on it with its heartbeat still beating.
        abandon(load);
        throw e;
      }
    }

    private Outcome timedOut(TransactionStatus status) {
      status.setRollbackOnly();
      String message = timedOutMessage();
      recordFileProblem(ImportError.ofFile(ErrorCode.TIMED_OUT, null, message));
      return Outcome.failed(rows, message);
    }

    private ImportProfile profile(Batch batch) {
      if (batch.profile() == null) {
        return ImportProfile.contract();
      }
      ImportProfile profile = ProfileJson.read(batch.profile().body());
      keys.requireAvailable(profile);
      return profile;
    }

    private Outcome load(PurchaseCsvReader reader, LedgerLoad load, ImportProfile profile)
        throws SQLException, IOException {
      ColumnLayout layout;
      try {
        layout = reader.readHeader(profile);
      } catch (CsvFileProblem problem) {
        problem.errors().forEach(this::recordFileProblem);
        return Outcome.failed(0, summary());
      }
      noteFormat(reader, layout);
      timings.mark("setup");
      LineValidator validator = new LineValidator(profile);
      try {
        for (CsvRow row = reader.next(); row != null; row = reader.next()) {
          rows++;
          PurchaseLine line = validator.validate(row, this::record);
          if (line != null) {
            List<String> values = row.fields();
            load.stage(line, error -> record(error.withRowValues(values)));
          }
          if (rows % DEADLINE_CHECK_ROWS == 0) {
            checkDeadline();
          }
          if (progress.due() && progress.report("parsing", rows, reader.bytesRead())) {
            throw new Cancelled();
          }
        }
      } catch (CsvFileProblem problem) {
        // The file could not be read to its end: no purchase after it was seen.
        problem.errors().forEach(this::recordFileProblem);
      } catch (LedgerLoad.TooManyPurchases tooMany) {
        recordFileProblem(
            ImportError.ofFile(
                ErrorCode.TOO_MANY_PURCHASES, (int) tooMany.line(), tooMany.getMessage()));
      }
      if (reader.blankRows() > 0) {
        long blank = reader.blankRows();
        warnings.add("Skipped " + blank + (blank == 1 ? " row" : " rows") + " with no values.");
      }
      if (rows == 0 && errors.count() == 0) {
        recordFileProblem(
            ImportError.ofFile(
                ErrorCode.EMPTY_FILE,
                1,
                "The file has a header row but no data rows; there is nothing to import."));
      }
      // Rows with errors of their own were left out of the staging table; the rest are still
      // checked against the database, so that the report lists every problem at once.
      stopIfCancelled("validating", reader);
      // Grouping reports still the pass's errors, found late: the rows whose purchases were not
      // adjacent.
      int beforeGrouping = errors.count();
      load.endStaging(this::recordInPass);
      databaseErrors = errors.count() - beforeGrouping;
      timings.mark("read and stage");
      load.limitStatementsTo(remaining());
      int before = errors.count();
      checkAgainstDatabase(load);
      databaseErrors += errors.count() - before;
      timings.mark("check");
      if (errors.count() > 0 && !mayLeaveOut()) {
        return Outcome.failed(rows, summary());
      }
      // The errors of the purchases left out are stored before the batch is seen completed, so
      // that its first status already lists them.
      errors.flush();
      if (leftOut != null && !batch.dryRun()) {
        // The rows left out are the report to fix and upload again: they commit with the import.
        new ErrorRowValues(batchErrors, files, formats)
            .fillRejected(batch.id(), batch.sheet(), profile);
        timings.mark("rows left out");
      }
      if (batch.dryRun()) {
        LedgerLoad.Written would = load.countStaged();
        return new Outcome(Ending.COMPLETED, rows, would.purchases(), would.items(), null);
      }
      stopIfCancelled("writing", reader);
      LedgerLoad.Written written = load.apply(batch.id(), Instant.now(clock));
      timings.mark("write");
      Outcome outcome =
          new Outcome(Ending.COMPLETED, rows, written.purchases(), written.items(), null);
      if (!batches.complete(batch.id(), completion(outcome), warnings)) {
        // Cancelled at the last moment, or finished by a revived duplicate run: roll back.
        throw new Cancelled();
      }
      return outcome;
    }

    /**
     * The checks that need the database. A purchase already in the ledger is an error by default;
     * with on_existing=skip the identical ones are taken out first, and the others conflict. A
     * partial import leaves out the purchases with errors before it looks for identical ones, so
     * that a purchase is never both skipped and left out, then leaves out the conflicting ones.
     */
    private void checkAgainstDatabase(LedgerLoad load) throws SQLException {
      load.matchKeys();
      boolean skip = options.onExisting() == OnExisting.SKIP;
      if (!options.partial()) {
        if (skip) {
          skipped = load.skipIdentical();
        }
        load.reportProblems(
            this::record, skip ? LedgerLoad.Existing.CONFLICT : LedgerLoad.Existing.DUPLICATE);
        return;
      }
      load.reportProblems(
          this::record, skip ? LedgerLoad.Existing.LATER : LedgerLoad.Existing.DUPLICATE);
      leaveOut(load);
      if (skip) {
        skipped = load.skipIdentical();
        load.reportExisting(this::record, true);
        leaveOut(load);
      }
      if (leftOut == null && mayLeaveOut()) {
        leftOut = new LedgerLoad.Rejected(0, 0);
      }
    }

    private void noteFormat(PurchaseCsvReader reader, ColumnLayout layout) {
      char delimiter = reader.delimiter();
      if (delimiter != ',') {
        warnings.add(
            "Detected "
                + (delimiter == ';' ? "semicolons (;)" : "tabs")
                + " as the delimiter, not commas.");
      }
      if (!layout.ignoredColumns().isEmpty()) {
        warnings.add(
            "Ignored columns the import does not use: "
                + String.join(", ", layout.ignoredColumns()));
      }
      batchProgress.recordFormat(batch.id(), String.valueOf(delimiter), layout.names());
    }

    private void stopIfCancelled(String phase, PurchaseCsvReader reader) {
      checkDeadline();
      if (progress.report(phase, rows, reader.bytesRead())) {
        throw new Cancelled();
      }
    }

    private void checkDeadline() {
      if (deadlinePassed()) {
        throw new TimedOut(timedOutMessage());
      }
    }

    private boolean deadlinePassed() {
      return !Instant.now(clock).isBefore(deadline);
    }

    private Duration remaining() {
      return Duration.between(Instant.now(clock), deadline);
    }

    private String timedOutMessage() {
      Duration limit = properties.jobTimeout();
      String readable =
          limit.toSecondsPart() == 0 && limit.toMinutes() > 0
              ? limit.toMinutes() + " minutes"
              : limit.toSeconds() > 0 ? limit.toSeconds() + " seconds" : limit.toMillis() + " ms";
      return "The import ran longer than IMPORTER_JOB_TIMEOUT ("
          + readable
          + ") and was stopped; nothing was imported. Split the file, or raise the limit.";
    }

    private void abandon(LedgerLoad load) {
      if (load != null) {
        load.abandon();
      }
    }

    private String summary() {
      int count = errors.count();
      StringBuilder message =
          new StringBuilder()
              .append("Found ")
              .append(count)
              .append(count == 1 ? " error" : " errors");
      if (options.partial() && !fileAtFault) {
        message.append(", more than max_errors (").append(maxErrors()).append(") allows");
      }
      return message.append("; nothing was imported.").append(first()).toString();
    }

    private String first() {
      if (firstError == null) {
        return "";
      }
      StringBuilder first = new StringBuilder(" First: ");
      if (firstError.line() != null) {
        first.append("line ").append(firstError.line()).append(": ");
      }
      return first.append(firstError.message()).toString();
    }
  }

  /** Where one run's time went, for the log: the first place to look when an import is slow. */
  private static final class Timings {
    private final StringBuilder text = new StringBuilder();
    private long last = System.nanoTime();

    void mark(String phase) {
      long now = System.nanoTime();
      text.append(text.length() == 0 ? "" : ", ")
          .append(phase)
          .append(' ')
          .append((now - last) / 1_000_000)
          .append(" ms");
      last = now;
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  /** The job's time limit passed. */
  private static final class TimedOut extends RuntimeException {
    TimedOut(String message) {
      super(message, null, false, false);
    }
  }

  /** A failure of the machinery rather than the file; the job engine retries it. */
  static final class ImportInterrupted extends RuntimeException {
    ImportInterrupted(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
