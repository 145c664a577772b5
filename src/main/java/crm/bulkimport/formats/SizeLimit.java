package crm.bulkimport.formats;

import crm.bulkimport.csv.UnreadableInput;
import crm.bulkimport.problem.ErrorCode;
import crm.bulkimport.problem.ImportError;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the decompressed bytes read and stops at the limit: a small file that unpacks to far more
 * (a gzip or zip bomb) is refused as it unpacks, never held.
 */
final class SizeLimit extends FilterInputStream {

  private final Budget budget;
  private final String what;
  private volatile long count;

  /**
   * @param what the file as the message names it, e.g. "The gzip file"
   */
  SizeLimit(InputStream in, long limit, String what) {
    this(in, new Budget(limit), what);
  }

  private SizeLimit(InputStream in, Budget budget, String what) {
    super(in);
    this.budget = budget;
    this.what = what;
  }

  /** Bytes read through this stream. */
  long count() {
    return count;
  }

  /** One limit shared by several streams: the parts of one workbook, together. */
  static final class Budget {
    private final long limit;
    private long used;

    Budget(long limit) {
      this.limit = limit;
    }

    SizeLimit limit(InputStream in, String what) {
      return new SizeLimit(in, this, what);
    }
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    counted(skipped);
    return skipped;
  }

  private void counted(long n) throws UnreadableInput {
    count += n;
    budget.used += n;
    if (budget.used > budget.limit) {
      throw tooLarge(what, budget.limit);
    }
  }

  static UnreadableInput tooLarge(String what, long limit) {
    return new UnreadableInput(
        ImportError.ofFile(
            ErrorCode.FILE_TOO_LARGE,
            null,
            what
                + " unpacks to more than the "
                + readable(limit)
                + " limit (IMPORTER_MAX_FILE_SIZE), which applies to the decompressed size too;"
                + " it was not read further. Split it into smaller files and upload each."));
  }

  static String readable(long bytes) {
    if (bytes >= 1 << 30 && bytes % (1 << 30) == 0) {
      return (bytes >> 30) + "GB";
    }
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return (bytes >> 20) + "MB";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return (bytes >> 10) + "KB";
    }
    return bytes + " bytes";
  }
}
