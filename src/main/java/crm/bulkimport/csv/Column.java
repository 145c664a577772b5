package crm.bulkimport.csv;

/** The required columns of a purchase file, in the order the documentation lists them. */
public enum Column {
  TRANSACTION_NUMBER,
  TRANSACTION_DATE,
  USER_ID,
  FINAL_AMOUNT,
  SKU_ID,
  QUANTITY,
  UNIT_PRICE,
  LINE_TOTAL;

  private final String header = name().toLowerCase(java.util.Locale.ROOT);

  /** The name in the file's header row. */
  public String header() {
    return header;
  }
}
