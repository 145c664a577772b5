package crm.bulkimport.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting for something that happens in the background: asked again and again, never slept on. */
public final class Poll {

  private Poll() {}

  /**
   * Asks {@code ask} every {@code every} until its answer satisfies {@code done}, and returns that
   * answer. After {@code timeout} it fails with {@code failure} of the last answer.
   */
  public static <T> T until(
      Duration timeout,
      Duration every,
      Supplier<T> ask,
      Predicate<T> done,
      Function<T, String> failure) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      T answer = ask.get();
      if (done.test(answer)) {
        return answer;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(failure.apply(answer));
      }
      try {
        Thread.sleep(every.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting", e);
      }
    }
  }
}
