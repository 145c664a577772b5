package crm.bulkimport.batch;

import java.sql.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Where a pending batch stands in the queue that all merchants share. */
@Component
class QueuePosition {

  private final JdbcTemplate jdbc;

  QueuePosition(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** How many batches wait ahead of a pending one, across all merchants, plus one. */
  int of(Batch batch) {
    Integer ahead =
        jdbc.queryForObject(
            """
            select count(*) from bulk_import_batches
            where status = 'pending' and (created_at, id) < (?, ?)""",
            Integer.class,
            Timestamp.from(batch.createdAt()),
            batch.id());
    return (ahead == null ? 0 : ahead) + 1;
  }
}
