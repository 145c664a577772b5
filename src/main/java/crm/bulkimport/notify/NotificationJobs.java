package crm.bulkimport.notify;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import crm.bulkimport.config.ImporterProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable tasks that deliver notifications; the scheduler picks up every task bean. An instance
 * without them ({@code importer.deliver-notifications=false}) still schedules deliveries, by task
 * name, for the instances that have them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "importer.deliver-notifications", matchIfMissing = true)
class NotificationJobs {

  static final String WEBHOOK_DELIVERY = "webhook-delivery";
  static final String COMPLETION_EMAIL = "completion-email";
  static final int EMAIL_ATTEMPTS = 6;

  /** One execution per delivery; it reschedules itself until delivered or given up. */
  @Bean
  CustomTask<Void> webhookDeliveryTask(WebhookAttempts attempts, ImporterProperties properties) {
    return Tasks.custom(WEBHOOK_DELIVERY, Void.class)
        // Only for what the attempt itself did not expect, such as the database going away.
        .onFailure(
            new FailureHandler.ExponentialBackoffFailureHandler<>(
                properties.webhookRetryDelay(), 2))
        .execute(
            (instance, context) -> {
              Optional<Instant> next = attempts.attempt(UUID.fromString(instance.getId()));
              return next.<CompletionHandler<Void>>map(
                      at -> (complete, operations) -> operations.reschedule(complete, at))
                  .orElseGet(CompletionHandler.OnCompleteRemove::new);
            });
  }

  @Bean
  CustomTask<Void> completionEmailTask(CompletionEmails emails) {
    return Tasks.custom(COMPLETION_EMAIL, Void.class)
        .onFailure(
            new FailureHandler.MaxRetriesFailureHandler<>(
                EMAIL_ATTEMPTS,
                new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(30), 2),
                (complete, operations) -> emails.givenUp(complete)))
        .execute(
            (instance, context) -> {
              emails.send(UUID.fromString(instance.getId()));
              return new CompletionHandler.OnCompleteRemove<>();
            });
  }
}
