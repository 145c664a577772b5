package bench;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A Markdown table, padded so that it also reads well as plain text. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();
  private final String[] headers;
  private boolean text;

  Table(String... headers) {
    this.headers = headers;
  }

  /** Every column left-aligned: a table of sentences rather than of numbers. */
  Table ofText() {
    text = true;
    return this;
  }

  void row(String... cells) {
    rows.add(cells);
  }

  String render() {
    int[] widths = new int[headers.length];
    Stream.concat(Stream.<String[]>of(headers), rows.stream()).forEach(cells -> {
      for (int i = 0; i < cells.length; i++) {
        widths[i] = Math.max(widths[i], Math.max(3, cells[i].length()));
      }
    });
    StringBuilder out = new StringBuilder();
    appendRow(out, headers, widths);
    out.append('|');
    for (int i = 0; i < widths.length; i++) {
      // Numbers right-aligned, the first column (the label) left-aligned.
      out.append(i == 0 || text ? "-".repeat(widths[i] + 2) : "-".repeat(widths[i] + 1) + ":")
          .append('|');
    }
    out.append('\n');
    rows.forEach(cells -> appendRow(out, cells, widths));
    return out.toString();
  }

  private void appendRow(StringBuilder out, String[] cells, int[] widths) {
    out.append('|');
    for (int i = 0; i < cells.length; i++) {
      String cell = cells[i];
      String padding = " ".repeat(widths[i] - cell.length());
      out.append(' ').append(i == 0 || text ? cell + padding : padding + cell).append(" |");
    }
    out.append('\n');
  }
}
