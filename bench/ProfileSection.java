package bench;

import static bench.Figures.count;
import static bench.Figures.megabytes;
import static bench.Figures.millis;
import static bench.Figures.ratio;
import static bench.Figures.seconds;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's section on issue 10, a merchant's own export through an import profile: the
 * import by email and SKU code against the UUID path and the raw COPY, and the preview's latency.
 * Either part may be missing when {@code --only} left its case out.
 */
final class ProfileSection {
  /** Issue 10's targets for the import by keys. */
  static final double TARGET_TO_COPY = 1.5;
  static final double TARGET_TO_UUID = 1.1;

  private final ImportByKeysCase.Result byKeys;
  private final PreviewLatencyCase.Result preview;

  ProfileSection(ImportByKeysCase.Result byKeys, PreviewLatencyCase.Result preview) {
    this.byKeys = byKeys;
    this.preview = preview;
  }

  void print() {
    if (byKeys != null) {
      System.out.println(importTable().render());
      System.out.println(targets());
      System.out.println();
      System.out.println(phaseTable().render());
    }
    if (preview != null) {
      System.out.println(previewTable().render());
    }
  }

  String markdown() {
    StringBuilder md = new StringBuilder("## A merchant's own export through a profile\n\n");
    if (byKeys != null) {
      md.append(importTable().render()).append('\n')
          .append(targets()).append("\n\n")
          .append("- **by email and SKU code**: the rows of the UUID file, purchases, items,"
              + " dates and amounts alike, as a merchant's own export would have them: headers"
              + " of its own (`order_no,ordered_at,customer_email,order_total,product_code,qty,"
              + "price,amount`), users named by `email` (`user<N>@bench.example`) and SKUs by"
              + " `code` (`SKU-<N>`). It is uploaded with `profile=<id>` of a profile saved for"
              + " the merchant beforehand (not timed), which maps the columns with"
              + " `\"user_key\": \"email\", \"sku_key\": \"code\"`. Timed from the start of"
              + " the upload request until the status, polled every 20 ms, says `completed`.\n")
          .append("- **by UUID**: the contract's file of the same rows, users and SKUs by the"
              + " CRM's UUIDs, timed the same way. **raw COPY**: one `psql` process with two"
              + " `\\copy` in one transaction, of the same rows already split into purchases and"
              + " items and keyed by UUID: the least any loader must spend.\n")
          .append(String.format(Locale.ROOT,
              "- Each run goes by UUID, by keys, raw COPY, each on tables emptied of the one"
                  + " before, for a fresh merchant with %s users and %s SKUs (emails and codes"
                  + " filled in); median of %d %s. **peak heap MB**: the highest"
                  + " `jvm.memory.used{area:heap}` sampled every 100 ms during the import, garbage"
                  + " included, with the service's heap limited to `%s`.%n%n",
              count(Merchants.USERS_PER_MERCHANT), count(Merchants.SKUS_PER_MERCHANT),
              byKeys.byKeys().size(), byKeys.byKeys().size() == 1 ? "run" : "runs",
              ServiceProcess.HEAP_LIMIT))
          .append(phaseTable().render()).append('\n')
          .append("Seconds in each stage of the median run of each, as the status shows it:"
              + " `upload` until the 202 answer, `queued` while pending, then the service's own"
              + " phases; a stage shorter than the 20 ms between polls may be missed (–).\n\n");
    }
    if (preview != null) {
      md.append("### The preview of a file's first megabyte\n\n")
          .append(previewTable().render()).append('\n')
          .append(String.format(Locale.ROOT,
              "The first %s bytes (%s lines after the header) of a %s-line export in the"
                  + " shape above (its own headers, emails, SKU codes), sent to"
                  + " `POST /api/import/preview` with `merchant_id` as the import page sends them,"
                  + " for a merchant with that export's profile saved: the service"
                  + " reads the header, suggests the saved profile and checks the first rows"
                  + " against the database in a transaction it rolls back. Every answer is"
                  + " checked (200, the saved profile suggested, no problems). **first** is the"
                  + " run's first preview, on code the imports before have not warmed; median"
                  + " and max are over the %d previews that follow it, back to back, from a"
                  + " client on the same machine. The target is well under a second.%n%n",
              count(preview.bytesSent()), count(preview.headLines()), count(preview.lines()),
              preview.millis().size()));
    }
    return md.toString();
  }

  private Table importTable() {
    ImportByKeysCase.Result r = byKeys;
    Table table = new Table(
        String.format(Locale.ROOT, "%s lines, %s purchases", count(r.data().lines()),
            count(r.data().purchases())),
        "seconds", "ratio to COPY", "ratio to UUID path", "peak heap MB");
    table.row("by email and SKU code", seconds(r.keysSeconds()), ratio(r.ratioToCopy()),
        ratio(r.ratioToUuid()), Long.toString(megabytes(r.peakHeapKeys())));
    table.row("by UUID", seconds(r.uuidSeconds()), ratio(r.uuidSeconds() / r.copySeconds()),
        ratio(1), Long.toString(megabytes(r.peakHeapUuid())));
    table.row("raw COPY", seconds(r.copySeconds()), ratio(1), "–", "–");
    return table;
  }

  private String targets() {
    return String.format(Locale.ROOT,
        "Issue 10's targets for the import by keys: within %.1f× of the raw COPY (here %s×, %s)"
            + " and within %d %% of the UUID path (here %s×, %s).",
        TARGET_TO_COPY, ratio(byKeys.ratioToCopy()),
        byKeys.ratioToCopy() <= TARGET_TO_COPY ? "met" : "missed",
        Math.round((TARGET_TO_UUID - 1) * 100), ratio(byKeys.ratioToUuid()),
        byKeys.ratioToUuid() <= TARGET_TO_UUID ? "met" : "missed");
  }

  private Table phaseTable() {
    return PhaseTable.of("import", List.of(
        Map.entry("by email and SKU code", byKeys.typicalByKeys()),
        Map.entry("by UUID", byKeys.typicalByUuid())));
  }

  private Table previewTable() {
    PreviewLatencyCase.Result p = preview;
    Table table = new Table("request", "bytes sent", "previews", "first ms", "median ms",
        "max ms");
    table.row("`POST /api/import/preview`", count(p.bytesSent()),
        count(p.millis().size()), millis(p.firstMillis()), millis(p.medianMillis()),
        millis(p.maxMillis()));
    return table;
  }
}
