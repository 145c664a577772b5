package crm.bulkimport.batch;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A batch as the intake records it, in the intake's transaction: pending, then with its stored
 * file's size and hash; and found again by the idempotency key it was recorded with.
 */
@Repository
public class PendingBatches {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  PendingBatches(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Records a new upload as pending, in the caller's transaction. Returns false when the merchant
   * already has a batch with the same idempotency key.
   */
  public boolean createPending(UUID id, NewBatch batch) {
    return jdbc.update(
            """
            insert into bulk_import_batches
              (id, merchant_id, batch_name, file_name, dry_run, idempotency_key, status, created_at,
               profile_id, profile_name, profile, sheet, on_existing, partial, max_errors)
            values (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
            on conflict (merchant_id, idempotency_key) where idempotency_key is not null
            do nothing""",
            id,
            batch.merchantId(),
            batch.batchName(),
            batch.fileName(),
            batch.dryRun(),
            batch.idempotencyKey(),
            Timestamp.from(Instant.now(clock)),
            batch.profile() == null ? null : batch.profile().id(),
            batch.profile() == null ? null : batch.profile().name(),
            batch.profile() == null ? null : batch.profile().body(),
            batch.sheet(),
            batch.options().onExisting().value(),
            batch.options().partial(),
            batch.options().maxErrors())
        == 1;
  }

  /** Records the stored file's size and hash. */
  public void recordFile(UUID id, long size, String sha256) {
    jdbc.update(
        "update bulk_import_batches set file_size = ?, file_sha256 = ? where id = ?",
        size,
        sha256,
        id);
  }

  /** The merchant's batch with this idempotency key. */
  public Optional<Batch> findByIdempotencyKey(UUID merchantId, String key) {
    return jdbc
        .query(
            """
            select %s from bulk_import_batches where merchant_id = ? and idempotency_key = ?"""
                .formatted(BatchRows.COLUMNS),
            BatchRows.BATCH,
            merchantId,
            key)
        .stream()
        .findFirst();
  }
}
