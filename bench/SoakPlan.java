package bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The soak's uploads: which merchant sends a file of how many lines, and when. Drawn from a fixed
 * seed, so that one run's figures compare with the next's.
 */
record SoakPlan(List<Upload> uploads) {
  static final int MERCHANTS = 20;
  static final int UPLOADS = 200;
  static final Duration ARRIVALS = Duration.ofSeconds(60);
  /** The few large files; every other file has a few lines to a few thousand. */
  static final List<Integer> LARGE_LINES =
      List.of(100_000, 140_000, 180_000, 220_000, 260_000, 300_000);
  static final int FEWEST_LINES = 3;
  static final int MOST_SMALL_LINES = 5_000;
  /** The files the fairness figure is about: what a merchant should not wait long for. */
  static final int SMALL_FILE_LINES = 1_000;
  private static final long SEED = 12; // issue 12

  /** @param at from the first upload's planned start */
  record Upload(int index, int merchant, int lines, Duration at) {
    boolean small() {
      return lines <= SMALL_FILE_LINES;
    }
  }

  /**
   * Arrival times drawn evenly over {@link #ARRIVALS}, each merchant sending {@code UPLOADS /
   * MERCHANTS} files in a random order; the large files at even intervals, so that some run
   * whenever the soak's instance is killed. Small sizes are spread evenly on a log scale: as many
   * files of 3 to 30 lines as of 300 to 3,000.
   */
  static SoakPlan generate() {
    Random random = new Random(SEED);
    List<Long> offsets = new ArrayList<>();
    for (int i = 0; i < UPLOADS; i++) {
      offsets.add((long) (random.nextDouble() * ARRIVALS.toMillis()));
    }
    Collections.sort(offsets);
    List<Integer> merchants = new ArrayList<>();
    for (int i = 0; i < UPLOADS; i++) {
      merchants.add(i % MERCHANTS);
    }
    Collections.shuffle(merchants, random);
    List<Integer> large = new ArrayList<>(LARGE_LINES);
    Collections.shuffle(large, random);
    double logFewest = Math.log(FEWEST_LINES);
    double logMost = Math.log(MOST_SMALL_LINES);
    List<Upload> uploads = new ArrayList<>();
    for (int i = 0; i < UPLOADS; i++) {
      double logLines = logFewest + random.nextDouble() * (logMost - logFewest);
      int lines = (int) Math.round(Math.exp(logLines));
      uploads.add(new Upload(i, merchants.get(i), lines, Duration.ofMillis(offsets.get(i))));
    }
    for (int k = 0; k < large.size(); k++) {
      int slot = (int) ((k + 0.5) * UPLOADS / large.size());
      Upload small = uploads.get(slot);
      uploads.set(slot, new Upload(slot, small.merchant(), large.get(k), small.at()));
    }
    return new SoakPlan(List.copyOf(uploads));
  }

  long lines() {
    return uploads.stream().mapToLong(Upload::lines).sum();
  }

  long smallFiles() {
    return uploads.stream().filter(Upload::small).count();
  }
}
