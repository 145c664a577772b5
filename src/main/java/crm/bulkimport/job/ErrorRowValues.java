package crm.bulkimport.job;

import crm.bulkimport.batch.BatchErrors;
import crm.bulkimport.csv.CsvFileProblem;
import crm.bulkimport.csv.CsvRow;
import crm.bulkimport.csv.PurchaseCsvReader;
import crm.bulkimport.filestore.StoredFiles;
import crm.bulkimport.formats.PurchaseFiles;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the errors found by the database checks their rows' original values, for the error report:
 * one more streaming pass over the stored file, merged with the errors in line order, so that
 * neither is held whole. Only runs when there are such errors, before the file is deleted.
 */
final class ErrorRowValues {

  private static final Logger log = LoggerFactory.getLogger(ErrorRowValues.class);
  private static final int PAGE = 5000;

  private final BatchErrors errors;
  private final StoredFiles files;
  private final PurchaseFiles formats;

  ErrorRowValues(BatchErrors errors, StoredFiles files, PurchaseFiles formats) {
    this.errors = errors;
    this.files = files;
    this.formats = formats;
  }

  void fill(UUID batchId, String sheet) {
    try (InputStream in = files.open(batchId);
        PurchaseCsvReader reader = formats.open(in, sheet)) {
      reader.readHeaderRow();
      CsvRow row = reader.next();
      List<BatchErrors.Unfilled> page = errors.withoutRowValues(batchId, 0, -1, PAGE);
      while (!page.isEmpty()) {
        List<Integer> seqs = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        for (BatchErrors.Unfilled error : page) {
          while (row != null && row.line() < error.line()) {
            row = reader.next();
          }
          if (row != null && row.line() == error.line()) {
            seqs.add(error.seq());
            values.add(row.fields());
          }
        }
        errors.fillRowValues(batchId, seqs, values);
        BatchErrors.Unfilled last = page.get(page.size() - 1);
        page = errors.withoutRowValues(batchId, last.line(), last.seq(), PAGE);
      }
    } catch (CsvFileProblem | IOException | SQLException | RuntimeException e) {
      // The report then lacks some values; the errors themselves are all stored already.
      log.warn("Could not add row values to the errors of batch {}: {}", batchId, e.toString());
    }
  }
}
