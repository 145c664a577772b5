package crm.bulkimport.csv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Where each required column sits in a file, as its header row says. */
public final class ColumnLayout {

  private final int[] indexes;
  private final int width;
  private final List<String> ignoredColumns;
  private final List<String> names;

  private ColumnLayout(int[] indexes, List<String> names, List<String> ignoredColumns) {
    this.indexes = indexes;
    this.width = names.size();
    this.names = names;
    this.ignoredColumns = ignoredColumns;
  }

  /** The header row as written. */
  public List<String> names() {
    return names;
  }

  int indexOf(Column column) {
    return indexes[column.ordinal()];
  }

  /** How many fields the header has; every row should have as many. */
  public int width() {
    return width;
  }

  /** Header names that are not required columns, as written. */
  public List<String> ignoredColumns() {
    return ignoredColumns;
  }

  /** What is wrong with a header: required columns it lacks, and names it repeats. */
  record Problems(List<Column> missing, List<String> repeated) {
    boolean any() {
      return !missing.isEmpty() || !repeated.isEmpty();
    }
  }

  static Problems check(List<String> header) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> repeated = new ArrayList<>();
    for (String name : header) {
      String key = normalise(name);
      if (!key.isEmpty() && seen.merge(key, 1, Integer::sum) == 2) {
        repeated.add(name.strip());
      }
    }
    List<Column> missing = new ArrayList<>();
    for (Column column : Column.values()) {
      if (!seen.containsKey(column.header())) {
        missing.add(column);
      }
    }
    return new Problems(missing, repeated);
  }

  /** Lays out a header that {@link #check} found no problems with. */
  static ColumnLayout of(List<String> header) {
    Map<String, Column> required = byHeader();
    int[] indexes = new int[Column.values().length];
    List<String> ignored = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      Column column = required.get(normalise(header.get(i)));
      if (column != null) {
        indexes[column.ordinal()] = i;
      } else if (!header.get(i).isBlank()) {
        ignored.add(header.get(i).strip());
      }
    }
    return new ColumnLayout(indexes, List.copyOf(header), List.copyOf(ignored));
  }

  private static Map<String, Column> byHeader() {
    Map<String, Column> map = new HashMap<>();
    for (Column column : Column.values()) {
      map.put(column.header(), column);
    }
    return map;
  }

  static String normalise(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }
}
