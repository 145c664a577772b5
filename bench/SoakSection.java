package bench;

import static bench.Figures.count;
import static bench.Figures.millis;
import static bench.Figures.seconds;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The report's section on the soak: its criteria, PASS or FAIL, and the figures behind them. */
final class SoakSection {
  private final SoakCase.Result soak;

  SoakSection(SoakCase.Result soak) {
    this.soak = soak;
  }

  void print() {
    System.out.println(criteriaTable().render());
    System.out.println(killSummary());
    System.out.println();
    System.out.println(statusTable().render());
    System.out.println(waitTable().render());
    soak.notAccepted().forEach(problem -> System.out.println("  not accepted: " + problem));
    soak.ledger().problems().forEach(problem -> System.out.println("  ledger: " + problem));
    System.out.println(verdict());
    System.out.println();
  }

  String markdown() {
    SoakPlan plan = soak.plan();
    StringBuilder md = new StringBuilder("## Soak: two instances, one killed midway\n\n")
        .append(String.format(Locale.ROOT,
            "Issue 12's soak on loopback (`bench/run --only soak`). Two instances of the service"
                + " on the one database: the benchmark's own and a second one, each with %s job"
                + " threads and a heartbeat every %s (a running import whose instance misses 6"
                + " beats is revived by another; db-scheduler looks for such every two beats)."
                + " %d merchants send %d files, %s lines in all: %d of %s to %s lines (%d of them"
                + " %s lines or fewer, the small files) and %d of %s to %s lines, at times drawn"
                + " over %d s, to the two instances in turn. %d clients follow every batch not"
                + " yet ended, asking for its status every %d ms each, from either instance. %d s"
                + " in, the second instance's JVM is killed with SIGKILL and started again at"
                + " once; an upload it drops is sent again to the other with the same"
                + " `Idempotency-Key`.%n%n",
            jobThreads(), heartbeat(), SoakPlan.MERCHANTS, plan.uploads().size(),
            count(plan.lines()), plan.uploads().size() - SoakPlan.LARGE_LINES.size(),
            count(SoakPlan.FEWEST_LINES), count(SoakPlan.MOST_SMALL_LINES), plan.smallFiles(),
            count(SoakPlan.SMALL_FILE_LINES), SoakPlan.LARGE_LINES.size(),
            count(SoakPlan.LARGE_LINES.get(0)),
            count(SoakPlan.LARGE_LINES.get(SoakPlan.LARGE_LINES.size() - 1)),
            SoakPlan.ARRIVALS.toSeconds(), LiveStatusPollers.CLIENTS,
            LiveStatusPollers.PAUSE.toMillis(), SoakCase.KILL_AT.toSeconds()))
        .append(criteriaTable().render()).append('\n')
        .append(verdict()).append("\n\n")
        .append(killSummary()).append("\n\n")
        .append(statusTable().render()).append('\n')
        .append(String.format(Locale.ROOT,
            "`%s` as the clients above saw it, from either instance; a 200 answer is a sample,"
                + " any other a failure. Requests to the killed instance that were under way"
                + " when it died (%d) are left out of both. The first row is the floor of this"
                + " machine at its load: %d requests, one at a time, for a %d-line batch that"
                + " had finished, before the first upload; the criterion is on the whole"
                + " soak.%n%n", LiveStatusPollers.REQUEST, soak.statusCutByKill(),
            SoakCase.IDLE_REQUESTS, SoakPlan.FEWEST_LINES))
        .append(waitTable().render()).append('\n')
        .append("A merchant's files run one at a time, in the order their uploads commit: a"
            + " small file's turn comes when its import is scheduled, at its upload's commit or"
            + " when its merchant's file before it ends. **behind others** is from then (its"
            + " execution's due time in db-scheduler's table, read every "
            + ExecutionTimes.INTERVAL.toMillis() + " ms) until it started (the batch's"
            + " `started_at`), waiting for a job thread while other merchants' imports run."
            + " **one import's time** is the longest import of the run, first start to end, of a"
            + " batch that ran once (a revived batch's time includes the wait for its worker to"
            + " be found dead). **left out**: small files the killed instance had picked, whose"
            + " wait is the kill's. **started meanwhile**: other merchants' imports that started"
            + " while the worst one waited (revived ones not counted: the service keeps a"
            + " batch's first start). **overtaken**: small files that an import whose turn came"
            + " more than " + QueueWaits.OVERTAKE_TOLERANCE.toSeconds() + " s (one poll) after"
            + " theirs started ahead of, which round robin forbids. **from upload**: from the"
            + " upload (the batch's `created_at`) to its start, its own merchant's queue and the"
            + " upload itself included.\n\n")
        .append(String.format(Locale.ROOT,
            "Load average (`uptime`: 1, 5, 15 minutes) %s before the soak, %s at the kill and"
                + " %s after it, on 2 CPUs; the two instances, PostgreSQL and the benchmark's"
                + " clients all share them. The second instance logged %d ERROR and %d WARN lines"
                + " (`%s`).%n%n",
            soak.loadBefore(), soak.kill().loadAverage(), soak.loadAfter(),
            soak.secondLog().errors(),
            soak.secondLog().warnings(), SoakCase.SECOND_LOG));
    if (!soak.notAccepted().isEmpty() || !soak.ledger().problems().isEmpty()) {
      md.append("```\n");
      soak.notAccepted().forEach(problem -> md.append("not accepted: ").append(problem)
          .append('\n'));
      soak.ledger().problems().forEach(problem -> md.append("ledger: ").append(problem)
          .append('\n'));
      md.append("```\n\n");
    }
    return md.toString();
  }

  private Table criteriaTable() {
    SoakPlan plan = soak.plan();
    ExactlyOnceAudit.Result ledger = soak.ledger();
    QueueWaits.Result waits = soak.waits();
    LatencyStats status = soak.status();
    Table table = new Table("criterion", "measured", "result").ofText();
    table.row("every batch ends",
        String.format(Locale.ROOT, "%d of %d uploads accepted (%d sent again), %s; %s s from"
                + " the first upload to the last end", soak.accepted(), plan.uploads().size(),
            soak.resentUploads(), endings(), seconds(soak.runSeconds())),
        verdict(soak.everyBatchEnded()));
    table.row("every row written exactly once",
        String.format(Locale.ROOT, "%d of %d batches hold exactly their file's rows (%s"
                + " purchases, %s items); %d purchases outside them, %d transaction numbers"
                + " twice, %d batches for %d uploads", ledger.matching(), ledger.batches(),
            count(ledger.purchases()), count(ledger.items()), ledger.strayPurchases(),
            ledger.duplicateNumbers(), ledger.batchesOfMerchants(), ledger.batches()),
        verdict(ledger.passed()));
    table.row("a small file waits behind other merchants at most one import's time",
        String.format(Locale.ROOT, "worst %s s against %s s (the longest import, %s lines);"
                + " %d of %d small files over", seconds(waits.worstSeconds()),
            seconds(waits.boundSeconds()), count(waits.boundLines()), waits.overBound(),
            waits.smallFiles()),
        verdict(waits.withinBound()) + " (a figure)");
    table.row(String.format(Locale.ROOT, "status p99 under %.0f ms",
            SoakCase.STATUS_P99_TARGET_MILLIS),
        String.format(Locale.ROOT, "p99 %s ms over %s answers", millis(status.p99()),
            count(status.count())),
        verdict(soak.statusWithinTarget()) + " (a figure)");
    return table;
  }

  private String endings() {
    return soak.endings().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }

  private String killSummary() {
    SoakCase.Kill kill = soak.kill();
    String takeovers = soak.takeovers().isEmpty()
        ? "No import was running on it, so none had to be taken over."
        : (soak.takeovers().size() == 1 ? "1 import it was running was"
            : soak.takeovers().size() + " imports it was running were")
            + " taken over by the live instance and run again from the start: "
            + soak.takeovers().stream()
                .map(t -> count(t.lines()) + " lines, revived "
                    + t.afterSeconds().map(s -> seconds(s) + " s").orElse("(not seen)")
                    + " after the kill")
                .collect(Collectors.joining("; ")) + ".";
    return String.format(Locale.ROOT,
        "The kill: %s s after the first upload, pid %d (the JVM itself), exit code %d (SIGKILL);"
            + " %d imports were picked on the two instances at that moment. The second instance"
            + " answered `/health` again %s s after the kill. %s",
        seconds(kill.atSeconds()), kill.pid(), kill.exitCode(), kill.pickedAtKill(),
        seconds(kill.backAfterSeconds()), takeovers);
  }

  private Table statusTable() {
    List<LatencyStats> rows = new ArrayList<>();
    rows.add(soak.idleStatus());
    soak.statusByPart().stream().filter(part -> part.count() + part.failures() > 0)
        .forEach(rows::add);
    rows.add(soak.status().named("the whole soak"));
    return LatencyStats.table("status answers", rows);
  }

  private Table waitTable() {
    QueueWaits.Result waits = soak.waits();
    Table table = new Table("small files", "left out", "behind others: median s", "p95 s",
        "worst s", "started meanwhile", "from upload: worst s", "one import's time s",
        "over it", "overtaken");
    table.row(count(waits.smallFiles()), Integer.toString(waits.takenOver()),
        seconds(waits.medianSeconds()), seconds(waits.p95Seconds()),
        seconds(waits.worstSeconds()) + " (" + count(waits.worstLines()) + " lines)",
        Integer.toString(waits.startedAhead()), seconds(waits.worstFromUpload()),
        seconds(waits.boundSeconds()), Integer.toString(waits.overBound()),
        Integer.toString(waits.overtaken()));
    return table;
  }

  private String verdict() {
    return soak.passed()
        ? "Soak PASS: every batch ended and every row was written exactly once."
        : "Soak FAIL: " + (soak.everyBatchEnded() ? "" : "not every batch ended; ")
            + (soak.ledger().passed() ? "" : "the ledger does not hold every row exactly once;")
            + " the benchmark exits with 1.";
  }

  private static String verdict(boolean met) {
    return met ? "PASS" : "FAIL";
  }

  private static String jobThreads() {
    return ServiceProcess.settings().getOrDefault("IMPORTER_JOB_THREADS", "2");
  }

  private static String heartbeat() {
    return ServiceProcess.settings().getOrDefault("IMPORTER_HEARTBEAT_INTERVAL", "5s");
  }
}
