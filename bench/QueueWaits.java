package bench;

import static bench.Figures.percentile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * How long the soak's small files waited behind other merchants. A merchant's files run one at a
 * time, in the order their uploads commit; a file's turn comes when its import is scheduled, at
 * its upload's commit or at the end of its merchant's file before it, and from then until it
 * starts it waits for a job thread, behind the other merchants' imports. Its turn is its
 * execution's due time as {@link ExecutionTimes} saw it (the queue's own order), or, for an import
 * done between two reads, the earliest it can have been. The bound it is held to, one import's
 * time, is the longest import of the run (first start to end) of a batch that ran once: a revived
 * batch's time includes the wait for its dead worker to be noticed, which is no import's. For the
 * same reason the small files the killed instance had picked are left out: their wait is the
 * kill's.
 */
final class QueueWaits {
  private QueueWaits() {}

  /** How far an import whose turn came later may start ahead of another: one poll. */
  static final Duration OVERTAKE_TOLERANCE = Duration.ofSeconds(1);

  /**
   * @param takenOver small files left out, as the killed instance's
   * @param worstBatch the file that waited longest behind others, and its lines
   * @param startedAhead how many imports of other merchants started while it waited
   * @param overBound how many small files waited longer than {@code boundSeconds}
   * @param overtaken small files that an import whose turn came later (by more than {@link
   *     #OVERTAKE_TOLERANCE}) started ahead of: round robin would have run it first
   * @param worstFromUpload the longest from upload to start, own merchant's queue included
   */
  record Result(int smallFiles, int takenOver, double medianSeconds, double p95Seconds,
      double worstSeconds, UUID worstBatch, int worstLines, int startedAhead,
      double worstFromUpload, double boundSeconds, int boundLines, int overBound,
      int overtaken) {

    boolean withinBound() {
      return overBound == 0;
    }
  }

  /**
   * @param lines each batch's lines, by batch id
   * @param takenOver the batches the killed instance had picked
   * @param dueAt when a batch's execution was seen due, if it was
   */
  static Result of(Map<UUID, SoakBatch> batches, Map<UUID, Integer> lines,
      Set<UUID> takenOver, Function<UUID, Optional<Instant>> dueAt) {
    SoakBatch longest = batches.values().stream()
        .filter(b -> !takenOver.contains(b.id()) && b.completedAt() != null)
        .max(Comparator.comparingDouble(SoakBatch::importSeconds))
        .orElseThrow(() -> new BenchmarkFailure("soak: no batch ran"));
    double bound = longest.importSeconds();
    Map<UUID, Instant> turns = turns(batches.values(), dueAt);
    List<Double> waits = new ArrayList<>();
    int leftOut = 0;
    int overtaken = 0;
    SoakBatch worst = null;
    double worstWait = 0;
    double worstFromUpload = 0;
    for (SoakBatch batch : batches.values()) {
      if (lines.get(batch.id()) > SoakPlan.SMALL_FILE_LINES) {
        continue;
      }
      if (takenOver.contains(batch.id())) {
        leftOut++;
        continue;
      }
      if (batch.startedAt() == null) {
        continue;
      }
      Instant turn = turns.get(batch.id());
      double wait = Math.max(0, SoakBatch.seconds(turn, batch.startedAt()));
      waits.add(wait);
      if (worst == null || wait > worstWait) {
        worst = batch;
        worstWait = wait;
      }
      worstFromUpload = Math.max(worstFromUpload,
          SoakBatch.seconds(batch.createdAt(), batch.startedAt()));
      Instant lateTurn = turn.plus(OVERTAKE_TOLERANCE);
      if (startedWhileWaiting(batch, turn, batches.values(), takenOver)
          .anyMatch(other -> turns.get(other.id()).isAfter(lateTurn))) {
        overtaken++;
      }
    }
    if (worst == null) {
      throw new BenchmarkFailure("soak: no small file started");
    }
    Collections.sort(waits);
    int over = (int) waits.stream().filter(w -> w > bound).count();
    int ahead = (int) startedWhileWaiting(worst, turns.get(worst.id()), batches.values(),
        takenOver).count();
    return new Result(waits.size(), leftOut, percentile(waits, 50), percentile(waits, 95),
        worstWait, worst.id(), lines.get(worst.id()), ahead, worstFromUpload, bound,
        lines.get(longest.id()), over, overtaken);
  }

  /**
   * When each batch's turn came: when its execution was seen due; else no earlier than its upload
   * and than one read of the execution times before it started. (Not the end of its merchant's
   * batch uploaded before it: a batch joins its merchant's queue when its upload commits, and a
   * small file can overtake a large one still being uploaded.)
   */
  private static Map<UUID, Instant> turns(Collection<SoakBatch> batches,
      Function<UUID, Optional<Instant>> dueAt) {
    Map<UUID, Instant> turns = new HashMap<>();
    for (SoakBatch batch : batches) {
      Instant earliest = batch.createdAt();
      if (batch.startedAt() != null) {
        Instant unseen = batch.startedAt().minus(ExecutionTimes.INTERVAL);
        earliest = unseen.isAfter(earliest) ? unseen : earliest;
      }
      turns.put(batch.id(), dueAt.apply(batch.id()).orElse(earliest));
    }
    return turns;
  }

  /**
   * Other merchants' imports that took a job thread while the batch waited for one. Revived ones
   * are not counted: the service keeps a batch's first start only.
   */
  private static Stream<SoakBatch> startedWhileWaiting(SoakBatch batch, Instant turn,
      Collection<SoakBatch> batches, Set<UUID> takenOver) {
    return batches.stream()
        .filter(other -> !other.merchantId().equals(batch.merchantId())
            && !takenOver.contains(other.id())
            && other.startedAt() != null
            && !other.startedAt().isBefore(turn)
            && other.startedAt().isBefore(batch.startedAt()));
  }
}
