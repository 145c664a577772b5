package crm.bulkimport.batch;

import java.util.Locale;

/** Where a batch is in its life. */
public enum BatchState {
  PENDING,
  PROCESSING,
  COMPLETED,
  FAILED,
  CANCELLED,
  /** Completed, then its purchases and items were removed again. */
  REVERTED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  static BatchState of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  public boolean finished() {
    return this != PENDING && this != PROCESSING;
  }
}
