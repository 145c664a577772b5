package bench;

import java.util.Locale;

/** The "·" lines that tell a person watching the run where it is. */
final class ProgressLog {
  private ProgressLog() {}

  static void log(String format, Object... args) {
    System.out.println("· " + String.format(Locale.ROOT, format, args));
    // Flushed at once: a long case would otherwise look like a hang when the output is piped.
    System.out.flush();
  }
}
