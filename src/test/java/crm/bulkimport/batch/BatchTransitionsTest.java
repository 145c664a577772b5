package crm.bulkimport.batch;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.batch.BatchTransitions.CancelOutcome;
import crm.bulkimport.support.ServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The batch's state machine, change by change, on the real table. */
class BatchTransitionsTest extends ServiceTest {

  @Autowired BatchTransitions transitions;
  @Autowired PendingBatches pending;
  @Autowired BatchLookup batches;

  private final List<UUID> created = new ArrayList<>();

  private UUID pendingBatch() {
    UUID id = UUID.randomUUID();
    pending.createPending(
        id, new NewBatch(newTenant().merchantId(), null, "f.csv", false, null, null));
    created.add(id);
    return id;
  }

  /** The tests share one database: no batch of these may stay in the queue for the next. */
  @AfterEach
  void endWhatIsLeft() {
    for (UUID id : created) {
      jdbc.update(
          """
          update bulk_import_batches set status = 'cancelled', completed_at = now()
          where id = ? and status in ('pending', 'processing')""",
          id);
    }
  }

  private BatchState stateOf(UUID id) {
    return batches.find(id).orElseThrow().state();
  }

  @Test
  void claim_moves_a_pending_batch_to_processing_and_counts_the_attempt() {
    UUID id = pendingBatch();

    Batch claimed = transitions.claim(id).orElseThrow();

    assertThat(claimed.state()).isEqualTo(BatchState.PROCESSING);
    assertThat(claimed.attempts()).isEqualTo(1);
    assertThat(claimed.startedAt()).isNotNull();
    assertThat(transitions.claim(id).orElseThrow().attempts()).isEqualTo(2);
  }

  @Test
  void a_finished_batch_is_not_claimed_again() {
    UUID id = pendingBatch();
    transitions.claim(id);
    assertThat(transitions.complete(id, 1, 1, 1, List.of())).isTrue();

    assertThat(transitions.claim(id)).isEmpty();
    assertThat(stateOf(id)).isEqualTo(BatchState.COMPLETED);
  }

  @Test
  void complete_fails_if_the_batch_is_not_processing() {
    UUID id = pendingBatch();

    assertThat(transitions.complete(id, 1, 1, 1, List.of())).isFalse();
    assertThat(stateOf(id)).isEqualTo(BatchState.PENDING);
  }

  @Test
  void a_batch_is_completed_once_and_never_moved_backwards() {
    UUID id = pendingBatch();
    transitions.claim(id);

    assertThat(transitions.complete(id, 2, 1, 3, List.of("a warning"))).isTrue();
    assertThat(transitions.complete(id, 2, 1, 3, List.of())).isFalse();
    assertThat(transitions.fail(id, 2, 1, "late", List.of())).isFalse();
    assertThat(transitions.markCancelled(id, 2)).isFalse();

    Batch batch = batches.find(id).orElseThrow();
    assertThat(batch.state()).isEqualTo(BatchState.COMPLETED);
    assertThat(batch.purchasesCount()).isEqualTo(1);
    assertThat(batch.itemsCount()).isEqualTo(3);
    assertThat(batch.warnings()).containsExactly("a warning");
  }

  @Test
  void fail_ends_a_pending_or_processing_batch_with_its_message() {
    UUID waiting = pendingBatch();
    UUID running = pendingBatch();
    transitions.claim(running);

    assertThat(transitions.fail(waiting, null, 0, "given up", List.of())).isTrue();
    assertThat(transitions.fail(running, 5, 2, "two errors", List.of())).isTrue();

    assertThat(batches.find(waiting).orElseThrow().errorMessage()).isEqualTo("given up");
    Batch failed = batches.find(running).orElseThrow();
    assertThat(failed.state()).isEqualTo(BatchState.FAILED);
    assertThat(failed.errorCount()).isEqualTo(2);
    assertThat(failed.totalRows()).isEqualTo(5);
  }

  @Test
  void cancelling_a_pending_batch_ends_it_at_once() {
    UUID id = pendingBatch();

    assertThat(transitions.cancel(id)).isEqualTo(CancelOutcome.CANCELLED);

    Batch batch = batches.find(id).orElseThrow();
    assertThat(batch.state()).isEqualTo(BatchState.CANCELLED);
    assertThat(batch.errorMessage())
        .isEqualTo("Cancelled before it started; nothing was imported.");
    assertThat(transitions.claim(id)).isEmpty();
  }

  @Test
  void cancelling_a_processing_batch_only_asks_it_to_stop_and_it_cannot_complete() {
    UUID id = pendingBatch();
    transitions.claim(id);

    assertThat(transitions.cancel(id)).isEqualTo(CancelOutcome.REQUESTED);
    assertThat(stateOf(id)).isEqualTo(BatchState.PROCESSING);
    assertThat(transitions.complete(id, 1, 1, 1, List.of())).isFalse();
    assertThat(transitions.markCancelled(id, 1)).isTrue();

    assertThat(batches.find(id).orElseThrow().errorMessage())
        .isEqualTo("Cancelled while it ran; nothing was imported.");
  }

  @Test
  void cancelling_a_finished_or_unknown_batch_changes_nothing() {
    UUID id = pendingBatch();
    transitions.fail(id, null, 0, "failed", List.of());

    assertThat(transitions.cancel(id)).isEqualTo(CancelOutcome.ALREADY_FINISHED);
    assertThat(stateOf(id)).isEqualTo(BatchState.FAILED);
    assertThat(transitions.cancel(UUID.randomUUID())).isEqualTo(CancelOutcome.NOT_FOUND);
  }
}
