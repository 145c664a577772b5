package crm.bulkimport.csv;

import crm.bulkimport.problem.ErrorCode;
import crm.bulkimport.problem.ImportError;
import crm.bulkimport.profile.ImportProfile;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a purchase file row by row without holding it: first {@link #readHeader()}, then {@link
 * #next()} until it returns null.
 */
public final class PurchaseCsvReader implements AutoCloseable {

  /** A longer field is a quote left open far more often than real data. */
  static final int MAX_FIELD_CHARS = 1 << 20;

  /** How much of the header row is looked at to find the delimiter. */
  private static final int SNIFF_CHARS = 1 << 16;

  private static final Pattern LINE_IN_MESSAGE = Pattern.compile("line (\\d+)");

  private final RowSource source;
  private ColumnLayout layout;
  private List<String> headerNames;
  private int headerLine;
  private long blankRows;

  private final char delimiter;

  private PurchaseCsvReader(RowSource source, char delimiter) {
    this.source = source;
    this.delimiter = delimiter;
  }

  /**
   * Opens a CSV text, detecting whether its fields are separated by commas, semicolons or tabs. An
   * {@link UnreadableInput} from the stream becomes the file's error, at the header or the row it
   * interrupts.
   */
  public static PurchaseCsvReader open(InputStream in) {
    return open(in, "csv");
  }

  /** Opens a CSV text that came in another form, e.g. {@code csv.gz} once decompressed. */
  public static PurchaseCsvReader open(InputStream in, String format) {
    return open(in, format, null);
  }

  /**
   * As {@link #open(InputStream, String)}, with progress told in the stored file's own bytes (the
   * compressed ones, when the text is decompressed as it is read).
   */
  public static PurchaseCsvReader open(InputStream in, String format, LongSupplier storedBytes) {
    CsvText text = new CsvText(in, format, storedBytes);
    return new PurchaseCsvReader(text, text.delimiter);
  }

  /** Reads the rows of another source (a workbook's sheet) exactly as those of a CSV text. */
  public static PurchaseCsvReader of(RowSource source) {
    return new PurchaseCsvReader(source, ',');
  }

  /** What the rows are read from: {@code csv}, or the source's own format. */
  public String format() {
    return source.format();
  }

  /** The field separator found in the header row (a comma for a source that is not text). */
  public char delimiter() {
    return delimiter;
  }

  /**
   * Spreadsheets in many locales save "CSV" with semicolons, and some tools with tabs: the header
   * row says which, since the required column names contain none of these characters.
   */
  static char detectDelimiter(BufferedReader text) {
    try {
      text.mark(SNIFF_CHARS);
      int commas = 0;
      int semicolons = 0;
      int tabs = 0;
      boolean quoted = false;
      for (int i = 0; i < SNIFF_CHARS; i++) {
        int c = text.read();
        if (c < 0 || (!quoted && (c == '\n' || c == '\r'))) {
          break;
        }
        switch (c) {
          case '"' -> quoted = !quoted;
          case ',' -> commas += quoted ? 0 : 1;
          case ';' -> semicolons += quoted ? 0 : 1;
          case '\t' -> tabs += quoted ? 0 : 1;
          default -> {}
        }
      }
      text.reset();
      if (commas >= semicolons && commas >= tabs) {
        return ',';
      }
      return semicolons >= tabs ? ';' : '\t';
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the header row and checks it has every column the profile reads, once.
   *
   * @throws CsvFileProblem when the file is empty or the header lacks or repeats a column
   */
  public ColumnLayout readHeader(ImportProfile profile) throws CsvFileProblem {
    readHeaderRow();
    return layOut(profile);
  }

  /**
   * Reads the header row as written, without checking it against a profile: for a preview, which
   * chooses the profile from it, or to skip it.
   *
   * @throws CsvFileProblem when the file is empty
   */
  public List<String> readHeaderRow() throws CsvFileProblem {
    RowSource.Row header = source.next();
    if (header == null) {
      throw new CsvFileProblem(
          ImportError.ofFile(
              ErrorCode.EMPTY_FILE,
              1,
              "The file is empty. It needs a header row naming the columns, then one row per"
                  + " line item."));
    }
    headerLine = (int) header.line();
    headerNames = header.fields();
    return headerNames;
  }

  /** The header row {@link #readHeaderRow} read, or an empty list before it. */
  public List<String> headerRow() {
    return headerNames == null ? List.of() : headerNames;
  }

  /**
   * Checks the header row read by {@link #readHeaderRow} against a profile; the rows read from here
   * on are laid out by it.
   */
  public ColumnLayout layOut(ImportProfile profile) throws CsvFileProblem {
    List<String> names = headerNames;
    int line = headerLine;
    ColumnLayout.Problems problems = ColumnLayout.check(names, profile);
    if (problems.any()) {
      List<ImportError> errors = new ArrayList<>();
      for (ColumnLayout.Missing missing : problems.missing()) {
        errors.add(
            new ImportError(
                line,
                null,
                missing.header(),
                missing.field().wireName(),
                ErrorCode.MISSING_COLUMN.code(),
                missingMessage(missing, profile, names),
                List.of()));
      }
      for (String name : problems.repeated()) {
        errors.add(
            new ImportError(
                line,
                null,
                name,
                ErrorCode.DUPLICATE_COLUMN.code(),
                "The header names the column " + name + " more than once; keep one of them.",
                List.of()));
      }
      throw new CsvFileProblem(errors);
    }
    layout = ColumnLayout.of(names, profile);
    return layout;
  }

  /**
   * The next row that has any value, or null at the end of the file.
   *
   * @throws CsvFileProblem when the rest of the file cannot be read
   */
  public CsvRow next() throws CsvFileProblem {
    while (true) {
      RowSource.Row record = source.next();
      if (record == null) {
        return null;
      }
      CsvRow row = new CsvRow(record.line(), record.fields(), layout, record.typed());
      if (!row.isBlank()) {
        return row;
      }
      blankRows++;
    }
  }

  /** Bytes of the file read so far. */
  public long bytesRead() {
    return source.bytesRead();
  }

  /** Rows skipped because every field in them was empty. */
  public long blankRows() {
    return blankRows;
  }

  private static String missingMessage(
      ColumnLayout.Missing missing, ImportProfile profile, List<String> found) {
    if (profile.isContract()) {
      return "The header has no "
          + missing.header()
          + " column. Required columns: "
          + profile.columns().values().stream()
              .map(headers -> headers.get(0))
              .collect(Collectors.joining(", "))
          + ". Found: "
          + String.join(", ", found);
    }
    return "The header has no column '"
        + missing.header()
        + "', which the profile '"
        + profile.name()
        + "' reads as "
        + missing.field().wireName()
        + ". Found: "
        + String.join(", ", found)
        + ". Choose another profile, or change this one to the file's own header.";
  }

  /**
   * Bytes that are not UTF-8 become U+FFFD rather than ending the read, so that the row and column
   * they are in can be reported (the validator does) and the rest of the file still checked.
   */
  private static Reader utf8(InputStream in) {
    return new InputStreamReader(
        in,
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE));
  }

  private static Reader withoutByteOrderMark(Reader reader) {
    return new FilterReader(reader) {
      private boolean started;

      @Override
      public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (!started && n > 0) {
          started = true;
          if (buffer[offset] == '\uFEFF') {
            System.arraycopy(buffer, offset + 1, buffer, offset, n - 1);
            return n == 1 ? read(buffer, offset, length) : n - 1;
          }
        }
        return n;
      }

      @Override
      public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
      }
    };
  }

  @Override
  public void close() throws IOException {
    source.close();
  }

  /** The rows of a CSV text, by FastCSV. */
  private static final class CsvText implements RowSource {
    private final CountingInputStream bytes;
    private final CsvReader<CsvRecord> csv;
    private final Iterator<CsvRecord> records;
    private final char delimiter;
    private final String format;
    private final LongSupplier storedBytes;
    private long lastLine = 1;

    /** What stopped the stream while the header row was looked at for the delimiter. */
    private UnreadableInput early;

    CsvText(InputStream in, String format, LongSupplier storedBytes) {
      this.format = format;
      this.storedBytes = storedBytes;
      this.bytes = new CountingInputStream(in);
      BufferedReader text = new BufferedReader(withoutByteOrderMark(utf8(bytes)), SNIFF_CHARS);
      char found = ',';
      try {
        found = detectDelimiter(text);
      } catch (UncheckedIOException e) {
        if (!(e.getCause() instanceof UnreadableInput unreadable)) {
          throw e;
        }
        early = unreadable;
      }
      this.delimiter = found;
      this.csv =
          CsvReader.builder()
              .fieldSeparator(delimiter)
              .skipEmptyLines(true)
              // Rows of the wrong width are reported row by row rather than ending the read.
              .allowExtraFields(true)
              .allowMissingFields(true)
              .maxBufferSize(MAX_FIELD_CHARS)
              .ofCsvRecord(text);
      this.records = csv.iterator();
    }

    @Override
    public Row next() throws CsvFileProblem {
      if (early != null) {
        throw new CsvFileProblem(early.error());
      }
      try {
        if (!records.hasNext()) {
          return null;
        }
        CsvRecord record = records.next();
        lastLine = record.getStartingLineNumber();
        return new Row(record.getStartingLineNumber(), record.getFields(), null);
      } catch (CsvParseException e) {
        throw new CsvFileProblem(malformed(e));
      } catch (UncheckedIOException e) {
        if (e.getCause() instanceof UnreadableInput unreadable) {
          throw new CsvFileProblem(unreadable.error());
        }
        throw e;
      }
    }

    @Override
    public long bytesRead() {
      return storedBytes == null ? bytes.count() : storedBytes.getAsLong();
    }

    @Override
    public String format() {
      return format;
    }

    @Override
    public void close() throws IOException {
      csv.close();
    }

    private ImportError malformed(CsvParseException e) {
      long line = lastLine + 1;
      String detail = deepestMessage(e);
      Matcher matcher = LINE_IN_MESSAGE.matcher(String.valueOf(e.getMessage()));
      if (matcher.find()) {
        line = Long.parseLong(matcher.group(1));
      }
      String message =
          detail.contains("buffer size")
              ? "A field is longer than "
                  + MAX_FIELD_CHARS
                  + " characters; this is usually a quote (\") left open. The rest of the file"
                  + " was not read."
              : "The file cannot be read as CSV from here on: " + detail;
      return ImportError.ofFile(ErrorCode.MALFORMED_CSV, (int) line, message);
    }

    private static String deepestMessage(Throwable e) {
      Throwable t = e;
      while (t.getCause() != null) {
        t = t.getCause();
      }
      return String.valueOf(t.getMessage());
    }
  }
}
