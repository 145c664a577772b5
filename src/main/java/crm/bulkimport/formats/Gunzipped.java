package crm.bulkimport.formats;

import crm.bulkimport.csv.CountingInputStream;
import crm.bulkimport.csv.UnreadableInput;
import crm.bulkimport.problem.ErrorCode;
import crm.bulkimport.problem.ImportError;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * A gzip file's content as it is decompressed, held to the decompressed size allowed. Damaged
 * compressed data is the file's error ({@code malformed_gzip}), not a failure of the machinery;
 * concatenated gzip members are read as one file, as {@code gunzip} does.
 */
final class Gunzipped extends InputStream {

  private static final int BUFFER = 64 * 1024;

  private final CountingInputStream compressed;
  private final long limit;
  private SizeLimit content;

  Gunzipped(InputStream compressed, long limit) {
    this.compressed = new CountingInputStream(compressed);
    this.limit = limit;
  }

  /** Compressed bytes read so far: how far through the stored file the reading is. */
  long compressedRead() {
    return compressed.count();
  }

  /** Decompressed bytes read so far. */
  long decompressed() {
    return content == null ? 0 : content.count();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    try {
      if (content == null) {
        // The header is read here, not when the stream is made, so that a damaged one is the
        // file's error at its first read like any other.
        content = new SizeLimit(new GZIPInputStream(compressed, BUFFER), limit, "The gzip file");
      }
      return content.read(buffer, offset, length);
    } catch (UnreadableInput e) {
      throw e;
    } catch (IOException e) {
      throw damaged(e);
    }
  }

  static UnreadableInput damaged(IOException e) {
    return new UnreadableInput(
        ImportError.ofFile(
            ErrorCode.MALFORMED_GZIP,
            null,
            "The gzip file is damaged or cut short ("
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                + "); it cannot be decompressed. Compress the CSV file again and upload it."));
  }

  @Override
  public void close() throws IOException {
    compressed.close();
  }
}
