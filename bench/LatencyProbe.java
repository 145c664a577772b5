package bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

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
  private final List<Double> statusMillis = Collections.synchronizedList(new ArrayList<>());
  private final List<Double> listMillis = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong statusFailures = new AtomicLong();
  private final AtomicLong listFailures = new AtomicLong();
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
      time("/api/import/status/" + batchId, statusMillis, statusFailures);
      time("/api/import/list/" + merchantId, listMillis, listFailures);
    }
  }

  private void time(String path, List<Double> millis, AtomicLong failures) {
    long start = System.nanoTime();
    try {
      HttpResponse<String> response = service.get(path);
      if (response.statusCode() == 200) {
        millis.add((System.nanoTime() - start) / 1e6);
      } else {
        failures.incrementAndGet();
      }
    } catch (IOException e) {
      failures.incrementAndGet();
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
    return List.of(
        LatencyStats.of("GET /api/import/status/{batch_id}", statusMillis,
            (int) statusFailures.get()),
        LatencyStats.of("GET /api/import/list/{merchant_id}", listMillis,
            (int) listFailures.get()));
  }
}
