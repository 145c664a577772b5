package crm.bulkimport.notify;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Api;
import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.Tenant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Setting a merchant's webhook through the API, on a service that allows no private targets. */
class WebhookSettingsTest extends ServiceTest {

  private static final String SECRET = "a-secret-of-enough-length";

  private String path(UUID merchant) {
    return "/api/admin/merchants/" + merchant + "/webhook";
  }

  private static String body(String url, String secret) {
    return "{\"url\": \"" + url + "\", \"secret\": \"" + secret + "\"}";
  }

  @Test
  void the_admin_sets_reads_and_removes_a_webhook_and_the_secret_is_never_shown() {
    Tenant tenant = newTenant();

    Api.Response set =
        api()
            .putJson(ADMIN_KEY, path(tenant.merchantId()), body("https://93.184.216.34/h", SECRET));
    Api.Response read = api().get(ADMIN_KEY, path(tenant.merchantId()));

    assertThat(set.status()).isEqualTo(200);
    assertThat(read.text("url")).isEqualTo("https://93.184.216.34/h");
    assertThat(read.raw().body()).doesNotContain(SECRET);
    assertThat(api().delete(ADMIN_KEY, path(tenant.merchantId())).status()).isEqualTo(204);
    assertThat(api().get(ADMIN_KEY, path(tenant.merchantId())).text("error"))
        .isEqualTo("no_webhook");
    assertThat(api().delete(ADMIN_KEY, path(tenant.merchantId())).status()).isEqualTo(404);
  }

  @Test
  void a_url_that_reaches_inside_the_network_is_refused() {
    Tenant tenant = newTenant();

    Api.Response refused =
        api()
            .putJson(
                ADMIN_KEY,
                path(tenant.merchantId()),
                body("http://169.254.169.254/latest/meta-data", SECRET));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("error")).isEqualTo("webhook_url_refused");
    assertThat(refused.text("message")).contains("169.254.169.254");
    assertThat(api().get(ADMIN_KEY, path(tenant.merchantId())).status()).isEqualTo(404);
  }

  @Test
  void a_short_secret_a_bad_body_and_an_unknown_merchant_get_clear_answers() {
    Tenant tenant = newTenant();

    Api.Response shortSecret =
        api().putJson(ADMIN_KEY, path(tenant.merchantId()), body("https://93.184.216.34/", "x"));
    Api.Response notJson = api().putJson(ADMIN_KEY, path(tenant.merchantId()), "{url:");
    Api.Response unknown =
        api().putJson(ADMIN_KEY, path(UUID.randomUUID()), body("https://93.184.216.34/", SECRET));

    assertThat(shortSecret.status()).isEqualTo(400);
    assertThat(shortSecret.text("error")).isEqualTo("invalid_webhook_secret");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.text("error")).isEqualTo("invalid_json");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text("error")).isEqualTo("unknown_merchant");
  }

  @Test
  void a_merchant_key_may_not_set_a_webhook() {
    Tenant tenant = newTenant();
    String key =
        api()
            .post(ADMIN_KEY, "/api/admin/merchants/" + tenant.merchantId() + "/api-keys")
            .text("api_key");

    Api.Response response =
        api().putJson(key, path(tenant.merchantId()), body("https://93.184.216.34/", SECRET));

    assertThat(response.status()).isEqualTo(403);
  }
}
