package crm.bulkimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Api;
import crm.bulkimport.support.ServiceProcess;
import crm.bulkimport.support.Tenant;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Stops the service's PostgreSQL in the middle of an import and starts it again: health says 503
 * meanwhile, then the batch is retried and completes, exactly once.
 */
@org.junit.jupiter.api.Tag("own-database")
class DatabaseOutageTest {

  static final int PURCHASES = 60_000;

  @Test
  void an_import_cut_off_by_a_database_restart_completes_once_the_database_is_back()
      throws Exception {
    Path data = Files.createTempDirectory("outage-pg");
    int port = freePort();
    EmbeddedPostgres postgres = start(data, port);
    String url = "jdbc:postgresql://localhost:" + port + "/postgres";
    JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", "postgres"));
    try (ServiceProcess service = ServiceProcess.startAs(url, "postgres", "postgres", "outage")) {
      Api api = service.api();
      Tenant tenant = Tenant.create(jdbc, 5, 5);
      byte[] csv = tenant.csv(PURCHASES, 3).getBytes(StandardCharsets.UTF_8);
      String batchId =
          api.upload(ServiceProcess.ADMIN_KEY, tenant.merchantId(), "big.csv", csv)
              .text("batch_id");
      api.awaitRowsParsed(ServiceProcess.ADMIN_KEY, batchId);

      postgres.close();
      assertThat(awaitHealth(api, 503)).isTrue();
      postgres = start(data, port);
      assertThat(awaitHealth(api, 200)).isTrue();

      JsonNode done = api.awaitFinished(ServiceProcess.ADMIN_KEY, batchId).json();
      assertThat(done.get("status").asString()).isEqualTo("completed");
      assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(PURCHASES);
      assertThat(tenant.itemsInLedger(jdbc)).isEqualTo(PURCHASES * 3);
    } finally {
      postgres.close();
    }
  }

  private static EmbeddedPostgres start(Path data, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  private static boolean awaitHealth(Api api, int status) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      if (api.get(null, "/health").status() == status) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
