package crm.bulkimport.cli;

import crm.bulkimport.batch.BatchView;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A batch's progress on stderr: one bar redrawn in place on a terminal; on anything else (a log
 * file, CI) a plain line when the phase changes and every few seconds in between, because carriage
 * returns make a mess of a file.
 */
final class ProgressDisplay {

  static final int BAR_WIDTH = 30;
  static final long PLAIN_EVERY_MILLIS = 5000;

  private final PrintStream out;
  private final boolean terminal;
  private String lastStage;
  private long lastPlainAt;
  private int lastLength;
  private boolean drawn;

  ProgressDisplay(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Shows where the batch is; {@code nowMillis} paces the plain lines. */
  void show(String status, BatchView.ProgressView progress, long nowMillis) {
    if (terminal) {
      String line = bar(status, progress);
      // Spaces rub out what is left of a longer previous line.
      String padding = " ".repeat(Math.max(0, lastLength - line.length()));
      out.print("\r" + line + padding);
      out.flush();
      lastLength = line.length();
      drawn = true;
      return;
    }
    String stage = status + "/" + progress.phase();
    if (!stage.equals(lastStage) || nowMillis - lastPlainAt >= PLAIN_EVERY_MILLIS) {
      out.println(plain(status, progress));
      lastStage = stage;
      lastPlainAt = nowMillis;
    }
  }

  /** Leaves the bar on its own line, so that what follows starts on a fresh one. */
  void end() {
    if (terminal && drawn) {
      out.println();
    }
    drawn = false;
  }

  /** {@code processing [#########---------------------] 31% parsing 120,000 rows ~7 s left} */
  static String bar(String status, BatchView.ProgressView progress) {
    int filled = Math.round(BAR_WIDTH * Math.min(100, Math.max(0, progress.percent())) / 100f);
    return String.format(
        Locale.ROOT,
        "%-10s [%s%s] %3d%%  %s",
        status,
        "#".repeat(filled),
        "-".repeat(BAR_WIDTH - filled),
        progress.percent(),
        details(progress));
  }

  /** {@code processing: 31%, parsing, 120,000 rows, ~7 s left} */
  static String plain(String status, BatchView.ProgressView progress) {
    return status + ": " + progress.percent() + "%, " + details(progress).replace("  ", ", ");
  }

  private static String details(BatchView.ProgressView progress) {
    StringBuilder text = new StringBuilder(progress.phase());
    if (progress.queuePosition() != null) {
      text.append(" (position ").append(progress.queuePosition()).append(" in the queue)");
    } else {
      text.append("  ").append(rows(progress.rowsDone())).append(" rows");
      if (progress.rowsTotal() != null && progress.rowsTotal() != progress.rowsDone()) {
        text.append(" of ").append(rows(progress.rowsTotal()));
      }
      if (progress.etaSeconds() != null && progress.etaSeconds() > 0) {
        text.append("  ~").append(progress.etaSeconds()).append(" s left");
      }
    }
    return text.toString();
  }

  static String rows(long count) {
    return String.format(Locale.ROOT, "%,d", count);
  }
}
