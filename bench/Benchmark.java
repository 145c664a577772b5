package bench;

import static bench.ProgressLog.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The benchmark behind docs/PERFORMANCE.md. Run it through {@code bench/run}, which builds the
 * service jar, compiles the benchmark and puts the project's runtime class path on its own; it
 * needs only the JDK, pgJDBC, Apache POI (for the workbook it writes) and psql.
 *
 * <p>It starts the service once, then for each case imports a generated CSV file through the HTTP
 * API and, alternating with it, loads the very same rows with a raw {@code COPY} (the fastest
 * anything could put them into the ledger). The ratio of the two is the figure to watch: absolute
 * seconds drift with the machine, the ratio much less. It also measures several merchants
 * importing at once, status latency during a large import, the SQL function against a
 * row-by-row PL/pgSQL loop, a merchant's own export by email and SKU code through a profile, the
 * same rows as gzip CSV and as a workbook, a re-run that skips every purchase and a partial import
 * of a file with bad rows, the preview of a file's first megabyte, and a soak of two instances,
 * one killed midway. {@code --only} picks some of these sections. Every benchmark merchant and its
 * rows are deleted again at the end.
 */
public class Benchmark {

  // The command line picks the cases; these sections keep their size, so that their figures
  // compare from one run to the next whatever cases were asked for.
  static final int WARM_UP_LINES = 20_000;
  static final int BAD_CASE_LINES = 50_000;
  static final int CONCURRENT_LINES = 50_000;
  static final int SQL_FUNCTION_LINES = 50_000;
  /** Issue 12: a till export of one-line purchases, past what a heap-held index could group. */
  static final int ONE_LINE_LINES = 5_000_000;
  /** The page previews a file's first megabyte; the file is the large case's. */
  static final int PREVIEW_LINES = Options.LARGE_CASE_LINES;
  static final Path REPORT_FILE = Path.of("docs/PERFORMANCE.md");

  /** For the run time in the report: from the launch, service start included. */
  static final long STARTED = System.nanoTime();

  private final Options options;
  private final Connection db;
  private final Merchants merchants;
  private final ImportAgainstCopyCase importAgainstCopy;
  private final StatusLatencyCase statusLatency;
  private final ConcurrencyCase concurrency;
  private final SqlFunctionCase sqlFunction;
  private final ImportByKeysCase importByKeys;
  private final PreviewLatencyCase preview;
  private final FairnessCase fairness;
  private final FileFormatsCase formats;
  private final SecondChancesCase secondChances;
  private final SoakCase soak;

  Benchmark(Options options, ServiceApi service, Connection db, Database database, Path workDir) {
    this.options = options;
    this.db = db;
    this.merchants = new Merchants(db);
    DataFiles files = new DataFiles(workDir);
    MerchantExportCsv exports = new MerchantExportCsv(workDir);
    ServiceImports imports =
        new ServiceImports(service, merchants, files, exports, new ImportWorkbook(workDir));
    RawCopy rawCopy = new RawCopy(database, merchants, files);
    this.importAgainstCopy = new ImportAgainstCopyCase(imports, rawCopy);
    this.statusLatency = new StatusLatencyCase(service, merchants, files, imports);
    this.concurrency = new ConcurrencyCase(service, merchants, files, imports);
    this.sqlFunction = new SqlFunctionCase(db, merchants);
    this.importByKeys = new ImportByKeysCase(imports, rawCopy, merchants);
    this.preview = new PreviewLatencyCase(service, merchants, exports);
    this.fairness = new FairnessCase(service, db, merchants, files);
    this.formats = new FileFormatsCase(imports, rawCopy, merchants);
    this.secondChances = new SecondChancesCase(
        new SecondChanceImports(service, merchants, files, imports), rawCopy, merchants);
    this.soak = new SoakCase(service, database, workDir, db, merchants, files);
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    boolean succeeded = false;
    Path workDir = Files.createTempDirectory("crm-bench-");
    // Generated files and the jar's copy go even when the run is interrupted.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        deleteRecursively(workDir);
      } catch (IOException | UncheckedIOException e) {
        System.err.println("Could not delete " + workDir + ": " + e.getMessage());
      }
    }, "delete-work-dir"));
    ServiceProcess service = null;
    try {
      if (!Files.exists(ServiceProcess.JAR)) {
        throw new BenchmarkFailure(
            ServiceProcess.JAR + " is missing; run bench/run, which builds it");
      }
      Database database = Database.fromEnvironment();
      database.createIfMissing();
      try (Connection db = database.connect()) {
        Merchants merchants = new Merchants(db);
        // Before the service starts: its scheduler would otherwise pick up the jobs of an
        // interrupted earlier run.
        merchants.deleteAll();
        service = ServiceProcess.start(database, workDir);
        try {
          Report report = new Benchmark(options, service.api(), db, database, workDir).runAll();
          service.stop(); // so that its log is complete
          report.serviceLog = ServiceLog.summarize(ServiceProcess.LOG);
          report.print();
          report.write(REPORT_FILE);
          log("Wrote %s (the run took %.1f minutes)", REPORT_FILE, report.minutes);
          succeeded = report.soak == null || report.soak.passed();
          if (!succeeded) {
            reportFailure("the soak failed its criteria (see above)", false);
          }
        } finally {
          service.stop(); // no import may still be writing while its rows are deleted
          log("Deleting the benchmark's merchants and their rows");
          merchants.deleteAll();
        }
      }
    } catch (BenchmarkFailure e) {
      reportFailure(e.getMessage(), service != null);
    } catch (Exception e) {
      e.printStackTrace();
      reportFailure(e.toString(), service != null);
    } finally {
      if (service != null) {
        service.stop();
      }
      deleteRecursively(workDir);
    }
    System.exit(succeeded ? 0 : 1);
  }

  private static void reportFailure(String problem, boolean serviceStarted) {
    System.err.println();
    System.err.println("BENCHMARK FAILED: " + problem);
    if (serviceStarted) {
      System.err.println("The service's log is " + ServiceProcess.LOG + "; its last lines:");
      ServiceLog.tail(ServiceProcess.LOG, 30).forEach(line -> System.err.println("  " + line));
    }
  }

  /** Every section the options ask for; the tables are emptied of its rows after each. */
  Report runAll() throws Exception {
    Report report = new Report(options, Environment.describe(db));
    importAgainstCopy.warmUp(WARM_UP_LINES);
    cleanUp();
    int largest = Collections.max(options.cases());
    if (options.includes("import")) {
      for (int lines : options.cases()) {
        report.cases.add(
            importAgainstCopy.measure(DataSet.generate(lines), options.runsFor(lines), false));
        cleanUp();
      }
    }
    if (options.includes("bad-row")) {
      report.cases.add(
          importAgainstCopy.measure(DataSet.generate(BAD_CASE_LINES), options.runs(), true));
      cleanUp();
    }
    if (options.includes("latency")) {
      report.latency = statusLatency.measure(DataSet.generate(largest));
      cleanUp();
    }
    if (options.includes("concurrency")) {
      report.concurrency =
          concurrency.measure(DataSet.generate(CONCURRENT_LINES), options.runs());
      cleanUp();
    }
    if (options.includes("sql-function")) {
      report.sqlFunction =
          sqlFunction.measure(DataSet.generate(SQL_FUNCTION_LINES), options.runs());
      cleanUp();
    }
    if (options.includes("profile")) {
      report.importByKeys =
          importByKeys.measure(DataSet.generate(largest), options.runsFor(largest));
      cleanUp();
    }
    if (options.includes("formats")) {
      report.formats = formats.measure(DataSet.generate(largest), options.runsFor(largest));
      cleanUp();
    }
    if (options.includes("second-chances")) {
      report.secondChances =
          secondChances.measure(DataSet.generate(largest), options.runsFor(largest));
      cleanUp();
    }
    if (options.includes("one-line")) {
      report.cases.add(importAgainstCopy.measure(DataSet.oneLineEach(ONE_LINE_LINES),
          options.runsFor(ONE_LINE_LINES), false,
          String.format(java.util.Locale.ROOT, "%,d, one item each", ONE_LINE_LINES)));
      cleanUp();
    }
    if (options.includes("fairness")) {
      report.fairness = fairness.measure();
      cleanUp();
    }
    if (options.includes("preview")) {
      report.preview = preview.measure(DataSet.generate(PREVIEW_LINES));
      cleanUp();
    }
    // Last: it starts and kills an instance of its own beside the benchmark's.
    if (options.includes("soak")) {
      report.soak = soak.measure();
      cleanUp();
    }
    report.minutes = (System.nanoTime() - STARTED) / 60e9;
    return report;
  }

  /** Deletes the rows of the section just measured, so the tables do not grow run after run. */
  private void cleanUp() throws SQLException {
    merchants.deleteAll();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
