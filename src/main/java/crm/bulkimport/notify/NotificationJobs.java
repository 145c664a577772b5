package crm.bulkimport.notify;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import crm.bulkimport.job.JobProperties;
import crm.bulkimport.job.SchedulerLifecycle;
import crm.bulkimport.job.Schedulers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable tasks that deliver notifications, on a db-scheduler of their own over the same table:
 * its own threads, so that an endpoint that hangs until its timeout never holds up an import. An
 * instance without it ({@code importer.deliver-notifications=false}) still schedules deliveries, by
 * task name, for the instances that have it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "importer.deliver-notifications", matchIfMissing = true)
class NotificationJobs {

  static final String WEBHOOK_DELIVERY = "webhook-delivery";
  static final String COMPLETION_EMAIL = "completion-email";
  static final int EMAIL_ATTEMPTS = 6;

  @Bean(destroyMethod = "stop")
  Scheduler notificationScheduler(
      DataSource dataSource,
      WebhookAttempts attempts,
      CompletionEmails emails,
      NotificationProperties properties,
      JobProperties jobs) {
    return Schedulers.onServiceTable(
            dataSource,
            List.of(webhookDeliveryTask(attempts, properties), completionEmailTask(emails)),
            properties.notificationThreads(),
            jobs)
        .shutdownMaxWait(Duration.ofSeconds(5))
        .build();
  }

  @Bean
  SmartLifecycle notificationSchedulerLifecycle(
      @Qualifier("notificationScheduler") Scheduler notificationScheduler) {
    return new SchedulerLifecycle(notificationScheduler);
  }

  /** One execution per delivery; it reschedules itself until delivered or given up. */
  static CustomTask<Void> webhookDeliveryTask(
      WebhookAttempts attempts, NotificationProperties properties) {
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

  static CustomTask<Void> completionEmailTask(CompletionEmails emails) {
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
