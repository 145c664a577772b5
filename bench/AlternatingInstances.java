package bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Instances of the service behind no load balancer: each request goes to the next in turn, and
 * one that is down (killed, not yet started again) is passed over.
 */
final class AlternatingInstances {
  private final AtomicReferenceArray<ServiceApi> up;
  private final AtomicInteger turn = new AtomicInteger();

  AlternatingInstances(List<ServiceApi> instances) {
    this.up = new AtomicReferenceArray<>(instances.toArray(ServiceApi[]::new));
  }

  ServiceApi next() {
    // One turn taken, the others tried from it: turns taken one by one would let other threads'
    // turns in between, and every try of this one could land on the instance that is down.
    int first = turn.getAndIncrement();
    for (int tried = 0; tried < up.length(); tried++) {
      ServiceApi instance = up.get(Math.floorMod(first + tried, up.length()));
      if (instance != null) {
        return instance;
      }
    }
    throw new BenchmarkFailure("no instance of the service is up");
  }

  /** Passed over from now on, before it is killed, so that no new request goes its way. */
  void down(int index) {
    up.set(index, null);
  }

  /** Back in turn, as the instance started again. */
  void up(int index, ServiceApi instance) {
    up.set(index, instance);
  }

  /** Whether requests still go to this instance: a failure from one that is down is expected. */
  boolean inTurn(ServiceApi instance) {
    for (int i = 0; i < up.length(); i++) {
      if (up.get(i) == instance) {
        return true;
      }
    }
    return false;
  }
}
