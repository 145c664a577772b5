package crm.bulkimport.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one DataSource of the service: the PostgreSQL named by {@code DATABASE_URL}, or an embedded
 * one started here when it is unset, so that the service is a complete demo on a bare machine.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

  /** Holds the embedded server, when there is one, so that it stops with the context. */
  static final class EmbeddedServer implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    EmbeddedServer(EmbeddedPostgres postgres) {
      this.postgres = postgres;
    }

    @Override
    public void close() throws IOException {
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  @Bean(destroyMethod = "close")
  EmbeddedServer embeddedServer(DatabaseProperties database, DatabaseSetupProperties setup)
      throws IOException {
    if (!database.embedded()) {
      return new EmbeddedServer(null);
    }
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
    if (!setup.keepsNoEmbeddedData()) {
      builder.setDataDirectory(Path.of(setup.embeddedDataDir())).setCleanDataDirectory(false);
    }
    EmbeddedPostgres postgres = builder.start();
    log.info(
        "DATABASE_URL is not set: started an embedded PostgreSQL on port {}", postgres.getPort());
    return new EmbeddedServer(postgres);
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(
      DatabaseProperties database, ConcurrencyProperties concurrency, EmbeddedServer embedded) {
    DatabaseUrl url =
        database.embedded()
            ? new DatabaseUrl(
                embedded.postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")
            : DatabaseUrl.parse(database.url(), database.user(), database.password());
    HikariConfig config = new HikariConfig();
    config.setPoolName("importer");
    config.setJdbcUrl(url.jdbcUrl());
    config.setUsername(url.user());
    config.setPassword(url.password());
    // Each running import holds one connection for its transaction and borrows a second for
    // progress and errors; HTTP requests need the rest.
    config.setMaximumPoolSize(Math.max(10, concurrency.jobThreads() * 2 + 6));
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  /** Leaves out the CRM's own tables when the database already has them. */
  @Bean
  FlywayConfigurationCustomizer crmTablesMigrations(DatabaseSetupProperties setup) {
    return flyway -> {
      List<String> locations = new ArrayList<>(List.of("classpath:db/importer"));
      if (setup.createCrmTables()) {
        locations.add(0, "classpath:db/crm");
      } else {
        // A database where we once created them and no longer do still validates.
        flyway.ignoreMigrationPatterns("*:missing");
      }
      flyway.locations(locations.toArray(String[]::new));
      // A CRM database already holds tables: start our history there rather than refuse it.
      flyway.baselineOnMigrate(true).baselineVersion("1");
    };
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
