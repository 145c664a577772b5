package bench;

import static bench.Figures.seconds;
import static bench.ProgressLog.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Issue 12's soak on loopback: two instances on one database, twenty merchants, two hundred
 * uploads of mixed sizes over a minute, sent to the instances in turn, and the second instance
 * killed with SIGKILL midway and started again. Every batch must end, every row be written
 * exactly once; how long small files waited behind other merchants and how fast status answered
 * are the figures.
 */
final class SoakCase {
  static final Duration KILL_AT = Duration.ofSeconds(30);
  static final Path SECOND_LOG = Path.of("target/bench-service-2.log");
  static final double STATUS_P99_TARGET_MILLIS = 100;
  /** Enough that the uploads keep to their times while a large one is still going up. */
  static final int UPLOAD_THREADS = 10;
  static final int UPLOAD_ATTEMPTS = 5;
  static final Duration RESEND_PAUSE = Duration.ofMillis(500);
  static final Duration DRAIN_LIMIT = Duration.ofMinutes(20);
  /** No batch ending and no row read for this long: the soak is stuck, not slow. */
  static final Duration STALL_LIMIT = Duration.ofMinutes(5);
  /** Status requests for the machine's floor, before the uploads, with nothing importing. */
  static final int IDLE_REQUESTS = 100;
  static final String IDLE_PART = "before the uploads, nothing importing";

  private final ServiceApi first;
  private final Database database;
  private final Path workDir;
  private final Connection db;
  private final Merchants merchants;
  private final DataFiles files;

  SoakCase(ServiceApi first, Database database, Path workDir, Connection db, Merchants merchants,
      DataFiles files) {
    this.first = first;
    this.database = database;
    this.workDir = workDir;
    this.db = db;
    this.merchants = merchants;
    this.files = files;
  }

  /** An upload as it was accepted: its batch, and how often it had to be sent again. */
  record Sent(SoakPlan.Upload upload, UUID batchId, int resent, long purchases) {}

  /** The kill: when, which JVM, and when the instance answered again. */
  record Kill(double atSeconds, long pid, int exitCode, double backAfterSeconds,
      int pickedAtKill, String loadAverage) {}

  /** A batch whose worker was killed, and when another took it over (empty: not seen). */
  record Takeover(UUID batchId, int lines, int attempts, Optional<Double> afterSeconds) {}

  Result measure() throws Exception {
    SoakPlan plan = SoakPlan.generate();
    log("Soak: 2 instances, %d merchants, %d uploads of %,d lines in all over %d s; the second"
        + " instance killed with SIGKILL after %d s and started again", SoakPlan.MERCHANTS,
        plan.uploads().size(), plan.lines(), SoakPlan.ARRIVALS.toSeconds(), KILL_AT.toSeconds());
    String loadBefore = Environment.loadAverage();
    List<Merchant> group = new ArrayList<>();
    for (int i = 0; i < SoakPlan.MERCHANTS; i++) {
      group.add(merchants.create("soak merchant " + (i + 1)));
    }
    Merchant idle = merchants.create("soak, the idle status");
    Path idleCsv = files.importCsv(DataSet.generate(SoakPlan.FEWEST_LINES), idle, false);
    List<Path> csvs = new ArrayList<>();
    long[] purchases = new long[plan.uploads().size()];
    try {
      for (SoakPlan.Upload upload : plan.uploads()) {
        DataSet data = DataSet.generate(upload.lines());
        csvs.add(files.importCsv(data, group.get(upload.merchant()), false));
        purchases[upload.index()] = data.purchases();
      }
      AtomicReference<ServiceProcess> second =
          new AtomicReference<>(ServiceProcess.start(database, workDir, SECOND_LOG));
      try {
        LatencyStats idleStatus = idleStatus(idle, idleCsv, second.get());
        return run(plan, group, csvs, purchases, second, idleStatus, loadBefore);
      } finally {
        second.get().stop();
      }
    } finally {
      Files.deleteIfExists(idleCsv);
      for (Path csv : csvs) {
        Files.deleteIfExists(csv);
      }
    }
  }

  /**
   * Status of a finished batch from both instances in turn, before anything else runs: how fast
   * this machine answers at its present load, which the soak's figures sit on.
   */
  private LatencyStats idleStatus(Merchant merchant, Path csv, ServiceProcess second)
      throws Exception {
    UUID batchId = new TimedImport(first).run(merchant.id(), csv, id -> {}).batchId();
    AlternatingInstances both = new AlternatingInstances(List.of(first, second.api()));
    LatencySamples samples = new LatencySamples(IDLE_PART);
    for (int i = 0; i < IDLE_REQUESTS; i++) {
      try {
        samples.get(both.next(), "/api/import/status/" + batchId);
      } catch (IOException e) {
        samples.failed();
      }
      Thread.sleep(LiveStatusPollers.PAUSE.toMillis());
    }
    return samples.stats();
  }

  private Result run(SoakPlan plan, List<Merchant> group, List<Path> csvs, long[] purchases,
      AtomicReference<ServiceProcess> second, LatencyStats idleStatus, String loadBefore)
      throws Exception {
    AlternatingInstances instances = new AlternatingInstances(List.of(first, second.get().api()));
    LiveStatusPollers pollers = new LiveStatusPollers(instances, "both instances up");
    ScheduledExecutorService timeline = Executors.newScheduledThreadPool(UPLOAD_THREADS);
    List<Sent> sent = new ArrayList<>();
    List<String> notAccepted = new ArrayList<>();
    AtomicReference<DeadExecutionWatch> watch = new AtomicReference<>();
    try (ExecutionTimes executionTimes = ExecutionTimes.start(database)) {
      Kill kill;
      double runSeconds;
      boolean drained;
      pollers.start();
      long start = System.nanoTime();
      try {
        List<Future<Sent>> uploads = new ArrayList<>();
        for (SoakPlan.Upload upload : plan.uploads()) {
          Merchant merchant = group.get(upload.merchant());
          Path csv = csvs.get(upload.index());
          long filePurchases = purchases[upload.index()];
          uploads.add(timeline.schedule(
              () -> send(upload, merchant, csv, filePurchases, instances, pollers),
              upload.at().toMillis(), TimeUnit.MILLISECONDS));
        }
        Future<Kill> killed = timeline.schedule(
            () -> killAndRestart(instances, pollers, second, start, watch),
            KILL_AT.toMillis(), TimeUnit.MILLISECONDS);
        for (Future<Sent> upload : uploads) {
          try {
            sent.add(upload.get());
          } catch (ExecutionException e) {
            notAccepted.add(e.getCause().getMessage());
          }
        }
        log("  %d of %d uploads accepted after %s s", sent.size(), plan.uploads().size(),
            seconds((System.nanoTime() - start) / 1e9));
        kill = killed.get();
        drained = awaitFinished(sent.stream().map(Sent::batchId).toList());
        runSeconds = (System.nanoTime() - start) / 1e9;
      } finally {
        timeline.shutdownNow();
        pollers.stop();
      }
      second.get().stop(); // so that its log is complete
      return result(plan, sent, notAccepted, group, kill, watch.get(), executionTimes, drained,
          runSeconds, pollers, idleStatus, loadBefore);
    } finally {
      if (watch.get() != null) {
        watch.get().close();
      }
    }
  }

  /** Sends the upload to the next instance; again, with the same key, when that one drops it. */
  private Sent send(SoakPlan.Upload upload, Merchant merchant, Path csv, long purchases,
      AlternatingInstances instances, LiveStatusPollers pollers) throws Exception {
    for (int attempt = 1; ; attempt++) {
      ServiceApi instance = instances.next();
      try {
        UUID batchId =
            instance.uploadIdempotently(merchant.id(), csv, "soak-upload-" + upload.index());
        pollers.follow(batchId);
        return new Sent(upload, batchId, attempt - 1, purchases);
      } catch (IOException e) {
        if (attempt == UPLOAD_ATTEMPTS) {
          throw new BenchmarkFailure("soak: upload " + upload.index() + " was dropped "
              + attempt + " times; the last time: " + e);
        }
        Thread.sleep(RESEND_PAUSE.toMillis());
      }
    }
  }

  private Kill killAndRestart(AlternatingInstances instances, LiveStatusPollers pollers,
      AtomicReference<ServiceProcess> second, long start,
      AtomicReference<DeadExecutionWatch> watch) throws Exception {
    ServiceProcess victim = second.get();
    instances.down(1);
    pollers.part("the second killed, until it answers again");
    long pid = victim.pid();
    int exitCode = victim.kill();
    long killedAt = System.nanoTime();
    String loadAtKill = Environment.loadAverage();
    watch.set(DeadExecutionWatch.start(database, killedAt));
    double at = (killedAt - start) / 1e9;
    log("  %s s: killed the second instance (pid %d) with SIGKILL, exit code %d; %d imports"
        + " were picked on the two instances", seconds(at), pid, exitCode,
        watch.get().pickedAtKill());
    ServiceProcess restarted = victim.restart();
    second.set(restarted);
    instances.up(1, restarted.api());
    pollers.part("both up again");
    double back = (System.nanoTime() - killedAt) / 1e9;
    log("  the second instance answers again %s s after the kill", seconds(back));
    return new Kill(at, pid, exitCode, back, watch.get().pickedAtKill(), loadAtKill);
  }

  /** Waits until every batch has ended; false if some never did. */
  private boolean awaitFinished(List<UUID> batchIds) throws Exception {
    long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
    long lastChange = System.nanoTime();
    long lastLog = 0;
    String lastProgress = null;
    while (true) {
      long[] progress = progress(batchIds);
      long now = System.nanoTime();
      if (progress[0] == 0) {
        return true;
      }
      String current = progress[0] + "/" + progress[1];
      if (!current.equals(lastProgress)) {
        lastProgress = current;
        lastChange = now;
      }
      if (now - lastLog > 10_000_000_000L) {
        log("  %d of %d batches still pending or processing", progress[0], batchIds.size());
        lastLog = now;
      }
      if (now > deadline || now - lastChange > STALL_LIMIT.toNanos()) {
        log("  %d batches did not end; stopped waiting", progress[0]);
        return false;
      }
      Thread.sleep(500);
    }
  }

  /** {batches not ended, rows they have read}. */
  private long[] progress(List<UUID> batchIds) throws SQLException {
    try (PreparedStatement query = db.prepareStatement("""
        select count(*), coalesce(sum(progress_rows), 0) from bulk_import_batches
        where id = any(?) and status in ('pending', 'processing')""")) {
      query.setArray(1, db.createArrayOf("uuid", batchIds.toArray()));
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
  }

  private Result result(SoakPlan plan, List<Sent> sent, List<String> notAccepted,
      List<Merchant> group, Kill kill, DeadExecutionWatch watch, ExecutionTimes executionTimes,
      boolean drained, double runSeconds, LiveStatusPollers pollers, LatencyStats idleStatus,
      String loadBefore) throws Exception {
    Map<UUID, Integer> lines = new HashMap<>();
    List<ExactlyOnceAudit.Expected> expected = new ArrayList<>();
    for (Sent s : sent) {
      lines.put(s.batchId(), s.upload().lines());
      expected.add(new ExactlyOnceAudit.Expected(s.batchId(), s.purchases(), s.upload().lines()));
    }
    Map<UUID, SoakBatch> rows = SoakBatch.load(db, lines.keySet());
    Map<String, Integer> endings = new HashMap<>();
    rows.values().forEach(b -> endings.merge(b.status(), 1, Integer::sum));
    // Run twice, or revived before its first run had begun (picked, not yet started).
    List<Takeover> takeovers = rows.values().stream()
        .filter(b -> b.attempts() > 1 || watch.revived(b.id()))
        .map(b -> new Takeover(b.id(), lines.get(b.id()), b.attempts(), watch.movedAfter(b.id())))
        .toList();
    ExactlyOnceAudit.Result ledger = ExactlyOnceAudit.check(db, expected, rows,
        group.stream().map(Merchant::id).toList());
    QueueWaits.Result waits = QueueWaits.of(rows, lines,
        takeovers.stream().map(Takeover::batchId).collect(Collectors.toSet()),
        executionTimes::dueAt);
    Result result = new Result(plan, sent.size(), List.copyOf(notAccepted),
        sent.stream().mapToInt(Sent::resent).sum(), drained, Map.copyOf(endings), runSeconds,
        kill, takeovers, ledger, waits, pollers.stats(), idleStatus, pollers.statsByPart(),
        pollers.cutByKill(), loadBefore,
        Environment.loadAverage(), ServiceLog.summarize(SECOND_LOG));
    log("  the longest small-file wait behind others: batch %s, %,d lines, %s s",
        waits.worstBatch(), waits.worstLines(), seconds(waits.worstSeconds()));
    log("  every batch ended: %s; exactly once: %s; worst small-file wait %s s against %s s;"
        + " status p99 %s ms", result.everyBatchEnded() ? "yes" : "NO",
        ledger.passed() ? "yes" : "NO", seconds(waits.worstSeconds()),
        seconds(waits.boundSeconds()), Figures.millis(result.status().p99()));
    return result;
  }

  /**
   * @param endings how many batches ended in each status
   * @param runSeconds from the first upload until the last batch ended
   */
  record Result(SoakPlan plan, int accepted, List<String> notAccepted, int resentUploads,
      boolean drained, Map<String, Integer> endings, double runSeconds, Kill kill,
      List<Takeover> takeovers, ExactlyOnceAudit.Result ledger, QueueWaits.Result waits,
      LatencyStats status, LatencyStats idleStatus, List<LatencyStats> statusByPart,
      int statusCutByKill,
      String loadBefore, String loadAfter,
      ServiceLog secondLog) {

    int completed() {
      return endings.getOrDefault("completed", 0);
    }

    /** Every upload made a batch, and every batch completed (every file is valid). */
    boolean everyBatchEnded() {
      int uploads = plan.uploads().size();
      return drained && accepted == uploads && completed() == uploads;
    }

    boolean statusWithinTarget() {
      return status.p99() < STATUS_P99_TARGET_MILLIS;
    }

    /** The criteria a soak must meet; the fairness and latency ones are figures. */
    boolean passed() {
      return everyBatchEnded() && ledger.passed();
    }
  }
}
