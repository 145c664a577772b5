package bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service's own complaints during the run: WARN and ERROR lines of its log. */
record ServiceLog(int errors, int warnings, List<String> firstProblems) {
  private static final Pattern LEVEL = Pattern.compile("^\\S+\\s+(ERROR|WARN)\\s");

  static ServiceLog summarize(Path log) throws IOException {
    int errors = 0;
    int warnings = 0;
    Set<String> first = new LinkedHashSet<>();
    // Decoded leniently: a stray byte in the log must not fail the benchmark.
    String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    for (String line : text.lines().toList()) {
      Matcher level = LEVEL.matcher(line);
      if (!level.find()) {
        continue;
      }
      if (level.group(1).equals("ERROR")) {
        errors++;
      } else {
        warnings++;
      }
      if (first.size() < 10) {
        first.add(line.length() > 300 ? line.substring(0, 300) + " ..." : line);
      }
    }
    return new ServiceLog(errors, warnings, List.copyOf(first));
  }

  static List<String> tail(Path log, int lines) {
    try {
      List<String> all =
          new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
      return all.subList(Math.max(0, all.size() - lines), all.size());
    } catch (IOException e) {
      return List.of("(could not read " + log + ": " + e.getMessage() + ")");
    }
  }
}
