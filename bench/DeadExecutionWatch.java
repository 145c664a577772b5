package bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the imports that were picked as an instance was killed moved on. db-scheduler gives an
 * execution's row a new version when it revives it (and again when a thread picks it), and deletes
 * the row when the import ends; a row that still has its version has not been touched. A row seen
 * with a new version was revived: the killed instance's. One that was gone at once may have been
 * either's; the batch's attempts tell at the end whether it ran twice. Both instances go by the
 * same scheduler name (the host's), so the rows' picked_by cannot tell.
 */
final class DeadExecutionWatch implements AutoCloseable {
  static final Duration INTERVAL = Duration.ofMillis(250);

  private final Connection db;
  private final long killedAt;
  private final Map<String, Long> versionAtKill;
  private final Map<UUID, Double> movedAfterSeconds = new ConcurrentHashMap<>();
  private final Set<UUID> revived = ConcurrentHashMap.newKeySet();
  private final Thread watcher;
  private volatile boolean running = true;

  private DeadExecutionWatch(Connection db, long killedAt, Map<String, Long> versionAtKill) {
    this.db = db;
    this.killedAt = killedAt;
    this.versionAtKill = versionAtKill;
    this.watcher = new Thread(this::watch, "soak-dead-execution-watch");
    watcher.setDaemon(true);
  }

  /** Notes the imports picked at this moment, just after the kill, and watches them. */
  static DeadExecutionWatch start(Database database, long killedAtNanos) throws SQLException {
    Connection db = database.connect();
    Map<String, Long> picked = new HashMap<>();
    try (PreparedStatement query = db.prepareStatement("""
        select task_instance, version from scheduled_tasks
        where task_name = 'purchase-import' and picked""");
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        picked.put(rs.getString(1), rs.getLong(2));
      }
    }
    DeadExecutionWatch watch = new DeadExecutionWatch(db, killedAtNanos, picked);
    watch.watcher.start();
    return watch;
  }

  int pickedAtKill() {
    return versionAtKill.size();
  }

  private void watch() {
    try {
      while (running && movedAfterSeconds.size() < versionAtKill.size()) {
        double seconds = (System.nanoTime() - killedAt) / 1e9;
        Map<String, Long> now = versions();
        versionAtKill.forEach((instance, version) -> {
          Long current = now.get(instance);
          UUID batchId = UUID.fromString(instance);
          if (!version.equals(current) && movedAfterSeconds.putIfAbsent(batchId, seconds) == null
              && current != null) {
            revived.add(batchId);
          }
        });
        Thread.sleep(INTERVAL.toMillis());
      }
    } catch (SQLException e) {
      System.err.println("The soak's watch of dead executions stopped: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Map<String, Long> versions() throws SQLException {
    Map<String, Long> versions = new HashMap<>();
    try (PreparedStatement query = db.prepareStatement("""
        select task_instance, version from scheduled_tasks
        where task_name = 'purchase-import' and task_instance = any(?)""")) {
      Array instances = db.createArrayOf("text", versionAtKill.keySet().toArray());
      query.setArray(1, instances);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          versions.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return versions;
  }

  /**
   * Seconds from the kill until the batch's execution was first seen revived or gone (to within
   * {@link #INTERVAL}); empty when it was not running at the kill.
   */
  Optional<Double> movedAfter(UUID batchId) {
    return Optional.ofNullable(movedAfterSeconds.get(batchId));
  }

  /** Whether the batch's execution was seen revived, under a new version, after the kill. */
  boolean revived(UUID batchId) {
    return revived.contains(batchId);
  }

  @Override
  public void close() throws SQLException, InterruptedException {
    running = false;
    watcher.join(Duration.ofSeconds(10).toMillis());
    db.close();
  }
}
