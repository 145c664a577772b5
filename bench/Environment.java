package bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the figures were measured on. */
record Environment(String date, String cpus, String cpuModel, String memory, String java,
    String postgres, String serviceSettings) {

  static Environment describe(Connection db) throws Exception {
    String postgres;
    try (Statement statement = db.createStatement();
        ResultSet rs = statement.executeQuery("select version()")) {
      rs.next();
      postgres = rs.getString(1);
    }
    String cpuModel = linesOf(Path.of("/proc/cpuinfo")).stream()
        .filter(line -> line.startsWith("model name"))
        .map(line -> line.substring(line.indexOf(':') + 1).strip())
        .findFirst().orElse("unknown");
    String memory = linesOf(Path.of("/proc/meminfo")).stream()
        .filter(line -> line.startsWith("MemTotal:"))
        .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
        .map(kb -> String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0))
        .findFirst().orElse("unknown");
    String java = System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version");
    String settings = ServiceProcess.settings().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
    return new Environment(
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(
            Instant.now().atOffset(ZoneOffset.UTC)),
        nproc(), cpuModel, memory, java, postgres, settings);
  }

  /**
   * The 1, 5 and 15 minute load averages, as {@code uptime} shows them: on a shared machine, how
   * much else wanted the CPUs while a figure was measured.
   */
  static String loadAverage() {
    return linesOf(Path.of("/proc/loadavg")).stream()
        .map(line -> String.join(" ", List.of(line.split(" ")).subList(0, 3)))
        .findFirst().orElse("unknown");
  }

  private static String nproc() {
    try {
      Process process = new ProcessBuilder("nproc").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() == 0) {
        return out.strip();
      }
    } catch (IOException | InterruptedException e) {
      // fall back below
    }
    return Integer.toString(Runtime.getRuntime().availableProcessors());
  }

  private static List<String> linesOf(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }
}
