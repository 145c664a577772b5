package crm.bulkimport.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenTransactionsTest {

  @Test
  void a_number_it_was_given_is_never_missed_before_or_after_it_becomes_a_filter() {
    SeenTransactions seen = new SeenTransactions();
    // Past the exact set's million: the last ones go into the filter.
    int count = 1_500_000;
    for (int i = 0; i < count; i++) {
      seen.add("T-" + i);
    }
    for (int i = 0; i < count; i++) {
      assertThat(seen.mightContain("T-" + i)).as("T-%d", i).isTrue();
    }
  }

  @Test
  void numbers_it_was_not_given_are_rarely_taken_for_seen() {
    SeenTransactions seen = new SeenTransactions();
    for (int i = 0; i < 5_000_000; i++) {
      seen.add("T-" + i);
    }
    int falsePositives = 0;
    for (int i = 0; i < 1_000_000; i++) {
      if (seen.mightContain("U-" + i)) {
        falsePositives++;
      }
    }
    // 5,000,000 numbers in 2^27 bits with four probes: about 0.04 % each; each costs one look in
    // the staging table, not a wrong answer.
    assertThat(falsePositives).isLessThan(2_000);
  }

  @Test
  void while_it_is_exact_a_number_it_was_not_given_is_not_seen() {
    SeenTransactions seen = new SeenTransactions();
    for (int i = 0; i < 100_000; i++) {
      seen.add("T-" + i);
    }
    for (int i = 0; i < 100_000; i++) {
      assertThat(seen.mightContain("U-" + i)).isFalse();
    }
  }
}
