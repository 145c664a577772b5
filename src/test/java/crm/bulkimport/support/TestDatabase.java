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
