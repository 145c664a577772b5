package crm.bulkimport.upload;

import crm.bulkimport.problem.Refusal;

/**
 * Content that cannot be a CSV file: {@code empty_file}, {@code unsupported_file} or {@code
 * invalid_encoding}.
 */
public final class UnfitFile extends Refusal {

  UnfitFile(String code, String message) {
    super(Kind.UNSUPPORTED_CONTENT, code, message);
  }
}
