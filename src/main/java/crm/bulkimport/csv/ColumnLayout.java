package crm.bulkimport.csv;

import crm.bulkimport.profile.Field;
import crm.bulkimport.profile.ImportProfile;
import crm.bulkimport.profile.ProfileRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where each field of a profile sits in a file, as its header row says. */
public final class ColumnLayout {

  /** Index of a field the file has no column for. */
  static final int ABSENT = -1;

  private final int[] indexes;
  private final int timeIndex;
  private final int width;
  private final List<String> ignoredColumns;
  private final List<String> names;

  private ColumnLayout(int[] indexes, int timeIndex, List<String> names, List<String> ignored) {
    this.indexes = indexes;
    this.timeIndex = timeIndex;
    this.width = names.size();
    this.names = names;
    this.ignoredColumns = ignored;
  }

  /** The header row as written. */
  public List<String> names() {
    return names;
  }

  int indexOf(Field field) {
    return indexes[field.ordinal()];
  }

  /** The column of the time, when the profile reads the date from two; else {@link #ABSENT}. */
  int timeIndex() {
    return timeIndex;
  }

  /** How many fields the header has; every row should have as many. */
  public int width() {
    return width;
  }

  /** Header names that feed no field, as written. */
  public List<String> ignoredColumns() {
    return ignoredColumns;
  }

  /**
   * What is wrong with a header: the profile's headers it lacks (as the profile names them, with
   * the field each feeds), and names it repeats.
   */
  record Problems(List<Missing> missing, List<String> repeated) {
    boolean any() {
      return !missing.isEmpty() || !repeated.isEmpty();
    }
  }

  record Missing(String header, Field field) {}

  static Problems check(List<String> header, ImportProfile profile) {
    Set<String> mapped = new HashSet<>();
    profile
        .columns()
        .values()
        .forEach(hs -> hs.forEach(h -> mapped.add(ProfileRules.normalise(h))));
    Map<String, Integer> seen = new HashMap<>();
    List<String> repeated = new ArrayList<>();
    for (String name : header) {
      String key = ProfileRules.normalise(name);
      // A repeated column the import does not read is harmless, except in the contract's own
      // format, which has always refused it.
      boolean matters = profile.isContract() || mapped.contains(key);
      if (!key.isEmpty() && seen.merge(key, 1, Integer::sum) == 2 && matters) {
        repeated.add(name.strip());
      }
    }
    List<Missing> missing = new ArrayList<>();
    profile
        .columns()
        .forEach(
            (field, headers) -> {
              for (String wanted : headers) {
                if (!seen.containsKey(ProfileRules.normalise(wanted))) {
                  missing.add(new Missing(wanted, field));
                }
              }
            });
    return new Problems(missing, repeated);
  }

  /** Lays out a header that {@link #check} found no problems with. */
  static ColumnLayout of(List<String> header, ImportProfile profile) {
    Map<String, Integer> positions = new HashMap<>();
    for (int i = header.size() - 1; i >= 0; i--) {
      positions.put(ProfileRules.normalise(header.get(i)), i);
    }
    int[] indexes = new int[Field.values().length];
    Arrays.fill(indexes, ABSENT);
    int timeIndex = ABSENT;
    Set<Integer> used = new HashSet<>();
    for (Map.Entry<Field, List<String>> entry : profile.columns().entrySet()) {
      List<String> headers = entry.getValue();
      int index = positions.get(ProfileRules.normalise(headers.get(0)));
      indexes[entry.getKey().ordinal()] = index;
      used.add(index);
      if (headers.size() == 2) {
        timeIndex = positions.get(ProfileRules.normalise(headers.get(1)));
        used.add(timeIndex);
      }
    }
    List<String> ignored = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      if (!used.contains(i) && !header.get(i).isBlank()) {
        ignored.add(header.get(i).strip());
      }
    }
    return new ColumnLayout(indexes, timeIndex, List.copyOf(header), List.copyOf(ignored));
  }
}
