package crm.bulkimport.formats;

import crm.bulkimport.csv.CountingInputStream;
import crm.bulkimport.csv.UnreadableInput;
import crm.bulkimport.problem.ErrorCode;
import crm.bulkimport.problem.ImportError;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;

/**
 * The intake's look into a zip file before anything is stored, in one pass as it streams by: that
 * it is a workbook (its package relationships name a workbook part it holds), that the named sheet
 * is one of its sheets, that its parts are deflated or stored as workbooks' are, and that it does
 * not unpack to more than the limit, nor far more than its size, nor hide entities in its workbook
 * part. The import reads the stored file again with its own guards; this pass is what lets the
 * upload answer 4xx at once.
 */
final class WorkbookCheck {

  /** The parts POI and the reader parse whole or keep small; real ones are a few KB. */
  private static final long MAX_METADATA_BYTES = 16L << 20;

  /** More inflated than this many times the compressed bytes read is a bomb, as POI judges. */
  private static final int MAX_RATIO = 100;

  /** Below this, a high ratio is a small, repetitive part rather than a bomb. */
  private static final long RATIO_GRACE_BYTES = 1L << 20;

  /** The main document's relationship, in transitional and in strict OOXML, as POI knows them. */
  private static final Set<String> OFFICE_DOCUMENT_TYPES =
      Set.of(PackageRelationshipTypes.CORE_DOCUMENT, PackageRelationshipTypes.STRICT_CORE_DOCUMENT);

  private WorkbookCheck() {}

  static void check(InputStream content, String sheet, long maxBytes) throws IOException {
    CountingInputStream compressed = new CountingInputStream(content);
    SizeLimit.Budget budget = new SizeLimit.Budget(maxBytes);
    // The parts that may be the workbook, by name, and the one the package's relationships name:
    // Excel's is xl/workbook.xml, but the relationship decides, and it may come last in the zip.
    // A candidate that cannot be read counts only if it is the one named.
    Map<String, List<Workbook.SheetRef>> workbooks = new HashMap<>();
    Map<String, UnreadableInput> unreadable = new HashMap<>();
    String officeDocument = null;
    long inflated = 0;
    // commons-compress rather than java.util.zip: it reads a data descriptor's sizes as eight bytes
    // or four by what follows them, as writers differ (POI's SXSSF writes Zip64 descriptors with
    // no Zip64 field, which Java 17's ZipInputStream misreads, JDK-8303866). A stored entry
    // followed by a descriptor stays refused: to find its end the stream would hold it whole in
    // memory before any limit here counts a byte.
    try (ZipArchiveInputStream zip = new ZipArchiveInputStream(compressed, "UTF-8", true, false)) {
      for (ZipArchiveEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        String name = entry.getName();
        requireWorkbookMethod(entry);
        SizeLimit part = budget.limit(zip, "The workbook");
        if (isWorkbookName(name)) {
          try {
            workbooks.put(partName(name), Workbook.parseWorkbook(unclosable(part)).sheets());
          } catch (UnreadableInput e) {
            if (e.error().code().equals(ErrorCode.FILE_TOO_LARGE.code())) {
              throw e;
            }
            unreadable.put(partName(name), e);
          }
        } else if (partName(name).equals("_rels/.rels")) {
          officeDocument = officeDocument(unclosable(part));
        }
        part.transferTo(OutputStream.nullOutputStream());
        if (parsedWhole(name) && part.count() > MAX_METADATA_BYTES) {
          throw metadataTooLarge(name);
        }
        inflated += part.count();
        if (inflated > RATIO_GRACE_BYTES && inflated > MAX_RATIO * compressed.count()) {
          throw Workbook.zipBomb();
        }
      }
    } catch (UnreadableInput e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // ZipException for a damaged entry, EOFException for one cut short,
      // UnsupportedZipFeatureException for an encrypted entry or a stored one with a descriptor;
      // anything the zip reader throws unchecked on a damaged archive is the file's fault too.
      throw damaged("damaged or cut short", e);
    }
    String named = officeDocument == null ? "xl/workbook.xml" : officeDocument;
    if (unreadable.containsKey(named)) {
      throw unreadable.get(named);
    }
    List<Workbook.SheetRef> sheets = workbooks.get(named);
    if (sheets == null) {
      throw new UnreadableInput(
          new ImportError(
              null,
              null,
              null,
              null,
              "unsupported_file",
              "The file is a zip archive but not an .xlsx workbook. Upload the workbook itself, or"
                  + " the data as CSV (UTF-8).",
              List.of()));
    }
    if (sheets.isEmpty()) {
      throw PurchaseFiles.problem(
          ErrorCode.MALFORMED_WORKBOOK, "The workbook has no sheets; there is nothing to import.");
    }
    Workbook.choose(sheets, sheet);
  }

  /**
   * The stored file's central directory, which POI reads where the check above read the local
   * headers: a zip whose two disagree must not get a large part past the caps. Each part must be
   * deflated or stored, and the parts POI parses whole must say they are small.
   */
  static void checkDirectory(Path file) throws IOException {
    try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
      for (Enumeration<ZipArchiveEntry> entries = zip.getEntries(); entries.hasMoreElements(); ) {
        ZipArchiveEntry entry = entries.nextElement();
        requireWorkbookMethod(entry);
        if (parsedWhole(entry.getName()) && entry.getSize() > MAX_METADATA_BYTES) {
          throw metadataTooLarge(entry.getName());
        }
      }
    } catch (UnreadableInput e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw damaged("damaged", e);
    }
  }

  private static UnreadableInput damaged(String how, Exception e) {
    return PurchaseFiles.problem(
        ErrorCode.MALFORMED_WORKBOOK,
        "The zip file is "
            + how
            + " ("
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
            + "). Save the workbook again as .xlsx and upload that.");
  }

  /** Excel, LibreOffice and every library deflate a workbook's parts, or store them. */
  private static void requireWorkbookMethod(ZipArchiveEntry entry) throws UnreadableInput {
    int method = entry.getMethod();
    if (method != ZipArchiveEntry.STORED && method != ZipArchiveEntry.DEFLATED) {
      throw PurchaseFiles.problem(
          ErrorCode.MALFORMED_WORKBOOK,
          "The workbook's "
              + entry.getName()
              + " is compressed with zip method "
              + method
              + ", which no spreadsheet writes (they deflate). Save the workbook again as .xlsx"
              + " and upload that.");
    }
  }

  private static UnreadableInput metadataTooLarge(String name) {
    return PurchaseFiles.problem(
        ErrorCode.MALFORMED_WORKBOOK,
        "The workbook's "
            + name
            + " unpacks to more than "
            + SizeLimit.readable(MAX_METADATA_BYTES)
            + ", where real ones take a few KB; it was not read.");
  }

  /** Parts that are parsed whole on opening (POI's package layer builds a DOM of them). */
  private static boolean parsedWhole(String name) {
    String part = partName(name);
    return part.equals("[content_types].xml")
        || part.endsWith(".rels")
        || isWorkbookName(name)
        || part.endsWith("styles.xml");
  }

  /** A zip entry's name as a package part's, to compare: part names ignore case. */
  private static String partName(String name) {
    return (name.startsWith("/") ? name.substring(1) : name).toLowerCase(Locale.ROOT);
  }

  private static boolean isWorkbookName(String name) {
    String part = partName(name);
    return part.equals("workbook.xml") || part.endsWith("/workbook.xml");
  }

  /**
   * The part the package's root relationships name as its main document (transitional or strict
   * OOXML), as a part name; null when there is none.
   */
  private static String officeDocument(InputStream rels) throws UnreadableInput {
    String part = "package relationships";
    XMLStreamReader xml = SecureXml.open(rels, part);
    String target = null;
    for (int event = SecureXml.next(xml, part);
        event != XMLStreamConstants.END_DOCUMENT;
        event = SecureXml.next(xml, part)) {
      if (event == XMLStreamConstants.START_ELEMENT
          && xml.getLocalName().equals("Relationship")
          && OFFICE_DOCUMENT_TYPES.contains(xml.getAttributeValue(null, "Type"))
          && !"External".equals(xml.getAttributeValue(null, "TargetMode"))
          && target == null) {
        target = xml.getAttributeValue(null, "Target");
      }
    }
    if (target == null) {
      return null;
    }
    // Relative to the package root; POI resolves the same way.
    String name = partName(target);
    while (name.startsWith("./")) {
      name = name.substring(2);
    }
    return name;
  }

  /** The XML reader closes what it reads at its end; the zip stream goes on. */
  private static InputStream unclosable(InputStream part) {
    return new FilterInputStream(part) {
      @Override
      public void close() {}
    };
  }
}
