package crm.bulkimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Api;
import crm.bulkimport.support.ServiceProcess;
import crm.bulkimport.support.Tenant;
import crm.bulkimport.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Kills a real service JVM with SIGKILL in the middle of an import, starts another, and checks the
 * batch finishes by itself, every row exactly once, never visible half written.
 */
class CrashRecoveryTest {

  static final int PURCHASES = 60_000;
  static final int ITEMS_EACH = 3;

  String database;
  JdbcTemplate jdbc;

  @BeforeEach
  void ownDatabase() {
    database = TestDatabase.freshDatabase("crash");
    jdbc =
        new JdbcTemplate(
            new DriverManagerDataSource(database, TestDatabase.user(), TestDatabase.password()));
  }

  @AfterEach
  void dropDatabase() {
    TestDatabase.dropDatabase(database);
  }

  @Test
  void killed_while_processing_the_batch_is_finished_by_the_next_instance_exactly_once()
      throws Exception {
    String batchId;
    Tenant tenant;
    try (ServiceProcess first = ServiceProcess.start(database, "crash-first")) {
      tenant = Tenant.create(jdbc, 5, 5);
      // Written straight to the table: the finished batch must be announced exactly once too.
      jdbc.update(
          "insert into merchant_webhooks (merchant_id, url, secret, updated_at) values (?,"
              + " 'http://127.0.0.1:9/hook', 'a-secret-long-enough', now())",
          tenant.merchantId());
      batchId = upload(first.api(), tenant);
      JsonNode parsing = first.api().awaitRowsParsed(ServiceProcess.ADMIN_KEY, batchId);
      assertThat(parsing.get("status").asString()).isEqualTo("processing");

      first.kill();
    }
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();
    assertThat(status(batchId)).isEqualTo("processing");

    try (ServiceProcess second = ServiceProcess.start(database, "crash-second")) {
      // From the moment the new instance answers, not from its JVM's start, which a loaded
      // machine can stretch past any bound: the takeover itself is what must be prompt.
      Instant up = Instant.now();
      JsonNode done = second.api().awaitFinished(ServiceProcess.ADMIN_KEY, batchId).json();

      assertThat(done.get("status").asString()).isEqualTo("completed");
      assertThat(Duration.between(up, Instant.now())).isLessThan(Duration.ofSeconds(60));
      assertThat(done.get("purchases_count").asInt()).isEqualTo(PURCHASES);
    }
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(PURCHASES);
    assertThat(tenant.itemsInLedger(jdbc)).isEqualTo(PURCHASES * ITEMS_EACH);
    assertThat(
            jdbc.queryForObject(
                "select attempts from bulk_import_batches where id = ?::uuid",
                Integer.class,
                batchId))
        .isEqualTo(2);
    assertThat(
            jdbc.queryForList(
                "select event from webhook_deliveries where batch_id = ?::uuid",
                String.class,
                batchId))
        .containsExactly("import.completed");
  }

  @Test
  void killed_right_after_accepting_the_upload_the_batch_still_completes_once() throws Exception {
    String batchId;
    Tenant tenant;
    try (ServiceProcess first = ServiceProcess.start(database, "accept-first")) {
      tenant = Tenant.create(jdbc, 5, 5);
      batchId = upload(first.api(), tenant);

      first.kill();
    }

    try (ServiceProcess second = ServiceProcess.start(database, "accept-second")) {
      JsonNode done = second.api().awaitFinished(ServiceProcess.ADMIN_KEY, batchId).json();

      assertThat(done.get("status").asString()).isEqualTo("completed");
    }
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(PURCHASES);
    assertThat(tenant.itemsInLedger(jdbc)).isEqualTo(PURCHASES * ITEMS_EACH);
  }

  private String upload(Api api, Tenant tenant) {
    byte[] csv = tenant.csv(PURCHASES, ITEMS_EACH).getBytes(StandardCharsets.UTF_8);
    Api.Response accepted =
        api.upload(ServiceProcess.ADMIN_KEY, tenant.merchantId(), "big.csv", csv);
    assertThat(accepted.status()).isEqualTo(202);
    return accepted.text("batch_id");
  }

  private String status(String batchId) {
    return jdbc.queryForObject(
        "select status from bulk_import_batches where id = ?::uuid", String.class, batchId);
  }
}
