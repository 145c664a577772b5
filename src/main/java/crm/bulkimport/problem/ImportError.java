package crm.bulkimport.problem;

import java.util.List;

/**
 * One problem found in an upload.
 *
 * @param line the 1-based line of the file where the row starts (the header is line 1); null when
 *     the problem is the file as a whole
 * @param transactionNumber the row's transaction_number as written, when there is one
 * @param column the file's own header of the column at fault, when there is one
 * @param field the field that column feeds ({@code user}, {@code final_amount}, ...), when known
 * @param code the stable code, e.g. {@code invalid_uuid}
 * @param message what is wrong and what to do, for a person
 * @param rowValues the row's original values, for the error report
 */
public record ImportError(
    Integer line,
    String transactionNumber,
    String column,
    String field,
    String code,
    String message,
    List<String> rowValues) {

  /** An error of a column whose field is not known or not worth naming. */
  public ImportError(
      Integer line,
      String transactionNumber,
      String column,
      String code,
      String message,
      List<String> rowValues) {
    this(line, transactionNumber, column, null, code, message, rowValues);
  }

  public static ImportError ofFile(ErrorCode code, Integer line, String message) {
    return new ImportError(line, null, null, null, code.code(), message, List.of());
  }

  /** The same error with the row's original values, for the report. */
  public ImportError withRowValues(List<String> values) {
    return new ImportError(line, transactionNumber, column, field, code, message, values);
  }
}
