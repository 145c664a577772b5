package crm.bulkimport.problem;

import java.util.List;

/**
 * One problem found in an upload.
 *
 * @param line the 1-based line of the file where the row starts (the header is line 1); null when
 *     the problem is the file as a whole
 * @param transactionNumber the row's transaction_number as written, when there is one
 * @param column the column at fault, when there is one
 * @param code the stable code, e.g. {@code invalid_uuid}
 * @param message what is wrong and what to do, for a person
 * @param rowValues the row's original values, for the error report
 */
public record ImportError(
    Integer line,
    String transactionNumber,
    String column,
    String code,
    String message,
    List<String> rowValues) {

  public static ImportError ofFile(ErrorCode code, Integer line, String message) {
    return new ImportError(line, null, null, code.code(), message, List.of());
  }
}
