import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The benchmark behind docs/PERFORMANCE.md. Run it through {@code bench/run}, which builds the
 * service jar and puts pgJDBC on the class path; it needs only the JDK, pgJDBC and psql.
 *
 * <p>It starts the service once, then for each case imports a generated CSV file through the HTTP
 * API and, alternating with it, loads the very same rows with a raw {@code COPY} (the fastest
 * anything could put them into the ledger). The ratio of the two is the figure to watch: absolute
 * seconds drift with the machine, the ratio much less. It also measures several merchants
 * importing at once, status latency during a large import, and the SQL function against a
 * row-by-row PL/pgSQL loop. Every benchmark merchant and its rows are deleted again at the end.
 */
public class Benchmark {

  static final int USERS_PER_MERCHANT = 1_000;
  static final int SKUS_PER_MERCHANT = 500;
  static final int LARGE_CASE_LINES = 1_000_000;
  static final int WARM_UP_LINES = 20_000;
  static final int BAD_CASE_LINES = 50_000;
  static final int CONCURRENT_LINES = 50_000;
  static final int CONCURRENT_MERCHANTS = 3;
  static final int SQL_FUNCTION_LINES = 50_000;
  static final int LATENCY_CLIENTS = 2;
  static final Duration LATENCY_PROBE_LIMIT = Duration.ofSeconds(120);
  static final Duration STATUS_POLL_INTERVAL = Duration.ofMillis(20);
  static final Duration HEAP_SAMPLE_INTERVAL = Duration.ofMillis(100);
  /** An import whose stage and row count stay put this long is taken for dead. */
  static final Duration STALL_LIMIT = Duration.ofMinutes(5);

  static final String HEAP_LIMIT = "-Xmx256m";
  static final Path JAR = Path.of("target/crm-bulk-import-0.1.0-SNAPSHOT.jar");
  static final Path SERVICE_LOG = Path.of("target/bench-service.log");
  static final Path REPORT_FILE = Path.of("docs/PERFORMANCE.md");
  static final String ADMIN_KEY = "bench-admin-key";
  /** Every merchant the benchmark creates is named so, which is how cleanup finds them. */
  static final String MERCHANT_NAME_PREFIX = "crm-bench: ";

  /** For the run time in the report: from the launch, service start included. */
  static final long STARTED = System.nanoTime();

  static final String USAGE =
      "usage: bench/run [--cases 10000,50000,1000000] [--runs 3] [--runs-large 1]";

  private final Options options;
  private final Service service;
  private final Merchants merchants;
  private final DataFiles files;
  private final Psql psql;
  private final Connection db;

  Benchmark(Options options, Service service, Connection db, Psql psql, Path workDir) {
    this.options = options;
    this.service = service;
    this.db = db;
    this.merchants = new Merchants(db);
    this.files = new DataFiles(workDir);
    this.psql = psql;
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
    Service service = null;
    try {
      if (!Files.exists(JAR)) {
        throw new BenchmarkFailure(JAR + " is missing; run bench/run, which builds it");
      }
      Database database = Database.fromEnvironment();
      database.createIfMissing();
      try (Connection db = database.connect()) {
        Merchants merchants = new Merchants(db);
        // Before the service starts: its scheduler would otherwise pick up the jobs of an
        // interrupted earlier run.
        merchants.deleteAll();
        service = Service.start(database, workDir);
        try {
          Report report = new Benchmark(options, service, db, new Psql(database), workDir).runAll();
          service.stop(); // so that its log is complete
          report.serviceLog = ServiceLog.summarize(SERVICE_LOG);
          report.print();
          report.write(REPORT_FILE);
          log("Wrote %s (the run took %.1f minutes)", REPORT_FILE, report.minutes);
          succeeded = true;
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
      System.err.println("The service's log is " + SERVICE_LOG + "; its last lines:");
      ServiceLog.tail(SERVICE_LOG, 30).forEach(line -> System.err.println("  " + line));
    }
  }

  /** Every section; the tables are emptied of the benchmark's rows after each. */
  Report runAll() throws Exception {
    Report report = new Report(options, Environment.describe(db));
    warmUp();
    for (int lines : options.cases()) {
      report.cases.add(measureCase(DataSet.generate(lines), options.runsFor(lines), false));
      cleanUp();
    }
    report.cases.add(measureCase(DataSet.generate(BAD_CASE_LINES), options.runs(), true));
    cleanUp();
    int probedLines = Collections.max(options.cases());
    report.latency = measureStatusLatency(DataSet.generate(probedLines));
    cleanUp();
    report.concurrency = measureConcurrency(DataSet.generate(CONCURRENT_LINES), options.runs());
    cleanUp();
    report.sqlFunction = measureSqlFunction(DataSet.generate(SQL_FUNCTION_LINES), options.runs());
    cleanUp();
    report.minutes = (System.nanoTime() - STARTED) / 60e9;
    return report;
  }

  /**
   * One untimed import and COPY first: the service's first import runs on a cold JIT and would
   * otherwise inflate whichever case comes first.
   */
  private void warmUp() throws Exception {
    log("Warm-up: one untimed import and COPY of %,d lines", WARM_UP_LINES);
    DataSet data = DataSet.generate(WARM_UP_LINES);
    importThroughService(data, false);
    copyRaw(data);
    cleanUp();
  }

  /** Deletes the rows of the section just measured, so the tables do not grow run after run. */
  private void cleanUp() throws SQLException {
    merchants.deleteAll();
  }

  // ---------------------------------------------------------------------------------------------
  // Import time against raw COPY

  /** One case: service and COPY runs alternate (A B A B ...), medians of each are reported. */
  CaseResult measureCase(DataSet data, int runs, boolean lastRowBad) throws Exception {
    String label =
        lastRowBad
            ? String.format(Locale.ROOT, "%,d, last row bad", data.lines())
            : String.format(Locale.ROOT, "%,d", data.lines());
    log("Case: %,d lines%s, %,d purchases, %d run(s)", data.lines(),
        lastRowBad ? " (the last row's sku_id unknown)" : "", data.purchases(), runs);
    List<ImportRun> imports = new ArrayList<>();
    List<Double> copies = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      ImportRun imported = importThroughService(data, lastRowBad);
      imports.add(imported);
      double copy = copyRaw(data);
      copies.add(copy);
      log("  run %d/%d: service %s s (%s), peak heap %d MB; COPY %s s", run, runs,
          seconds(imported.seconds()), imported.phaseSummary(), megabytes(imported.peakHeapBytes()),
          seconds(copy));
    }
    return new CaseResult(label, data, imports, copies, lastRowBad);
  }

  /** Uploads the case as a fresh merchant's file and waits for its final status. */
  private ImportRun importThroughService(DataSet data, boolean lastRowBad) throws Exception {
    Merchant merchant = merchants.create("import of " + data.lines() + " lines");
    Path csv = files.importCsv(data, merchant, lastRowBad);
    try {
      ImportRun run = new TimedImport(service).run(merchant.id(), csv, batchId -> {});
      if (lastRowBad) {
        expectRejected(run, data, merchant);
      } else {
        expectImported(run, data, merchant);
      }
      return run;
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  /** Loads the same rows, already split into purchases and items and keyed, with one psql. */
  private double copyRaw(DataSet data) throws Exception {
    Merchant merchant = merchants.create("raw COPY of " + data.lines() + " lines");
    DataFiles.CopyFiles copy = files.copyFiles(data, merchant);
    try {
      double seconds = psql.timeScript(copy.script());
      expectLedger(merchant, data.purchases(), data.lines(), "the raw COPY");
      return seconds;
    } finally {
      copy.delete();
    }
  }

  private void expectImported(ImportRun run, DataSet data, Merchant merchant) throws SQLException {
    BatchStatus status = run.outcome();
    boolean asExpected =
        "completed".equals(status.status())
            && Long.valueOf(data.lines()).equals(status.totalRows())
            && Long.valueOf(data.purchases()).equals(status.purchases())
            && Long.valueOf(data.lines()).equals(status.items())
            && Long.valueOf(0).equals(status.errorCount());
    if (!asExpected) {
      throw new BenchmarkFailure(
          String.format(Locale.ROOT,
              "expected batch %s completed with %d rows, %d purchases, %d items and no errors;"
                  + " the service answered %s",
              run.batchId(), data.lines(), data.purchases(), data.lines(), status.json()));
    }
    expectLedger(merchant, data.purchases(), data.lines(), "batch " + run.batchId());
  }

  private void expectRejected(ImportRun run, DataSet data, Merchant merchant) throws SQLException {
    BatchStatus status = run.outcome();
    if (!"failed".equals(status.status()) || !Long.valueOf(1).equals(status.errorCount())) {
      throw new BenchmarkFailure(
          "expected batch " + run.batchId() + " failed with exactly 1 error (the unknown sku_id"
              + " on the last row); the service answered " + status.json());
    }
    expectLedger(merchant, 0, 0, "rejected batch " + run.batchId());
  }

  /** Checks what is really in the ledger for the merchant, not only what the service says. */
  private void expectLedger(Merchant merchant, long purchases, long items, String what)
      throws SQLException {
    long[] counts = merchants.ledgerCounts(merchant.id());
    if (counts[0] != purchases || counts[1] != items) {
      throw new BenchmarkFailure(
          String.format(Locale.ROOT,
              "after %s the ledger holds %d purchases and %d items for merchant %s;"
                  + " expected %d and %d", what, counts[0], counts[1], merchant.id(),
              purchases, items));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Status latency during a large import

  /**
   * A separate import of the largest case with clients asking for status and the batch list back
   * to back, so that the probe's load does not distort the timings above.
   */
  LatencyResult measureStatusLatency(DataSet data) throws Exception {
    log("Status latency: %d clients polling during an import of %,d lines", LATENCY_CLIENTS,
        data.lines());
    Merchant merchant = merchants.create("status latency");
    Path csv = files.importCsv(data, merchant, false);
    try {
      LatencyProbe probe = new LatencyProbe(service, merchant.id());
      ImportRun run;
      try {
        run = new TimedImport(service).run(merchant.id(), csv, probe::start);
      } finally {
        probe.stop();
      }
      expectImported(run, data, merchant);
      LatencyResult result = new LatencyResult(data.lines(), run.seconds(), probe.stats());
      log("  import took %s s with the probe running; %s", seconds(run.seconds()),
          result.stats().stream().map(LatencyStats::summary).collect(Collectors.joining("; ")));
      return result;
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Several merchants at once

  /** One merchant's file alone, then several merchants uploading at the same moment. */
  ConcurrencyResult measureConcurrency(DataSet data, int runs) throws Exception {
    log("Concurrency: 1 merchant vs %d merchants at once, %,d lines each, %d run(s)",
        CONCURRENT_MERCHANTS, data.lines(), runs);
    List<Double> alone = new ArrayList<>();
    List<SimultaneousImports> together = new ArrayList<>();
    long peakHeapAlone = 0;
    long peakHeapTogether = 0;
    for (int run = 1; run <= runs; run++) {
      ImportRun single = importThroughService(data, false);
      alone.add(single.seconds());
      peakHeapAlone = Math.max(peakHeapAlone, single.peakHeapBytes());
      SimultaneousImports many = importSimultaneously(data, CONCURRENT_MERCHANTS);
      together.add(many);
      peakHeapTogether = Math.max(peakHeapTogether, many.peakHeapBytes());
      log("  run %d/%d: 1 merchant %s s; %d merchants %s s (each: %s)", run, runs,
          seconds(single.seconds()), CONCURRENT_MERCHANTS, seconds(many.seconds()),
          many.each().stream().map(r -> seconds(r.seconds()) + " s")
              .collect(Collectors.joining(", ")));
    }
    together.sort(Comparator.comparingDouble(SimultaneousImports::seconds));
    SimultaneousImports typical = together.get((together.size() - 1) / 2);
    List<Double> eachBatch = typical.each().stream().map(ImportRun::seconds).sorted().toList();
    return new ConcurrencyResult(data.lines(), CONCURRENT_MERCHANTS, median(alone),
        median(together.stream().map(SimultaneousImports::seconds).toList()), eachBatch,
        peakHeapAlone, peakHeapTogether, runs);
  }

  record SimultaneousImports(double seconds, List<ImportRun> each, long peakHeapBytes) {}

  /** Uploads one file per fresh merchant, all released at the same instant; times until the last. */
  private SimultaneousImports importSimultaneously(DataSet data, int count) throws Exception {
    List<Merchant> group = new ArrayList<>();
    List<Path> csvs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Merchant merchant = merchants.create("concurrent import " + (i + 1));
      group.add(merchant);
      csvs.add(files.importCsv(data, merchant, false));
    }
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ImportRun>> pending = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Merchant merchant = group.get(i);
        Path csv = csvs.get(i);
        pending.add(pool.submit(() -> {
          go.await();
          return new TimedImport(service).run(merchant.id(), csv, batchId -> {});
        }));
      }
      long start = System.nanoTime();
      go.countDown();
      List<ImportRun> runs = new ArrayList<>();
      for (Future<ImportRun> future : pending) {
        runs.add(future.get());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      for (int i = 0; i < count; i++) {
        expectImported(runs.get(i), data, group.get(i));
      }
      long peak = runs.stream().mapToLong(ImportRun::peakHeapBytes).max().orElse(0);
      return new SimultaneousImports(seconds, runs, peak);
    } finally {
      pool.shutdownNow();
      for (Path csv : csvs) {
        Files.deleteIfExists(csv);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The SQL function against a row-by-row loop

  /**
   * What the original design did: one INSERT ... RETURNING per purchase and one INSERT per item,
   * in a PL/pgSQL loop. It checks nothing beyond the foreign keys, so it is, if anything, faster
   * than the original; the speed-up of the set-based function is a lower bound.
   */
  static final String ROW_BY_ROW_FUNCTION =
      """
      create schema if not exists bench;
      create or replace function bench.row_by_row_insert(p jsonb, m uuid) returns void
      language plpgsql as $$
      declare
          purchase    jsonb;
          item        jsonb;
          purchase_id uuid;
      begin
          for purchase in select value from jsonb_array_elements(p) loop
              insert into purchase_ledger (id, merchant_id, transaction_number, transaction_date,
                                           user_id, final_amount)
              values (gen_random_uuid(), m, purchase ->> 'transaction_number',
                      (purchase ->> 'transaction_date')::timestamptz,
                      (purchase ->> 'user_id')::uuid, (purchase ->> 'final_amount')::numeric)
              returning id into purchase_id;
              for item in select value from jsonb_array_elements(purchase -> 'items') loop
                  insert into purchase_items_ledger (id, transaction_id, sku_id, quantity,
                                                     unit_price, line_total)
                  values (gen_random_uuid(), purchase_id, (item ->> 'sku_id')::uuid,
                          (item ->> 'quantity')::numeric, (item ->> 'unit_price')::numeric,
                          (item ->> 'line_total')::numeric);
              end loop;
          end loop;
      end
      $$;
      """;

  /** Both functions on the same JSON payload (for fresh merchants), alternating, over JDBC. */
  SqlFunctionResult measureSqlFunction(DataSet data, int runs) throws Exception {
    log("SQL function vs row-by-row PL/pgSQL: %,d lines, %d run(s)", data.lines(), runs);
    try (Statement statement = db.createStatement()) {
      statement.execute(ROW_BY_ROW_FUNCTION);
    }
    List<Double> setBased = new ArrayList<>();
    List<Double> rowByRow = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      setBased.add(timeBulkInsertFunction(data));
      rowByRow.add(timeRowByRowFunction(data));
      log("  run %d/%d: bulk_insert_purchases_with_items %s s; row-by-row %s s", run, runs,
          seconds(setBased.get(run - 1)), seconds(rowByRow.get(run - 1)));
    }
    return new SqlFunctionResult(data.lines(), median(setBased), median(rowByRow), runs);
  }

  private double timeBulkInsertFunction(DataSet data) throws Exception {
    Merchant merchant = merchants.create("bulk_insert_purchases_with_items");
    String payload = DataFiles.jsonPayload(data, merchant);
    try (PreparedStatement call =
        db.prepareStatement("select * from bulk_insert_purchases_with_items(?::jsonb, ?)")) {
      call.setString(1, payload);
      call.setObject(2, merchant.id());
      long start = System.nanoTime();
      try (ResultSet rs = call.executeQuery()) {
        double seconds = (System.nanoTime() - start) / 1e9;
        rs.next();
        if (!rs.getBoolean("success")
            || rs.getInt("purchases_inserted") != data.purchases()
            || rs.getInt("items_inserted") != data.lines()) {
          throw new BenchmarkFailure(
              String.format(Locale.ROOT,
                  "bulk_insert_purchases_with_items answered success=%s, %d purchases, %d items,"
                      + " message %s; expected %d purchases and %d items",
                  rs.getBoolean("success"), rs.getInt("purchases_inserted"),
                  rs.getInt("items_inserted"), rs.getString("error_message"), data.purchases(),
                  data.lines()));
        }
        expectLedger(merchant, data.purchases(), data.lines(), "bulk_insert_purchases_with_items");
        return seconds;
      }
    }
  }

  private double timeRowByRowFunction(DataSet data) throws Exception {
    Merchant merchant = merchants.create("row-by-row insert");
    String payload = DataFiles.jsonPayload(data, merchant);
    try (PreparedStatement call =
        db.prepareStatement("select bench.row_by_row_insert(?::jsonb, ?)")) {
      call.setString(1, payload);
      call.setObject(2, merchant.id());
      long start = System.nanoTime();
      call.execute();
      double seconds = (System.nanoTime() - start) / 1e9;
      expectLedger(merchant, data.purchases(), data.lines(), "bench.row_by_row_insert");
      return seconds;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Options, database, service

  record Options(List<Integer> cases, int runs, int runsLarge, String command) {

    static Options parse(String[] args) {
      List<Integer> cases = List.of(10_000, 50_000, LARGE_CASE_LINES);
      int runs = 3;
      int runsLarge = 1;
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        if (option.equals("-h") || option.equals("--help")) {
          System.out.println(USAGE);
          System.exit(0);
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        String value = args[++i];
        switch (option) {
          case "--cases" -> cases = Arrays.stream(value.split(","))
              .map(String::strip).map(v -> positive(option, v)).toList();
          case "--runs" -> runs = positive(option, value);
          case "--runs-large" -> runsLarge = positive(option, value);
          default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
        }
      }
      String command = System.getenv().getOrDefault("BENCH_COMMAND",
          ("java -cp <pgjdbc.jar> bench/Benchmark.java " + String.join(" ", args)).strip());
      return new Options(cases, runs, runsLarge, command);
    }

    private static int positive(String option, String value) {
      try {
        int n = Integer.parseInt(value.replace("_", ""));
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(option + " needs a positive whole number, not " + value);
    }

    int runsFor(int lines) {
      return lines >= LARGE_CASE_LINES ? runsLarge : runs;
    }
  }

  /** Where the benchmark's database is, from the same variables the service reads. */
  record Database(String url, String user, String password, String host, int port, String name) {

    static Database fromEnvironment() {
      String url = env("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/crm_bench");
      Matcher m = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?]+).*").matcher(url);
      if (!m.matches()) {
        throw new BenchmarkFailure(
            "DATABASE_URL must look like jdbc:postgresql://host:port/database, not " + url);
      }
      int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
      return new Database(url, env("DATABASE_USER", "postgres"), System.getenv("DATABASE_PASSWORD"),
          m.group(1), port, m.group(3));
    }

    Connection connect() throws SQLException {
      return connect(url);
    }

    private Connection connect(String jdbcUrl) throws SQLException {
      Properties properties = new Properties();
      properties.setProperty("user", user);
      if (password != null) {
        properties.setProperty("password", password);
      }
      return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** Creates the database through the server's maintenance database when it is missing. */
    void createIfMissing() throws SQLException {
      try (Connection admin = connect("jdbc:postgresql://" + host + ":" + port + "/postgres");
          PreparedStatement exists =
              admin.prepareStatement("select 1 from pg_database where datname = ?")) {
        exists.setString(1, name);
        try (ResultSet rs = exists.executeQuery()) {
          if (rs.next()) {
            return;
          }
        }
        log("Creating database %s", name);
        try (Statement create = admin.createStatement()) {
          create.execute("create database \"" + name.replace("\"", "\"\"") + "\"");
        }
      }
    }

    Map<String, String> serviceEnvironment() {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("DATABASE_URL", url);
      env.put("DATABASE_USER", user);
      if (password != null) {
        env.put("DATABASE_PASSWORD", password);
      }
      return env;
    }

    Map<String, String> psqlEnvironment() {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("PGHOST", host);
      env.put("PGPORT", Integer.toString(port));
      env.put("PGUSER", user);
      env.put("PGDATABASE", name);
      if (password != null) {
        env.put("PGPASSWORD", password);
      }
      return env;
    }
  }

  /** The service as a child process, and the few HTTP calls the benchmark makes to it. */
  static final class Service {
    private final Process process;
    private final int port;
    private final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private Service(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    static Service start(Database database, Path workDir) throws Exception {
      int port = freePort();
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      // From a copy: a build meanwhile (./mvnw package) would replace the jar under the running
      // service, which then fails to load its classes.
      Path jar = Files.copy(JAR, workDir.resolve(JAR.getFileName()));
      ProcessBuilder builder =
          new ProcessBuilder(java, HEAP_LIMIT, "-jar", jar.toString())
              .redirectErrorStream(true)
              .redirectOutput(SERVICE_LOG.toFile());
      Map<String, String> env = builder.environment();
      env.putAll(database.serviceEnvironment());
      env.put("PORT", Integer.toString(port));
      env.put("IMPORTER_ADMIN_KEY", ADMIN_KEY);
      env.putAll(settings());
      log("Starting the service on port %d (%s, log in %s)", port, HEAP_LIMIT, SERVICE_LOG);
      Service service = new Service(builder.start(), port);
      // Also when the benchmark fails or is interrupted: never leave the service running.
      Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "stop-service"));
      service.awaitHealthy(Duration.ofMinutes(3));
      return service;
    }

    /**
     * The service's settings that matter to the figures: the benchmark's own, plus any other
     * IMPORTER_* variable the caller exported (the child process inherits them).
     */
    static Map<String, String> settings() {
      Map<String, String> settings = new java.util.TreeMap<>();
      System.getenv().forEach((name, value) -> {
        if (name.startsWith("IMPORTER_") && !name.equals("IMPORTER_ADMIN_KEY")) {
          settings.put(name, value);
        }
      });
      settings.put("IMPORTER_MAX_FILE_SIZE", "1GB");
      settings.put("IMPORTER_DEMO_DATA", "false");
      return settings;
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }

    private void awaitHealthy(Duration limit) throws Exception {
      long deadline = System.nanoTime() + limit.toNanos();
      long start = System.nanoTime();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new BenchmarkFailure(
              "the service exited with code " + process.exitValue() + " while starting. If its"
                  + " log shows a Flyway checksum mismatch (a migration edited after it ran"
                  + " here), drop the benchmark's database and run again.");
        }
        try {
          HttpResponse<String> health = send(request("/health").GET().build());
          if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
            log("Service is up after %s s", seconds((System.nanoTime() - start) / 1e9));
            return;
          }
        } catch (IOException notListeningYet) {
          // keep waiting
        }
        Thread.sleep(250);
      }
      throw new BenchmarkFailure("the service did not report UP on /health within " + limit);
    }

    /** Sends the CSV as multipart/form-data, streamed from disk; returns the batch id. */
    UUID upload(UUID merchantId, Path csv) throws IOException, InterruptedException {
      String boundary = "crm-bench-" + UUID.randomUUID();
      String prefix =
          "--" + boundary + "\r\n"
              + "Content-Disposition: form-data; name=\"merchant_id\"\r\n\r\n"
              + merchantId + "\r\n"
              + "--" + boundary + "\r\n"
              + "Content-Disposition: form-data; name=\"file\"; filename=\"" + csv.getFileName()
              + "\"\r\n"
              + "Content-Type: text/csv\r\n\r\n";
      String suffix = "\r\n--" + boundary + "--\r\n";
      HttpRequest upload =
          request("/api/import/purchases")
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .timeout(Duration.ofMinutes(30))
              .POST(BodyPublishers.concat(
                  BodyPublishers.ofString(prefix),
                  BodyPublishers.ofFile(csv),
                  BodyPublishers.ofString(suffix)))
              .build();
      HttpResponse<String> response = send(upload);
      if (response.statusCode() != 202) {
        throw new BenchmarkFailure(
            "the upload answered " + response.statusCode() + ": " + response.body());
      }
      return UUID.fromString(Json.field(response.body(), "batch_id"));
    }

    BatchStatus status(UUID batchId) throws IOException, InterruptedException {
      HttpResponse<String> response = get("/api/import/status/" + batchId);
      if (response.statusCode() != 200) {
        throw new BenchmarkFailure(
            "status of " + batchId + " answered " + response.statusCode() + ": " + response.body());
      }
      return BatchStatus.parse(response.body());
    }

    /** Heap in use (live objects and garbage not yet collected), summed over the heap pools. */
    long heapUsedBytes() throws IOException, InterruptedException {
      HttpResponse<String> response = get("/metrics/jvm.memory.used?tag=area:heap");
      Matcher value = Pattern.compile("\"value\"\\s*:\\s*([0-9.eE+-]+)").matcher(response.body());
      if (response.statusCode() != 200 || !value.find()) {
        throw new IOException("metrics answered " + response.statusCode());
      }
      return (long) Double.parseDouble(value.group(1));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return send(request(path).timeout(Duration.ofSeconds(60)).GET().build());
    }

    private HttpRequest.Builder request(String path) {
      return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("Authorization", "Bearer " + ADMIN_KEY);
    }

    private HttpResponse<String> send(HttpRequest request)
        throws IOException, InterruptedException {
      return http.send(request, BodyHandlers.ofString());
    }

    /** Stops the service: politely first, so it can finish its shutdown, then by force. */
    synchronized void stop() {
      if (!process.isAlive()) {
        return;
      }
      process.destroy();
      try {
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The fields of a batch status the benchmark needs, plus the raw JSON for error messages. */
  record BatchStatus(String status, String phase, Long rowsDone, Long totalRows, Long purchases,
      Long items, Long errorCount, String json) {

    static BatchStatus parse(String json) {
      if (Json.field(json, "status") == null) {
        throw new BenchmarkFailure("a batch status without a status: " + json);
      }
      return new BatchStatus(Json.field(json, "status"), Json.field(json, "phase"),
          Json.longField(json, "rows_done"), Json.longField(json, "total_rows"), Json.longField(json, "purchases_count"),
          Json.longField(json, "items_count"), Json.longField(json, "error_count"), json);
    }

    /** What changes while an import moves on: its stage and the rows it has read. */
    String progress() {
      return stage() + " " + rowsDone;
    }

    boolean finished() {
      return !"pending".equals(status) && !"processing".equals(status);
    }

    /** The stage the batch is in: "queued", the service's own phase while processing, or done. */
    String stage() {
      return switch (status) {
        case "pending" -> "queued";
        case "processing" -> phase == null ? "processing" : phase;
        default -> status;
      };
    }
  }

  /**
   * Just enough JSON for the service's flat answers: the first value of a field by name. The JDK
   * has no JSON parser, and the benchmark is meant to need nothing beyond the JDK and pgJDBC.
   */
  static final class Json {
    static String field(String json, String name) {
      Matcher m = Pattern.compile(
              "\"" + Pattern.quote(name) + "\"\\s*:\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,}\\]\\s]+))")
          .matcher(json);
      if (!m.find()) {
        return null;
      }
      String value = m.group(1) != null ? m.group(1) : m.group(2);
      return "null".equals(value) ? null : value;
    }

    static Long longField(String json, String name) {
      String value = field(json, name);
      return value == null ? null : Long.valueOf(value);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // One timed import

  record Phase(String name, double seconds) {}

  /** An import as the client saw it: total seconds, per stage, final status, peak heap. */
  record ImportRun(UUID batchId, double seconds, List<Phase> phases, BatchStatus outcome,
      long peakHeapBytes) {

    String phaseSummary() {
      return phases.stream()
          .map(p -> p.name() + " " + Benchmark.seconds(p.seconds()))
          .collect(Collectors.joining(", "));
    }
  }

  /**
   * Times an import from the start of the upload request until the final status, polling the
   * status every 20 ms and noting when each stage (upload, queued, the service's phases) starts.
   * Samples the service's heap meanwhile.
   */
  static final class TimedImport {
    private final Service service;
    private final List<Phase> phases = new ArrayList<>();
    private String stage;
    private long stageStart;

    TimedImport(Service service) {
      this.service = service;
    }

    ImportRun run(UUID merchantId, Path csv, Consumer<UUID> whenAccepted) throws Exception {
      long start = System.nanoTime();
      try (HeapSampler heap = HeapSampler.start(service)) {
        enter("upload", start);
        UUID batchId = service.upload(merchantId, csv);
        enter("queued", System.nanoTime());
        whenAccepted.accept(batchId);
        String progress = null;
        long progressAt = System.nanoTime();
        while (true) {
          BatchStatus status = service.status(batchId);
          long now = System.nanoTime();
          if (status.finished()) {
            enter(null, now);
            return new ImportRun(batchId, (now - start) / 1e9, List.copyOf(phases), status,
                heap.peakBytes());
          }
          enter(status.stage(), now);
          // A job that died without failing its batch leaves it "processing" for good.
          if (!status.progress().equals(progress)) {
            progress = status.progress();
            progressAt = now;
          } else if (now - progressAt > STALL_LIMIT.toNanos()) {
            throw new BenchmarkFailure("batch " + batchId + " made no progress for "
                + STALL_LIMIT.toMinutes() + " minutes; its last status: " + status.json());
          }
          Thread.sleep(STATUS_POLL_INTERVAL.toMillis());
        }
      }
    }

    /** Closes the current stage when a different one begins ({@code null}: the end). */
    private void enter(String next, long now) {
      if (next != null && next.equals(stage)) {
        return;
      }
      if (stage != null) {
        phases.add(new Phase(stage, (now - stageStart) / 1e9));
      }
      stage = next;
      stageStart = now;
    }
  }

  /** Samples the service's heap every 100 ms on a thread of its own; keeps the maximum. */
  static final class HeapSampler implements AutoCloseable {
    private final Service service;
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private HeapSampler(Service service) {
      this.service = service;
      this.thread = new Thread(this::sample, "heap-sampler");
      thread.setDaemon(true);
    }

    static HeapSampler start(Service service) {
      HeapSampler sampler = new HeapSampler(service);
      sampler.thread.start();
      return sampler;
    }

    private void sample() {
      while (running) {
        try {
          peak.accumulateAndGet(service.heapUsedBytes(), Math::max);
          Thread.sleep(HEAP_SAMPLE_INTERVAL.toMillis());
        } catch (InterruptedException e) {
          return;
        } catch (IOException e) {
          // A missed sample under load is not worth failing the benchmark for.
        }
      }
    }

    long peakBytes() {
      return peak.get();
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(Duration.ofSeconds(70).toMillis());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Status latency probe

  record LatencyStats(String request, int count, int failures, double p50, double p95, double p99,
      double max) {

    static LatencyStats of(String request, List<Double> millis, int failures) {
      List<Double> sorted = new ArrayList<>(millis);
      Collections.sort(sorted);
      return new LatencyStats(request, sorted.size(), failures, percentile(sorted, 50),
          percentile(sorted, 95), percentile(sorted, 99),
          sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(List<Double> sorted, int p) {
      if (sorted.isEmpty()) {
        return 0;
      }
      int rank = (int) Math.ceil(p / 100.0 * sorted.size());
      return sorted.get(Math.max(0, rank - 1));
    }

    String summary() {
      return String.format(Locale.ROOT, "%s: %d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
          request, count, p50, p99, max);
    }
  }

  /**
   * Clients that ask for the batch's status and the merchant's batch list back to back, from the
   * moment the upload is accepted until the import ends or 120 s have passed.
   */
  static final class LatencyProbe {
    private final Service service;
    private final UUID merchantId;
    private final List<Thread> clients = new ArrayList<>();
    private final List<Double> statusMillis = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> listMillis = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong statusFailures = new AtomicLong();
    private final AtomicLong listFailures = new AtomicLong();
    private volatile boolean running;
    private long deadline;

    LatencyProbe(Service service, UUID merchantId) {
      this.service = service;
      this.merchantId = merchantId;
    }

    void start(UUID batchId) {
      running = true;
      deadline = System.nanoTime() + LATENCY_PROBE_LIMIT.toNanos();
      for (int i = 0; i < LATENCY_CLIENTS; i++) {
        Thread client = new Thread(() -> poll(batchId), "latency-client-" + i);
        client.setDaemon(true);
        clients.add(client);
        client.start();
      }
    }

    private void poll(UUID batchId) {
      while (running && System.nanoTime() < deadline) {
        time("/api/import/status/" + batchId, statusMillis, statusFailures);
        time("/api/import/list/" + merchantId, listMillis, listFailures);
      }
    }

    private void time(String path, List<Double> millis, AtomicLong failures) {
      long start = System.nanoTime();
      try {
        HttpResponse<String> response = service.get(path);
        if (response.statusCode() == 200) {
          millis.add((System.nanoTime() - start) / 1e6);
        } else {
          failures.incrementAndGet();
        }
      } catch (IOException e) {
        failures.incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }

    void stop() throws InterruptedException {
      running = false;
      for (Thread client : clients) {
        client.join(Duration.ofSeconds(70).toMillis());
      }
    }

    List<LatencyStats> stats() {
      return List.of(
          LatencyStats.of("GET /api/import/status/{batch_id}", statusMillis,
              (int) statusFailures.get()),
          LatencyStats.of("GET /api/import/list/{merchant_id}", listMillis,
              (int) listFailures.get()));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Merchants and their rows

  /** A benchmark merchant with its users and SKUs. */
  record Merchant(UUID id, UUID[] users, UUID[] skus) {}

  /** Creates fresh merchants (fast, with COPY) and deletes every benchmark merchant again. */
  static final class Merchants {
    private final Connection db;

    Merchants(Connection db) {
      this.db = db;
    }

    Merchant create(String purpose) throws SQLException, IOException {
      Merchant merchant = new Merchant(randomUuid(), randomUuids(USERS_PER_MERCHANT),
          randomUuids(SKUS_PER_MERCHANT));
      try (PreparedStatement insert =
          db.prepareStatement("insert into merchants (id, name) values (?, ?)")) {
        insert.setObject(1, merchant.id());
        insert.setString(2, MERCHANT_NAME_PREFIX + purpose);
        insert.executeUpdate();
      }
      CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
      copy.copyIn("copy users (id, merchant_id) from stdin (format csv)",
          new StringReader(ownedBy(merchant.id(), merchant.users())));
      copy.copyIn("copy skus (id, merchant_id) from stdin (format csv)",
          new StringReader(ownedBy(merchant.id(), merchant.skus())));
      return merchant;
    }

    private static String ownedBy(UUID merchantId, UUID[] ids) {
      StringBuilder csv = new StringBuilder();
      for (UUID id : ids) {
        csv.append(id).append(',').append(merchantId).append('\n');
      }
      return csv.toString();
    }

    private boolean schemaExists() throws SQLException {
      try (Statement statement = db.createStatement();
          ResultSet rs = statement.executeQuery(
              "select to_regclass('bulk_import_batches') is not null")) {
        rs.next();
        return rs.getBoolean(1);
      }
    }

    /** {purchases, items} in the ledger for the merchant. */
    long[] ledgerCounts(UUID merchantId) throws SQLException {
      try (PreparedStatement count =
          db.prepareStatement(
              "select (select count(*) from purchase_ledger where merchant_id = ?),"
                  + " (select count(*) from purchase_items_ledger i"
                  + "  join purchase_ledger p on p.id = i.transaction_id where p.merchant_id = ?)")) {
        count.setObject(1, merchantId);
        count.setObject(2, merchantId);
        try (ResultSet rs = count.executeQuery()) {
          rs.next();
          return new long[] {rs.getLong(1), rs.getLong(2)};
        }
      }
    }

    /**
     * Deletes every benchmark merchant with its ledger rows, batches, users and SKUs. The ledger
     * is vacuumed before users and SKUs go: their foreign keys from the ledger have no index, so
     * each deleted user or SKU scans the ledger, which must not still be full of dead rows.
     */
    void deleteAll() throws SQLException {
      if (!schemaExists()) {
        return; // a new database, before the service's first start
      }
      String benchMerchants = "(select id from merchants where name like '"
          + MERCHANT_NAME_PREFIX.replace("'", "''") + "%')";
      try (Statement statement = db.createStatement()) {
        statement.executeUpdate("delete from purchase_items_ledger where transaction_id in"
            + " (select id from purchase_ledger where merchant_id in " + benchMerchants + ")");
        statement.executeUpdate(
            "delete from purchase_ledger where merchant_id in " + benchMerchants);
        // A run interrupted mid-import leaves its job scheduled; the next service would run it.
        statement.executeUpdate("delete from scheduled_tasks where task_name = 'purchase-import'"
            + " and task_instance in (select id::text from bulk_import_batches"
            + " where merchant_id in " + benchMerchants + ")");
        // Cascades to the batches' stored files and errors.
        statement.executeUpdate(
            "delete from bulk_import_batches where merchant_id in " + benchMerchants);
        statement.execute("vacuum (analyze) purchase_items_ledger, purchase_ledger");
        statement.executeUpdate("delete from users where merchant_id in " + benchMerchants);
        statement.executeUpdate("delete from skus where merchant_id in " + benchMerchants);
        statement.executeUpdate("delete from merchants where id in " + benchMerchants);
        statement.execute("vacuum (analyze) users, skus, merchants, bulk_import_batches,"
            + " bulk_import_files, bulk_import_errors");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Generated data

  /**
   * The rows of one case, independent of any merchant: user and SKU are indexes into a merchant's
   * sets. Purchases have 1, 2, 3, 4, 5, 6, 1, 2 ... items (3.5 on average); the last one is cut
   * short to end at exactly {@code lines} items. Amounts are in cents and add up.
   */
  record DataSet(int lines, int purchases, int[] firstItem, int[] userIndex, long[] epochSecond,
      int[] skuIndex, int[] quantity, int[] unitPriceCents) {

    static final long YEAR_START = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
    static final int SECONDS_IN_YEAR = 365 * 24 * 3600;

    /** The same lines always give the same data (the merchant's ids differ per run). */
    static DataSet generate(int lines) {
      Random random = new Random(lines);
      int[] skuIndex = new int[lines];
      int[] quantity = new int[lines];
      int[] unitPriceCents = new int[lines];
      for (int item = 0; item < lines; item++) {
        skuIndex[item] = random.nextInt(SKUS_PER_MERCHANT);
        quantity[item] = 1 + random.nextInt(5);
        unitPriceCents[item] = 50 + random.nextInt(50_000);
      }
      List<Integer> starts = new ArrayList<>();
      for (int item = 0, size = 1; item < lines; item += size, size = size % 6 + 1) {
        starts.add(item);
      }
      int purchases = starts.size();
      int[] firstItem = new int[purchases + 1];
      int[] userIndex = new int[purchases];
      long[] epochSecond = new long[purchases];
      for (int p = 0; p < purchases; p++) {
        firstItem[p] = starts.get(p);
        userIndex[p] = random.nextInt(USERS_PER_MERCHANT);
        epochSecond[p] = YEAR_START + random.nextInt(SECONDS_IN_YEAR);
      }
      firstItem[purchases] = lines;
      return new DataSet(lines, purchases, firstItem, userIndex, epochSecond, skuIndex, quantity,
          unitPriceCents);
    }

    long lineTotalCents(int item) {
      return (long) quantity[item] * unitPriceCents[item];
    }

    long finalAmountCents(int purchase) {
      long sum = 0;
      for (int item = firstItem[purchase]; item < firstItem[purchase + 1]; item++) {
        sum += lineTotalCents(item);
      }
      return sum;
    }

    String date(int purchase) {
      return Instant.ofEpochSecond(epochSecond[purchase]).toString();
    }
  }

  /** Writes a data set, for one merchant, as the import's CSV, as COPY files, or as JSON. */
  static final class DataFiles {
    private final Path dir;

    DataFiles(Path dir) {
      this.dir = dir;
    }

    /** A transaction number prefix of its own for every file: numbers are unique per run. */
    private static String transactionPrefix() {
      return "B" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL) + "-";
    }

    /** The service's CSV; with {@code lastRowBad}, the last row names a SKU nobody has. */
    Path importCsv(DataSet data, Merchant merchant, boolean lastRowBad) throws IOException {
      Path file = Files.createTempFile(dir, "purchases-", ".csv");
      String prefix = transactionPrefix();
      try (Writer out = writer(file)) {
        out.write("transaction_number,transaction_date,user_id,final_amount,sku_id,quantity,"
            + "unit_price,line_total\n");
        for (int p = 0; p < data.purchases(); p++) {
          String purchase = prefix + (p + 1) + "," + data.date(p) + ","
              + merchant.users()[data.userIndex()[p]] + "," + money(data.finalAmountCents(p)) + ",";
          for (int item = data.firstItem()[p]; item < data.firstItem()[p + 1]; item++) {
            boolean bad = lastRowBad && item == data.lines() - 1;
            UUID sku = bad ? randomUuid() : merchant.skus()[data.skuIndex()[item]];
            out.write(purchase);
            out.write(sku + "," + data.quantity()[item] + ","
                + money(data.unitPriceCents()[item]) + "," + money(data.lineTotalCents(item))
                + "\n");
          }
        }
      }
      return file;
    }

    record CopyFiles(Path purchases, Path items, Path script) {
      void delete() throws IOException {
        Files.deleteIfExists(purchases);
        Files.deleteIfExists(items);
        Files.deleteIfExists(script);
      }
    }

    /**
     * The same rows already split into purchases and items and keyed with their ids, plus the
     * psql script that loads both in one transaction.
     */
    CopyFiles copyFiles(DataSet data, Merchant merchant) throws IOException {
      Path purchases = Files.createTempFile(dir, "copy-purchases-", ".csv");
      Path items = Files.createTempFile(dir, "copy-items-", ".csv");
      Path script = Files.createTempFile(dir, "copy-", ".sql");
      String prefix = transactionPrefix();
      String createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
      try (Writer purchaseOut = writer(purchases); Writer itemOut = writer(items)) {
        for (int p = 0; p < data.purchases(); p++) {
          UUID purchaseId = randomUuid();
          purchaseOut.write(purchaseId + "," + merchant.id() + "," + prefix + (p + 1) + ","
              + data.date(p) + "," + merchant.users()[data.userIndex()[p]] + ","
              + money(data.finalAmountCents(p)) + "," + createdAt + "\n");
          for (int item = data.firstItem()[p]; item < data.firstItem()[p + 1]; item++) {
            itemOut.write(randomUuid() + "," + purchaseId + ","
                + merchant.skus()[data.skuIndex()[item]] + "," + data.quantity()[item] + ","
                + money(data.unitPriceCents()[item]) + "," + money(data.lineTotalCents(item))
                + "\n");
          }
        }
      }
      Files.writeString(script, String.join("\n",
          "BEGIN;",
          "\\copy purchase_ledger (id, merchant_id, transaction_number, transaction_date, user_id,"
              + " final_amount, created_at) from '" + purchases + "' with (format csv)",
          "\\copy purchase_items_ledger (id, transaction_id, sku_id, quantity, unit_price,"
              + " line_total) from '" + items + "' with (format csv)",
          "COMMIT;",
          ""));
      return new CopyFiles(purchases, items, script);
    }

    /** The payload of bulk_insert_purchases_with_items: the purchases with their items. */
    static String jsonPayload(DataSet data, Merchant merchant) {
      String prefix = transactionPrefix();
      StringBuilder json = new StringBuilder(data.lines() * 160);
      json.append('[');
      for (int p = 0; p < data.purchases(); p++) {
        if (p > 0) {
          json.append(',');
        }
        json.append("{\"transaction_number\":\"").append(prefix).append(p + 1)
            .append("\",\"transaction_date\":\"").append(data.date(p))
            .append("\",\"user_id\":\"").append(merchant.users()[data.userIndex()[p]])
            .append("\",\"final_amount\":").append(money(data.finalAmountCents(p)))
            .append(",\"items\":[");
        for (int item = data.firstItem()[p]; item < data.firstItem()[p + 1]; item++) {
          if (item > data.firstItem()[p]) {
            json.append(',');
          }
          json.append("{\"sku_id\":\"").append(merchant.skus()[data.skuIndex()[item]])
              .append("\",\"quantity\":").append(data.quantity()[item])
              .append(",\"unit_price\":").append(money(data.unitPriceCents()[item]))
              .append(",\"line_total\":").append(money(data.lineTotalCents(item)))
              .append('}');
        }
        json.append("]}");
      }
      return json.append(']').toString();
    }

    private static Writer writer(Path file) throws IOException {
      return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20);
    }

    static String money(long cents) {
      long fraction = cents % 100;
      return (cents / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }
  }

  /** Runs psql scripts and times them. */
  static final class Psql {
    private final Database database;

    Psql(Database database) {
      this.database = database;
    }

    /** Wall-clock seconds of one psql process running the script, start to exit. */
    double timeScript(Path script) throws IOException, InterruptedException {
      Path output = Files.createTempFile(script.getParent(), "psql-", ".log");
      ProcessBuilder builder =
          new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", script.toString())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      builder.environment().putAll(database.psqlEnvironment());
      long start = System.nanoTime();
      int exit = builder.start().waitFor();
      double seconds = (System.nanoTime() - start) / 1e9;
      String said = Files.readString(output);
      Files.deleteIfExists(output);
      if (exit != 0) {
        throw new BenchmarkFailure("psql exited with " + exit + " on the raw COPY: " + said);
      }
      return seconds;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Results and the report

  record CaseResult(String label, DataSet data, List<ImportRun> imports, List<Double> copies,
      boolean rejected) {

    double serviceSeconds() {
      return median(imports.stream().map(ImportRun::seconds).toList());
    }

    double copySeconds() {
      return median(copies);
    }

    double ratio() {
      return serviceSeconds() / copySeconds();
    }

    long peakHeapBytes() {
      return imports.stream().mapToLong(ImportRun::peakHeapBytes).max().orElse(0);
    }

    /** The run whose total is the median, to show where the time goes. */
    ImportRun typicalRun() {
      List<ImportRun> sorted = new ArrayList<>(imports);
      sorted.sort(Comparator.comparingDouble(ImportRun::seconds));
      return sorted.get((sorted.size() - 1) / 2);
    }
  }

  record LatencyResult(int lines, double importSeconds, List<LatencyStats> stats) {}

  record ConcurrencyResult(int linesEach, int merchants, double aloneSeconds,
      double togetherSeconds, List<Double> eachBatchSeconds, long peakHeapAlone, long peakHeapTogether, int runs) {

    double aloneLinesPerSecond() {
      return linesEach / aloneSeconds;
    }

    double togetherLinesPerSecond() {
      return (double) linesEach * merchants / togetherSeconds;
    }
  }

  record SqlFunctionResult(int lines, double setBasedSeconds, double rowByRowSeconds, int runs) {}

  /** What the figures were measured on. */
  record Environment(String date, String cpus, String cpuModel, String memory, String java,
      String postgres, String serviceSettings) {

    static Environment describe(Connection db) throws Exception {
      String postgres;
      try (Statement statement = db.createStatement();
          ResultSet rs = statement.executeQuery("select version()")) {
        rs.next();
        postgres = rs.getString(1);
      }
      String cpuModel = linesOf(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst().orElse("unknown");
      String memory = linesOf(Path.of("/proc/meminfo")).stream()
          .filter(line -> line.startsWith("MemTotal:"))
          .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
          .map(kb -> String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0))
          .findFirst().orElse("unknown");
      String java = System.getProperty("java.vm.name") + " "
          + System.getProperty("java.runtime.version");
      String settings = Service.settings().entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(", "));
      return new Environment(
          DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(
              Instant.now().atOffset(ZoneOffset.UTC)),
          nproc(), cpuModel, memory, java, postgres, settings);
    }

    private static String nproc() {
      try {
        Process process = new ProcessBuilder("nproc").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() == 0) {
          return out.strip();
        }
      } catch (IOException | InterruptedException e) {
        // fall back below
      }
      return Integer.toString(Runtime.getRuntime().availableProcessors());
    }

    private static List<String> linesOf(Path file) {
      try {
        return Files.readAllLines(file);
      } catch (IOException e) {
        return List.of();
      }
    }
  }

  /** The service's own complaints during the run: WARN and ERROR lines of its log. */
  record ServiceLog(int errors, int warnings, List<String> firstProblems) {
    private static final Pattern LEVEL = Pattern.compile("^\\S+\\s+(ERROR|WARN)\\s");

    static ServiceLog summarize(Path log) throws IOException {
      int errors = 0;
      int warnings = 0;
      Set<String> first = new LinkedHashSet<>();
      // Decoded leniently: a stray byte in the log must not fail the benchmark.
      String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
      for (String line : text.lines().toList()) {
        Matcher level = LEVEL.matcher(line);
        if (!level.find()) {
          continue;
        }
        if (level.group(1).equals("ERROR")) {
          errors++;
        } else {
          warnings++;
        }
        if (first.size() < 10) {
          first.add(line.length() > 300 ? line.substring(0, 300) + " ..." : line);
        }
      }
      return new ServiceLog(errors, warnings, List.copyOf(first));
    }

    static List<String> tail(Path log, int lines) {
      try {
        List<String> all =
            new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        return all.subList(Math.max(0, all.size() - lines), all.size());
      } catch (IOException e) {
        return List.of("(could not read " + log + ": " + e.getMessage() + ")");
      }
    }
  }

  /** Collects every section's results; prints them and writes docs/PERFORMANCE.md. */
  static final class Report {
    final Options options;
    final Environment environment;
    final List<CaseResult> cases = new ArrayList<>();
    LatencyResult latency;
    ConcurrencyResult concurrency;
    double minutes;
    SqlFunctionResult sqlFunction;
    ServiceLog serviceLog;

    Report(Options options, Environment environment) {
      this.options = options;
      this.environment = environment;
    }

    void print() {
      System.out.println();
      System.out.println(importTable().render());
      System.out.println(phaseTable().render());
      System.out.println(concurrencyTable().render());
      System.out.println(concurrencySummary());
      System.out.println();
      System.out.println(latencyTable().render());
      System.out.println(sqlFunctionTable().render());
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
              options.runsLarge(), LARGE_CASE_LINES);
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
          .append("| service | `java ").append(HEAP_LIMIT).append(" -jar ").append(JAR)
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
          .append(HEAP_LIMIT).append("`. It counts garbage not yet collected, so it shows that"
              + " the import fits the limit, not how much it needs.\n")
          .append("- Purchases have 1 to 6 items (3.5 on average); each run imports for a fresh"
              + " merchant with ").append(count(USERS_PER_MERCHANT)).append(" users and ")
          .append(count(SKUS_PER_MERCHANT)).append(" SKUs.\n\n");

      md.append("## Where the service's time goes\n\n")
          .append(phaseTable().render()).append('\n')
          .append("Seconds in each stage of the median run, as the status shows it: `upload`"
              + " until the 202 answer, `queued` while pending, then the service's own phases"
              + " while processing. The status is polled every 20 ms, so a shorter stage may be"
              + " missed (–) and its time counted in the stage before.\n\n");

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
              latency.lines(), LATENCY_CLIENTS, LATENCY_PROBE_LIMIT.toSeconds(),
              seconds(latency.importSeconds()), withoutProbe))
          .append(latencyTable().render()).append('\n');

      md.append("## The SQL function against a row-by-row loop\n\n")
          .append(sqlFunctionTable().render()).append('\n')
          .append("`bulk_insert_purchases_with_items` against `bench.row_by_row_insert`, a"
              + " PL/pgSQL loop doing one `INSERT ... RETURNING id` per purchase and one"
              + " `INSERT` per item (the original design; it checks nothing beyond the foreign"
              + " keys, so the speed-up is a lower bound). Both get the same JSON payload for a"
              + " fresh merchant over JDBC; median of ").append(sqlFunction.runs())
          .append(sqlFunction.runs() == 1 ? " run" : " runs").append(".\n\n");

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
      for (CaseResult c : cases) {
        table.row(c.label(), count(c.data().purchases()), count(c.data().lines()),
            seconds(c.serviceSeconds()) + (c.rejected() ? " (failed)" : ""),
            seconds(c.copySeconds()), String.format(Locale.ROOT, "%.1f", c.ratio()),
            Long.toString(megabytes(c.peakHeapBytes())));
      }
      return table;
    }

    private Table phaseTable() {
      // Columns in the order of the run that went through the most stages: a short stage can
      // fall between two status polls and be missing from another run.
      Set<String> stages = new LinkedHashSet<>();
      cases.stream()
          .map(c -> c.typicalRun().phases())
          .sorted(Comparator.comparingInt(phases -> -phases.size()))
          .forEach(phases -> phases.forEach(p -> stages.add(p.name())));
      List<String> headers = new ArrayList<>(List.of("lines", "total s"));
      stages.forEach(stage -> headers.add(stage + " s"));
      Table table = new Table(headers.toArray(String[]::new));
      for (CaseResult c : cases) {
        ImportRun run = c.typicalRun();
        Map<String, Double> byStage = new LinkedHashMap<>();
        run.phases().forEach(p -> byStage.merge(p.name(), p.seconds(), Double::sum));
        List<String> row = new ArrayList<>(List.of(c.label(), seconds(run.seconds())));
        stages.forEach(stage ->
            row.add(byStage.containsKey(stage) ? seconds(byStage.get(stage)) : "–"));
        table.row(row.toArray(String[]::new));
      }
      return table;
    }

    private Table concurrencyTable() {
      ConcurrencyResult c = concurrency;
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
      Table table = new Table("request", "count", "failed", "p50 ms", "p95 ms", "p99 ms",
          "max ms");
      for (LatencyStats s : latency.stats()) {
        table.row("`" + s.request() + "`", count(s.count()), Integer.toString(s.failures()),
            millis(s.p50()), millis(s.p95()), millis(s.p99()), millis(s.max()));
      }
      return table;
    }

    private Table sqlFunctionTable() {
      SqlFunctionResult s = sqlFunction;
      Table table = new Table("lines", "bulk_insert_purchases_with_items s",
          "row-by-row PL/pgSQL s", "speed-up");
      table.row(count(s.lines()), seconds(s.setBasedSeconds()), seconds(s.rowByRowSeconds()),
          String.format(Locale.ROOT, "%.1f×", s.rowByRowSeconds() / s.setBasedSeconds()));
      return table;
    }

    private String serviceLogSummary() {
      return String.format(Locale.ROOT,
          "The service logged %d ERROR and %d WARN lines during the run (`%s`)%s",
          serviceLog.errors(), serviceLog.warnings(), SERVICE_LOG,
          serviceLog.firstProblems().isEmpty() ? "." : "; the first:");
    }
  }

  /** A Markdown table, padded so that it also reads well as plain text. */
  static final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final String[] headers;

    Table(String... headers) {
      this.headers = headers;
    }

    void row(String... cells) {
      rows.add(cells);
    }

    String render() {
      int[] widths = new int[headers.length];
      Stream.concat(Stream.<String[]>of(headers), rows.stream()).forEach(cells -> {
        for (int i = 0; i < cells.length; i++) {
          widths[i] = Math.max(widths[i], Math.max(3, cells[i].length()));
        }
      });
      StringBuilder out = new StringBuilder();
      appendRow(out, headers, widths);
      out.append('|');
      for (int i = 0; i < widths.length; i++) {
        // Numbers right-aligned, the first column (the label) left-aligned.
        out.append(i == 0 ? "-".repeat(widths[i] + 2) : "-".repeat(widths[i] + 1) + ":")
            .append('|');
      }
      out.append('\n');
      rows.forEach(cells -> appendRow(out, cells, widths));
      return out.toString();
    }

    private static void appendRow(StringBuilder out, String[] cells, int[] widths) {
      out.append('|');
      for (int i = 0; i < cells.length; i++) {
        String cell = cells[i];
        String padding = " ".repeat(widths[i] - cell.length());
        out.append(' ').append(i == 0 ? cell + padding : padding + cell).append(" |");
      }
      out.append('\n');
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Small helpers

  static final class BenchmarkFailure extends RuntimeException {
    BenchmarkFailure(String message) {
      super(message);
    }
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** A version 4 UUID without SecureRandom, which would slow down writing millions of ids. */
  static UUID randomUuid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xf000L) | 0x4000L;
    long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(high, low);
  }

  static UUID[] randomUuids(int count) {
    UUID[] ids = new UUID[count];
    for (int i = 0; i < count; i++) {
      ids[i] = randomUuid();
    }
    return ids;
  }

  static String seconds(double seconds) {
    return String.format(Locale.ROOT, seconds < 1 ? "%.3f" : "%.2f", seconds);
  }

  static String millis(double millis) {
    return String.format(Locale.ROOT, "%.1f", millis);
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static long megabytes(long bytes) {
    return Math.round(bytes / 1024.0 / 1024.0);
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  static void log(String format, Object... args) {
    System.out.println("· " + String.format(Locale.ROOT, format, args));
    System.out.flush();
  }

  static void deleteRecursively(Path dir) throws IOException {
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
