package bench;

import static bench.Figures.count;
import static bench.Figures.megabytes;
import static bench.Figures.seconds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Collects every section's results; prints them and writes docs/PERFORMANCE.md. */
final class Report {
  final Options options;
  final Environment environment;
  final List<ImportAgainstCopyCase.Result> cases = new ArrayList<>();
  StatusLatencyCase.Result latency;
  ConcurrencyCase.Result concurrency;
  double minutes;
  SqlFunctionCase.Result sqlFunction;
  ImportByKeysCase.Result importByKeys;
  PreviewLatencyCase.Result preview;
  FairnessCase.Result fairness;
  FileFormatsCase.Result formats;
  SecondChancesCase.Result secondChances;
  SoakCase.Result soak;
  ServiceLog serviceLog;

  Report(Options options, Environment environment) {
    this.options = options;
    this.environment = environment;
  }

  void print() {
    System.out.println();
    if (!cases.isEmpty()) {
      System.out.println(importTable().render());
      System.out.println(PhaseTable.of("lines", casePhases()).render());
    }
    if (concurrency != null) {
      System.out.println(concurrencyTable().render());
      System.out.println(concurrencySummary());
      System.out.println();
    }
    if (latency != null) {
      System.out.println(latencyTable().render());
    }
    if (fairness != null) {
      System.out.println(fairnessSummary());
      System.out.println();
    }
    if (sqlFunction != null) {
      System.out.println(sqlFunctionTable().render());
    }
    if (importByKeys != null || preview != null) {
      new ProfileSection(importByKeys, preview).print();
    }
    if (formats != null) {
      new FormatsSection(formats).print();
    }
    if (secondChances != null) {
      new SecondChancesSection(secondChances).print();
    }
    if (soak != null) {
      new SoakSection(soak).print();
    }
    System.out.println(serviceLogSummary());
    serviceLog.firstProblems().forEach(line -> System.out.println("  " + line));
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, markdown());
  }

  private String markdown() {
    Environment env = environment;
    String runs = options.runs() == options.runsLarge()
        ? options.runs() + (options.runs() == 1 ? " run" : " runs")
        : String.format(Locale.ROOT, "%d runs (%d for %,d lines or more)", options.runs(),
            options.runsLarge(), Options.LARGE_CASE_LINES);
    StringBuilder md = new StringBuilder();
    md.append("# Performance\n\n")
        .append("Written by `bench/run` (`bench/Benchmark.java`), regenerated whole on every run;"
            + " do not edit by hand.\n\n")
        .append("| | |\n|---|---|\n")
        .append("| date | ").append(env.date()).append(" |\n")
        .append("| machine | ").append(env.cpus()).append(" CPUs (`nproc`), ")
        .append(env.cpuModel()).append(", ").append(env.memory()).append(" memory |\n")
        .append("| Java | ").append(env.java()).append(" |\n")
        .append("| PostgreSQL | ").append(env.postgres()).append(" |\n")
        .append("| service | `java ").append(ServiceProcess.HEAP_LIMIT).append(" -jar ")
        .append(ServiceProcess.JAR)
        .append("`, ")
        .append(env.serviceSettings()).append(", other settings default")
        .append(" |\n")
        .append("| command | `").append(options.command()).append("` |\n")
        .append(String.format(Locale.ROOT,
            "| run time | %.1f minutes, service start included (build and cleanup not) |%n%n",
            minutes))
        .append("Each figure is the median of ").append(runs)
        .append("; service and COPY runs alternate (A B A B ...). **The ratio is the number to"
            + " compare** between machines and over time: absolute seconds drift on shared"
            + " machines, the ratio much less.\n\n");
    if (options.partial()) {
      md.append("Only the sections `--only` asked for were run (")
          .append(Options.SECTIONS.stream().filter(options::includes)
              .collect(Collectors.joining(", ")))
          .append("); the others are left out.\n\n");
    }

    if (!cases.isEmpty()) {
      md.append("## Import time against a raw COPY of the same rows\n\n")
          .append(importTable().render()).append('\n')
          .append("- **service s**: from the start of the upload request (the file streamed from"
              + " disk) until `GET /api/import/status/{id}` says `completed` (`failed` for the"
              + " bad file), polled every 20 ms. It includes the upload (the file is stored in"
              + " PostgreSQL), the queue, reading, checking and writing.\n")
          .append("- **COPY s**: one `psql` process running `BEGIN; \\copy purchase_ledger ...;"
              + " \\copy purchase_items_ledger ...; COMMIT;` with the same purchases and items"
              + " already split and keyed, for a merchant of its own: the least any loader"
              + " must spend. For the bad file it is the COPY of the same 50,000-line file"
              + " without the bad row.\n")
          .append("- **peak heap MB**: the highest `jvm.memory.used{area:heap}` sampled every"
              + " 100 ms during the import (max over runs), with the heap limited to `")
          .append(ServiceProcess.HEAP_LIMIT)
          .append("`. It counts garbage not yet collected, so it shows that"
              + " the import fits the limit, not how much it needs.\n")
          .append("- Purchases have 1 to 6 items (3.5 on average), one each in the \"one item"
              + " each\" case; each run imports for a fresh"
              + " merchant with ").append(count(Merchants.USERS_PER_MERCHANT)).append(" users and ")
          .append(count(Merchants.SKUS_PER_MERCHANT)).append(" SKUs.\n\n");

      md.append("## Where the service's time goes\n\n")
          .append(PhaseTable.of("lines", casePhases()).render()).append('\n')
          .append("Seconds in each stage of the median run, as the status shows it: `upload`"
              + " until the 202 answer, `queued` while pending, then the service's own phases"
              + " while processing. The status is polled every 20 ms, so a shorter stage may be"
              + " missed (–) and its time counted in the stage before.\n\n");
    }

    if (fairness != null) {
      md.append("## Fair to every merchant\n\n")
          .append(fairnessSummary())
          .append(" Waited: from B's batch created to started, as the service recorded them."
              + " Two job threads.\n\n");
    }

    if (concurrency != null) {
      md.append("## Several merchants at once\n\n")
          .append(concurrencyTable().render()).append('\n')
          .append(concurrencySummary()).append(" Seconds run from the first upload request until"
              + " the last batch is completed; median of ").append(concurrency.runs())
          .append(concurrency.runs() == 1 ? " run" : " runs").append(". In that run the ")
          .append(concurrency.merchants()).append(" batches finished after ")
          .append(concurrency.eachBatchSeconds().stream().map(s -> seconds(s) + " s")
              .collect(Collectors.joining(", ")))
          .append(": the service runs `IMPORTER_JOB_THREADS` imports at once (2 by default),"
              + " so a third batch waits for a free worker.\n\n");
    }

    if (latency != null) {
      String withoutProbe = cases.stream()
          .filter(c -> !c.rejected() && c.data().lines() == latency.lines())
          .findFirst()
          .map(c -> " against " + seconds(c.serviceSeconds()) + " s without it")
          .orElse("");
      md.append("## Status latency during a large import\n\n")
          .append(String.format(Locale.ROOT,
              "While %,d lines import (a separate import from the ones timed above), %d clients"
                  + " on the same machine ask back to back for the batch's status and the"
                  + " merchant's batch list, until the import ends or %d s have passed. The"
                  + " import took %s s with this load on%s.\n\n",
              latency.lines(), LatencyProbe.CLIENTS, LatencyProbe.LIMIT.toSeconds(),
              seconds(latency.importSeconds()), withoutProbe))
          .append(latencyTable().render()).append('\n');
    }

    if (sqlFunction != null) {
      md.append("## The SQL function against a row-by-row loop\n\n")
          .append(sqlFunctionTable().render()).append('\n')
          .append("`bulk_insert_purchases_with_items` against `bench.row_by_row_insert`, a"
              + " PL/pgSQL loop doing one `INSERT ... RETURNING id` per purchase and one"
              + " `INSERT` per item (the original design; it checks nothing beyond the foreign"
              + " keys, so the speed-up is a lower bound). Both get the same JSON payload for a"
              + " fresh merchant over JDBC; median of ").append(sqlFunction.runs())
          .append(sqlFunction.runs() == 1 ? " run" : " runs").append(".\n\n");
    }

    if (importByKeys != null || preview != null) {
      md.append(new ProfileSection(importByKeys, preview).markdown());
    }

    if (formats != null) {
      md.append(new FormatsSection(formats).markdown());
    }

    if (secondChances != null) {
      md.append(new SecondChancesSection(secondChances).markdown());
    }

    if (soak != null) {
      md.append(new SoakSection(soak).markdown());
    }

    md.append("## The service's log\n\n").append(serviceLogSummary()).append('\n');
    if (!serviceLog.firstProblems().isEmpty()) {
      md.append("\n```\n");
      serviceLog.firstProblems().forEach(line -> md.append(line).append('\n'));
      md.append("```\n");
    }
    return md.toString();
  }

  private Table importTable() {
    Table table = new Table("lines", "purchases", "items", "service s", "COPY s", "ratio",
        "peak heap MB");
    for (ImportAgainstCopyCase.Result c : cases) {
      table.row(c.label(), count(c.data().purchases()), count(c.data().lines()),
          seconds(c.serviceSeconds()) + (c.rejected() ? " (failed)" : ""),
          seconds(c.copySeconds()), String.format(Locale.ROOT, "%.1f", c.ratio()),
          Long.toString(megabytes(c.peakHeapBytes())));
    }
    return table;
  }

  private List<Map.Entry<String, ImportRun>> casePhases() {
    return cases.stream().map(c -> Map.entry(c.label(), c.typicalRun())).toList();
  }

  private String fairnessSummary() {
    return String.format(Locale.ROOT, "Merchant A uploads %d files of %,d lines, then merchant B"
        + " a %d-line file: B waited %.2f s to start and was completed %.2f s after its upload;"
        + " imports of A ahead of it: %d started, %d finished before B started.",
        FairnessCase.QUEUE, FairnessCase.QUEUE_LINES, FairnessCase.LATE_LINES,
        fairness.waitedSeconds(), fairness.lateSeconds(), fairness.startedBefore(),
        fairness.finishedBefore());
  }

  private Table concurrencyTable() {
    ConcurrencyCase.Result c = concurrency;
    Table table = new Table("merchants", "lines", "seconds", "lines/s", "peak heap MB");
    table.row("1", count(c.linesEach()), seconds(c.aloneSeconds()),
        count(Math.round(c.aloneLinesPerSecond())), Long.toString(megabytes(c.peakHeapAlone())));
    table.row(c.merchants() + " at once", count((long) c.linesEach() * c.merchants()),
        seconds(c.togetherSeconds()), count(Math.round(c.togetherLinesPerSecond())),
        Long.toString(megabytes(c.peakHeapTogether())));
    return table;
  }

  private String concurrencySummary() {
    return String.format(Locale.ROOT, "Speed-up with %d merchants at once: %.2f×.",
        concurrency.merchants(),
        concurrency.togetherLinesPerSecond() / concurrency.aloneLinesPerSecond());
  }

  private Table latencyTable() {
    return LatencyStats.table("request",
        latency.stats().stream().map(s -> s.named("`" + s.request() + "`")).toList());
  }

  private Table sqlFunctionTable() {
    SqlFunctionCase.Result s = sqlFunction;
    Table table = new Table("lines", "bulk_insert_purchases_with_items s",
        "row-by-row PL/pgSQL s", "speed-up");
    table.row(count(s.lines()), seconds(s.setBasedSeconds()), seconds(s.rowByRowSeconds()),
        String.format(Locale.ROOT, "%.1f×", s.rowByRowSeconds() / s.setBasedSeconds()));
    return table;
  }

  private String serviceLogSummary() {
    return String.format(Locale.ROOT,
        "The service logged %d ERROR and %d WARN lines during the run (`%s`)%s",
        serviceLog.errors(), serviceLog.warnings(), ServiceProcess.LOG,
        serviceLog.firstProblems().isEmpty() ? "." : "; the first:");
  }
}
