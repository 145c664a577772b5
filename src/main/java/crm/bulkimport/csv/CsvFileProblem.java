package crm.bulkimport.csv;

import crm.bulkimport.problem.ImportError;
import java.util.List;

/** The file cannot be read on from here: no usable header, broken quoting, bad encoding. */
public final class CsvFileProblem extends Exception {

  private final List<ImportError> errors;

  CsvFileProblem(List<ImportError> errors) {
    super(errors.get(0).message(), null, false, false);
    this.errors = List.copyOf(errors);
  }

  CsvFileProblem(ImportError error) {
    this(List.of(error));
  }

  /** The file's problem found by a source of rows other than this package's own. */
  public static CsvFileProblem of(ImportError error) {
    return new CsvFileProblem(error);
  }

  public List<ImportError> errors() {
    return errors;
  }
}
