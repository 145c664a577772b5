package crm.bulkimport.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Api;
import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.Tenant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenancyTest extends ServiceTest {

  @Test
  void a_call_without_a_key_is_401_and_says_how_to_authenticate() {
    Api.Response response = api().get(null, "/api/import/list/" + UUID.randomUUID());

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.text("error")).isEqualTo("unauthorized");
    assertThat(response.text("message")).contains("Authorization: Bearer");
  }

  @Test
  void a_wrong_key_is_401_with_the_same_answer_as_no_key() {
    Api.Response wrong = api().get("cbi_not-a-real-key", "/api/import/list/" + UUID.randomUUID());
    Api.Response none = api().get(null, "/api/import/list/" + UUID.randomUUID());

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.raw().body()).isEqualTo(none.raw().body());
  }

  @Test
  void a_merchant_key_uploads_for_its_own_merchant_without_naming_it() {
    Tenant tenant = newTenant();
    String key = createKey(tenant.merchantId());

    Api.Response accepted = api().upload(key, null, tenant.csv(2, 1));

    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.text("merchant_id")).isEqualTo(tenant.merchantId().toString());
    assertThat(api().awaitFinished(key, accepted.text("batch_id")).text("status"))
        .isEqualTo("completed");
  }

  @Test
  void a_merchant_key_cannot_upload_for_another_merchant() {
    Tenant mine = newTenant();
    Tenant theirs = newTenant();
    String key = createKey(mine.merchantId());

    Api.Response response = api().upload(key, theirs.merchantId(), theirs.csv(1, 1));

    assertThat(response.status()).isEqualTo(404);
    assertThat(theirs.purchasesInLedger(jdbc)).isZero();
  }

  @Test
  void another_merchants_batch_and_list_look_like_they_do_not_exist() {
    Tenant mine = newTenant();
    Tenant theirs = newTenant();
    String myKey = createKey(mine.merchantId());
    String theirBatch =
        api().upload(ADMIN_KEY, theirs.merchantId(), theirs.csv(1, 1)).text("batch_id");

    Api.Response status = api().get(myKey, "/api/import/status/" + theirBatch);
    Api.Response missing = api().get(myKey, "/api/import/status/" + UUID.randomUUID());
    Api.Response list = api().get(myKey, "/api/import/list/" + theirs.merchantId());

    assertThat(status.status()).isEqualTo(404);
    assertThat(status.text("error")).isEqualTo(missing.text("error"));
    assertThat(list.status()).isEqualTo(404);
    assertThat(api().get(myKey, "/api/import/list/" + mine.merchantId()).status()).isEqualTo(200);
  }

  @Test
  void a_merchant_key_may_not_use_the_admin_endpoints() {
    Tenant tenant = newTenant();
    String key = createKey(tenant.merchantId());

    Api.Response response =
        api().post(key, "/api/admin/merchants/" + tenant.merchantId() + "/api-keys");

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.text("error")).isEqualTo("forbidden");
  }

  @Test
  void a_key_is_stored_only_as_a_hash_and_shown_once() {
    Tenant tenant = newTenant();
    Api.Response created =
        api().post(ADMIN_KEY, "/api/admin/merchants/" + tenant.merchantId() + "/api-keys");

    assertThat(created.status()).isEqualTo(201);
    String key = created.text("api_key");
    assertThat(key).startsWith("cbi_").hasSizeGreaterThan(40);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from merchant_api_keys where key_hash = sha256(convert_to(?,"
                    + " 'UTF8')) and id = ?::uuid",
                Integer.class,
                key,
                created.text("key_id")))
        .isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from merchant_api_keys where encode(key_hash, 'escape') like ?"
                    + " or key_hint = ?",
                Integer.class,
                "%" + key + "%",
                key))
        .isZero();
  }

  @Test
  void a_revoked_key_is_refused() {
    Tenant tenant = newTenant();
    Api.Response created =
        api().post(ADMIN_KEY, "/api/admin/merchants/" + tenant.merchantId() + "/api-keys");
    String key = created.text("api_key");
    assertThat(api().get(key, "/api/import/list/" + tenant.merchantId()).status()).isEqualTo(200);

    Api.Response revoked = api().delete(ADMIN_KEY, "/api/admin/api-keys/" + created.text("key_id"));

    assertThat(revoked.status()).isEqualTo(204);
    assertThat(api().get(key, "/api/import/list/" + tenant.merchantId()).status()).isEqualTo(401);
    assertThat(api().delete(ADMIN_KEY, "/api/admin/api-keys/" + created.text("key_id")).status())
        .isEqualTo(404);
  }

  @Test
  void a_key_for_an_unknown_merchant_is_not_created() {
    Api.Response response =
        api().post(ADMIN_KEY, "/api/admin/merchants/" + UUID.randomUUID() + "/api-keys");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.text("error")).isEqualTo("unknown_merchant");
  }

  @Test
  void a_key_says_whose_it_is() {
    Tenant tenant = newTenant();
    String key = createKey(tenant.merchantId());

    Api.Response merchant = api().get(key, "/api/me");
    Api.Response admin = api().get(ADMIN_KEY, "/api/me");

    assertThat(merchant.status()).isEqualTo(200);
    assertThat(merchant.text("role")).isEqualTo("merchant");
    assertThat(merchant.text("merchant_id")).isEqualTo(tenant.merchantId().toString());
    assertThat(merchant.text("merchant_name")).isEqualTo("Test " + tenant.merchantId());
    assertThat(admin.text("role")).isEqualTo("admin");
    assertThat(api().get(null, "/api/me").status()).isEqualTo(401);
  }

  @Test
  void only_the_admin_lists_the_merchants() {
    Tenant tenant = newTenant();
    String key = createKey(tenant.merchantId());

    Api.Response list = api().get(ADMIN_KEY, "/api/admin/merchants");

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().get("merchants").findValuesAsString("id"))
        .contains(tenant.merchantId().toString());
    assertThat(api().get(key, "/api/admin/merchants").status()).isEqualTo(403);
  }

  private String createKey(UUID merchantId) {
    return api()
        .post(ADMIN_KEY, "/api/admin/merchants/" + merchantId + "/api-keys")
        .text("api_key");
  }
}
