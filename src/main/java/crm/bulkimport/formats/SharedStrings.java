package crm.bulkimport.formats;

import crm.bulkimport.csv.UnreadableInput;
import crm.bulkimport.problem.ErrorCode;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;

/**
 * A workbook's shared strings, the table its text cells point into, kept in two temporary files
 * rather than the heap: the strings one after another as UTF-8, and each one's offset and length. A
 * sheet of a million rows has millions of them; held as Java strings they would fill a 256 MB heap,
 * mapped from a file they take page cache, which the system gives back. Lookups read the mapped
 * files.
 */
final class SharedStrings implements Closeable {

  /** The longest text a cell can hold in Excel; longer is not a real workbook's. */
  static final int MAX_CELL_CHARS = 32_767;

  /** Mapped in pieces, each under 2 GiB; a string never spans two. */
  private static final long SEGMENT = 1L << 30;

  private static final String PART = "shared strings";

  /** Each string's entry in the offsets file: where it starts, and its length in bytes. */
  private static final int ENTRY = 12;

  private final Path directory;
  private final int count;
  private final MappedByteBuffer offsets;
  private final List<MappedByteBuffer> segments;

  private SharedStrings(
      Path directory, int count, MappedByteBuffer offsets, List<MappedByteBuffer> segments) {
    this.directory = directory;
    this.count = count;
    this.offsets = offsets;
    this.segments = segments;
  }

  static SharedStrings none() {
    return new SharedStrings(null, 0, null, List.of());
  }

  /** Reads the shared strings part through once into temporary files (the caller closes it). */
  static SharedStrings read(InputStream part) throws IOException {
    Path directory = Files.createTempDirectory("workbook-strings-");
    try {
      return read(part, directory);
    } catch (IOException | RuntimeException e) {
      delete(directory);
      throw e;
    }
  }

  private static SharedStrings read(InputStream part, Path directory) throws IOException {
    Path textFile = directory.resolve("text");
    Path offsetFile = directory.resolve("offsets");
    int count = 0;
    long size = 0;
    try (DataOutputStream offsets =
            new DataOutputStream(
                new BufferedOutputStream(Files.newOutputStream(offsetFile), 1 << 16));
        OutputStream text = new BufferedOutputStream(Files.newOutputStream(textFile), 1 << 16)) {
      XMLStreamReader xml = SecureXml.open(part, PART);
      StringBuilder item = new StringBuilder();
      while (true) {
        int event = SecureXml.next(xml, PART);
        if (event == XMLStreamConstants.END_DOCUMENT) {
          break;
        }
        if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("si")) {
          item.setLength(0);
          readText(xml, "si", item, PART);
          byte[] bytes = decoded(item).getBytes(StandardCharsets.UTF_8);
          if (size / SEGMENT != (size + bytes.length) / SEGMENT) {
            // Pad to the next segment, so that each string lies in one mapped piece.
            long pad = SEGMENT - size % SEGMENT;
            byte[] zeros = new byte[1 << 16];
            for (long left = pad; left > 0; left -= zeros.length) {
              text.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
            size += pad;
          }
          offsets.writeLong(size);
          offsets.writeInt(bytes.length);
          text.write(bytes);
          size += bytes.length;
          if (++count >= Integer.MAX_VALUE / ENTRY) {
            throw PurchaseFiles.problem(
                ErrorCode.MALFORMED_WORKBOOK,
                "The workbook has more than "
                    + Integer.MAX_VALUE / ENTRY
                    + " shared strings, more than any real sheet; it was not read.");
          }
        }
      }
    }
    try (FileChannel offsetChannel = FileChannel.open(offsetFile, StandardOpenOption.READ);
        FileChannel textChannel = FileChannel.open(textFile, StandardOpenOption.READ)) {
      MappedByteBuffer offsetMap =
          offsetChannel.map(FileChannel.MapMode.READ_ONLY, 0, offsetChannel.size());
      List<MappedByteBuffer> segments = new ArrayList<>();
      for (long start = 0; start < size; start += SEGMENT) {
        segments.add(
            textChannel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(SEGMENT, size - start)));
      }
      return new SharedStrings(directory, count, offsetMap, segments);
    }
  }

  /**
   * The text with the spreadsheet's escapes of characters XML cannot hold decoded, as Excel writes
   * a carriage return in a cell ({@code _x000D_}) and a literal {@code _x} ({@code _x005F_x}); by
   * POI's own decoder, for the few texts that have one.
   */
  static String decoded(CharSequence text) {
    String raw = text.toString();
    if (raw.indexOf("_x") < 0) {
      return raw;
    }
    // _x0000_ is no character a cell can hold, and PostgreSQL refuses it in text.
    return new XSSFRichTextString(raw).getString().replace('\u0000', '\uFFFD');
  }

  /**
   * Appends the text of the element the reader is at (its {@code t} elements, phonetic runs left
   * out) up to its end, capped at {@link #MAX_CELL_CHARS}.
   */
  static void readText(XMLStreamReader xml, String element, StringBuilder out, String part)
      throws UnreadableInput {
    int depth = 1;
    boolean inText = false;
    int phonetic = 0;
    while (depth > 0) {
      int event = SecureXml.next(xml, part);
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          String name = xml.getLocalName();
          if (name.equals("rPh")) {
            phonetic++;
          } else if (name.equals("t") && phonetic == 0) {
            inText = true;
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          depth--;
          String name = xml.getLocalName();
          if (name.equals("rPh")) {
            phonetic--;
          } else if (name.equals("t")) {
            inText = false;
          }
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
          if (inText) {
            append(xml, out, part);
          }
        }
        case XMLStreamConstants.END_DOCUMENT ->
            throw SecureXml.malformed(part, new IllegalStateException("ends inside " + element));
        default -> {}
      }
    }
  }

  /** Appends the characters at the reader, refusing a text longer than a cell can be. */
  static void append(XMLStreamReader xml, StringBuilder out, String part) throws UnreadableInput {
    int length = xml.getTextLength();
    if (out.length() + length > MAX_CELL_CHARS) {
      throw PurchaseFiles.problem(
          ErrorCode.MALFORMED_WORKBOOK,
          "A text in the workbook's "
              + part
              + " is longer than the "
              + MAX_CELL_CHARS
              + " characters a cell can hold; the file is damaged or not a real workbook.");
    }
    out.append(xml.getTextCharacters(), xml.getTextStart(), length);
  }

  /** The string at an index, or null when the table has none there. */
  String get(int index) {
    if (index < 0 || index >= count) {
      return null;
    }
    long start = offsets.getLong(index * ENTRY);
    int length = offsets.getInt(index * ENTRY + 8);
    if (length <= 0) {
      return "";
    }
    byte[] bytes = new byte[length];
    segments.get((int) (start / SEGMENT)).get((int) (start % SEGMENT), bytes, 0, length);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  int count() {
    return count;
  }

  @Override
  public void close() {
    if (directory != null) {
      delete(directory);
    }
  }

  private static void delete(Path directory) {
    // A mapped file can be deleted on Linux while mapped; the pages go when the mapping does.
    for (String name : new String[] {"text", "offsets"}) {
      try {
        Files.deleteIfExists(directory.resolve(name));
      } catch (IOException e) {
        directory.resolve(name).toFile().deleteOnExit();
      }
    }
    try {
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      directory.toFile().deleteOnExit();
    }
  }
}
