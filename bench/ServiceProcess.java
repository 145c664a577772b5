package bench;

import static bench.Figures.seconds;
import static bench.ProgressLog.log;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The service as a child JVM of the benchmark's, on a free port, never left running. The
 * benchmark's own instance is started once; the soak starts a second one, kills it and starts it
 * again.
 */
final class ServiceProcess {

  static final String HEAP_LIMIT = "-Xmx256m";
  static final Path JAR = Path.of("target/crm-bulk-import-0.1.0-SNAPSHOT.jar");
  static final Path LOG = Path.of("target/bench-service.log");
  static final String ADMIN_KEY = "bench-admin-key";

  private final ProcessBuilder builder;
  private final Process process;
  private final int port;
  private final Path log;
  private final ServiceApi api;

  private ServiceProcess(ProcessBuilder builder, Process process, int port, Path log) {
    this.builder = builder;
    this.process = process;
    this.port = port;
    this.log = log;
    this.api = new ServiceApi(port, ADMIN_KEY);
  }

  /** The benchmark's instance, its output in {@link #LOG}. */
  static ServiceProcess start(Database database, Path workDir) throws Exception {
    return start(database, workDir, LOG);
  }

  /** An instance of its own on a free port, its output in {@code log} (emptied first). */
  static ServiceProcess start(Database database, Path workDir, Path log) throws Exception {
    int port = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // java itself, no shell in between: the child's pid is the JVM's, which the soak kills.
    ProcessBuilder builder =
        new ProcessBuilder(java, HEAP_LIMIT, "-jar", jarCopy(workDir).toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.putAll(database.serviceEnvironment());
    env.put("PORT", Integer.toString(port));
    env.put("IMPORTER_ADMIN_KEY", ADMIN_KEY);
    env.putAll(settings());
    return launch(builder, port, log);
  }

  /**
   * A copy of the jar, made once per run: a build meanwhile (./mvnw package) would replace the
   * jar under the running service, which then fails to load its classes.
   */
  private static Path jarCopy(Path workDir) throws IOException {
    Path copy = workDir.resolve(JAR.getFileName());
    if (!Files.exists(copy)) {
      Files.copy(JAR, copy);
    }
    return copy;
  }

  private static ServiceProcess launch(ProcessBuilder builder, int port, Path log)
      throws Exception {
    log("Starting the service on port %d (%s, log in %s)", port, HEAP_LIMIT, log);
    ServiceProcess service = new ServiceProcess(builder, builder.start(), port, log);
    // Also when the benchmark fails or is interrupted: never leave the service running.
    Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "stop-service"));
    service.awaitHealthy(Duration.ofMinutes(3));
    return service;
  }

  /** The same service started again once this one has ended: same port, same log, added to. */
  ServiceProcess restart() throws Exception {
    if (process.isAlive()) {
      throw new IllegalStateException("the service on port " + port + " is still running");
    }
    return launch(builder.redirectOutput(Redirect.appendTo(log.toFile())), port, log);
  }

  /**
   * SIGKILL, as the kernel's OOM killer or a lost machine would end it: no shutdown hook runs,
   * no job is handed back, and its database connections just drop. Returns the exit code.
   */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    return process.waitFor();
  }

  /** The JVM's own pid (the benchmark starts java directly). */
  long pid() {
    return process.pid();
  }

  /**
   * The service's settings that matter to the figures: the benchmark's own, plus any other
   * IMPORTER_* variable the caller exported (the child process inherits them).
   */
  static Map<String, String> settings() {
    Map<String, String> settings = new TreeMap<>();
    System.getenv().forEach((name, value) -> {
      if (name.startsWith("IMPORTER_") && !name.equals("IMPORTER_ADMIN_KEY")) {
        settings.put(name, value);
      }
    });
    settings.put("IMPORTER_MAX_FILE_SIZE", "1GB");
    settings.put("IMPORTER_DEMO_DATA", "false");
    return settings;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  ServiceApi api() {
    return api;
  }

  private void awaitHealthy(Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    long start = System.nanoTime();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new BenchmarkFailure(
            "the service exited with code " + process.exitValue() + " while starting. If its"
                + " log shows a Flyway checksum mismatch (a migration edited after it ran"
                + " here), drop the benchmark's database and run again.");
      }
      try {
        if (api.reportsUp()) {
          log("Service is up after %s s", seconds((System.nanoTime() - start) / 1e9));
          return;
        }
      } catch (IOException notListeningYet) {
        // keep waiting
      }
      Thread.sleep(250);
    }
    throw new BenchmarkFailure("the service did not report UP on /health within " + limit);
  }

  /** Stops the service: politely first, so it can finish its shutdown, then by force. */
  synchronized void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
