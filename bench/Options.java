package bench;

import java.util.Arrays;
import java.util.List;

/** What the command line asks for: the cases and how many runs each. */
record Options(List<Integer> cases, int runs, int runsLarge, String command) {

  /** From this many lines on a case is large: a run of it takes minutes, so it gets fewer. */
  static final int LARGE_CASE_LINES = 1_000_000;

  static final String USAGE =
      "usage: bench/run [--cases 10000,50000,1000000] [--runs 3] [--runs-large 1]";

  static Options parse(String[] args) {
    List<Integer> cases = List.of(10_000, 50_000, LARGE_CASE_LINES);
    int runs = 3;
    int runsLarge = 1;
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
        default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
      }
    }
    // Recorded in the report so that a reader can rerun exactly this; bench/run says how it was
    // called, the fallback is for a launch by hand.
    String command = System.getenv().getOrDefault("BENCH_COMMAND",
        ("java -cp target/bench-classes:<pgjdbc.jar> bench.Benchmark " + String.join(" ", args))
            .strip());
    return new Options(cases, runs, runsLarge, command);
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
