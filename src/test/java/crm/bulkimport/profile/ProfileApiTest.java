package crm.bulkimport.profile;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Api;
import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/import/profiles}, uploads with a profile, and what a batch keeps of it. */
class ProfileApiTest extends ServiceTest {

  private Tenant tenant;

  @BeforeEach
  void merchantWithKeys() {
    tenant = newTenant();
    for (int i = 0; i < tenant.users().size(); i++) {
      jdbc.update(
          "update users set email = ? where id = ?",
          "user" + i + "@shop.example",
          tenant.users().get(i));
    }
    for (int i = 0; i < tenant.skus().size(); i++) {
      jdbc.update("update skus set code = ? where id = ?", "SKU-" + i, tenant.skus().get(i));
    }
  }

  private String body(String name) {
    return """
        {"merchant_id": "%s", "name": "%s",
         "columns": {"transaction_number": "Order", "transaction_date": "Date", "user": "Email",
                     "sku": "Product", "quantity": "Qty", "line_total": "Amount"},
         "user_key": "email", "sku_key": "code"}"""
        .formatted(tenant.merchantId(), name);
  }

  private Api.Response create(String name) {
    return api().postJson(ADMIN_KEY, "/api/import/profiles", body(name));
  }

  private Api.Response upload(String profile, String csv) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("merchant_id", tenant.merchantId().toString());
    fields.put("profile", profile);
    return api().uploadForm(ADMIN_KEY, fields, "shop.csv", csv.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void a_profile_is_saved_listed_read_changed_and_deleted() {
    Api.Response created = create("Shop export");
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String id = created.text("profile_id");
    assertThat(created.header("Location")).isEqualTo("/api/import/profiles/" + id);
    assertThat(created.json().get("columns").get("user").asString()).isEqualTo("Email");
    assertThat(created.text("date_format")).isEqualTo("iso");

    JsonNode list =
        api().get(ADMIN_KEY, "/api/import/profiles?merchant_id=" + tenant.merchantId()).json();
    assertThat(list.get("profiles")).hasSize(1);
    assertThat(list.get("profiles").get(0).get("name").asString()).isEqualTo("Shop export");
    assertThat(list.get("presets"))
        .extracting(p -> p.get("profile_id").asString())
        .containsExactly("shopify_orders", "square_items");

    Api.Response renamed =
        api().putJson(ADMIN_KEY, "/api/import/profiles/" + id, body("Shop export (2024)"));
    assertThat(renamed.status()).as(renamed.raw().body()).isEqualTo(200);
    assertThat(api().get(ADMIN_KEY, "/api/import/profiles/" + id).text("name"))
        .isEqualTo("Shop export (2024)");

    assertThat(api().delete(ADMIN_KEY, "/api/import/profiles/" + id).status()).isEqualTo(204);
    assertThat(api().get(ADMIN_KEY, "/api/import/profiles/" + id).status()).isEqualTo(404);
  }

  @Test
  void names_are_unique_per_merchant_whatever_their_case() {
    assertThat(create("Till").status()).isEqualTo(201);
    Api.Response again = create("TILL");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.text("error")).isEqualTo("duplicate_profile_name");
    assertThat(again.text("message"))
        .isEqualTo(
            "This merchant already has a profile named 'TILL'; choose another name, or change that"
                + " profile (PUT).");
  }

  @Test
  void presets_are_read_only_and_another_merchants_profile_is_not_found() {
    assertThat(api().get(ADMIN_KEY, "/api/import/profiles/shopify_orders").text("name"))
        .isEqualTo("Shopify orders export");
    Api.Response put = api().putJson(ADMIN_KEY, "/api/import/profiles/shopify_orders", body("x"));
    assertThat(put.status()).isEqualTo(409);
    assertThat(put.text("error")).isEqualTo("preset_read_only");

    String id = create("Mine").text("profile_id");
    Tenant other = newTenant();
    String otherKey =
        api()
            .post(ADMIN_KEY, "/api/admin/merchants/" + other.merchantId() + "/api-keys")
            .text("api_key");
    Api.Response theirs = api().get(otherKey, "/api/import/profiles/" + id);
    assertThat(theirs.status()).isEqualTo(404);
    assertThat(theirs.text("error")).isEqualTo("unknown_profile");
    assertThat(api().delete(otherKey, "/api/import/profiles/" + id).status()).isEqualTo(404);
    // A merchant key lists its own merchant's profiles without saying which.
    assertThat(api().get(otherKey, "/api/import/profiles").json().get("profiles")).isEmpty();
  }

  @Test
  void a_bad_body_is_refused_with_its_code() {
    Api.Response unknownField =
        api()
            .postJson(
                ADMIN_KEY,
                "/api/import/profiles",
                "{\"merchant_id\": \""
                    + tenant.merchantId()
                    + "\", \"name\": \"x\","
                    + " \"columns\": {\"client\": \"Email\"}}");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.text("error")).isEqualTo("unknown_field");

    Api.Response noBody = api().postJson(ADMIN_KEY, "/api/import/profiles", "");
    assertThat(noBody.status()).isEqualTo(400);

    Api.Response noMerchant =
        api().postJson(ADMIN_KEY, "/api/import/profiles", "{\"name\": \"x\"}");
    assertThat(noMerchant.status()).isEqualTo(400);
    assertThat(noMerchant.text("error")).isEqualTo("missing_merchant_id");
  }

  @Test
  void an_upload_with_a_profile_imports_by_the_merchants_keys_and_keeps_a_copy_of_it() {
    String id = create("Shop export").text("profile_id");
    String csv =
        """
        Order,Date,Email,Product,Qty,Amount
        W-1,2024-05-01,USER0@shop.example,SKU-0,2,5.00
        W-1,2024-05-01,user0@shop.example,SKU-1,1,2.50
        W-2,2024-05-02,user1@shop.example,SKU-2,4,10.00
        """;
    Api.Response accepted = upload(id, csv);
    assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
    String batchId = accepted.text("batch_id");
    // Changing the profile later never changes what the batch meant.
    api().putJson(ADMIN_KEY, "/api/import/profiles/" + id, body("Renamed"));
    JsonNode status = api().awaitFinished(ADMIN_KEY, batchId).json();

    assertThat(status.get("status").asString()).as(status.toString()).isEqualTo("completed");
    assertThat(status.get("purchases_count").asInt()).isEqualTo(2);
    assertThat(status.get("items_count").asInt()).isEqualTo(3);
    assertThat(status.get("profile").get("profile_id").asString()).isEqualTo(id);
    assertThat(status.get("profile").get("name").asString()).isEqualTo("Shop export");
    assertThat(
            jdbc.queryForObject(
                "select final_amount from purchase_ledger where merchant_id = ? and"
                    + " transaction_number = 'W-1'",
                java.math.BigDecimal.class,
                tenant.merchantId()))
        .isEqualByComparingTo("7.50");
    assertThat(
            jdbc.queryForObject(
                "select user_id from purchase_ledger where merchant_id = ? and"
                    + " transaction_number = 'W-2'",
                UUID.class,
                tenant.merchantId()))
        .isEqualTo(tenant.users().get(1));
  }

  @Test
  void errors_name_the_files_own_headers_and_the_report_keeps_its_columns() {
    String id = create("Shop export").text("profile_id");
    String csv =
        """
        Order,Date,Email,Product,Qty,Amount
        W-1,2024-05-01,nobody@shop.example,SKU-0,2,5.00
        W-2,yesterday,user1@shop.example,SKU-2,4,10.00
        """;
    String batchId = upload(id, csv).text("batch_id");
    JsonNode status = api().awaitFinished(ADMIN_KEY, batchId).json();

    assertThat(status.get("status").asString()).isEqualTo("failed");
    assertThat(status.get("errors"))
        .extracting(
            e ->
                e.get("line").asInt()
                    + " "
                    + e.get("column").asString()
                    + " "
                    + e.get("field").asString()
                    + " "
                    + e.get("code").asString())
        .containsExactly("2 Email user unknown_user", "3 Date transaction_date invalid_date");
    String report =
        api().get(ADMIN_KEY, "/api/import/status/" + batchId + "/errors.csv").raw().body();
    assertThat(report.lines().findFirst().orElseThrow())
        .isEqualTo(
            "line,transaction_number,column,code,message,Order,Date,Email,Product,Qty,Amount");
    assertThat(report)
        .contains(
            "3,W-2,Date,invalid_date,\"Date 'yesterday' is not a valid date; use ISO-8601 such as"
                + " 2024-01-15T10:00:00Z, 2024-01-15T10:00:00+07:00, 2024-01-15 10:00:00 or"
                + " 2024-01-15.\",W-2,yesterday,user1@shop.example,SKU-2,4,10.00");
  }

  @Test
  void an_upload_naming_a_profile_that_does_not_exist_is_refused_and_nothing_is_stored() {
    int before = tenant.batchCount(jdbc);
    Api.Response refused = upload("shopify_order", "x\n1\n");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("error")).isEqualTo("unknown_profile");
    assertThat(refused.text("message"))
        .isEqualTo(
            "There is no profile 'shopify_order' for this merchant. Use a saved profile's id (GET"
                + " /api/import/profiles) or a preset: shopify_orders, square_items.");
    Tenant other = newTenant();
    String othersProfile =
        api()
            .postJson(
                ADMIN_KEY,
                "/api/import/profiles",
                body("Theirs")
                    .replace(tenant.merchantId().toString(), other.merchantId().toString()))
            .text("profile_id");
    assertThat(upload(othersProfile, "x\n1\n").text("error")).isEqualTo("unknown_profile");
    assertThat(tenant.batchCount(jdbc)).isEqualTo(before);
  }
}
