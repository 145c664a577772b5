package crm.bulkimport.upload;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Api;
import crm.bulkimport.support.Csv;
import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.Tenant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ImportApiTest extends ServiceTest {

  @Test
  void an_upload_answers_202_with_the_batch_and_completes_with_the_right_counts() {
    Tenant tenant = newTenant();
    Api.Response accepted = api().upload(ADMIN_KEY, tenant.merchantId(), tenant.csv(3, 2));

    assertThat(accepted.status()).isEqualTo(202);
    String batchId = accepted.text("batch_id");
    assertThat(accepted.header("Location")).isEqualTo("/api/import/status/" + batchId);
    assertThat(accepted.text("status")).isEqualTo("pending");
    assertThat(accepted.text("merchant_id")).isEqualTo(tenant.merchantId().toString());
    assertThat(accepted.text("file_name")).isEqualTo("purchases.csv");

    Api.Response done = api().awaitFinished(ADMIN_KEY, batchId);
    assertThat(done.text("status")).isEqualTo("completed");
    assertThat(done.json().get("total_rows").asInt()).isEqualTo(6);
    assertThat(done.json().get("purchases_count").asInt()).isEqualTo(3);
    assertThat(done.json().get("items_count").asInt()).isEqualTo(6);
    assertThat(done.json().get("error_count").asInt()).isZero();
    assertThat(done.text("started_at")).isNotNull();
    assertThat(done.text("completed_at")).isNotNull();
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(3);
    assertThat(tenant.itemsInLedger(jdbc)).isEqualTo(6);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from purchase_ledger where import_batch_id = ?::uuid",
                Integer.class,
                batchId))
        .isEqualTo(3);
  }

  @Test
  void the_stored_file_is_removed_when_the_batch_completes_or_fails() {
    Tenant tenant = newTenant();
    String completed =
        api().upload(ADMIN_KEY, tenant.merchantId(), tenant.csv(1, 1)).text("batch_id");
    String failed =
        api()
            .upload(ADMIN_KEY, tenant.merchantId(), tenant.csv(1, 1).replace("9.99", "x"))
            .text("batch_id");
    assertThat(api().awaitFinished(ADMIN_KEY, completed).text("status")).isEqualTo("completed");
    assertThat(api().awaitFinished(ADMIN_KEY, failed).text("status")).isEqualTo("failed");

    for (String batchId : java.util.List.of(completed, failed)) {
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from bulk_import_files where batch_id = ?::uuid",
                  Integer.class,
                  batchId))
          .isZero();
    }
  }

  @Test
  void the_sample_file_imports_for_a_merchant_with_its_users_and_skus() throws IOException {
    byte[] sample = Files.readAllBytes(Path.of("samples/sample-purchases.csv"));
    UUID merchant = UUID.fromString("7d3f5c2a-9b1e-4c8d-a6f0-3e2b1c4d5a60");
    jdbc.update(
        "insert into merchants (id, name) values (?, 'Demo') on conflict do nothing", merchant);
    for (String user :
        new String[] {
          "0a6c1e52-3b7d-4f19-9e84-5c2d7b1a9f01",
          "1b7d2f63-4c8e-4a2a-8f95-6d3e8c2b0a12",
          "2c8e3a74-5d9f-4b3b-9aa6-7e4f9d3c1b23"
        }) {
      jdbc.update(
          "insert into users (id, merchant_id) values (?::uuid, ?) on conflict do nothing",
          user,
          merchant);
    }
    for (String sku :
        new String[] {
          "3d9f4b85-6ea0-4c4c-8bb7-8f5a0e4d2c34",
          "4ea05c96-7fb1-4d5d-9cc8-9a6b1f5e3d45",
          "5fb16da7-80c2-4e6e-8dd9-ab7c2a6f4e56",
          "60c27eb8-91d3-4f7f-9eea-bc8d3b7a5f67"
        }) {
      jdbc.update(
          "insert into skus (id, merchant_id) values (?::uuid, ?) on conflict do nothing",
          sku,
          merchant);
    }
    jdbc.update(
        "delete from purchase_items_ledger where transaction_id in (select id from"
            + " purchase_ledger where merchant_id = ?)",
        merchant);
    jdbc.update("delete from purchase_ledger where merchant_id = ?", merchant);

    String batchId = api().upload(ADMIN_KEY, merchant, "sample.csv", sample).text("batch_id");
    Api.Response done = api().awaitFinished(ADMIN_KEY, batchId);

    assertThat(done.text("status")).isEqualTo("completed");
    assertThat(done.json().get("purchases_count").asInt()).isEqualTo(5);
    assertThat(done.json().get("items_count").asInt()).isEqualTo(7);
  }

  @Test
  void a_batch_name_is_kept_and_shown() {
    Tenant tenant = newTenant();
    Api.Response accepted =
        api()
            .uploadForm(
                ADMIN_KEY,
                Map.of("merchant_id", tenant.merchantId().toString(), "batch_name", "January"),
                "jan.csv",
                tenant.csv(1, 1).getBytes(StandardCharsets.UTF_8));

    assertThat(accepted.text("batch_name")).isEqualTo("January");
    assertThat(api().awaitFinished(ADMIN_KEY, accepted.text("batch_id")).text("batch_name"))
        .isEqualTo("January");
  }

  @Test
  void an_upload_without_a_file_is_refused_with_missing_file() {
    Tenant tenant = newTenant();
    Api.Response response =
        api()
            .uploadForm(
                ADMIN_KEY, Map.of("merchant_id", tenant.merchantId().toString()), null, null);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text("error")).isEqualTo("missing_file");
    assertThat(response.text("message")).contains("'file'");
  }

  @Test
  void the_admin_must_name_the_merchant() {
    Tenant tenant = newTenant();
    Api.Response response = api().upload(ADMIN_KEY, null, tenant.csv(1, 1));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text("error")).isEqualTo("missing_merchant_id");
  }

  @Test
  void a_merchant_id_that_is_not_a_uuid_is_refused() {
    Tenant tenant = newTenant();
    Api.Response response =
        api()
            .uploadForm(
                ADMIN_KEY,
                Map.of("merchant_id", "acme' or 1=1 --"),
                "p.csv",
                tenant.csv(1, 1).getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text("error")).isEqualTo("invalid_merchant_id");
  }

  @Test
  void an_unknown_merchant_is_404() {
    Tenant tenant = newTenant();
    Api.Response response = api().upload(ADMIN_KEY, UUID.randomUUID(), tenant.csv(1, 1));

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.text("error")).isEqualTo("unknown_merchant");
  }

  @Test
  void an_empty_file_is_415_empty_file() {
    Api.Response response =
        api().upload(ADMIN_KEY, newTenant().merchantId(), "empty.csv", new byte[0]);

    assertThat(response.status()).isEqualTo(415);
    assertThat(response.text("error")).isEqualTo("empty_file");
  }

  @Test
  void a_gzip_compressed_csv_is_imported_as_the_csv_it_holds_and_stored_as_it_came()
      throws IOException {
    Tenant tenant = newTenant();
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tenant.csv(5, 2).getBytes(StandardCharsets.UTF_8));
    }
    Api.Response response =
        api().upload(ADMIN_KEY, tenant.merchantId(), "p.csv.gz", gz.toByteArray());

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.json().get("file_size").asLong()).isEqualTo(gz.size());
    JsonNode done = api().awaitFinished(ADMIN_KEY, response.text("batch_id")).json();
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("completed");
    assertThat(done.get("total_rows").asInt()).isEqualTo(10);
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(5);
    assertThat(tenant.itemsInLedger(jdbc)).isEqualTo(10);
  }

  @Test
  void a_sheet_named_for_a_csv_file_is_400_unknown_sheet() {
    Tenant tenant = newTenant();
    Api.Response response =
        api()
            .uploadForm(
                ADMIN_KEY,
                java.util.Map.of("merchant_id", tenant.merchantId().toString(), "sheet", "Orders"),
                "p.csv",
                tenant.csv(1, 1).getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text("error")).isEqualTo("unknown_sheet");
    assertThat(response.text("message"))
        .isEqualTo(
            "The file is a CSV file, which has no sheets; leave out the sheet, or upload the"
                + " workbook.");
  }

  @Test
  void latin1_text_is_415_invalid_encoding() {
    Tenant tenant = newTenant();
    byte[] latin1 =
        (Csv.HEADER + "\nCafé-1,2024-01-15,x,1,y,1,1,1\n").getBytes(StandardCharsets.ISO_8859_1);
    Api.Response response = api().upload(ADMIN_KEY, tenant.merchantId(), "p.csv", latin1);

    assertThat(response.status()).isEqualTo(415);
    assertThat(response.text("error")).isEqualTo("invalid_encoding");
  }

  @Test
  void a_json_body_is_415_with_how_to_send_a_file() {
    Api.Response response =
        api()
            .postRaw(
                ADMIN_KEY,
                "/api/import/purchases",
                "application/json",
                "{\"purchases\": []}".getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).isEqualTo(415);
    assertThat(response.text("error")).isEqualTo("unsupported_media_type");
    assertThat(response.text("message")).contains("multipart/form-data");
  }

  @Test
  void a_file_over_the_limit_is_413_and_no_batch_is_created() {
    Tenant tenant = newTenant();
    byte[] big = new byte[21 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    Api.Response response = api().upload(ADMIN_KEY, tenant.merchantId(), "big.csv", big);

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.text("error")).isEqualTo("file_too_large");
    assertThat(response.text("message")).contains("20MB");
    assertThat(tenant.batchCount(jdbc)).isZero();
  }

  @Test
  void the_status_of_an_unknown_batch_is_404() {
    Api.Response response = api().get(ADMIN_KEY, "/api/import/status/" + UUID.randomUUID());

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.text("error")).isEqualTo("batch_not_found");
  }

  @Test
  void a_batch_id_that_is_not_a_uuid_is_400() {
    Api.Response response = api().get(ADMIN_KEY, "/api/import/status/not-a-uuid");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text("error")).isEqualTo("invalid_batch_id");
  }

  @Test
  void the_list_shows_the_merchants_batches_newest_first_and_at_most_50() {
    Tenant tenant = newTenant();
    for (int i = 0; i < 52; i++) {
      jdbc.update(
          "insert into bulk_import_batches (id, merchant_id, batch_name, status, created_at)"
              + " values (?, ?, ?, 'failed', now() - make_interval(mins => ?))",
          UUID.randomUUID(),
          tenant.merchantId(),
          "old-" + i,
          60 + i);
    }
    String newest = api().upload(ADMIN_KEY, tenant.merchantId(), tenant.csv(1, 1)).text("batch_id");

    Api.Response list = api().get(ADMIN_KEY, "/api/import/list/" + tenant.merchantId());

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.text("merchant_id")).isEqualTo(tenant.merchantId().toString());
    assertThat(list.json().get("batches").size()).isEqualTo(50);
    assertThat(list.json().get("batches").get(0).get("batch_id").asString()).isEqualTo(newest);
    assertThat(list.json().get("batches").get(1).get("batch_name").asString()).isEqualTo("old-0");
    assertThat(list.json().get("batches").get(49).get("batch_name").asString()).isEqualTo("old-48");
    assertThat(list.json().get("batches").get(0).has("errors")).isFalse();
  }

  @Test
  void health_is_up_without_a_key() {
    Api.Response health = api().get(null, "/health");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.text("status")).isEqualTo("UP");
  }
}
