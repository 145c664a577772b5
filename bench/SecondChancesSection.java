package bench;

import static bench.Figures.count;
import static bench.Figures.fileMegabytes;
import static bench.Figures.megabytes;
import static bench.Figures.ratio;
import static bench.Figures.seconds;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's section on issue 13's second chances: the skip re-run against the first import,
 * the partial import, both against the raw COPY.
 */
final class SecondChancesSection {
  private final SecondChancesCase.Result result;

  SecondChancesSection(SecondChancesCase.Result result) {
    this.result = result;
  }

  void print() {
    System.out.println(table().render());
    System.out.println(rejectedSummary());
    System.out.println();
    System.out.println(phaseTable().render());
  }

  String markdown() {
    int runs = result.copies().size();
    return new StringBuilder("## Re-runs and partial imports\n\n")
        .append(table().render()).append('\n')
        .append(String.format(Locale.ROOT,
            "- **re-run, on_existing=skip**: right after the first import, the very same file"
                + " uploaded again for the same merchant with `on_existing=skip` and"
                + " `allow_duplicate=true` (the duplicate-file check would refuse it otherwise)."
                + " Checked: `completed`, `skipped_purchases` %s (every purchase),"
                + " `purchases_count` 0, no errors, and the ledger still holds exactly the first"
                + " import's rows.%n",
            count(result.data().purchases())))
        .append("- **partial**: the same rows for a fresh merchant with one row in ")
        .append(SecondChanceImports.BAD_ROW_EVERY)
        .append(" made bad, spread evenly through the file, half with a `sku_id` no merchant"
            + " has, half with `quantity` 0; uploaded with `partial=true` and `max_errors=")
        .append(SecondChanceImports.MAX_ERRORS).append("`. ").append(rejectedSummary())
        .append('\n')
        .append("- **raw COPY**: one `psql` process with two `\\copy` in one transaction, of all"
            + " the file's rows, already split and keyed: the least any loader must spend to"
            + " write them (the partial import writes a little fewer).\n")
        .append(String.format(Locale.ROOT,
            "- Each run goes first import and re-run, raw COPY, partial import, for fresh"
                + " merchants with %s users and %s SKUs, on tables emptied before each but the"
                + " re-run; median of %d %s. Seconds from the start of the upload request until"
                + " the status, polled every 20 ms, says `completed`. **peak heap MB**: the"
                + " highest `jvm.memory.used{area:heap}` sampled every 100 ms during the import,"
                + " garbage included, with the service's heap limited to `%s`.%n%n",
            count(Merchants.USERS_PER_MERCHANT), count(Merchants.SKUS_PER_MERCHANT), runs,
            runs == 1 ? "run" : "runs", ServiceProcess.HEAP_LIMIT))
        .append(phaseTable().render()).append('\n')
        .append("Seconds in each stage of the median run of each, as the status shows it;"
            + " a stage shorter than the 20 ms between polls may be missed (–).\n\n")
        .toString();
  }

  private Table table() {
    Table table = new Table(
        String.format(Locale.ROOT, "%s lines, %s purchases", count(result.data().lines()),
            count(result.data().purchases())),
        "seconds", "ratio to COPY", "ratio to first import", "peak heap MB");
    double first = ImportRun.medianSeconds(result.firsts());
    for (Map.Entry<String, List<ImportRun>> labelled : imports()) {
      double seconds = ImportRun.medianSeconds(labelled.getValue());
      table.row(labelled.getKey(), seconds(seconds), ratio(seconds / result.copySeconds()),
          ratio(seconds / first),
          Long.toString(megabytes(ImportRun.peakHeapBytes(labelled.getValue()))));
    }
    table.row("raw COPY", seconds(result.copySeconds()), ratio(1), "–", "–");
    return table;
  }

  private List<Map.Entry<String, List<ImportRun>>> imports() {
    return List.of(
        Map.entry("first import", result.firsts()),
        Map.entry("re-run, on_existing=skip", result.skips()),
        Map.entry(String.format(Locale.ROOT, "partial, 1 row in %d bad",
            SecondChanceImports.BAD_ROW_EVERY), result.partialRuns()));
  }

  private String rejectedSummary() {
    SecondChanceImports.Rejection rejected = result.rejected();
    return String.format(Locale.ROOT,
        "The partial import ended `completed` with `\"partial\": true`, %s errors (one per bad"
            + " row), `rejected_purchases` %s and `rejected_rows` %s (every row of a purchase"
            + " with a bad one), as computed from the generated rows, and wrote the other"
            + " purchases and items (checked in the ledger); its `errors.csv` held those %s rows"
            + " under its header (%s MB, fetched in %s s).",
        count(rejected.badRows()), count(rejected.purchases()), count(rejected.rows()),
        count(rejected.rows()), fileMegabytes(result.errorsCsvBytes()),
        seconds(result.errorsCsvSeconds()));
  }

  private Table phaseTable() {
    return PhaseTable.of("import", imports().stream()
        .map(labelled -> Map.entry(labelled.getKey(), ImportRun.typical(labelled.getValue())))
        .toList());
  }
}
