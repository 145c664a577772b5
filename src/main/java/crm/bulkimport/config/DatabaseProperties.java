package crm.bulkimport.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the database is, bound from {@code DATABASE_URL}, {@code DATABASE_USER} and {@code
 * DATABASE_PASSWORD}. A blank URL means: start an embedded PostgreSQL.
 */
@ConfigurationProperties("database")
public record DatabaseProperties(String url, String user, String password) {

  public boolean embedded() {
    return url == null || url.isBlank();
  }
}
