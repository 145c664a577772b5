package crm.bulkimport.ledger;

/**
 * The transaction numbers whose purchases have begun, in memory that stops growing at 16 MB: an
 * exact set of 64-bit hashes up to about a million numbers, then a Bloom filter over the same
 * space. It never says no for a number it was given; it may say yes for one it was not (two numbers
 * with one hash, or the filter's false positives), which costs that purchase a look in the staging
 * table, not a wrong answer.
 */
class SeenTransactions {

  /** 16 MB of longs: the set's largest table, and the filter's bits. */
  private static final int MAX_SLOTS = 1 << 21;

  private static final long FILTER_BITS = (long) MAX_SLOTS * Long.SIZE;
  private static final int FILTER_PROBES = 4;

  private long[] slots = new long[1 << 10];
  private int size;
  private boolean filter;

  boolean mightContain(String number) {
    long hash = hash(number);
    return filter ? filterHas(hash) : setHas(hash);
  }

  void add(String number) {
    long hash = hash(number);
    if (filter) {
      filterAdd(hash);
      return;
    }
    if (setHas(hash)) {
      return;
    }
    if (size + 1 > slots.length / 2) {
      if (slots.length == MAX_SLOTS) {
        becomeFilter();
        filterAdd(hash);
        return;
      }
      rehash(slots.length * 2);
    }
    setAdd(slots, hash);
    size++;
  }

  /** FNV-1a over the UTF-16 units, then MurmurHash3's finaliser to spread the bits; never 0. */
  static long hash(String number) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < number.length(); i++) {
      h = (h ^ number.charAt(i)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == 0 ? 1 : h;
  }

  private boolean setHas(long hash) {
    int mask = slots.length - 1;
    for (int i = (int) hash & mask; slots[i] != 0; i = (i + 1) & mask) {
      if (slots[i] == hash) {
        return true;
      }
    }
    return false;
  }

  private static void setAdd(long[] table, long hash) {
    int mask = table.length - 1;
    int i = (int) hash & mask;
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    table[i] = hash;
  }

  private void rehash(int length) {
    long[] grown = new long[length];
    for (long hash : slots) {
      if (hash != 0) {
        setAdd(grown, hash);
      }
    }
    slots = grown;
  }

  private void becomeFilter() {
    long[] held = slots;
    slots = new long[MAX_SLOTS];
    filter = true;
    for (long hash : held) {
      if (hash != 0) {
        filterAdd(hash);
      }
    }
  }

  private void filterAdd(long hash) {
    int low = (int) hash;
    int high = (int) (hash >>> 32);
    for (int i = 0; i < FILTER_PROBES; i++) {
      long bit = (low + (long) i * high) & (FILTER_BITS - 1);
      slots[(int) (bit >>> 6)] |= 1L << bit;
    }
  }

  private boolean filterHas(long hash) {
    int low = (int) hash;
    int high = (int) (hash >>> 32);
    for (int i = 0; i < FILTER_PROBES; i++) {
      long bit = (low + (long) i * high) & (FILTER_BITS - 1);
      if ((slots[(int) (bit >>> 6)] & (1L << bit)) == 0) {
        return false;
      }
    }
    return true;
  }
}
