package crm.bulkimport.formats;

import crm.bulkimport.csv.CountingInputStream;
import crm.bulkimport.csv.UnreadableInput;
import crm.bulkimport.problem.ErrorCode;
import crm.bulkimport.problem.ImportError;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

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
    boolean workbook = false;
    List<Workbook.SheetRef> sheets = List.of();
    long inflated = 0;
    try (ZipInputStream zip = new ZipInputStream(compressed)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        String name = entry.getName();
        SizeLimit part = budget.limit(zip, "The workbook");
        if (name.equals("xl/workbook.xml")) {
          workbook = true;
          // The XML reader closes what it reads at its end; the zip stream goes on.
          sheets =
              Workbook.parseWorkbook(
                      new FilterInputStream(part) {
                        @Override
                        public void close() {}
                      })
                  .sheets();
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
      // ZipException for a damaged entry, EOFException for one cut short.
      throw PurchaseFiles.problem(
          ErrorCode.MALFORMED_WORKBOOK,
          "The zip file is damaged or cut short ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + "). Save the workbook again as .xlsx and upload that.");
    }
    if (!workbook) {
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
    return name.equals("[Content_Types].xml")
        || name.endsWith(".rels")
        || name.equals("xl/workbook.xml")
        || name.equals("xl/styles.xml");
  }
}
