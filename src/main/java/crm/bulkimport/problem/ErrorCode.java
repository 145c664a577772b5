package crm.bulkimport.problem;

import java.util.Locale;

/** The stable codes of everything that can be wrong with an uploaded file. */
public enum ErrorCode {
  MISSING_COLUMN,
  DUPLICATE_COLUMN,
  REQUIRED,
  INVALID_UUID,
  INVALID_DATE,
  INVALID_NUMBER,
  OUT_OF_RANGE,
  UNKNOWN_USER,
  UNKNOWN_SKU,
  AMBIGUOUS_USER,
  AMBIGUOUS_SKU,
  INVALID_PHONE,
  UNKNOWN_KEY,
  INCONSISTENT_TRANSACTION,
  DUPLICATE_TRANSACTION,
  CONFLICTING_TRANSACTION,
  MALFORMED_CSV,
  INVALID_ENCODING,
  EMPTY_FILE,
  TIMED_OUT,
  TOO_MANY_PURCHASES,
  FILE_TOO_LARGE,
  MALFORMED_GZIP,
  MALFORMED_WORKBOOK,
  UNKNOWN_SHEET;

  /** The code as clients see it, e.g. {@code invalid_uuid}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
