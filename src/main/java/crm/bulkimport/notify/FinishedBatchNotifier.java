package crm.bulkimport.notify;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import crm.bulkimport.batch.BatchFinished;
import crm.bulkimport.batch.BatchReverted;
import crm.bulkimport.batch.BatchState;
import crm.bulkimport.batch.BatchStatus;
import crm.bulkimport.batch.BatchView;
import crm.bulkimport.job.Schedulers;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Arranges a finished batch's notifications in the transaction that finishes it: the delivery row
 * and its durable job commit with the batch's final status, so a batch that ends is announced once,
 * and one that rolls back is not announced at all. A revert is announced the same way, in the
 * revert's transaction.
 */
@Component
class FinishedBatchNotifier {

  private final Webhooks webhooks;
  private final WebhookDeliveries deliveries;
  private final CompletionEmails emails;
  private final BatchStatus status;
  private final Scheduler scheduler;
  private final ObjectProvider<Scheduler> notificationScheduler;
  private final JsonMapper json;
  private final NotificationProperties properties;
  private final Clock clock;

  FinishedBatchNotifier(
      Webhooks webhooks,
      WebhookDeliveries deliveries,
      CompletionEmails emails,
      BatchStatus status,
      Scheduler scheduler,
      @Qualifier("notificationScheduler") ObjectProvider<Scheduler> notificationScheduler,
      JsonMapper json,
      NotificationProperties properties,
      Clock clock) {
    this.webhooks = webhooks;
    this.deliveries = deliveries;
    this.emails = emails;
    this.status = status;
    this.scheduler = scheduler;
    this.notificationScheduler = notificationScheduler;
    this.json = json;
    this.properties = properties;
    this.clock = clock;
  }

  @EventListener
  void onFinished(BatchFinished finished) {
    boolean scheduled =
        announce(finished.batchId(), finished.merchantId(), "import." + finished.state().value());
    // The person who cancelled knows; completions and failures are news. An instance that does
    // not deliver notifications (the command line) cannot know whether those that do have SMTP.
    if (finished.state() != BatchState.CANCELLED
        && (emails.configured() || !properties.deliverNotifications())
        && emails.addressOf(finished.merchantId()).isPresent()) {
      scheduler.schedule(
          new TaskInstance<Void>(NotificationJobs.COMPLETION_EMAIL, finished.batchId().toString()),
          Instant.now(clock));
      scheduled = true;
    }
    if (scheduled) {
      notificationScheduler.ifAvailable(Schedulers::checkDueAfterCommit);
    }
  }

  /**
   * A revert is announced by webhook only: the merchant's systems may hold copies of the rows it
   * removed, while the person who reverted knows, as with a cancel, and needs no email.
   */
  @EventListener
  void onReverted(BatchReverted reverted) {
    if (announce(reverted.batchId(), reverted.merchantId(), "import.reverted")) {
      notificationScheduler.ifAvailable(Schedulers::checkDueAfterCommit);
    }
  }

  /**
   * Records the webhook delivery of {@code event} with the batch's status as it is now, and
   * schedules it; false when the merchant has no webhook or the batch had this event already.
   */
  private boolean announce(UUID batchId, UUID merchantId, String event) {
    var webhook = webhooks.of(merchantId);
    if (webhook.isEmpty()) {
      return false;
    }
    BatchView batch = status.of(batchId).orElseThrow();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", event);
    body.put("batch", batch);
    UUID id = UUID.randomUUID();
    Instant now = Instant.now(clock);
    if (!deliveries.create(
        id,
        batchId,
        merchantId,
        event,
        webhook.get().url(),
        json.writeValueAsString(body),
        now.plus(properties.webhookGiveUpAfter()))) {
      return false;
    }
    scheduler.schedule(
        new TaskInstance<Void>(NotificationJobs.WEBHOOK_DELIVERY, id.toString()), now);
    return true;
  }
}
