package crm.bulkimport.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ids purchases and items get: version 7, in order, unique. */
class TimeOrderedIdsTest {

  /** As PostgreSQL compares uuids: byte by byte, unsigned. */
  private static int compare(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0
        ? high
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }

  @Test
  void an_id_is_a_version_7_uuid_of_the_ietf_variant() {
    UUID id = new TimeOrderedIds().next();

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
  }

  @Test
  void an_id_starts_with_the_milliseconds_it_was_made_in() {
    long before = System.currentTimeMillis();
    UUID id = new TimeOrderedIds().next();
    long after = System.currentTimeMillis();

    long millis = id.getMostSignificantBits() >>> 16;
    assertThat(millis).isBetween(before, after);
  }

  @Test
  void ids_made_in_a_row_sort_in_the_order_they_were_made_even_many_in_one_millisecond() {
    TimeOrderedIds ids = new TimeOrderedIds();
    Set<UUID> seen = new HashSet<>();
    UUID previous = ids.next();
    seen.add(previous);
    for (int i = 0; i < 200_000; i++) {
      UUID next = ids.next();
      assertThat(compare(previous, next)).isNegative();
      seen.add(next);
      previous = next;
    }
    assertThat(seen).hasSize(200_001);
  }
}
