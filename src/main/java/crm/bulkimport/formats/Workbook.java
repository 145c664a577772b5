package crm.bulkimport.formats;

import crm.bulkimport.csv.RowSource;
import crm.bulkimport.csv.UnreadableInput;
import crm.bulkimport.problem.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipCollection;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Opens an {@code .xlsx} workbook for its rows: the stored file is copied to a temporary file (a
 * zip is read from its end, so it cannot be read as it arrives), Apache POI's package layer finds
 * the workbook, its sheets and their parts, with POI's guard against parts that inflate far beyond
 * their compressed size, and the chosen sheet is then read as a stream by {@link SheetRows}.
 */
final class Workbook {

  private static final String SHEET_NS_REL =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  private static final String STRICT_NS_REL =
      "http://purl.oclc.org/ooxml/officeDocument/relationships";

  /** Excel's own most cell formats; more is not a real workbook's styles part. */
  private static final int MAX_CELL_FORMATS = 65_536;

  private Workbook() {}

  /** A sheet of the workbook: its name as shown, and the relationship that finds its part. */
  record SheetRef(String name, String relationshipId) {}

  /**
   * The rows of a sheet (the caller closes the source, which removes the temporary files).
   *
   * @param sheetName the sheet to read; null for the first
   * @throws UnreadableInput {@code unknown_sheet}, {@code malformed_workbook} or {@code
   *     file_too_large}
   */
  static RowSource open(InputStream stored, String sheetName, long maxBytes) throws IOException {
    Path file = Files.createTempFile("workbook-", ".xlsx");
    OPCPackage pkg = null;
    SharedStrings strings = null;
    try {
      Files.copy(stored, file, StandardCopyOption.REPLACE_EXISTING);
      long storedSize = Files.size(file);
      pkg = openPackage(file);
      SizeLimit.Budget budget = new SizeLimit.Budget(maxBytes);
      PackagePart workbook = workbookPart(pkg);
      Parsed parsed;
      try (InputStream in = budget.limit(workbook.getInputStream(), "The workbook")) {
        parsed = parseWorkbook(in);
      }
      SheetRef sheet = choose(parsed.sheets(), sheetName);
      PackagePart sheetPart = related(pkg, workbook, sheet.relationshipId());
      if (sheetPart == null) {
        throw PurchaseFiles.problem(
            ErrorCode.MALFORMED_WORKBOOK,
            "The workbook names a sheet '" + sheet.name() + "' but does not contain it.");
      }
      boolean[] dateStyles = dateStyles(pkg, workbook, budget);
      PackagePart stringsPart = firstRelated(pkg, workbook, "sharedStrings");
      if (stringsPart == null) {
        strings = SharedStrings.none();
      } else {
        try (InputStream in = budget.limit(stringsPart.getInputStream(), "The workbook")) {
          strings = SharedStrings.read(in);
        }
      }
      SheetRows rows =
          new SheetRows(
              budget.limit(sheetPart.getInputStream(), "The workbook"),
              sheet.name(),
              sheetPart.getSize(),
              storedSize,
              strings,
              dateStyles,
              parsed.date1904(),
              pkg,
              file);
      return rows;
    } catch (IOException | RuntimeException e) {
      if (strings != null) {
        strings.close();
      }
      if (pkg != null) {
        pkg.revert();
      }
      Files.deleteIfExists(file);
      if (e instanceof UnreadableInput unreadable) {
        throw unreadable;
      }
      throw translated(e);
    }
  }

  /** What went wrong inside POI, as the file's problem. */
  static UnreadableInput translated(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnreadableInput unreadable) {
        return unreadable;
      }
      if (String.valueOf(t.getMessage()).contains("Zip bomb")) {
        return zipBomb();
      }
    }
    return PurchaseFiles.problem(
        ErrorCode.MALFORMED_WORKBOOK,
        "The file cannot be read as an .xlsx workbook ("
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip())
            + "). Open it in a spreadsheet, save it again as .xlsx, and upload that.");
  }

  static UnreadableInput zipBomb() {
    return PurchaseFiles.problem(
        ErrorCode.MALFORMED_WORKBOOK,
        "A part of the workbook inflates to more than 100 times its compressed size, which real"
            + " workbooks do not: it looks like a zip bomb and was not read.");
  }

  private static OPCPackage openPackage(Path file) throws IOException {
    WorkbookCheck.checkDirectory(file);
    try {
      return OPCPackage.open(file.toFile(), PackageAccess.READ);
    } catch (InvalidFormatException | RuntimeException e) {
      throw translated(e);
    }
  }

  private static PackagePart workbookPart(OPCPackage pkg) throws UnreadableInput {
    PackageRelationshipCollection core =
        pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT);
    if (core.size() == 0) {
      core = pkg.getRelationshipsByType(PackageRelationshipTypes.STRICT_CORE_DOCUMENT);
    }
    PackagePart part = core.size() == 0 ? null : pkg.getPart(core.getRelationship(0));
    if (part == null) {
      throw PurchaseFiles.problem(
          ErrorCode.MALFORMED_WORKBOOK,
          "The file is an Office package but holds no workbook. Upload an .xlsx workbook or a CSV"
              + " file.");
    }
    return part;
  }

  record Parsed(List<SheetRef> sheets, boolean date1904) {}

  /** The sheets a workbook part lists, in order, and whether its dates count from 1904. */
  static Parsed parseWorkbook(InputStream in) throws UnreadableInput {
    String part = "workbook part";
    XMLStreamReader xml = SecureXml.open(in, part);
    List<SheetRef> sheets = new ArrayList<>();
    boolean date1904 = false;
    while (true) {
      int event = SecureXml.next(xml, part);
      if (event == XMLStreamConstants.END_DOCUMENT) {
        break;
      }
      if (event != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      switch (xml.getLocalName()) {
        case "workbookPr" -> {
          String value = xml.getAttributeValue(null, "date1904");
          date1904 = "1".equals(value) || "true".equalsIgnoreCase(value);
        }
        case "sheet" -> {
          String id = xml.getAttributeValue(SHEET_NS_REL, "id");
          if (id == null) {
            id = xml.getAttributeValue(STRICT_NS_REL, "id");
          }
          String name = xml.getAttributeValue(null, "name");
          if (name != null && id != null) {
            sheets.add(new SheetRef(name, id));
          }
        }
        default -> {}
      }
    }
    return new Parsed(sheets, date1904);
  }

  /** The named sheet (exactly, else ignoring case and outer spaces), or the first. */
  static SheetRef choose(List<SheetRef> sheets, String name) throws UnreadableInput {
    if (sheets.isEmpty()) {
      throw PurchaseFiles.problem(
          ErrorCode.MALFORMED_WORKBOOK, "The workbook has no sheets; there is nothing to import.");
    }
    if (name == null || name.isBlank()) {
      return sheets.get(0);
    }
    for (SheetRef sheet : sheets) {
      if (sheet.name().equals(name)) {
        return sheet;
      }
    }
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    for (SheetRef sheet : sheets) {
      if (sheet.name().strip().toLowerCase(Locale.ROOT).equals(wanted)) {
        return sheet;
      }
    }
    throw unknownSheet(name, sheets.stream().map(SheetRef::name).toList());
  }

  static UnreadableInput unknownSheet(String name, List<String> names) {
    return PurchaseFiles.problem(
        ErrorCode.UNKNOWN_SHEET,
        "The workbook has no sheet named '"
            + name
            + "'. Its sheets: "
            + names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "))
            + ".");
  }

  private static PackagePart related(OPCPackage pkg, PackagePart from, String relationshipId)
      throws UnreadableInput {
    PackageRelationship relationship = from.getRelationship(relationshipId);
    return relationship == null ? null : target(pkg, from, relationship);
  }

  private static PackagePart firstRelated(OPCPackage pkg, PackagePart from, String kind)
      throws UnreadableInput {
    for (String ns : new String[] {SHEET_NS_REL, STRICT_NS_REL}) {
      PackageRelationshipCollection found;
      try {
        found = from.getRelationshipsByType(ns + "/" + kind);
      } catch (InvalidFormatException e) {
        throw translated(e);
      }
      if (found.size() > 0) {
        return target(pkg, from, found.getRelationship(0));
      }
    }
    return null;
  }

  private static PackagePart target(
      OPCPackage pkg, PackagePart from, PackageRelationship relationship) throws UnreadableInput {
    if (relationship.getTargetMode() == TargetMode.EXTERNAL) {
      // A part outside the file is never fetched.
      throw PurchaseFiles.problem(
          ErrorCode.MALFORMED_WORKBOOK,
          "The workbook points outside itself for a part it needs; it was not read.");
    }
    try {
      URI uri =
          PackagingURIHelper.resolvePartUri(
              from.getPartName().getURI(), relationship.getTargetURI());
      return pkg.getPart(PackagingURIHelper.createPartName(uri));
    } catch (InvalidFormatException | RuntimeException e) {
      throw translated(e);
    }
  }

  /**
   * Which cell formats (by their index in {@code cellXfs}, a cell's {@code s}) show a date: their
   * number format is one of Excel's date formats or a custom pattern of date and time parts, as
   * POI's {@link DateUtil#isADateFormat} tells.
   */
  private static boolean[] dateStyles(OPCPackage pkg, PackagePart workbook, SizeLimit.Budget budget)
      throws IOException {
    PackagePart styles = firstRelated(pkg, workbook, "styles");
    if (styles == null) {
      return new boolean[0];
    }
    String part = "styles part";
    Map<Integer, String> custom = new HashMap<>();
    List<Integer> formats = new ArrayList<>();
    try (InputStream in = budget.limit(styles.getInputStream(), "The workbook")) {
      XMLStreamReader xml = SecureXml.open(in, part);
      boolean inCellXfs = false;
      while (true) {
        int event = SecureXml.next(xml, part);
        if (event == XMLStreamConstants.END_DOCUMENT) {
          break;
        }
        if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("cellXfs")) {
          inCellXfs = false;
        }
        if (event != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        switch (xml.getLocalName()) {
          case "numFmt" -> {
            Integer id = integer(xml.getAttributeValue(null, "numFmtId"));
            String code = xml.getAttributeValue(null, "formatCode");
            if (id != null && code != null && custom.size() < MAX_CELL_FORMATS) {
              custom.put(id, code);
            }
          }
          case "cellXfs" -> inCellXfs = true;
          case "xf" -> {
            if (inCellXfs) {
              if (formats.size() >= MAX_CELL_FORMATS) {
                throw PurchaseFiles.problem(
                    ErrorCode.MALFORMED_WORKBOOK,
                    "The workbook's styles part has more than "
                        + MAX_CELL_FORMATS
                        + " cell formats, more than Excel allows; it was not read.");
              }
              Integer id = integer(xml.getAttributeValue(null, "numFmtId"));
              formats.add(id == null ? 0 : id);
            }
          }
          default -> {}
        }
      }
    }
    boolean[] dates = new boolean[formats.size()];
    for (int i = 0; i < dates.length; i++) {
      int id = formats.get(i);
      String code = custom.getOrDefault(id, BuiltinFormats.getBuiltinFormat(id));
      dates[i] = code != null && DateUtil.isADateFormat(id, code);
    }
    return dates;
  }

  private static Integer integer(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
