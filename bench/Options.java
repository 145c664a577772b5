package bench;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the command line asks for: the cases, how many runs each, and which sections. */
record Options(List<Integer> cases, int runs, int runsLarge, Set<String> sections,
    String command) {

  /** From this many lines on a case is large: a run of it takes minutes, so it gets fewer. */
  static final int LARGE_CASE_LINES = 1_000_000;

  /** The report's sections in the order they run; {@code --only} picks some of them. */
  static final List<String> SECTIONS = List.of("import", "bad-row", "latency", "concurrency",
      "sql-function", "profile", "formats", "second-chances", "preview", "one-line", "fairness",
      "soak");

  static final String USAGE =
      "usage: bench/run [--cases 10000,50000,1000000] [--runs 3] [--runs-large 1]"
          + " [--only " + String.join(",", SECTIONS) + "]";

  static Options parse(String[] args) {
    List<Integer> cases = List.of(10_000, 50_000, LARGE_CASE_LINES);
    int runs = 3;
    int runsLarge = 1;
    Set<String> sections = new LinkedHashSet<>(SECTIONS);
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("-h") || option.equals("--help")) {
        System.out.println(USAGE);
        System.exit(0);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
      }
      String value = args[++i];
      switch (option) {
        case "--cases" -> cases = Arrays.stream(value.split(","))
            .map(String::strip).map(v -> positive(option, v)).toList();
        case "--runs" -> runs = positive(option, value);
        case "--runs-large" -> runsLarge = positive(option, value);
        case "--only" -> sections = sections(value);
        default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
      }
    }
    // Recorded in the report so that a reader can rerun exactly this; bench/run says how it was
    // called, the fallback is for a launch by hand.
    String command = System.getenv().getOrDefault("BENCH_COMMAND",
        ("java -cp target/bench-classes:<pgjdbc.jar> bench.Benchmark " + String.join(" ", args))
            .strip());
    return new Options(cases, runs, runsLarge, Set.copyOf(sections), command);
  }

  private static Set<String> sections(String value) {
    Set<String> picked = new LinkedHashSet<>();
    for (String section : value.split(",")) {
      String name = section.strip();
      if (!SECTIONS.contains(name)) {
        throw new IllegalArgumentException("--only knows the sections "
            + String.join(", ", SECTIONS) + "; not " + name + "\n" + USAGE);
      }
      picked.add(name);
    }
    return picked;
  }

  boolean includes(String section) {
    return sections.contains(section);
  }

  /** Whether some sections were left out, so the report is not the whole benchmark. */
  boolean partial() {
    return sections.size() < SECTIONS.size();
  }

  private static int positive(String option, String value) {
    try {
      int n = Integer.parseInt(value.replace("_", ""));
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " needs a positive whole number, not " + value);
  }

  int runsFor(int lines) {
    return lines >= LARGE_CASE_LINES ? runsLarge : runs;
  }
}
