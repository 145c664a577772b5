package crm.bulkimport.formats;

import crm.bulkimport.csv.CountingInputStream;
import crm.bulkimport.csv.UnreadableInput;
import crm.bulkimport.problem.ErrorCode;
import crm.bulkimport.problem.ImportError;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * The intake's look into a zip file before anything is stored, in one pass as it streams by: that
 * it is a workbook (it has {@code xl/workbook.xml}), that the named sheet is one of its sheets, and
 * that it does not unpack to more than the limit, nor far more than its size, nor hide entities in
 * its workbook part. The import reads the stored file again with its own guards; this pass is what
 * lets the upload answer 4xx at once.
 */
final class WorkbookCheck {

  /** The parts POI and the reader parse whole or keep small; real ones are a few KB. */
  private static final long MAX_METADATA_BYTES = 16L << 20;

  /** More inflated than this many times the compressed bytes read is a bomb, as POI judges. */
  private static final int MAX_RATIO = 100;

  /** Below this, a high ratio is a small, repetitive part rather than a bomb. */
  private static final long RATIO_GRACE_BYTES = 1L << 20;

  private WorkbookCheck() {}

  static void check(InputStream content, String sheet, long maxBytes) throws IOException {
    CountingInputStream compressed = new CountingInputStream(content);
    SizeLimit.Budget budget = new SizeLimit.Budget(maxBytes);
    // The parts that may be the workbook, by name, and the one the package's relationships name:
    // Excel's is xl/workbook.xml, but the relationship decides, and it may come last in the zip.
    Map<String, List<Workbook.SheetRef>> workbooks = new HashMap<>();
    String officeDocument = null;
    long inflated = 0;
    // commons-compress rather than java.util.zip: it reads a data descriptor's sizes as eight bytes
    // or four by what follows them, as writers differ (POI's SXSSF writes Zip64 descriptors with
    // no Zip64 field, which Java 17's ZipInputStream misreads, JDK-8303866); and it accepts a
    // stored entry followed by a descriptor, which some writers also make.
    try (ZipArchiveInputStream zip = new ZipArchiveInputStream(compressed, "UTF-8", true, true)) {
      for (ZipArchiveEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        String name = entry.getName();
        SizeLimit part = budget.limit(zip, "The workbook");
        if (isWorkbookName(name)) {
          workbooks.put(partName(name), Workbook.parseWorkbook(unclosable(part)).sheets());
        } else if (partName(name).equals("_rels/.rels")) {
          officeDocument = officeDocument(unclosable(part));
        }
        part.transferTo(OutputStream.nullOutputStream());
        if (parsedWhole(name) && part.count() > MAX_METADATA_BYTES) {
          throw PurchaseFiles.problem(
              ErrorCode.MALFORMED_WORKBOOK,
              "The workbook's "
                  + name
                  + " unpacks to more than "
                  + SizeLimit.readable(MAX_METADATA_BYTES)
                  + ", where real ones take a few KB; it was not read.");
        }
        inflated += part.count();
        if (inflated > RATIO_GRACE_BYTES && inflated > MAX_RATIO * compressed.count()) {
          throw Workbook.zipBomb();
        }
      }
    } catch (UnreadableInput e) {
      throw e;
    } catch (IOException e) {
      // ZipException for a damaged entry, EOFException for one cut short,
      // UnsupportedZipFeatureException for an encrypted entry or an unknown compression method.
      throw PurchaseFiles.problem(
          ErrorCode.MALFORMED_WORKBOOK,
          "The zip file is damaged or cut short ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + "). Save the workbook again as .xlsx and upload that.");
    }
    List<Workbook.SheetRef> sheets =
        workbooks.get(officeDocument == null ? "xl/workbook.xml" : officeDocument);
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
          && String.valueOf(xml.getAttributeValue(null, "Type")).endsWith("/officeDocument")
          && !"External".equals(xml.getAttributeValue(null, "TargetMode"))
          && target == null) {
        target = xml.getAttributeValue(null, "Target");
      }
    }
    return target == null ? null : partName(target);
  }

  /** The XML reader closes what it reads at its end; the zip stream goes on. */
  private static InputStream unclosable(InputStream part) {
    return new FilterInputStream(part) {
      @Override
      public void close() {}
    };
  }
}
