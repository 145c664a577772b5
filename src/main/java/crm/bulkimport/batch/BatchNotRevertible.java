package crm.bulkimport.batch;

import crm.bulkimport.problem.Refusal;
import java.util.Map;

/**
 * Only a completed batch that wrote purchases can be reverted; this one is in another state, or
 * wrote nothing. The message says which, and what the person can do instead.
 */
public final class BatchNotRevertible extends Refusal {

  private final BatchState state;

  BatchNotRevertible(Batch batch) {
    super(Kind.CONFLICT, "batch_not_revertible", messageFor(batch));
    this.state = batch.state();
  }

  @Override
  public Map<String, Object> details() {
    return Map.of("status", state.value());
  }

  private static String messageFor(Batch batch) {
    String it = "Batch " + batch.id();
    return switch (batch.state()) {
      case PENDING, PROCESSING ->
          it
              + " is still "
              + batch.state().value()
              + "; only a completed import can be reverted. Wait until it completes, or cancel"
              + " it.";
      case FAILED -> it + " failed, so nothing of it is in the ledger; there is nothing to revert.";
      case CANCELLED ->
          it + " was cancelled, so nothing of it is in the ledger; there is nothing to revert.";
      case REVERTED ->
          it
              + " was already reverted at "
              + batch.revertedAt()
              + " by "
              + batch.revertedBy()
              + "; its purchases and items are no longer in the ledger.";
      case COMPLETED ->
          batch.dryRun()
              ? it + " is a dry run, which wrote nothing to the ledger; there is nothing to revert."
              : it + " completed without writing any purchases; there is nothing to revert.";
    };
  }
}
