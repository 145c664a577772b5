package crm.bulkimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.Tenant;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract's "Fair to every merchant": a merchant's queue never holds up another merchant, no
 * job thread waits for a merchant's lock, and each merchant's batches run in upload order.
 */
class FairQueueTest extends ServiceTest {

  @Test
  void a_merchant_with_nothing_running_starts_before_the_second_batch_of_a_merchant_with_a_queue() {
    Tenant busy = newTenant();
    Tenant small = newTenant();
    List<String> queue = new ArrayList<>();
    for (int file = 0; file < 3; file++) {
      // Different transaction numbers in each file: different files, all of them valid.
      String csv = busy.csv(15_000, 2).replace("T-", "F" + file + "-");
      queue.add(api().upload(ADMIN_KEY, busy.merchantId(), csv).text("batch_id"));
    }
    String late = api().upload(ADMIN_KEY, small.merchantId(), small.csv(1, 3)).text("batch_id");

    // However far the queue has got, the busy merchant has one execution on it, not three.
    assertThat(executionsOf(busy)).isLessThanOrEqualTo(1);
    for (String batch : queue) {
      assertThat(api().awaitFinished(ADMIN_KEY, batch).text("status")).isEqualTo("completed");
    }
    assertThat(api().awaitFinished(ADMIN_KEY, late).text("status")).isEqualTo("completed");

    Map<String, Object> smallOne = times(late);
    List<Map<String, Object>> busyOnes = queue.stream().map(this::times).toList();
    assertThat(instant(smallOne, "started_at")).isBefore(instant(busyOnes.get(1), "started_at"));
    for (int i = 1; i < busyOnes.size(); i++) {
      // In upload order, one at a time: each starts only after the one before it ended.
      assertThat(instant(busyOnes.get(i), "started_at"))
          .isAfterOrEqualTo(instant(busyOnes.get(i - 1), "completed_at"));
    }
    assertThat(busy.purchasesInLedger(jdbc)).isEqualTo(45_000);
  }

  @Test
  void a_waiting_batch_of_a_merchant_with_nothing_running_is_placed_before_a_busy_merchants_next() {
    Tenant busy = newTenant();
    Tenant idle = newTenant();
    UUID running = UUID.randomUUID();
    UUID busyNext = UUID.randomUUID();
    UUID busyLast = UUID.randomUUID();
    UUID idleFirst = UUID.randomUUID();
    // Not scheduled: they stay as they are, as behind busy workers. The idle merchant uploaded
    // last of all.
    jdbc.update(
        """
        insert into bulk_import_batches (id, merchant_id, status, created_at) values
          (?, ?, 'processing', now() - interval '3 minutes'),
          (?, ?, 'pending', now() - interval '2 minutes'),
          (?, ?, 'pending', now() - interval '1 minute'),
          (?, ?, 'pending', now())""",
        running,
        busy.merchantId(),
        busyNext,
        busy.merchantId(),
        busyLast,
        busy.merchantId(),
        idleFirst,
        idle.merchantId());
    try {
      int idlePlace = place(idleFirst);
      int nextPlace = place(busyNext);
      int lastPlace = place(busyLast);

      assertThat(idlePlace).isLessThan(nextPlace);
      assertThat(nextPlace).isLessThan(lastPlace);
    } finally {
      jdbc.update(
          "update bulk_import_batches set status = 'cancelled', completed_at = now() where id in"
              + " (?, ?, ?, ?)",
          running,
          busyNext,
          busyLast,
          idleFirst);
    }
  }

  private int place(UUID batch) {
    return api()
        .get(ADMIN_KEY, "/api/import/status/" + batch)
        .json()
        .get("progress")
        .get("queue_position")
        .asInt();
  }

  private int executionsOf(Tenant tenant) {
    Integer count =
        jdbc.queryForObject(
            """
            select count(*) from scheduled_tasks t
            join bulk_import_batches b on t.task_instance = b.id::text
            where t.task_name = 'purchase-import' and b.merchant_id = ?
              and b.status in ('pending', 'processing')""",
            Integer.class,
            tenant.merchantId());
    return count == null ? 0 : count;
  }

  private Map<String, Object> times(String batch) {
    return jdbc.queryForMap(
        "select started_at, completed_at from bulk_import_batches where id = ?::uuid", batch);
  }

  private static java.time.Instant instant(Map<String, Object> row, String column) {
    return ((Timestamp) row.get(column)).toInstant();
  }
}
