package crm.bulkimport.batch;

import crm.bulkimport.tenant.Caller;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads batches as they are; changes nothing. */
@Repository
public class BatchLookup {

  private final JdbcTemplate jdbc;

  BatchLookup(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Batch> find(UUID id) {
    return jdbc
        .query(
            "select %s from bulk_import_batches where id = ?".formatted(BatchRows.COLUMNS),
            BatchRows.BATCH,
            id)
        .stream()
        .findFirst();
  }

  /**
   * The batch, if this caller may see it.
   *
   * @throws BatchNotFound when it is missing or another merchant's: the two answer alike
   */
  public Batch requireVisible(Caller caller, UUID batchId) {
    return find(batchId)
        .filter(b -> caller.mayActFor(b.merchantId()))
        .orElseThrow(() -> new BatchNotFound(batchId));
  }

  /** The merchant's newest batches first. */
  public List<Batch> newestOf(UUID merchantId, int limit) {
    return jdbc.query(
        """
        select %s from bulk_import_batches where merchant_id = ?
        order by created_at desc, id limit ?"""
            .formatted(BatchRows.COLUMNS),
        BatchRows.BATCH,
        merchantId,
        limit);
  }
}
