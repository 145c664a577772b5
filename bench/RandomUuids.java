package bench;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Ids for the generated rows. */
final class RandomUuids {
  private RandomUuids() {}

  /** A version 4 UUID without SecureRandom, which would slow down writing millions of ids. */
  static UUID randomUuid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xf000L) | 0x4000L;
    long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(high, low);
  }

  static UUID[] randomUuids(int count) {
    UUID[] ids = new UUID[count];
    for (int i = 0; i < count; i++) {
      ids[i] = randomUuid();
    }
    return ids;
  }
}
