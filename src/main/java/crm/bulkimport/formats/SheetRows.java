package crm.bulkimport.formats;

import crm.bulkimport.csv.CsvFileProblem;
import crm.bulkimport.csv.RowSource;
import crm.bulkimport.csv.TypedCells;
import crm.bulkimport.csv.UnreadableInput;
import crm.bulkimport.problem.ErrorCode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * A sheet's rows, pulled from its XML one at a time: the line of each is its row number in the
 * sheet, its fields the cells' values as text the row checks read. Rows with no values before the
 * header row are passed over; later ones go to the reader, which skips and counts them. Every cell
 * is turned into text here:
 *
 * <ul>
 *   <li>text (shared, inline, or a formula's text result) as it is;
 *   <li>a number as the plain decimal of the value the file stores, to Excel's own 15 significant
 *       digits (the 16th and 17th a file may carry, as in 59.970000000000006, are binary noise);
 *   <li>a number in a date or time format as an ISO local date ({@code 2024-01-15}), date-time
 *       ({@code 2024-01-15 10:30:00}) or time ({@code 10:30:00}), which the checks read in the
 *       profile's time zone whatever its date_format;
 *   <li>a formula as the value it had when the file was last saved (its cached value);
 *   <li>booleans as TRUE and FALSE, errors as written ({@code #DIV/0!}).
 * </ul>
 */
final class SheetRows implements RowSource {

  /** Excel's last column, XFD. */
  static final int MAX_COLUMNS = 16_384;

  private static final String PART = "sheet";
  private static final MathContext EXCEL_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final SizeLimit xmlBytes;
  private final XMLStreamReader xml;
  private final String sheetName;
  private final long partSize;
  private final long storedSize;
  private final SharedStrings strings;
  private final boolean[] dateStyles;
  private final boolean date1904;
  private final OPCPackage pkg;
  private final Path file;
  private final StringBuilder text = new StringBuilder();
  private int width = -1;
  private long lastRow;
  private boolean ended;

  SheetRows(
      SizeLimit xmlBytes,
      String sheetName,
      long partSize,
      long storedSize,
      SharedStrings strings,
      boolean[] dateStyles,
      boolean date1904,
      OPCPackage pkg,
      Path file)
      throws UnreadableInput {
    this.xmlBytes = xmlBytes;
    this.xml = SecureXml.open(xmlBytes, PART);
    this.sheetName = sheetName;
    this.partSize = partSize;
    this.storedSize = storedSize;
    this.strings = strings;
    this.dateStyles = dateStyles;
    this.date1904 = date1904;
    this.pkg = pkg;
    this.file = file;
  }

  /** The sheet read. */
  String sheetName() {
    return sheetName;
  }

  @Override
  public Row next() throws CsvFileProblem {
    try {
      while (!ended) {
        int event = SecureXml.next(xml, PART);
        if (event == XMLStreamConstants.END_DOCUMENT) {
          ended = true;
        } else if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("row")) {
          Row row = row();
          if (width < 0) {
            if (blank(row.fields())) {
              continue;
            }
            width = trimmedWidth(row.fields());
            return new Row(row.line(), row.fields().subList(0, width), row.typed());
          }
          return new Row(row.line(), toWidth(row.fields()), row.typed());
        }
      }
      return null;
    } catch (UnreadableInput e) {
      throw CsvFileProblem.of(e.error());
    }
  }

  private Row row() throws UnreadableInput {
    Long number = positive(xml.getAttributeValue(null, "r"));
    long line = number == null ? lastRow + 1 : number;
    lastRow = line;
    List<String> fields = new ArrayList<>();
    TypedCells typed = null;
    int nextColumn = 0;
    while (true) {
      int event = SecureXml.next(xml, PART);
      if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("row")) {
        return new Row(line, fields, typed);
      }
      if (event == XMLStreamConstants.END_DOCUMENT) {
        throw SecureXml.malformed(PART, new IllegalStateException("ends inside row " + line));
      }
      if (event != XMLStreamConstants.START_ELEMENT || !xml.getLocalName().equals("c")) {
        continue;
      }
      int column = column(xml.getAttributeValue(null, "r"), nextColumn, line);
      String type = xml.getAttributeValue(null, "t");
      Integer style = nonNegative(xml.getAttributeValue(null, "s"));
      Cell cell = cell(type, style == null ? 0 : style, line);
      while (fields.size() < column) {
        fields.add("");
      }
      if (column < fields.size()) {
        fields.set(column, cell.text());
      } else {
        fields.add(cell.text());
      }
      if (cell.kind() != Kind.TEXT) {
        if (typed == null) {
          typed = new TypedCells();
        }
        if (cell.kind() == Kind.NUMBER) {
          typed.number(column);
        } else {
          typed.date(column);
        }
      }
      nextColumn = column + 1;
    }
  }

  private enum Kind {
    TEXT,
    NUMBER,
    DATE
  }

  private record Cell(String text, Kind kind) {}

  /** Reads the cell the reader is at, to its end. */
  private Cell cell(String type, int style, long line) throws UnreadableInput {
    String value = null;
    String inline = null;
    int depth = 1;
    while (depth > 0) {
      int event = SecureXml.next(xml, PART);
      if (event == XMLStreamConstants.START_ELEMENT) {
        switch (xml.getLocalName()) {
          case "v" -> value = elementText();
          case "is" -> {
            text.setLength(0);
            SharedStrings.readText(xml, "is", text, PART);
            inline = SharedStrings.decoded(text);
          }
          case "f" -> skipElement();
          default -> depth++;
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (event == XMLStreamConstants.END_DOCUMENT) {
        throw SecureXml.malformed(PART, new IllegalStateException("ends inside a cell"));
      }
    }
    String t = type == null ? "n" : type;
    switch (t) {
      case "inlineStr" -> {
        return new Cell(inline == null ? "" : inline, Kind.TEXT);
      }
      case "s" -> {
        Integer index = nonNegative(value);
        String shared = index == null ? null : strings.get(index);
        if (shared == null) {
          throw PurchaseFiles.problem(
              ErrorCode.MALFORMED_WORKBOOK,
              "Row "
                  + line
                  + " of the sheet points to shared string "
                  + value
                  + ", which the workbook does not have; the file is damaged.");
        }
        return new Cell(shared, Kind.TEXT);
      }
      case "b" -> {
        return new Cell(
            value == null ? "" : "1".equals(value.strip()) ? "TRUE" : "FALSE", Kind.TEXT);
      }
      case "d" -> {
        return value == null || value.isBlank()
            ? new Cell("", Kind.TEXT)
            : new Cell(value.strip().replace('T', ' '), Kind.DATE);
      }
      case "n" -> {
        return number(value, style);
      }
      default -> {
        // str (a formula's text), e (an error such as #N/A), and anything newer: as written.
        return new Cell(value == null ? "" : SharedStrings.decoded(value), Kind.TEXT);
      }
    }
  }

  private Cell number(String value, int style) {
    if (value == null || value.isBlank()) {
      return new Cell("", Kind.TEXT);
    }
    String stored = value.strip();
    BigDecimal number;
    try {
      number = new BigDecimal(stored);
    } catch (NumberFormatException e) {
      return new Cell(stored, Kind.TEXT);
    }
    if (style < dateStyles.length && dateStyles[style]) {
      double serial = number.doubleValue();
      if (DateUtil.isValidExcelDate(serial)) {
        LocalDateTime when = DateUtil.getLocalDateTime(serial, date1904, true);
        if (when != null) {
          return new Cell(isoText(serial, when), Kind.DATE);
        }
      }
    }
    if (number.precision() > EXCEL_DIGITS.getPrecision()) {
      number = number.round(EXCEL_DIGITS);
    }
    if (number.scale() > 0) {
      number = number.stripTrailingZeros();
    }
    return new Cell(number.toPlainString(), Kind.NUMBER);
  }

  private static String isoText(double serial, LocalDateTime when) {
    if (serial < 1) {
      return when.toLocalTime().format(TIME);
    }
    return when.toLocalTime().equals(LocalTime.MIDNIGHT)
        ? when.toLocalDate().format(DATE)
        : when.format(DATE_TIME);
  }

  /** The text of a {@code v} element, capped as a cell's. */
  private String elementText() throws UnreadableInput {
    text.setLength(0);
    while (true) {
      int event = SecureXml.next(xml, PART);
      switch (event) {
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
            SharedStrings.append(xml, text, PART);
        case XMLStreamConstants.END_ELEMENT -> {
          return text.toString();
        }
        case XMLStreamConstants.START_ELEMENT -> skipElement();
        case XMLStreamConstants.END_DOCUMENT ->
            throw SecureXml.malformed(PART, new IllegalStateException("ends inside a value"));
        default -> {}
      }
    }
  }

  /** Passes over the element the reader is at, whatever it holds (a formula's text). */
  private void skipElement() throws UnreadableInput {
    int depth = 1;
    while (depth > 0) {
      int event = SecureXml.next(xml, PART);
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (event == XMLStreamConstants.END_DOCUMENT) {
        throw SecureXml.malformed(PART, new IllegalStateException("ends inside an element"));
      }
    }
  }

  /** The 0-based column of a reference such as {@code AB12}; the next one when there is none. */
  private static int column(String reference, int next, long line) throws UnreadableInput {
    if (reference == null || reference.isEmpty()) {
      return next;
    }
    int column = 0;
    int letters = 0;
    for (int i = 0; i < reference.length(); i++) {
      char c = reference.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        column = column * 26 + (c - 'A' + 1);
        letters++;
      } else if (c >= 'a' && c <= 'z') {
        column = column * 26 + (c - 'a' + 1);
        letters++;
      } else {
        break;
      }
      if (column > MAX_COLUMNS) {
        break;
      }
    }
    if (letters == 0) {
      return next;
    }
    if (column > MAX_COLUMNS) {
      throw PurchaseFiles.problem(
          ErrorCode.MALFORMED_WORKBOOK,
          "Row "
              + line
              + " of the sheet has a cell "
              + reference
              + " beyond Excel's last column (XFD); the file is damaged.");
    }
    return column - 1;
  }

  private static boolean blank(List<String> fields) {
    for (String field : fields) {
      if (!field.isBlank()) {
        return false;
      }
    }
    return true;
  }

  /** The header's width: its cells up to the last with a name (formatted empty cells are not). */
  private static int trimmedWidth(List<String> fields) {
    int width = fields.size();
    while (width > 0 && fields.get(width - 1).isBlank()) {
      width--;
    }
    return width;
  }

  /**
   * A row as wide as the header: a sheet leaves out the empty cells at a row's end, and may keep
   * formatted empty ones past the header's last column; neither is a missing or an extra value.
   */
  private List<String> toWidth(List<String> fields) {
    if (fields.size() < width) {
      List<String> padded = new ArrayList<>(width);
      padded.addAll(fields);
      while (padded.size() < width) {
        padded.add("");
      }
      return padded;
    }
    int end = fields.size();
    while (end > width && fields.get(end - 1).isBlank()) {
      end--;
    }
    return end == fields.size() ? fields : fields.subList(0, end);
  }

  private static Long positive(String text) {
    if (text == null) {
      return null;
    }
    try {
      long value = Long.parseLong(text.strip());
      return value > 0 ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Integer nonNegative(String text) {
    if (text == null) {
      return null;
    }
    try {
      int value = Integer.parseInt(text.strip());
      return value >= 0 ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * How far through the stored file the reading is: the part of the sheet's XML read so far, as a
   * share of the stored file's own (compressed) size, which is what progress is measured against.
   */
  @Override
  public long bytesRead() {
    if (partSize <= 0) {
      return 0;
    }
    return Math.min(storedSize, (long) ((double) xmlBytes.count() / partSize * storedSize));
  }

  @Override
  public String format() {
    return "xlsx";
  }

  @Override
  public void close() throws IOException {
    try {
      xml.close();
    } catch (XMLStreamException e) {
      // Closing a reader over a stream about to be closed too.
    }
    try {
      xmlBytes.close();
      strings.close();
      pkg.revert();
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
