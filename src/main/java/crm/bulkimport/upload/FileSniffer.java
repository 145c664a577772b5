package crm.bulkimport.upload;

import crm.bulkimport.csv.UnreadableInput;
import crm.bulkimport.formats.FileFormat;
import crm.bulkimport.formats.PurchaseFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A first look at an upload's opening bytes, to turn away what cannot be a purchase file before a
 * batch exists for it: nothing at all, old or password-protected Excel files, PDF, binary data,
 * text that is not UTF-8 (in a gzip file too). The upload and the operator's command line both ask
 * it.
 */
public final class FileSniffer {

  static final int SNIFF_BYTES = 64 * 1024;

  private FileSniffer() {}

  /**
   * Reads the first bytes of the content (the caller closes it), and of a gzip file the first bytes
   * of what it holds.
   *
   * @return the form the content has: CSV text, a gzip file of CSV text, or a zip file that the
   *     intake looks into for a workbook
   * @throws UnfitFile {@code empty_file}, {@code unsupported_file}, {@code invalid_encoding} or
   *     {@code malformed_gzip} when the content cannot be a purchase file
   */
  public static FileFormat check(InputStream content) throws IOException {
    byte[] head = content.readNBytes(SNIFF_BYTES);
    if (head.length == 0) {
      throw unsupported("empty_file", "The file is empty; there is nothing to import.");
    }
    FileFormat format = FileFormat.of(head);
    switch (format) {
      case OLE2 ->
          throw unsupported(
              "unsupported_file",
              "The file is an old Excel .xls workbook, or an .xlsx workbook protected by a"
                  + " password; neither can be read. Save it as an Excel workbook (.xlsx) without"
                  + " a password, or as CSV (UTF-8), and upload that.");
      case PDF ->
          throw unsupported(
              "unsupported_file",
              "The file looks like a PDF document, not a CSV text file or a workbook. Export the"
                  + " data as CSV (UTF-8) or .xlsx and upload that.");
      case ZIP -> {
        return format;
      }
      case GZIP -> {
        byte[] text;
        try {
          text =
              PurchaseFiles.gzipHead(
                  new SequenceInputStream(new ByteArrayInputStream(head), content), SNIFF_BYTES);
        } catch (UnreadableInput e) {
          throw unsupported(e.error().code(), e.error().message());
        }
        if (text.length == 0) {
          throw unsupported(
              "empty_file", "The gzip file holds an empty file; there is nothing to import.");
        }
        checkText(text, "The gzip file holds");
        return format;
      }
      default -> {
        checkText(head, "The file contains");
        return format;
      }
    }
  }

  private static void checkText(byte[] head, String holds) {
    for (byte b : head) {
      if (b == 0) {
        throw unsupported(
            "unsupported_file", holds + " binary data (NUL bytes), so it is not a CSV text file.");
      }
    }
    if (!isUtf8(head, head.length == SNIFF_BYTES)) {
      throw unsupported(
          "invalid_encoding",
          "The file is not UTF-8 text (it may be Latin-1 or Windows-1252). Save it as CSV UTF-8"
              + " and upload it again.");
    }
  }

  /** Whether the bytes are UTF-8, allowing a character cut in two at the end of the sample. */
  private static boolean isUtf8(byte[] bytes, boolean truncated) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, !truncated);
    if (result.isError()) {
      return false;
    }
    return truncated ? in.remaining() < 4 : !decoder.flush(out).isError();
  }

  private static UnfitFile unsupported(String code, String message) {
    return new UnfitFile(code, message);
  }
}
