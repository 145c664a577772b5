package crm.bulkimport.ledger;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UUIDv7-style ids (RFC 9562): 48 bits of milliseconds, then random bits. Ids made in a row sort
 * together, so a million inserts append to the primary-key index instead of touching pages all over
 * it.
 */
final class TimeOrderedIds {

  private long lastMillis;
  private long sequence;

  /** A new id; later calls on this object never sort before earlier ones. */
  UUID next() {
    long millis = System.currentTimeMillis();
    if (millis <= lastMillis) {
      // Same millisecond (or a clock step back): count on in the 12 bits after the timestamp.
      sequence++;
      if (sequence > 0xfff) {
        lastMillis++;
        sequence = 0;
      }
    } else {
      lastMillis = millis;
      sequence = 0;
    }
    long high = (lastMillis << 16) | 0x7000L | sequence;
    long low = (ThreadLocalRandom.current().nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(high, low);
  }
}
