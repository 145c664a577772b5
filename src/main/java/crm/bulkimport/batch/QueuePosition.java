package crm.bulkimport.batch;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where a pending batch stands in the queue that all merchants share, in the order the job runs
 * them: round robin over the merchants, each merchant's batches in upload order.
 */
@Component
class QueuePosition {

  private final JdbcTemplate jdbc;

  QueuePosition(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * How many batches will start before a pending one, plus one. A batch's round is how many of its
   * merchant's batches must end before it may start (those pending ahead of it, and the one
   * running); the lower round goes first, and within a round the older upload, which is when its
   * merchant's turn came up for as long as the queue has been fair.
   */
  int of(Batch batch) {
    Integer position =
        jdbc.queryForObject(
            """
            with queued as (
              select b.id, b.created_at,
                     row_number() over (partition by b.merchant_id order by b.created_at, b.id)
                       - 1
                       + case when exists (select 1 from bulk_import_batches r
                                           where r.merchant_id = b.merchant_id
                                             and r.status = 'processing')
                              then 1 else 0 end as round
              from bulk_import_batches b
              where b.status = 'pending'),
            mine as (select round, created_at, id from queued where id = ?)
            select count(*) + 1 from queued q, mine m
            where (q.round, q.created_at, q.id) < (m.round, m.created_at, m.id)""",
            Integer.class,
            batch.id());
    return position == null ? 1 : position;
  }
}
