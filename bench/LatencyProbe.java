package bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Clients that ask for the batch's status and the merchant's batch list back to back, from the
 * moment the upload is accepted until the import ends or 120 s have passed.
 */
final class LatencyProbe {
  static final int CLIENTS = 2;
  static final Duration LIMIT = Duration.ofSeconds(120);

  private final ServiceApi service;
  private final UUID merchantId;
  private final List<Thread> clients = new ArrayList<>();
  private final LatencySamples status = new LatencySamples("GET /api/import/status/{batch_id}");
  private final LatencySamples list = new LatencySamples("GET /api/import/list/{merchant_id}");
  private volatile boolean running;
  private long deadline;

  LatencyProbe(ServiceApi service, UUID merchantId) {
    this.service = service;
    this.merchantId = merchantId;
  }

  void start(UUID batchId) {
    running = true;
    deadline = System.nanoTime() + LIMIT.toNanos();
    for (int i = 0; i < CLIENTS; i++) {
      Thread client = new Thread(() -> poll(batchId), "latency-client-" + i);
      client.setDaemon(true);
      clients.add(client);
      client.start();
    }
  }

  private void poll(UUID batchId) {
    while (running && System.nanoTime() < deadline) {
      time(status, "/api/import/status/" + batchId);
      time(list, "/api/import/list/" + merchantId);
    }
  }

  private void time(LatencySamples samples, String path) {
    try {
      samples.get(service, path);
    } catch (IOException e) {
      samples.failed();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  void stop() throws InterruptedException {
    running = false;
    for (Thread client : clients) {
      client.join(Duration.ofSeconds(70).toMillis());
    }
  }

  List<LatencyStats> stats() {
    return List.of(status.stats(), list.stats());
  }
}
