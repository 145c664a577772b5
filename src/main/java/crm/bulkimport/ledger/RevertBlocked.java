package crm.bulkimport.ledger;

import crm.bulkimport.problem.Refusal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Rows of other tables still refer to the batch's purchases or items, so none of them were removed.
 * The message names each table and how many of its rows.
 */
public final class RevertBlocked extends Refusal {

  /** The rows of one table that refer to the batch's purchases or items. */
  public record Reference(String table, long rows) {}

  private final List<Reference> references;

  RevertBlocked(UUID batchId, List<Reference> references) {
    super(
        Kind.CONFLICT,
        "revert_blocked",
        "Batch "
            + batchId
            + " cannot be reverted: "
            + references.stream()
                .map(r -> r.rows() + (r.rows() == 1 ? " row of " : " rows of ") + r.table())
                .collect(Collectors.joining(", "))
            + " still refer"
            + (references.size() == 1 && references.get(0).rows() == 1 ? "s" : "")
            + " to its purchases or items. Nothing was removed; delete those rows or point them"
            + " elsewhere, then revert again.");
    this.references = List.copyOf(references);
  }

  /** A reference that appeared while the revert ran; the database said only which table. */
  RevertBlocked(UUID batchId, String table) {
    super(
        Kind.CONFLICT,
        "revert_blocked",
        "Batch "
            + batchId
            + " cannot be reverted: rows of "
            + (table == null ? "another table" : table)
            + " came to refer to its purchases or items while it was being reverted. Nothing was"
            + " removed; delete those rows or point them elsewhere, then revert again.");
    this.references = List.of();
  }

  public List<Reference> references() {
    return references;
  }

  @Override
  public Map<String, Object> details() {
    return references.isEmpty()
        ? Map.of()
        : Map.of(
            "references",
            references.stream()
                .map(r -> Map.<String, Object>of("table", r.table(), "rows", r.rows()))
                .toList());
  }
}
