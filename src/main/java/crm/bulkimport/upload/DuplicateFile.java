package crm.bulkimport.upload;

import crm.bulkimport.problem.Refusal;
import java.util.Map;
import java.util.UUID;

/** The merchant already has a pending, processing or completed batch of exactly this file. */
public final class DuplicateFile extends Refusal {

  private final UUID earlier;

  DuplicateFile(UUID earlier) {
    super(
        Kind.CONFLICT,
        "duplicate_file",
        "This merchant already has batch "
            + earlier
            + " with exactly this file. To import it again anyway, add allow_duplicate=true.");
    this.earlier = earlier;
  }

  /** The batch that has the same file. */
  public UUID earlier() {
    return earlier;
  }

  @Override
  public Map<String, Object> details() {
    return Map.of("batch_id", earlier);
  }
}
