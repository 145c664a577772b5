package crm.bulkimport.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Real {@code .xlsx} workbooks for tests, written by Apache POI as Excel writes them (shared
 * strings, styles, formulas with their cached values), and hand-made ones from raw parts for the
 * hostile cases.
 */
public final class Workbooks {

  /** A formula cell; its cached value is computed when the workbook is written. */
  public record Formula(String expression) {}

  /** A cell shown with a number format, e.g. a date as {@code dd.mm.yyyy}. */
  public record Formatted(Object value, String format) {}

  private Workbooks() {}

  /**
   * A workbook of sheets, each a list of rows (null: no row there), each row a list of cells: text,
   * a number, a {@link LocalDateTime} or {@link LocalDate} (shown as a date), a {@link Formula},
   * {@link Formatted}, or null for no cell.
   */
  public static byte[] of(Map<String, List<List<Object>>> sheets) {
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      return write(workbook, sheets);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The same, written by POI's streaming {@link SXSSFWorkbook} with its default settings, as
   * reporting tools and server-side exports write large sheets: every zip entry followed by a Zip64
   * data descriptor, with no Zip64 field in its local header. Formulas are written without cached
   * values.
   */
  public static byte[] streamed(Map<String, List<List<Object>>> sheets) {
    // Closing it removes its temporary files of flushed rows.
    try (SXSSFWorkbook workbook = new SXSSFWorkbook()) {
      return write(workbook, sheets);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] write(Workbook workbook, Map<String, List<List<Object>>> sheets)
      throws IOException {
    Map<String, CellStyle> styles = new LinkedHashMap<>();
    for (Map.Entry<String, List<List<Object>>> entry : sheets.entrySet()) {
      Sheet sheet = workbook.createSheet(entry.getKey());
      List<List<Object>> rows = entry.getValue();
      for (int r = 0; r < rows.size(); r++) {
        if (rows.get(r) == null) {
          continue;
        }
        Row row = sheet.createRow(r);
        List<Object> cells = rows.get(r);
        for (int c = 0; c < cells.size(); c++) {
          Object value = cells.get(c);
          if (value != null) {
            write(workbook, styles, row.createCell(c), value);
          }
        }
      }
    }
    if (workbook instanceof XSSFWorkbook) {
      // SXSSF has flushed its early rows to disk and can no longer evaluate them.
      workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    workbook.write(out);
    return out.toByteArray();
  }

  /** One sheet named Sheet1. */
  public static byte[] of(List<List<Object>> rows) {
    return of(Map.of("Sheet1", rows));
  }

  private static void write(
      Workbook workbook, Map<String, CellStyle> styles, Cell cell, Object value) {
    if (value instanceof Formatted formatted) {
      write(workbook, styles, cell, formatted.value());
      cell.setCellStyle(style(workbook, styles, formatted.format()));
    } else if (value instanceof Formula formula) {
      cell.setCellFormula(formula.expression());
    } else if (value instanceof LocalDateTime time) {
      cell.setCellValue(time);
      cell.setCellStyle(style(workbook, styles, "yyyy-mm-dd hh:mm:ss"));
    } else if (value instanceof LocalDate date) {
      cell.setCellValue(date);
      cell.setCellStyle(style(workbook, styles, "yyyy-mm-dd"));
    } else if (value instanceof BigDecimal number) {
      cell.setCellValue(number.doubleValue());
    } else if (value instanceof Number number) {
      cell.setCellValue(number.doubleValue());
    } else if (value instanceof Boolean flag) {
      cell.setCellValue(flag);
    } else {
      cell.setCellValue(value.toString());
    }
  }

  private static CellStyle style(Workbook workbook, Map<String, CellStyle> styles, String format) {
    return styles.computeIfAbsent(
        format,
        f -> {
          CellStyle style = workbook.createCellStyle();
          style.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat(f));
          return style;
        });
  }

  /** A CSV text as a workbook of text cells, the way a spreadsheet opens it before any typing. */
  public static byte[] ofCsv(String csv) {
    List<List<Object>> rows =
        csv.lines().map(line -> List.<Object>of((Object[]) line.split(",", -1))).toList();
    return of(rows);
  }

  // Hand-made workbooks, part by part.

  public static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  private static final String REL_NS =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

  /** The parts of a one-sheet workbook whose sheet XML is given; shared strings are optional. */
  public static Map<String, byte[]> parts(String sheetXml, String sharedStringsXml) {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    parts.put(
        "[Content_Types].xml",
        utf8(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
            </Types>"""));
    parts.put(
        "_rels/.rels",
        utf8(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>"""
                .formatted(REL_NS)));
    parts.put(
        "xl/workbook.xml",
        utf8(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <workbook xmlns="%s" xmlns:r="%s"><sheets>\
            <sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
                .formatted(MAIN_NS, REL_NS)));
    parts.put(
        "xl/_rels/workbook.xml.rels",
        utf8(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="%1$s/worksheet" Target="worksheets/sheet1.xml"/>\
            %2$s</Relationships>"""
                .formatted(
                    REL_NS,
                    sharedStringsXml == null
                        ? ""
                        : "<Relationship Id=\"rId2\" Type=\""
                            + REL_NS
                            + "/sharedStrings\" Target=\"sharedStrings.xml\"/>")));
    parts.put("xl/worksheets/sheet1.xml", utf8(sheetXml));
    if (sharedStringsXml != null) {
      parts.put("xl/sharedStrings.xml", utf8(sharedStringsXml));
    }
    return parts;
  }

  /** A sheet's XML of inline-string rows, starting at row 1. */
  public static String sheetXml(String prolog, List<String> csvLines) {
    StringBuilder xml =
        new StringBuilder(prolog)
            .append("<worksheet xmlns=\"")
            .append(MAIN_NS)
            .append("\"><sheetData>");
    for (int r = 0; r < csvLines.size(); r++) {
      xml.append("<row r=\"").append(r + 1).append("\">");
      for (String value : csvLines.get(r).split(",", -1)) {
        xml.append("<c t=\"inlineStr\"><is><t>").append(value).append("</t></is></c>");
      }
      xml.append("</row>");
    }
    return xml.append("</sheetData></worksheet>").toString();
  }

  /** The parts zipped, in order, deflated. */
  public static byte[] zip(Map<String, byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> part : parts.entrySet()) {
        zip.putNextEntry(new ZipEntry(part.getKey()));
        zip.write(part.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The parts zipped, in order, stored uncompressed with their sizes in the local headers. */
  public static byte[] zipStored(Map<String, byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> part : parts.entrySet()) {
        ZipEntry entry = new ZipEntry(part.getKey());
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(part.getValue().length);
        entry.setCompressedSize(part.getValue().length);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(part.getValue());
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(part.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
