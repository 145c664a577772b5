package bench;

import static bench.Figures.count;
import static bench.Figures.fileMegabytes;
import static bench.Figures.megabytes;
import static bench.Figures.ratio;
import static bench.Figures.seconds;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** The report's section on issue 13's formats: CSV, gzip CSV and workbook against raw COPY. */
final class FormatsSection {
  private final FileFormatsCase.Result result;

  FormatsSection(FileFormatsCase.Result result) {
    this.result = result;
  }

  void print() {
    System.out.println(table().render());
    System.out.println(phaseTable().render());
  }

  String markdown() {
    int runs = result.copies().size();
    return new StringBuilder("## Gzip files and workbooks\n\n")
        .append(table().render()).append('\n')
        .append("- **CSV**: the contract's file, as the import case uploads it. **gzip CSV**: the"
            + " same file compressed with `java.util.zip.GZIPOutputStream` (its default level),"
            + " uploaded as `….csv.gz`; the service stores it compressed and decompresses it as"
            + " it reads.\n")
        .append("- **.xlsx workbook**: the same rows in one sheet, written by Apache POI's"
            + " streaming `SXSSFWorkbook`: a header row of the contract's columns, one row per"
            + " item, `transaction_date` as date cells (the UTC date-time as a serial number in"
            + " the format `yyyy-mm-dd hh:mm:ss`), amounts as number cells in `0.00`, quantities"
            + " as number cells, transaction numbers and UUIDs as text in the shared strings"
            + " table, as Excel writes them; its zip as SXSSF writes it by default, a Zip64 data"
            + " descriptor after every part.\n")
        .append("- Every import is checked: `completed` with every row, purchase and item, and"
            + " the ledger's dates, amounts and quantities, summed, are the data set's to the"
            + " second and the cent. **raw COPY**: one `psql` process with two `\\copy` in one"
            + " transaction, of the same rows already split and keyed.\n")
        .append(String.format(Locale.ROOT,
            "- Each run goes CSV, gzip CSV, workbook, raw COPY, each on tables emptied of the one"
                + " before, for a fresh merchant with %s users and %s SKUs; median of %d %s."
                + " Seconds from the start of the upload request until the status, polled every"
                + " 20 ms, says `completed`. **peak heap MB**: the highest"
                + " `jvm.memory.used{area:heap}` sampled every 100 ms during the import, garbage"
                + " included, with the service's heap limited to `%s`.%n%n",
            count(Merchants.USERS_PER_MERCHANT), count(Merchants.SKUS_PER_MERCHANT), runs,
            runs == 1 ? "run" : "runs", ServiceProcess.HEAP_LIMIT))
        .append(phaseTable().render()).append('\n')
        .append("Seconds in each stage of the median run of each, as the status shows it:"
            + " `upload` until the 202 answer, `queued` while pending, then the service's own"
            + " phases; a stage shorter than the 20 ms between polls may be missed (–).\n\n")
        .toString();
  }

  private Table table() {
    Table table = new Table(
        String.format(Locale.ROOT, "%s lines, %s purchases", count(result.data().lines()),
            count(result.data().purchases())),
        "file MB", "seconds", "ratio to COPY", "ratio to CSV", "peak heap MB");
    double csv = result.seconds(UploadFormat.CSV);
    for (UploadFormat format : UploadFormat.values()) {
      double seconds = result.seconds(format);
      table.row(format.label(), fileMegabytes(result.fileBytes(format)),
          seconds(seconds), ratio(seconds / result.copySeconds()), ratio(seconds / csv),
          Long.toString(megabytes(result.peakHeapBytes(format))));
    }
    table.row("raw COPY", "–", seconds(result.copySeconds()), ratio(1), "–", "–");
    return table;
  }

  private Table phaseTable() {
    return PhaseTable.of("file", Arrays.stream(UploadFormat.values())
        .map(format -> Map.entry(format.label(), result.typicalRun(format)))
        .toList());
  }
}
