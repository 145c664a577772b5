package bench;

import static bench.ProgressLog.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue 12's fairness case: merchant A uploads a queue of files, then merchant B a 3-line file.
 * How long B waits, and how many of A's imports start and finish before it starts.
 */
final class FairnessCase {
  static final int QUEUE = 8;
  static final int QUEUE_LINES = 50_000;
  static final int LATE_LINES = 3;

  private final ServiceApi service;
  private final Connection db;
  private final Merchants merchants;
  private final DataFiles files;

  FairnessCase(ServiceApi service, Connection db, Merchants merchants, DataFiles files) {
    this.service = service;
    this.db = db;
    this.merchants = merchants;
    this.files = files;
  }

  Result measure() throws Exception {
    log("Fairness: merchant A uploads %d files of %,d lines, then merchant B %d lines", QUEUE,
        QUEUE_LINES, LATE_LINES);
    Merchant busy = merchants.create("fairness: the queue");
    Merchant late = merchants.create("fairness: the late one");
    DataSet queueData = DataSet.generate(QUEUE_LINES);
    List<Path> csvs = new ArrayList<>();
    for (int i = 0; i < QUEUE; i++) {
      csvs.add(files.importCsv(queueData, busy, false));
    }
    Path lateCsv = files.importCsv(DataSet.generate(LATE_LINES), late, false);
    try {
      // A's files go up at once, as a merchant's sync job sends them; B's once they are all in.
      List<UUID> queue = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(QUEUE);
      try {
        List<Future<UUID>> uploads = new ArrayList<>();
        for (Path csv : csvs) {
          uploads.add(pool.submit(() -> service.upload(busy.id(), csv)));
        }
        for (Future<UUID> upload : uploads) {
          queue.add(upload.get());
        }
      } finally {
        pool.shutdownNow();
      }
      long uploaded = System.nanoTime();
      UUID lateBatch = service.upload(late.id(), lateCsv);
      BatchStatus lateStatus = awaitFinished(lateBatch);
      double lateSeconds = (System.nanoTime() - uploaded) / 1e9;
      for (UUID batch : queue) {
        BatchStatus status = awaitFinished(batch);
        if (!"completed".equals(status.status())) {
          throw new BenchmarkFailure("fairness: a batch of the queue ended " + status.status());
        }
      }
      if (!"completed".equals(lateStatus.status())) {
        throw new BenchmarkFailure("fairness: the late batch ended " + lateStatus.status());
      }
      Timestamp[] lateTimes = times(lateBatch);
      int startedBefore = 0;
      int finishedBefore = 0;
      for (UUID batch : queue) {
        Timestamp[] t = times(batch);
        if (t[1].before(lateTimes[1])) {
          startedBefore++;
        }
        if (!t[2].after(lateTimes[1])) {
          finishedBefore++;
        }
      }
      double waited = (lateTimes[1].getTime() - lateTimes[0].getTime()) / 1000.0;
      Result result = new Result(waited, lateSeconds, startedBefore, finishedBefore);
      log("  B waited %.2f s to start (%.2f s to completed); A's imports started before it: %d,"
          + " finished before it started: %d", waited, lateSeconds, startedBefore, finishedBefore);
      return result;
    } finally {
      for (Path csv : csvs) {
        Files.deleteIfExists(csv);
      }
      Files.deleteIfExists(lateCsv);
    }
  }

  private BatchStatus awaitFinished(UUID batch) throws Exception {
    long deadline = System.nanoTime() + 30L * 60 * 1_000_000_000L;
    while (true) {
      BatchStatus status = service.status(batch);
      if (status.finished()) {
        return status;
      }
      if (System.nanoTime() > deadline) {
        throw new BenchmarkFailure("fairness: batch " + batch + " did not finish");
      }
      Thread.sleep(20);
    }
  }

  /** created_at, started_at, completed_at. */
  private Timestamp[] times(UUID batch) throws SQLException {
    try (PreparedStatement query = db.prepareStatement(
        "select created_at, started_at, completed_at from bulk_import_batches where id = ?")) {
      query.setObject(1, batch);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return new Timestamp[] {rs.getTimestamp(1), rs.getTimestamp(2), rs.getTimestamp(3)};
      }
    }
  }

  /**
   * @param waitedSeconds from B's batch created to started, as the service recorded it
   * @param lateSeconds from B's upload answered until its status said it ended
   */
  record Result(double waitedSeconds, double lateSeconds, int startedBefore,
      int finishedBefore) {}
}
