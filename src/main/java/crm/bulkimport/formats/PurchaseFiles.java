package crm.bulkimport.formats;

import crm.bulkimport.csv.CsvFileProblem;
import crm.bulkimport.csv.PurchaseCsvReader;
import crm.bulkimport.csv.RowSource;
import crm.bulkimport.csv.UnreadableInput;
import crm.bulkimport.problem.ErrorCode;
import crm.bulkimport.problem.ImportError;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.springframework.stereotype.Component;

/**
 * Opens a purchase file, in whichever form it came, as the one row stream: CSV text as it is, a
 * gzip file decompressed as it is read, a workbook's sheet. The form is told by the content. The
 * intake asks it first, to turn away before anything is stored what can be seen cheaply to be
 * unreadable; the import and the preview then read through it.
 */
@Component
public class PurchaseFiles {

  private static final int BUFFER = 64 * 1024;

  private final long maxBytes;

  PurchaseFiles(FormatProperties properties) {
    this.maxBytes = properties.maxFileSize().toBytes();
  }

  /**
   * Opens a file's rows (the reader closes the stream).
   *
   * @param sheet the workbook's sheet to read; null or blank for its first
   */
  public PurchaseCsvReader open(InputStream content, String sheet) throws IOException {
    BufferedInputStream in = new BufferedInputStream(content, BUFFER);
    in.mark(FileFormat.MAGIC_BYTES);
    FileFormat format = FileFormat.of(in.readNBytes(FileFormat.MAGIC_BYTES));
    in.reset();
    return switch (format) {
      case GZIP -> {
        Gunzipped text = new Gunzipped(in, maxBytes);
        yield PurchaseCsvReader.open(text, "csv.gz", text::compressedRead);
      }
      case ZIP -> PurchaseCsvReader.of(workbook(in, sheet));
      default -> PurchaseCsvReader.open(in);
    };
  }

  private RowSource workbook(InputStream in, String sheet) throws IOException {
    try {
      return Workbook.open(in, sheet, maxBytes);
    } catch (UnreadableInput e) {
      in.close();
      return failing(e.error());
    }
  }

  /** A source whose first row is the file's problem, so that it is reported as any other. */
  private static RowSource failing(ImportError error) {
    return new RowSource() {
      @Override
      public Row next() throws CsvFileProblem {
        throw CsvFileProblem.of(error);
      }

      @Override
      public long bytesRead() {
        return 0;
      }

      @Override
      public String format() {
        return "xlsx";
      }

      @Override
      public void close() {}
    };
  }

  /**
   * Reads a compressed file through once, as the import will, without keeping it: the gzip file's
   * or the workbook's decompressed size, whether it decompresses at all, and whether the workbook
   * has the sheet named.
   *
   * @throws UnreadableInput {@code file_too_large}, {@code malformed_gzip}, {@code
   *     malformed_workbook}, {@code unknown_sheet}, or {@code unsupported_file} for a zip that is
   *     not a workbook
   */
  public void check(InputStream content, FileFormat format, String sheet) throws IOException {
    if (format == FileFormat.GZIP) {
      try (InputStream text = new Gunzipped(content, maxBytes)) {
        text.transferTo(OutputStream.nullOutputStream());
      }
    } else if (format == FileFormat.ZIP) {
      WorkbookCheck.check(content, sheet, maxBytes);
    }
  }

  /**
   * The first bytes of a gzip file's decompressed content, for the text checks an upload gets.
   *
   * @throws UnreadableInput {@code malformed_gzip} when they cannot be decompressed
   */
  public static byte[] gzipHead(InputStream content, int bytes) throws IOException {
    return new Gunzipped(content, Long.MAX_VALUE).readNBytes(bytes);
  }

  /** The decompressed start of a gzip file; {@code cut} when there was more, or it broke off. */
  public record Prefix(byte[] bytes, boolean cut) {}

  /**
   * Up to {@code bytes} of a gzip file's content, as much as decompresses: the file may be only its
   * own first part, as a preview is sent.
   */
  public static Prefix gzipPrefix(InputStream content, int bytes) throws IOException {
    Gunzipped text = new Gunzipped(content, Long.MAX_VALUE);
    byte[] buffer = new byte[bytes];
    int filled = 0;
    try {
      int n;
      while (filled < bytes && (n = text.read(buffer, filled, bytes - filled)) > 0) {
        filled += n;
      }
      boolean more = filled == bytes && text.read() >= 0;
      return new Prefix(java.util.Arrays.copyOf(buffer, filled), more);
    } catch (UnreadableInput e) {
      if (filled == 0) {
        throw e;
      }
      return new Prefix(java.util.Arrays.copyOf(buffer, filled), true);
    }
  }

  static UnreadableInput problem(ErrorCode code, String message) {
    return new UnreadableInput(ImportError.ofFile(code, null, message));
  }
}
