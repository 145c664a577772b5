package crm.bulkimport.job;

import crm.bulkimport.batch.Batch;
import crm.bulkimport.batch.BatchErrors;
import crm.bulkimport.batch.ImportBatches;
import crm.bulkimport.config.ImporterProperties;
import crm.bulkimport.csv.ColumnLayout;
import crm.bulkimport.csv.CsvFileProblem;
import crm.bulkimport.csv.CsvRow;
import crm.bulkimport.csv.PurchaseCsvReader;
import crm.bulkimport.ledger.LedgerLoad;
import crm.bulkimport.ledger.LedgerLoader;
import crm.bulkimport.upload.StoredFiles;
import crm.bulkimport.validation.ErrorCode;
import crm.bulkimport.validation.ImportError;
import crm.bulkimport.validation.LineValidator;
import crm.bulkimport.validation.PurchaseLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
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

  private final ImportBatches batches;
  private final BatchErrors batchErrors;
  private final StoredFiles files;
  private final LedgerLoader ledger;
  private final TransactionTemplate transaction;
  private final ImporterProperties properties;
  private final Clock clock;

  PurchaseImport(
      ImportBatches batches,
      BatchErrors batchErrors,
      StoredFiles files,
      LedgerLoader ledger,
      PlatformTransactionManager transactions,
      ImporterProperties properties,
      Clock clock) {
    this.batches = batches;
    this.batchErrors = batchErrors;
    this.files = files;
    this.ledger = ledger;
    this.transaction = new TransactionTemplate(transactions);
    this.properties = properties;
    this.clock = clock;
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
      deleteFile(batchId);
      return;
    }
    BatchErrors.Recorder errors = batchErrors.startRecording(batchId);
    Run run = new Run(batch, errors);
    Outcome outcome = transaction.execute(status -> run.inTransaction(status));
    if (outcome.completed()) {
      log.info(
          "Batch {} completed: {} purchases, {} items from {} rows",
          batchId,
          outcome.purchases(),
          outcome.items(),
          outcome.rows());
      return;
    }
    errors.flush();
    batches.fail(batchId, outcome.rows(), errors.count(), outcome.message(), run.warnings);
    deleteFile(batchId);
    log.info("Batch {} failed with {} errors", batchId, errors.count());
  }

  private void deleteFile(UUID batchId) {
    transaction.executeWithoutResult(status -> files.delete(batchId));
  }

  /** How a run ended; {@code message} says why when it did not complete. */
  record Outcome(boolean completed, int rows, int purchases, int items, String message) {
    static Outcome failed(int rows, String message) {
      return new Outcome(false, rows, 0, 0, message);
    }
  }

  /** One attempt at one batch. */
  private final class Run {
    private final Batch batch;
    private final BatchErrors.Recorder errors;
    private final List<String> warnings = new ArrayList<>();
    private final Progress progress;
    private ImportError firstError;

    Run(Batch batch, BatchErrors.Recorder errors) {
      this.batch = batch;
      this.errors = errors;
      this.progress = new Progress(batches, batch.id(), clock);
    }

    private void record(ImportError error) {
      if (firstError == null) {
        firstError = error;
      }
      errors.add(error);
    }

    Outcome inTransaction(TransactionStatus status) {
      LedgerLoad load = null;
      int rows = 0;
      try (InputStream in = files.open(batch.id());
          PurchaseCsvReader reader = PurchaseCsvReader.open(in)) {
        load = ledger.begin(batch.merchantId());
        ColumnLayout layout;
        try {
          layout = reader.readHeader();
        } catch (CsvFileProblem problem) {
          problem.errors().forEach(this::record);
          status.setRollbackOnly();
          return Outcome.failed(0, summary());
        }
        if (!layout.ignoredColumns().isEmpty()) {
          warnings.add(
              "Ignored columns the import does not use: "
                  + String.join(", ", layout.ignoredColumns()));
        }
        LineValidator validator = new LineValidator();
        try {
          for (CsvRow row = reader.next(); row != null; row = reader.next()) {
            rows++;
            PurchaseLine line = validator.validate(row, this::record);
            if (line != null) {
              load.stage(line);
            }
            progress.maybeReport("parsing", rows, reader.bytesRead());
          }
        } catch (CsvFileProblem problem) {
          problem.errors().forEach(this::record);
        }
        if (reader.blankRows() > 0) {
          long blank = reader.blankRows();
          warnings.add("Skipped " + blank + (blank == 1 ? " row" : " rows") + " with no values.");
        }
        if (rows == 0 && errors.count() == 0) {
          record(
              ImportError.ofFile(
                  ErrorCode.EMPTY_FILE,
                  1,
                  "The file has a header row but no data rows; there is nothing to import."));
        }
        // Rows with errors of their own were left out of the staging table; the rest are still
        // checked against the database, so that the report lists every problem at once.
        progress.report("validating", rows, reader.bytesRead());
        load.endStaging();
        load.checkAgainstDatabase(this::record);
        if (errors.count() > 0) {
          status.setRollbackOnly();
          return Outcome.failed(rows, summary());
        }
        progress.report("writing", rows, reader.bytesRead());
        LedgerLoad.Written written = load.apply(batch.id(), Instant.now(clock));
        files.delete(batch.id());
        if (!batches.complete(batch.id(), rows, written.purchases(), written.items(), warnings)) {
          // Finished by someone else meanwhile (cancelled, or a revived duplicate run won).
          status.setRollbackOnly();
          return new Outcome(true, rows, 0, 0, null);
        }
        return new Outcome(true, rows, written.purchases(), written.items(), null);
      } catch (SQLException e) {
        abandon(load);
        throw new ImportInterrupted("The database failed during the import: " + e.getMessage(), e);
      } catch (IOException e) {
        abandon(load);
        throw new UncheckedIOException(e);
      } catch (RuntimeException e) {
        abandon(load);
        throw e;
      }
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
              .append(count == 1 ? " error" : " errors")
              .append("; nothing was imported.");
      if (firstError != null) {
        message.append(" First: ");
        if (firstError.line() != null) {
          message.append("line ").append(firstError.line()).append(": ");
        }
        message.append(firstError.message());
      }
      return message.toString();
    }
  }

  /** A failure of the machinery rather than the file; the job engine retries it. */
  static final class ImportInterrupted extends RuntimeException {
    ImportInterrupted(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
