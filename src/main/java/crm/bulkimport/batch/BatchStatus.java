package crm.bulkimport.batch;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A batch's status object, as the status endpoint and the webhooks show it. */
@Component
public class BatchStatus {

  static final int ERRORS_IN_STATUS = 100;

  private final BatchLookup batches;
  private final QueuePosition queue;
  private final BatchErrors errors;
  private final Clock clock;

  BatchStatus(BatchLookup batches, QueuePosition queue, BatchErrors errors, Clock clock) {
    this.batches = batches;
    this.queue = queue;
    this.errors = errors;
    this.clock = clock;
  }

  public Optional<BatchView> of(UUID batchId) {
    return batches.find(batchId).map(this::of);
  }

  BatchView of(Batch batch) {
    return withPlaceInQueue(
        batch, BatchView.of(batch, errors.first(batch.id(), ERRORS_IN_STATUS), Instant.now(clock)));
  }

  /** The status without its errors: enough to follow a batch's progress. */
  public BatchView progressOf(Batch batch) {
    return withPlaceInQueue(batch, BatchView.of(batch, null, Instant.now(clock)));
  }

  private BatchView withPlaceInQueue(Batch batch, BatchView view) {
    return batch.state() == BatchState.PENDING ? view.withQueuePosition(queue.of(batch)) : view;
  }
}
