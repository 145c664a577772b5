package bench;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Samples the service's heap every 100 ms on a thread of its own; keeps the maximum. */
final class HeapSampler implements AutoCloseable {
  static final Duration SAMPLE_INTERVAL = Duration.ofMillis(100);

  private final ServiceApi service;
  private final AtomicLong peak = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  private HeapSampler(ServiceApi service) {
    this.service = service;
    this.thread = new Thread(this::sample, "heap-sampler");
    thread.setDaemon(true);
  }

  static HeapSampler start(ServiceApi service) {
    HeapSampler sampler = new HeapSampler(service);
    sampler.thread.start();
    return sampler;
  }

  private void sample() {
    while (running) {
      try {
        peak.accumulateAndGet(service.heapUsedBytes(), Math::max);
        Thread.sleep(SAMPLE_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        // A missed sample under load is not worth failing the benchmark for.
      }
    }
  }

  long peakBytes() {
    return peak.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(Duration.ofSeconds(70).toMillis());
  }
}
