package crm.bulkimport.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.springframework.context.SmartLifecycle;

/**
 * Polls once the context (and so the migrations) is ready. A stopped context only pauses polling,
 * because a db-scheduler cannot be started twice and Spring may restart a context (its test cache
 * does); the scheduler bean's own shutdown does the final stop.
 */
public final class SchedulerLifecycle implements SmartLifecycle {

  private final Scheduler scheduler;
  private volatile boolean running;
  private boolean started;

  public SchedulerLifecycle(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public void start() {
    if (started) {
      scheduler.resume();
    } else {
      scheduler.start();
      started = true;
    }
    running = true;
  }

  @Override
  public void stop() {
    scheduler.pause();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
