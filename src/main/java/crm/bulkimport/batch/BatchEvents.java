package crm.bulkimport.batch;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A batch's status as server-sent events, once a second, until the batch ends. One thread serves
 * every open stream: each tick reads each followed batch once, however many clients watch it.
 */
@Component
class BatchEvents implements DisposableBean {

  private static final long TIMEOUT_MILLIS = 2 * 60 * 60 * 1000L;

  private final BatchLookup batches;
  private final BatchErrors errors;
  private final Clock clock;
  private final Map<SseEmitter, UUID> followers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "batch-events");
            thread.setDaemon(true);
            return thread;
          });

  BatchEvents(BatchLookup batches, BatchErrors errors, Clock clock) {
    this.batches = batches;
    this.errors = errors;
    this.clock = clock;
    ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  SseEmitter follow(UUID batchId) {
    SseEmitter emitter = new SseEmitter(TIMEOUT_MILLIS);
    emitter.onCompletion(() -> followers.remove(emitter));
    emitter.onTimeout(() -> followers.remove(emitter));
    emitter.onError(e -> followers.remove(emitter));
    followers.put(emitter, batchId);
    // The first event at once, so a client never waits a second to see where the batch is.
    ticker.execute(() -> send(emitter, batchId));
    return emitter;
  }

  private void tick() {
    Map<UUID, Batch> seen = new HashMap<>();
    followers.forEach(
        (emitter, batchId) -> {
          Batch batch = seen.computeIfAbsent(batchId, id -> batches.find(id).orElse(null));
          send(emitter, batch);
        });
  }

  private void send(SseEmitter emitter, UUID batchId) {
    send(emitter, batches.find(batchId).orElse(null));
  }

  private void send(SseEmitter emitter, Batch batch) {
    try {
      if (batch == null) {
        emitter.complete();
        return;
      }
      boolean finished = batch.state().finished();
      BatchView view =
          BatchView.of(
              batch,
              finished ? errors.first(batch.id(), BatchStatus.ERRORS_IN_STATUS) : null,
              Instant.now(clock));
      emitter.send(SseEmitter.event().name("status").data(view, MediaType.APPLICATION_JSON));
      if (finished) {
        followers.remove(emitter);
        emitter.complete();
      }
    } catch (IOException | IllegalStateException e) {
      // The client went away.
      followers.remove(emitter);
    } catch (RuntimeException e) {
      followers.remove(emitter);
      emitter.completeWithError(e);
    }
  }

  @Override
  public void destroy() {
    ticker.shutdownNow();
  }
}
