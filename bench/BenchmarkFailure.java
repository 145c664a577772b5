package bench;

/** A run that cannot give figures; its message is the whole report, without a stack trace. */
final class BenchmarkFailure extends RuntimeException {
  BenchmarkFailure(String message) {
    super(message);
  }
}
