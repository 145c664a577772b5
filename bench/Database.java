package bench;

import static bench.ProgressLog.log;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the benchmark's database is, from the same variables the service reads. */
record Database(String url, String user, String password, String host, int port, String name) {

  static Database fromEnvironment() {
    String url = env("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/crm_bench");
    Matcher m = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?]+).*").matcher(url);
    if (!m.matches()) {
      throw new BenchmarkFailure(
          "DATABASE_URL must look like jdbc:postgresql://host:port/database, not " + url);
    }
    int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
    return new Database(url, env("DATABASE_USER", "postgres"), System.getenv("DATABASE_PASSWORD"),
        m.group(1), port, m.group(3));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  Connection connect() throws SQLException {
    return connect(url);
  }

  private Connection connect(String jdbcUrl) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    if (password != null) {
      properties.setProperty("password", password);
    }
    return DriverManager.getConnection(jdbcUrl, properties);
  }

  /** Creates the database through the server's maintenance database when it is missing. */
  void createIfMissing() throws SQLException {
    try (Connection admin = connect("jdbc:postgresql://" + host + ":" + port + "/postgres");
        PreparedStatement exists =
            admin.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, name);
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      log("Creating database %s", name);
      try (Statement create = admin.createStatement()) {
        create.execute("create database \"" + name.replace("\"", "\"\"") + "\"");
      }
    }
  }

  Map<String, String> serviceEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DATABASE_URL", url);
    env.put("DATABASE_USER", user);
    if (password != null) {
      env.put("DATABASE_PASSWORD", password);
    }
    return env;
  }

  Map<String, String> psqlEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PGHOST", host);
    env.put("PGPORT", Integer.toString(port));
    env.put("PGUSER", user);
    env.put("PGDATABASE", name);
    if (password != null) {
      env.put("PGPASSWORD", password);
    }
    return env;
  }
}
