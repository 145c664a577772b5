package crm.bulkimport.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A first look at an upload's opening bytes, to turn away what cannot be a CSV file before a batch
 * exists for it: nothing at all, archives and spreadsheets, binary data, text that is not UTF-8.
 * The upload and the operator's command line both ask it.
 */
public final class FileSniffer {

  static final int SNIFF_BYTES = 64 * 1024;

  private FileSniffer() {}

  /**
   * Reads the first bytes of the content (the caller closes it).
   *
   * @throws UnfitFile {@code empty_file}, {@code unsupported_file} or {@code invalid_encoding} when
   *     the content cannot be a CSV file
   */
  public static void check(InputStream content) throws IOException {
    byte[] head = content.readNBytes(SNIFF_BYTES);
    if (head.length == 0) {
      throw unsupported("empty_file", "The file is empty; there is nothing to import.");
    }
    String kind = binaryKind(head);
    if (kind != null) {
      throw unsupported(
          "unsupported_file",
          "The file looks like "
              + kind
              + ", not a CSV text file. Export the data as CSV (UTF-8) and upload that.");
    }
    for (byte b : head) {
      if (b == 0) {
        throw unsupported(
            "unsupported_file",
            "The file contains binary data (NUL bytes), so it is not a CSV text file.");
      }
    }
    if (!isUtf8(head, head.length == SNIFF_BYTES)) {
      throw unsupported(
          "invalid_encoding",
          "The file is not UTF-8 text (it may be Latin-1 or Windows-1252). Save it as CSV UTF-8"
              + " and upload it again.");
    }
  }

  private static String binaryKind(byte[] head) {
    if (startsWith(head, 0x1f, 0x8b)) {
      return "a gzip archive";
    }
    if (startsWith(head, 'P', 'K', 3, 4)) {
      return "a zip archive or an Excel .xlsx workbook";
    }
    if (startsWith(head, 0xd0, 0xcf, 0x11, 0xe0)) {
      return "an Excel .xls workbook";
    }
    if (startsWith(head, '%', 'P', 'D', 'F')) {
      return "a PDF document";
    }
    return null;
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
