package crm.bulkimport.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The PostgreSQL the tests use: the one named by {@code DATABASE_URL} when it is set (CI runs the
 * suite once more against the server on 127.0.0.1:5432), otherwise one embedded server for the
 * whole test run.
 */
public final class TestDatabase {

  private static EmbeddedPostgres embedded;

  private TestDatabase() {}

  public static boolean external() {
    String url = System.getenv("DATABASE_URL");
    return url != null && !url.isBlank();
  }

  public static synchronized String url() {
    if (external()) {
      return System.getenv("DATABASE_URL");
    }
    if (embedded == null) {
      try {
        embedded = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return embedded.getJdbcUrl("postgres", "postgres");
  }

  /** A new, empty database on the same server, for a test that needs one of its own. */
  public static String freshDatabase(String prefix) {
    String name =
        prefix + "_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("create database " + name);
    return url().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
  }

  /** Drops a database made by {@link #freshDatabase}, whoever is still connected to it. */
  public static void dropDatabase(String url) {
    String name = url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
    execute("drop database if exists " + name + " with (force)");
  }

  private static void execute(String sql) {
    try (java.sql.Connection connection =
            java.sql.DriverManager.getConnection(url(), user(), password());
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String user() {
    return external() ? env("DATABASE_USER", "postgres") : "postgres";
  }

  public static String password() {
    return external() ? env("DATABASE_PASSWORD", "") : "postgres";
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }
}
