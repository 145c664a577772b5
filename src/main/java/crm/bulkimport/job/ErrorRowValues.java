package crm.bulkimport.job;

import crm.bulkimport.batch.BatchErrors;
import crm.bulkimport.csv.CsvFileProblem;
import crm.bulkimport.csv.CsvRow;
import crm.bulkimport.csv.PurchaseCsvReader;
import crm.bulkimport.filestore.StoredFiles;
import crm.bulkimport.formats.PurchaseFiles;
import crm.bulkimport.profile.ImportProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives rows of the error report their original values: one more streaming pass over the stored
 * file, merged in line order with pages of the lines that want them, so that neither is held whole.
 * For the errors the database checks found (after a failed import), and for the rows a partial
 * import left out (inside its transaction, before it commits). A workbook's number and date cells
 * are written as the profile reads text, so that the rows left out import again with it.
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

  /**
   * The database checks' errors of a failed batch. A failure here only leaves some values out of
   * the report; the errors themselves are all stored already.
   */
  void fill(UUID batchId, String sheet, ImportProfile profile) {
    try {
      walk(
          batchId,
          sheet,
          profile,
          new Wanted<BatchErrors.Unfilled>() {
            @Override
            public List<BatchErrors.Unfilled> page(BatchErrors.Unfilled after) {
              return after == null
                  ? errors.withoutRowValues(batchId, 0, -1, PAGE)
                  : errors.withoutRowValues(batchId, after.line(), after.seq(), PAGE);
            }

            @Override
            public int line(BatchErrors.Unfilled item) {
              return item.line();
            }

            @Override
            public void fill(List<BatchErrors.Unfilled> items, List<List<String>> values) {
              errors.fillRowValues(
                  batchId, items.stream().map(BatchErrors.Unfilled::seq).toList(), values);
            }
          });
    } catch (CsvFileProblem | IOException | SQLException | RuntimeException e) {
      log.warn("Could not add row values to the errors of batch {}: {}", batchId, e.toString());
    }
  }

  /**
   * The rows a partial import left out, in its transaction: they are the report a user fixes and
   * uploads again, so a failure here fails the attempt (and the job engine retries it).
   */
  void fillRejected(UUID batchId, String sheet, ImportProfile profile) throws SQLException {
    try {
      walk(
          batchId,
          sheet,
          profile,
          new Wanted<Integer>() {
            @Override
            public List<Integer> page(Integer after) {
              return errors.rejectedWithoutRowValues(batchId, after == null ? 0 : after, PAGE);
            }

            @Override
            public int line(Integer item) {
              return item;
            }

            @Override
            public void fill(List<Integer> items, List<List<String>> values) {
              errors.fillRejectedRowValues(batchId, items, values);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CsvFileProblem e) {
      // The import read this same file to its end a moment ago.
      throw new IllegalStateException("The stored file could not be read again: " + e, e);
    }
  }

  /** Pages of lines that want their row's values, in line order. */
  private interface Wanted<T> {
    List<T> page(T after);

    int line(T item);

    void fill(List<T> items, List<List<String>> values);
  }

  private <T> void walk(UUID batchId, String sheet, ImportProfile profile, Wanted<T> wanted)
      throws CsvFileProblem, IOException, SQLException {
    try (InputStream in = files.open(batchId);
        PurchaseCsvReader reader = formats.open(in, sheet)) {
      reader.readHeader(profile);
      CsvRow row = reader.next();
      List<T> page = wanted.page(null);
      while (!page.isEmpty()) {
        List<T> found = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        for (T item : page) {
          int line = wanted.line(item);
          while (row != null && row.line() < line) {
            row = reader.next();
          }
          if (row != null && row.line() == line) {
            found.add(item);
            values.add(row.fieldsAsText(profile));
          }
        }
        wanted.fill(found, values);
        page = wanted.page(page.get(page.size() - 1));
      }
    }
  }
}
