package crm.bulkimport.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import crm.bulkimport.batch.BatchFinished;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps at most one import of each merchant on the durable queue: a merchant's next batch is
 * scheduled only when its previous one ends, in the transaction that ends it.
 *
 * <p>Why a chain and not db-scheduler's priorities: imports of one merchant must run one at a time
 * (their duplicate checks would race), so a second execution of a busy merchant can only ever wait
 * on that merchant's lock, holding a job thread that another merchant's batch could use. With one
 * execution per merchant, every execution a thread on any instance picks can run at once; a
 * merchant's next batch joins the queue behind every merchant already waiting (db-scheduler runs
 * due executions oldest first), which is round robin over the merchants, and within a merchant the
 * batches keep their upload order, so none starves.
 */
@Component
class MerchantQueue {

  private final JdbcTemplate jdbc;
  private final Scheduler scheduler;
  private final OneTimeTask<Void> purchaseImport;
  private final Clock clock;

  MerchantQueue(
      JdbcTemplate jdbc, Scheduler scheduler, OneTimeTask<Void> purchaseImport, Clock clock) {
    this.jdbc = jdbc;
    this.scheduler = scheduler;
    this.purchaseImport = purchaseImport;
    this.clock = clock;
  }

  /**
   * In the caller's transaction: schedules the merchant's oldest pending batch, unless one of the
   * merchant's batches is on the queue already (it brings on the next when it ends).
   */
  void advance(UUID merchantId) {
    // Uploads and endings of one merchant take turns here, on every instance: without the lock,
    // two could each see no execution and schedule one each.
    jdbc.queryForList(
        "select pg_advisory_xact_lock(hashtextextended('purchase-queue:' || ?, 0))",
        merchantId.toString());
    Boolean queued =
        jdbc.queryForObject(
            """
            select exists (
              select 1 from bulk_import_batches b
              join scheduled_tasks t on t.task_name = ? and t.task_instance = b.id::text
              where b.merchant_id = ? and b.status in ('pending', 'processing'))""",
            Boolean.class,
            JobConfiguration.PURCHASE_IMPORT,
            merchantId);
    if (Boolean.TRUE.equals(queued)) {
      return;
    }
    List<UUID> next =
        jdbc.queryForList(
            """
            select id from bulk_import_batches
            where merchant_id = ? and status = 'pending'
            order by created_at, id limit 1""",
            UUID.class,
            merchantId);
    if (next.isEmpty()) {
      return;
    }
    scheduler.scheduleIfNotExists(
        purchaseImport.instance(next.get(0).toString()), Instant.now(clock));
    Schedulers.checkDueAfterCommit(scheduler);
  }

  /** A batch that ends, however it ends, hands the merchant's turn to its next batch. */
  @EventListener
  void on(BatchFinished finished) {
    advance(finished.merchantId());
  }
}
