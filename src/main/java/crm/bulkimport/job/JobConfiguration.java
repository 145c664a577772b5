package crm.bulkimport.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import crm.bulkimport.batch.BatchRetention;
import crm.bulkimport.batch.BatchTransitions;
import crm.bulkimport.config.ConcurrencyProperties;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** db-scheduler, wired by hand (its Spring Boot starter targets Boot 3). */
@Configuration(proxyBeanMethods = false)
class JobConfiguration {

  static final String PURCHASE_IMPORT = "purchase-import";
  static final String BATCH_RETENTION = "batch-retention";

  @Bean
  OneTimeTask<Void> purchaseImportTask(
      PurchaseImport purchaseImport, BatchTransitions batches, JobProperties properties) {
    return Tasks.oneTime(PURCHASE_IMPORT)
        .onFailure(
            new FailureHandler.MaxRetriesFailureHandler<>(
                properties.maxAttempts(),
                new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(2), 2),
                (complete, operations) ->
                    batches.fail(
                        UUID.fromString(complete.getExecution().getId()),
                        null,
                        0,
                        "The import failed "
                            + properties.maxAttempts()
                            + " times and was given up; nothing was imported. Last problem: "
                            + complete.getCause().map(Throwable::getMessage).orElse("unknown"),
                        List.of())))
        .execute((instance, context) -> purchaseImport.run(UUID.fromString(instance.getId())));
  }

  /** Runs on one instance at a time: db-scheduler holds a recurring task's single execution. */
  @Bean
  RecurringTask<Void> batchRetentionTask(BatchRetention retention) {
    return Tasks.recurring(BATCH_RETENTION, FixedDelay.ofHours(1))
        .execute((instance, context) -> retention.deleteExpired());
  }

  /**
   * The imports' scheduler, and the one to schedule any job with. Stopped with the context, after
   * it stops polling: waits for running imports a while.
   */
  @Bean(destroyMethod = "stop")
  @Primary
  Scheduler scheduler(
      DataSource dataSource,
      List<Task<?>> tasks,
      RecurringTask<Void> batchRetentionTask,
      ConcurrencyProperties concurrency,
      JobProperties properties) {
    List<Task<?>> oneTimeTasks =
        tasks.stream().filter(task -> !(task instanceof RecurringTask)).toList();
    return Schedulers.onServiceTable(dataSource, oneTimeTasks, concurrency.jobThreads(), properties)
        .shutdownMaxWait(Duration.ofSeconds(10))
        .startTasks(batchRetentionTask)
        .build();
  }

  @Bean
  SmartLifecycle schedulerLifecycle(Scheduler scheduler) {
    return new SchedulerLifecycle(scheduler);
  }
}
