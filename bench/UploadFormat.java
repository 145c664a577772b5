package bench;

/** The forms a purchase file can be uploaded in, each as its file name ends and its media type. */
enum UploadFormat {
  CSV("CSV", ".csv", "text/csv"),
  CSV_GZ("gzip CSV", ".csv.gz", "application/gzip"),
  XLSX(".xlsx workbook", ".xlsx",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final String label;
  private final String suffix;
  private final String mediaType;

  UploadFormat(String label, String suffix, String mediaType) {
    this.label = label;
    this.suffix = suffix;
    this.mediaType = mediaType;
  }

  String label() {
    return label;
  }

  /** The type a browser would send for a file of this name: by its ending, CSV otherwise. */
  static String mediaTypeOf(String fileName) {
    for (UploadFormat format : values()) {
      if (format != CSV && fileName.endsWith(format.suffix)) {
        return format.mediaType;
      }
    }
    return CSV.mediaType;
  }
}
