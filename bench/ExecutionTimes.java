package bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each batch's import became due: its execution's time in db-scheduler's table, which every
 * instance takes due executions from, oldest first. That is its place in the queue all merchants
 * share, and the moment it began to wait for a job thread: the upload's commit, or the end of its
 * merchant's batch before it. The rows are read every {@link #INTERVAL} while they exist (from
 * scheduling until the import ends); an import scheduled, run and ended between two reads is not
 * seen, and waited less than that.
 */
final class ExecutionTimes implements AutoCloseable {
  static final Duration INTERVAL = Duration.ofMillis(200);

  private final Connection db;
  private final Map<UUID, Instant> dueAt = new ConcurrentHashMap<>();
  private final Thread reader;
  private volatile boolean running = true;

  private ExecutionTimes(Connection db) {
    this.db = db;
    this.reader = new Thread(this::read, "soak-execution-times");
    reader.setDaemon(true);
  }

  static ExecutionTimes start(Database database) throws SQLException {
    ExecutionTimes times = new ExecutionTimes(database.connect());
    times.reader.start();
    return times;
  }

  private void read() {
    try (PreparedStatement query = db.prepareStatement("""
        select task_instance, execution_time from scheduled_tasks
        where task_name = 'purchase-import'""")) {
      while (running) {
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            // The first time seen: a revived execution is given a new one.
            dueAt.putIfAbsent(UUID.fromString(rs.getString(1)), rs.getTimestamp(2).toInstant());
          }
        }
        Thread.sleep(INTERVAL.toMillis());
      }
    } catch (SQLException e) {
      System.err.println("The soak's reading of execution times stopped: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  Optional<Instant> dueAt(UUID batchId) {
    return Optional.ofNullable(dueAt.get(batchId));
  }

  @Override
  public void close() throws SQLException, InterruptedException {
    running = false;
    reader.join(Duration.ofSeconds(10).toMillis());
    db.close();
  }
}
