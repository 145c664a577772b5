package crm.bulkimport.formats;

/** What a file is, by its first bytes rather than its name. */
public enum FileFormat {
  /** Anything else: read as CSV text, which the text checks then judge. */
  CSV,
  /** gzip magic {@code 1f 8b}: a compressed CSV text. */
  GZIP,
  /** zip magic {@code PK 03 04}: an {@code .xlsx} workbook, if it has a workbook part. */
  ZIP,
  /**
   * OLE2 magic {@code D0 CF 11 E0}: an old {@code .xls} workbook, or an encrypted {@code .xlsx}.
   */
  OLE2,
  /** {@code %PDF}. */
  PDF;

  /** The bytes needed to tell. */
  static final int MAGIC_BYTES = 4;

  /** The format the first bytes of a file show. */
  public static FileFormat of(byte[] head) {
    if (startsWith(head, 0x1f, 0x8b)) {
      return GZIP;
    }
    if (startsWith(head, 'P', 'K', 3, 4)) {
      return ZIP;
    }
    if (startsWith(head, 0xd0, 0xcf, 0x11, 0xe0)) {
      return OLE2;
    }
    if (startsWith(head, '%', 'P', 'D', 'F')) {
      return PDF;
    }
    return CSV;
  }

  private static boolean startsWith(byte[] head, int... prefix) {
    if (head.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((head[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
