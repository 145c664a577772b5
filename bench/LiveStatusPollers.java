package bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that follow every batch not yet finished, as the import page does for a merchant: they
 * ask in turn for each one's status, each request from the next instance, with a short pause, and
 * stop asking for a batch once it has ended. The answers are kept by part of the run.
 */
final class LiveStatusPollers {
  static final String REQUEST = "GET /api/import/status/{batch_id}";
  static final int CLIENTS = 4;
  static final Duration PAUSE = Duration.ofMillis(50);

  private final AlternatingInstances instances;
  private final Queue<UUID> live = new ConcurrentLinkedQueue<>();
  private final List<LatencySamples> parts = new CopyOnWriteArrayList<>();
  private volatile LatencySamples status;
  private final AtomicInteger cutByKill = new AtomicInteger();
  private final List<Thread> clients = new ArrayList<>();
  private volatile boolean running;

  LiveStatusPollers(AlternatingInstances instances, String firstPart) {
    this.instances = instances;
    part(firstPart);
  }

  /** From now on the answers count toward this part of the run. */
  void part(String name) {
    LatencySamples samples = new LatencySamples(name);
    parts.add(samples);
    status = samples;
  }

  void start() {
    running = true;
    for (int i = 0; i < CLIENTS; i++) {
      Thread client = new Thread(this::poll, "soak-status-client-" + i);
      client.setDaemon(true);
      clients.add(client);
      client.start();
    }
  }

  void follow(UUID batchId) {
    live.add(batchId);
  }

  private void poll() {
    try {
      while (running) {
        UUID batchId = live.poll();
        if (batchId != null && !finished(batchId)) {
          live.add(batchId);
        }
        Thread.sleep(PAUSE.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean finished(UUID batchId) throws InterruptedException {
    ServiceApi instance = instances.next();
    LatencySamples samples = status;
    try {
      HttpResponse<String> response = samples.get(instance, "/api/import/status/" + batchId);
      return response.statusCode() == 200 && BatchStatus.parse(response.body()).finished();
    } catch (IOException e) {
      // A request in flight when its instance was killed is the kill's, not a slow answer.
      if (instances.inTurn(instance)) {
        samples.failed();
      } else {
        cutByKill.incrementAndGet();
      }
      return false;
    }
  }

  void stop() throws InterruptedException {
    running = false;
    for (Thread client : clients) {
      client.join(Duration.ofSeconds(70).toMillis());
    }
  }

  /** Every answer of the run. */
  LatencyStats stats() {
    return LatencySamples.merged(REQUEST, parts);
  }

  /** The answers of each part of the run, named as the part. */
  List<LatencyStats> statsByPart() {
    return parts.stream().map(LatencySamples::stats).toList();
  }

  /** Requests that failed because their instance was killed under them. */
  int cutByKill() {
    return cutByKill.get();
  }
}
