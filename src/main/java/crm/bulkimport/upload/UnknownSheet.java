package crm.bulkimport.upload;

import crm.bulkimport.problem.Refusal;

/** The upload names a sheet the workbook does not have, or a sheet of a file that has none. */
public final class UnknownSheet extends Refusal {

  UnknownSheet(String message) {
    super(Kind.INVALID, "unknown_sheet", message);
  }
}
