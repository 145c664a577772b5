package crm.bulkimport.batch;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Whether a merchant already has a batch of exactly this file. */
@Repository
public class DuplicateFiles {

  private final JdbcTemplate jdbc;

  DuplicateFiles(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Another live or completed (not dry-run) batch of the merchant with the same file contents.
   * Takes a lock on the merchant and hash first, so that two identical uploads at the same moment
   * cannot both miss each other; the lock holds until the caller's transaction ends.
   */
  public Optional<UUID> sameFile(UUID merchantId, String sha256, UUID except) {
    jdbc.queryForList(
        "select pg_advisory_xact_lock(hashtextextended('upload:' || ? || ':' || ?, 0))",
        merchantId.toString(),
        sha256);
    return jdbc
        .queryForList(
            """
            select id from bulk_import_batches
            where merchant_id = ? and file_sha256 = ? and id <> ? and not dry_run
              and status in ('pending', 'processing', 'completed')
            order by created_at limit 1""",
            UUID.class,
            merchantId,
            sha256,
            except)
        .stream()
        .findFirst();
  }
}
