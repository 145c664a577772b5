package crm.bulkimport.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A JDBC URL with its credentials, read from either the JDBC form or the {@code
 * postgres://user:pass@host:port/db} form that Render and Heroku hand out.
 */
record DatabaseUrl(String jdbcUrl, String user, String password) {

  static DatabaseUrl parse(String url, String user, String password) {
    String trimmed = url.trim();
    if (trimmed.startsWith("jdbc:postgresql:")) {
      return new DatabaseUrl(trimmed, user, password);
    }
    if (!trimmed.startsWith("postgres://") && !trimmed.startsWith("postgresql://")) {
      throw new IllegalArgumentException(
          "DATABASE_URL must start with jdbc:postgresql://, postgres:// or postgresql://");
    }
    URI uri = URI.create(trimmed);
    String resolvedUser = user;
    String resolvedPassword = password;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      resolvedUser = decode(parts[0]);
      resolvedPassword = parts.length > 1 ? decode(parts[1]) : password;
    }
    String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
    String query = uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "";
    String jdbc = "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query;
    return new DatabaseUrl(jdbc, resolvedUser, resolvedPassword);
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
