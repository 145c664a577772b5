package bench;

import static bench.Figures.seconds;
import static bench.ProgressLog.log;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** The service as a child JVM of the benchmark's: started once, on a free port, and never left. */
final class ServiceProcess {

  static final String HEAP_LIMIT = "-Xmx256m";
  static final Path JAR = Path.of("target/crm-bulk-import-0.1.0-SNAPSHOT.jar");
  static final Path LOG = Path.of("target/bench-service.log");
  static final String ADMIN_KEY = "bench-admin-key";

  private final Process process;
  private final ServiceApi api;

  private ServiceProcess(Process process, int port) {
    this.process = process;
    this.api = new ServiceApi(port, ADMIN_KEY);
  }

  static ServiceProcess start(Database database, Path workDir) throws Exception {
    int port = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // From a copy: a build meanwhile (./mvnw package) would replace the jar under the running
    // service, which then fails to load its classes.
    Path jar = Files.copy(JAR, workDir.resolve(JAR.getFileName()));
    ProcessBuilder builder =
        new ProcessBuilder(java, HEAP_LIMIT, "-jar", jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(LOG.toFile());
    Map<String, String> env = builder.environment();
    env.putAll(database.serviceEnvironment());
    env.put("PORT", Integer.toString(port));
    env.put("IMPORTER_ADMIN_KEY", ADMIN_KEY);
    env.putAll(settings());
    log("Starting the service on port %d (%s, log in %s)", port, HEAP_LIMIT, LOG);
    ServiceProcess service = new ServiceProcess(builder.start(), port);
    // Also when the benchmark fails or is interrupted: never leave the service running.
    Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "stop-service"));
    service.awaitHealthy(Duration.ofMinutes(3));
    return service;
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
