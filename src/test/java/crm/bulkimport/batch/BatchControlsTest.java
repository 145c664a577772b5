package crm.bulkimport.batch;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Api;
import crm.bulkimport.support.Csv;
import crm.bulkimport.support.Poll;
import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class BatchControlsTest extends ServiceTest {

  @Autowired BatchRetention retention;

  private Api.Response upload(Tenant tenant, Map<String, String> extra, String csv) {
    Map<String, String> fields = new java.util.LinkedHashMap<>(extra);
    fields.put("merchant_id", tenant.merchantId().toString());
    return api().uploadForm(ADMIN_KEY, fields, "p.csv", csv.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void the_same_file_again_is_409_duplicate_file_naming_the_first_batch() {
    Tenant tenant = newTenant();
    String csv = tenant.csv(2, 1);
    String first = upload(tenant, Map.of(), csv).text("batch_id");

    Api.Response again = upload(tenant, Map.of(), csv);

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.text("error")).isEqualTo("duplicate_file");
    assertThat(again.text("batch_id")).isEqualTo(first);
    assertThat(again.text("message")).contains("allow_duplicate=true");
    assertThat(tenant.batchCount(jdbc)).isEqualTo(1);
    assertThat(upload(tenant, Map.of("allow_duplicate", "true"), csv).status()).isEqualTo(202);
  }

  @Test
  void the_same_idempotency_key_returns_the_first_batch() {
    Tenant tenant = newTenant();
    Api.Response first = uploadWithKey(tenant, "order-42", tenant.csv(2, 1));
    Api.Response second = uploadWithKey(tenant, "order-42", tenant.csv(3, 1));

    assertThat(second.status()).isEqualTo(202);
    assertThat(second.text("batch_id")).isEqualTo(first.text("batch_id"));
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
    Tenant other = newTenant();
    assertThat(uploadWithKey(other, "order-42", other.csv(1, 1)).text("batch_id"))
        .isNotEqualTo(first.text("batch_id"));
  }

  private Api.Response uploadWithKey(Tenant tenant, String key, String csv) {
    String boundary = "b" + UUID.randomUUID();
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"merchant_id\"\r\n\r\n"
            + tenant.merchantId()
            + "\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\n\r\n"
            + csv
            + "\r\n--"
            + boundary
            + "--\r\n";
    try {
      var request =
          java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create("http://localhost:" + port + "/api/import/purchases"))
              .header("Authorization", "Bearer " + ADMIN_KEY)
              .header("Idempotency-Key", key)
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
              .build();
      var response =
          java.net.http.HttpClient.newHttpClient()
              .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      return new Api.Response(
          response.statusCode(),
          response,
          tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void a_dry_run_checks_everything_writes_nothing_and_does_not_block_the_real_import() {
    Tenant tenant = newTenant();
    String csv = tenant.csv(4, 3);

    Api.Response dry = upload(tenant, Map.of("dry_run", "true"), csv);
    Api.Response done = api().awaitFinished(ADMIN_KEY, dry.text("batch_id"));

    assertThat(done.text("status")).isEqualTo("completed");
    assertThat(done.json().get("dry_run").asBoolean()).isTrue();
    assertThat(done.json().get("purchases_count").asInt()).isEqualTo(4);
    assertThat(done.json().get("items_count").asInt()).isEqualTo(12);
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();

    Api.Response real = upload(tenant, Map.of(), csv);
    assertThat(real.status()).isEqualTo(202);
    assertThat(api().awaitFinished(ADMIN_KEY, real.text("batch_id")).text("status"))
        .isEqualTo("completed");
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(4);
  }

  @Test
  void a_dry_run_of_a_bad_file_fails_with_its_errors() {
    Tenant tenant = newTenant();
    String csv = tenant.csv(2, 1) + "X-1,2024-01-15,nobody,1,x,1,1,1\n";

    Api.Response done =
        api()
            .awaitFinished(
                ADMIN_KEY, upload(tenant, Map.of("dry_run", "true"), csv).text("batch_id"));

    assertThat(done.text("status")).isEqualTo("failed");
    assertThat(done.json().get("dry_run").asBoolean()).isTrue();
    assertThat(done.json().get("error_count").asInt()).isEqualTo(2);
  }

  @Test
  void a_pending_batch_is_cancelled_at_once() {
    Tenant tenant = newTenant();
    UUID id = tenant.pendingBatch(jdbc, null);

    Api.Response cancelled = api().post(ADMIN_KEY, "/api/import/" + id + "/cancel");

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.text("status")).isEqualTo("cancelled");
  }

  @Test
  void a_processing_batch_stops_rolls_back_and_ends_cancelled() throws Exception {
    Tenant tenant = newTenant();
    Api.Response accepted = upload(tenant, Map.of(), tenant.csv(50_000, 3));
    String id = accepted.text("batch_id");
    awaitStatus(id, "processing");

    Api.Response cancel = api().post(ADMIN_KEY, "/api/import/" + id + "/cancel");
    Api.Response done = api().awaitFinished(ADMIN_KEY, id);

    assertThat(cancel.status()).isEqualTo(202);
    assertThat(done.text("status")).isEqualTo("cancelled");
    assertThat(done.text("error_message"))
        .isEqualTo("Cancelled while it ran; nothing was imported.");
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();
    assertThat(count("bulk_import_files", "batch_id", UUID.fromString(id))).isZero();
    assertThat(api().post(ADMIN_KEY, "/api/import/" + id + "/cancel").status()).isEqualTo(409);
  }

  @Test
  void a_finished_batch_cannot_be_cancelled() {
    Tenant tenant = newTenant();
    String id = upload(tenant, Map.of(), tenant.csv(1, 1)).text("batch_id");
    api().awaitFinished(ADMIN_KEY, id);

    Api.Response cancel = api().post(ADMIN_KEY, "/api/import/" + id + "/cancel");

    assertThat(cancel.status()).isEqualTo(409);
    assertThat(cancel.text("error")).isEqualTo("batch_finished");
    assertThat(cancel.text("status")).isEqualTo("completed");
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(1);
  }

  @Test
  void the_error_report_has_every_error_with_the_original_row_and_no_live_formulas() {
    Tenant tenant = newTenant();
    String csv =
        Csv.HEADER
            + ",note\n"
            + "=HYPERLINK(\"http://evil\"),2024-01-15,not-a-uuid,1,"
            + tenant.skus().get(0)
            + ",1,1,1,@SUM(A1)\n"
            + "T-2,2024-01-15,"
            + tenant.users().get(0)
            + ",1,"
            + UUID.randomUUID()
            + ",1,1,1,\"multi\nline\"\n";
    String id = upload(tenant, Map.of(), csv).text("batch_id");
    api().awaitFinished(ADMIN_KEY, id);

    Api.Response report = api().get(ADMIN_KEY, "/api/import/status/" + id + "/errors.csv");

    assertThat(report.status()).isEqualTo(200);
    assertThat(report.header("Content-Type")).startsWith("text/csv");
    List<String> lines = report.raw().body().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("line,transaction_number,column,code,message," + Csv.HEADER + ",note");
    assertThat(lines.get(1))
        .startsWith("2,\"'=HYPERLINK(\"\"http://evil\"\")\",user_id,invalid_uuid,")
        .endsWith(",'@SUM(A1)");
    assertThat(lines.get(2)).startsWith("3,T-2,sku_id,unknown_sku,").contains(",T-2,2024-01-15,");
    assertThat(report.raw().body()).contains("\"multi\nline\"");
  }

  @Test
  void semicolon_and_tab_separated_files_are_detected_and_say_so() {
    for (String delimiter : List.of(";", "\t")) {
      Tenant tenant = newTenant();
      String csv = tenant.csv(2, 2).replace(",", delimiter);

      Api.Response done =
          api().awaitFinished(ADMIN_KEY, upload(tenant, Map.of(), csv).text("batch_id"));

      assertThat(done.text("status")).isEqualTo("completed");
      assertThat(done.text("delimiter")).isEqualTo(delimiter);
      assertThat(done.json().get("warnings").get(0).asString())
          .isEqualTo(
              "Detected "
                  + (delimiter.equals(";") ? "semicolons (;)" : "tabs")
                  + " as the delimiter, not commas.");
      assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(2);
    }
  }

  @Test
  void finished_batches_past_retention_are_deleted_with_their_files_and_errors() {
    Tenant tenant = newTenant();
    UUID old = UUID.randomUUID();
    UUID recent = UUID.randomUUID();
    UUID running = UUID.randomUUID();
    insertBatch(old, tenant, "failed", Instant.now().minus(Duration.ofDays(31)));
    insertBatch(recent, tenant, "completed", Instant.now().minus(Duration.ofDays(29)));
    insertBatch(running, tenant, "processing", null);
    jdbc.update(
        "insert into bulk_import_errors (batch_id, seq, code, message) values (?, 0, 'x', 'y')",
        old);
    jdbc.update(
        "insert into bulk_import_files (batch_id, seq, data) values (?, 0, '\\x00'::bytea)", old);

    int deleted = retention.deleteExpired();

    assertThat(deleted).isGreaterThanOrEqualTo(1);
    assertThat(count("bulk_import_batches", "id", old)).isZero();
    assertThat(count("bulk_import_errors", "batch_id", old)).isZero();
    assertThat(count("bulk_import_files", "batch_id", old)).isZero();
    assertThat(count("bulk_import_batches", "id", recent)).isEqualTo(1);
    assertThat(count("bulk_import_batches", "id", running)).isEqualTo(1);
  }

  private void insertBatch(UUID id, Tenant tenant, String status, Instant completedAt) {
    jdbc.update(
        "insert into bulk_import_batches (id, merchant_id, status, created_at, completed_at)"
            + " values (?, ?, ?, now() - interval '40 days', ?)",
        id,
        tenant.merchantId(),
        status,
        completedAt == null ? null : java.sql.Timestamp.from(completedAt));
  }

  private int count(String table, String column, UUID id) {
    return jdbc.queryForObject(
        "select count(*) from " + table + " where " + column + " = ?", Integer.class, id);
  }

  private void awaitStatus(String id, String wanted) {
    Poll.until(
        Duration.ofSeconds(30),
        Duration.ofMillis(20),
        () -> api().get(ADMIN_KEY, "/api/import/status/" + id).text("status"),
        wanted::equals,
        status -> "Batch " + id + " never reached " + wanted);
  }
}
