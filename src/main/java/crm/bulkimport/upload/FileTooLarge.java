package crm.bulkimport.upload;

import crm.bulkimport.problem.Refusal;
import org.springframework.util.unit.DataSize;

/** A file over {@code IMPORTER_MAX_FILE_SIZE}. */
public final class FileTooLarge extends Refusal {

  private final DataSize limit;

  FileTooLarge(DataSize limit) {
    super(
        Kind.TOO_LARGE,
        "file_too_large",
        "The file is larger than the "
            + readable(limit)
            + " limit (IMPORTER_MAX_FILE_SIZE). Split it into smaller files and upload each.");
    this.limit = limit;
  }

  /** Over the limit in another way than its own size, which the message says. */
  FileTooLarge(DataSize limit, String message) {
    super(Kind.TOO_LARGE, "file_too_large", message);
    this.limit = limit;
  }

  public DataSize limit() {
    return limit;
  }

  static String readable(DataSize size) {
    long bytes = size.toBytes();
    if (bytes >= 1 << 30 && bytes % (1 << 30) == 0) {
      return size.toGigabytes() + "GB";
    }
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return size.toMegabytes() + "MB";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return size.toKilobytes() + "KB";
    }
    return bytes + " bytes";
  }
}
