package bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The rows of one case, independent of any merchant: user and SKU are indexes into a merchant's
 * sets. Purchases have 1, 2, 3, 4, 5, 6, 1, 2 ... items (3.5 on average); the last one is cut
 * short to end at exactly {@code lines} items. Amounts are in cents and add up.
 */
record DataSet(int lines, int purchases, int[] firstItem, int[] userIndex, long[] epochSecond,
    int[] skuIndex, int[] quantity, int[] unitPriceCents) {

  static final long YEAR_START = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
  static final int SECONDS_IN_YEAR = 365 * 24 * 3600;

  /** The same lines always give the same data (the merchant's ids differ per run). */
  static DataSet generate(int lines) {
    return generate(lines, 6);
  }

  /** One item a purchase, as most tills export: the case of the most purchases for the lines. */
  static DataSet oneLineEach(int lines) {
    return generate(lines, 1);
  }

  private static DataSet generate(int lines, int mostItems) {
    Random random = new Random(lines);
    int[] skuIndex = new int[lines];
    int[] quantity = new int[lines];
    int[] unitPriceCents = new int[lines];
    for (int item = 0; item < lines; item++) {
      skuIndex[item] = random.nextInt(Merchants.SKUS_PER_MERCHANT);
      quantity[item] = 1 + random.nextInt(5);
      unitPriceCents[item] = 50 + random.nextInt(50_000);
    }
    List<Integer> starts = new ArrayList<>();
    for (int item = 0, size = 1; item < lines; item += size, size = size % mostItems + 1) {
      starts.add(item);
    }
    int purchases = starts.size();
    int[] firstItem = new int[purchases + 1];
    int[] userIndex = new int[purchases];
    long[] epochSecond = new long[purchases];
    for (int p = 0; p < purchases; p++) {
      firstItem[p] = starts.get(p);
      userIndex[p] = random.nextInt(Merchants.USERS_PER_MERCHANT);
      epochSecond[p] = YEAR_START + random.nextInt(SECONDS_IN_YEAR);
    }
    firstItem[purchases] = lines;
    return new DataSet(lines, purchases, firstItem, userIndex, epochSecond, skuIndex, quantity,
        unitPriceCents);
  }

  long lineTotalCents(int item) {
    return (long) quantity[item] * unitPriceCents[item];
  }

  long finalAmountCents(int purchase) {
    long sum = 0;
    for (int item = firstItem[purchase]; item < firstItem[purchase + 1]; item++) {
      sum += lineTotalCents(item);
    }
    return sum;
  }

  String date(int purchase) {
    return Instant.ofEpochSecond(epochSecond[purchase]).toString();
  }
}
