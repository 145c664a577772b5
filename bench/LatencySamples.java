package bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The latencies of one kind of request, and how many failed, from any number of clients. */
final class LatencySamples {
  private final String request;
  private final List<Double> millis = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger failures = new AtomicInteger();

  LatencySamples(String request) {
    this.request = request;
  }

  /**
   * Times one GET: a 200 answer is a sample, any other a failure. An IOException is the caller's
   * to count or not, with {@link #failed()}: whether it is one depends on why the service was
   * not there.
   */
  HttpResponse<String> get(ServiceApi service, String path)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    HttpResponse<String> response = service.get(path);
    if (response.statusCode() == 200) {
      millis.add((System.nanoTime() - start) / 1e6);
    } else {
      failures.incrementAndGet();
    }
    return response;
  }

  void failed() {
    failures.incrementAndGet();
  }

  LatencyStats stats() {
    return LatencyStats.of(request, millis, failures.get());
  }

  /** The samples of several parts of a run as one. */
  static LatencyStats merged(String request, List<LatencySamples> parts) {
    List<Double> all = new ArrayList<>();
    int failed = 0;
    for (LatencySamples part : parts) {
      synchronized (part.millis) {
        all.addAll(part.millis);
      }
      failed += part.failures.get();
    }
    return LatencyStats.of(request, all, failed);
  }
}
