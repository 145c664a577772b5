package crm.bulkimport.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The service as a separate JVM, so that a test can kill it for real ({@code kill -9}) and start
 * another on the same database.
 */
public final class ServiceProcess implements AutoCloseable {

  public static final String ADMIN_KEY = "child-admin-key";

  private final Process process;
  private final int port;

  private ServiceProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * {@code java … BulkImportApplication} in a JVM of its own, as the jar runs it; add arguments.
   */
  public static List<String> applicationCommand() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("crm.bulkimport.BulkImportApplication");
    return command;
  }

  public static ServiceProcess start(String databaseUrl, String name, String... extraArgs) {
    return startAs(databaseUrl, TestDatabase.user(), TestDatabase.password(), name, extraArgs);
  }

  public static ServiceProcess startAs(
      String databaseUrl, String user, String password, String name, String... extraArgs) {
    int port = freePort();
    List<String> command = applicationCommand();
    command.add("--server.port=" + port);
    command.add("--database.url=" + databaseUrl);
    command.add("--database.user=" + user);
    command.add("--database.password=" + password);
    command.add("--importer.admin-key=" + ADMIN_KEY);
    command.add("--importer.demo-data=false");
    command.add("--importer.max-file-size=100MB");
    command.add("--importer.heartbeat-interval=1s");
    command.add("--importer.poll-interval=500ms");
    command.addAll(List.of(extraArgs));
    try {
      File log = Path.of("target", "service-" + name + ".log").toFile();
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
              .start();
      ServiceProcess service = new ServiceProcess(process, port);
      service.awaitHealthy(Duration.ofSeconds(60));
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Api api() {
    return new Api(port);
  }

  /** SIGKILL: no shutdown hook, no rollback from our side, nothing flushed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  private void awaitHealthy(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The service process exited with " + process.exitValue());
      }
      try {
        if (api().get(null, "/health").status() == 200) {
          return;
        }
      } catch (RuntimeException e) {
        // Not listening yet.
      }
      sleep(200);
    }
    throw new IllegalStateException("The service did not become healthy in " + timeout);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
