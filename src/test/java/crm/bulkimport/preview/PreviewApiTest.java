package crm.bulkimport.preview;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Api;
import crm.bulkimport.support.Csv;
import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.Tenant;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/import/preview}: what a file is, what it would become, storing nothing. */
class PreviewApiTest extends ServiceTest {

  private Tenant tenant;

  @BeforeEach
  void merchantWithKeys() {
    tenant = newTenant();
    jdbc.update("update users set external_id = 'K-1' where id = ?", tenant.users().get(0));
    jdbc.update("update skus set code = '4711' where id = ?", tenant.skus().get(0));
  }

  private Api.Response preview(byte[] file, String profile) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("merchant_id", tenant.merchantId().toString());
    if (profile != null) {
      fields.put("profile", profile);
    }
    return api().preview(ADMIN_KEY, fields, "export.csv", file);
  }

  private static final String GERMAN =
      """
      Belegnummer;Datum;Kundennummer;Artikelnummer;Menge;Einzelpreis
      B-1;15.01.2024 10:30;K-1;4711;1;24,00
      B-2;16.01.2024 11:00;K-404;4711;1;3,50
      B-3;17.01.2024 12:00;K-1;4711;zwei;3,50
      """;

  @Test
  void a_file_is_read_placed_and_checked_against_the_merchants_data_and_nothing_is_stored() {
    int batches = tenant.batchCount(jdbc);
    Api.Response response = preview(GERMAN.getBytes(StandardCharsets.UTF_8), null);

    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    JsonNode preview = response.json();
    assertThat(preview.get("encoding").asString()).isEqualTo("UTF-8");
    assertThat(preview.get("delimiter").asString()).isEqualTo(";");
    assertThat(preview.get("header")).hasSize(6);
    assertThat(preview.get("rows")).hasSize(3);
    assertThat(preview.get("rows").get(1).get(2).asString()).isEqualTo("K-404");
    JsonNode suggestion = preview.get("suggestion");
    assertThat(suggestion.has("profile_id")).isFalse();
    assertThat(suggestion.get("columns").get("user").asString()).isEqualTo("Kundennummer");
    assertThat(suggestion.get("user_key").asString()).isEqualTo("external_id");
    assertThat(suggestion.get("date_format").asString()).isEqualTo("dd.MM.yyyy HH:mm");
    assertThat(suggestion.get("decimal_separator").asString()).isEqualTo(",");
    assertThat(suggestion.get("unmapped")).isEmpty();
    assertThat(preview.get("problems"))
        .extracting(
            p ->
                p.get("line").asInt()
                    + " "
                    + p.get("column").asString()
                    + " "
                    + p.get("code").asString())
        .containsExactly("3 Kundennummer unknown_user", "4 Menge invalid_number");
    assertThat(tenant.batchCount(jdbc)).isEqualTo(batches);
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();
  }

  @Test
  void a_purchase_whose_rows_are_not_adjacent_has_the_problems_an_import_would_find() {
    UUID user = tenant.users().get(0);
    UUID sku = tenant.skus().get(0);
    String file =
        Csv.HEADER
            + "\n"
            + Tenant.row("T-1", user, sku)
            + "\n"
            + Tenant.row("T-2", user, sku)
            + "\n"
            // T-1 again, further down: the same purchase, as an import groups it.
            + Tenant.row("T-1", user, sku)
            + "\n"
            // T-2 again, disagreeing with its first row.
            + Tenant.row("T-2", user, sku).replace("9.99", "5.00")
            + "\n";
    Api.Response response = preview(file.getBytes(StandardCharsets.UTF_8), null);

    assertThat(response.status()).isEqualTo(200);
    JsonNode problems = response.json().get("problems");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).get("line").asInt()).isEqualTo(5);
    assertThat(problems.get(0).get("code").asString()).isEqualTo("inconsistent_transaction");
  }

  @Test
  void a_gzip_file_and_a_workbook_are_previewed_as_the_csv_they_hold() throws Exception {
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write(GERMAN.getBytes(StandardCharsets.UTF_8));
    }
    java.util.List<java.util.List<Object>> rows =
        GERMAN.lines().map(line -> java.util.List.<Object>of((Object[]) line.split(";"))).toList();
    Map<String, java.util.List<java.util.List<Object>>> sheets = new LinkedHashMap<>();
    sheets.put("Notes", java.util.List.of(java.util.List.of("nothing here")));
    sheets.put("Belege", rows);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("merchant_id", tenant.merchantId().toString());
    fields.put("sheet", "Belege");

    JsonNode gzip = preview(gz.toByteArray(), null).json();
    JsonNode workbook =
        api()
            .preview(ADMIN_KEY, fields, "export.xlsx", crm.bulkimport.support.Workbooks.of(sheets))
            .json();

    assertThat(gzip.get("format").asString()).isEqualTo("csv.gz");
    assertThat(workbook.get("format").asString()).as(workbook.toString()).isEqualTo("xlsx");
    assertThat(workbook.get("delimiter").isNull()).isTrue();
    for (JsonNode preview : java.util.List.of(gzip, workbook)) {
      assertThat(preview.get("header")).hasSize(6);
      assertThat(preview.get("rows")).hasSize(3);
      assertThat(preview.get("suggestion").get("columns").get("user").asString())
          .isEqualTo("Kundennummer");
      assertThat(preview.get("problems"))
          .extracting(p -> p.get("line").asInt() + " " + p.get("code").asString())
          .containsExactly("3 unknown_user", "4 invalid_number");
    }
  }

  @Test
  void a_saved_profile_whose_headers_the_file_has_is_recognised() {
    String profile =
        api()
            .postJson(
                ADMIN_KEY,
                "/api/import/profiles",
                """
                {"merchant_id": "%s", "name": "Kasse",
                 "columns": {"transaction_number": "Belegnummer", "transaction_date": "Datum",
                   "user": "Kundennummer", "sku": "Artikelnummer", "quantity": "Menge",
                   "unit_price": "Einzelpreis"},
                 "user_key": "external_id", "sku_key": "code", "date_format": "dd.MM.yyyy HH:mm",
                 "decimal_separator": ","}"""
                    .formatted(tenant.merchantId()))
            .text("profile_id");

    JsonNode suggestion =
        preview(GERMAN.getBytes(StandardCharsets.UTF_8), null).json().get("suggestion");

    assertThat(suggestion.get("profile_id").asString()).isEqualTo(profile);
    assertThat(suggestion.get("name").asString()).isEqualTo("Kasse");
  }

  @Test
  void a_preset_named_in_the_request_is_used_and_its_missing_headers_are_the_problems() {
    JsonNode preview = preview(GERMAN.getBytes(StandardCharsets.UTF_8), "shopify_orders").json();

    assertThat(preview.get("suggestion").get("profile_id").asString()).isEqualTo("shopify_orders");
    assertThat(preview.get("problems"))
        .extracting(p -> p.get("code").asString() + " " + p.get("column").asString())
        .contains("missing_column Name", "missing_column Lineitem sku");
  }

  @Test
  void only_the_head_of_a_large_file_is_read_and_a_row_cut_at_its_end_is_no_problem() {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes("order,date,email,sku,qty,price\n".getBytes(StandardCharsets.UTF_8));
    byte[] row = "1,2024-01-01,someone@example.com,X,1,1.00\n".getBytes(StandardCharsets.UTF_8);
    while (file.size() < 3 * PreviewController.HEAD_BYTES) {
      file.writeBytes(row);
    }

    JsonNode preview = preview(file.toByteArray(), null).json();

    assertThat(preview.get("rows")).hasSize(PreviewController.ROWS);
    assertThat(preview.get("problems"))
        .extracting(p -> p.get("code").asString())
        .doesNotContain("malformed_csv");
  }

  @Test
  void an_empty_file_has_a_problem_and_a_file_that_is_not_utf8_is_refused_as_the_upload_would() {
    JsonNode empty = preview(new byte[0], null).json();
    assertThat(empty.get("problems"))
        .extracting(p -> p.get("code").asString())
        .containsExactly("empty_file");

    byte[] latin1 = "Kunde;Straße\nMüller;x\n".getBytes(StandardCharsets.ISO_8859_1);
    Api.Response preview = preview(latin1, null);
    assertThat(preview.status()).isEqualTo(415);
    assertThat(preview.text("error")).isEqualTo("invalid_encoding");
  }

  @Test
  void what_the_upload_would_refuse_the_preview_refuses_the_same_way() {
    Api.Response pdf =
        preview("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1), null);

    assertThat(pdf.status()).isEqualTo(415);
    assertThat(pdf.text("error")).isEqualTo("unsupported_file");
  }

  @Test
  void a_missing_file_and_another_merchant_are_refused() {
    Api.Response noFile =
        api().preview(ADMIN_KEY, Map.of("merchant_id", tenant.merchantId().toString()), null, null);
    assertThat(noFile.status()).isEqualTo(400);
    assertThat(noFile.text("error")).isEqualTo("missing_file");

    Tenant other = newTenant();
    String otherKey =
        api()
            .post(ADMIN_KEY, "/api/admin/merchants/" + other.merchantId() + "/api-keys")
            .text("api_key");
    Api.Response theirs =
        api()
            .preview(
                otherKey,
                Map.of("merchant_id", tenant.merchantId().toString()),
                "x.csv",
                GERMAN.getBytes(StandardCharsets.UTF_8));
    assertThat(theirs.status()).isEqualTo(404);
    assertThat(List.of(theirs.text("error"))).containsExactly("unknown_merchant");
  }
}
