package crm.bulkimport.web;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Api;
import crm.bulkimport.support.ServiceTest;
import org.junit.jupiter.api.Test;

/** The page is served by the service itself, under a policy that allows only this origin. */
class WebPageHeadersTest extends ServiceTest {

  private static final String POLICY =
      "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  @Test
  void the_page_and_its_assets_are_served_with_a_same_origin_content_security_policy() {
    for (String path : new String[] {"/", "/index.html", "/app.js", "/api.js", "/app.css"}) {
      Api.Response response = api().get(null, path);

      assertThat(response.status()).as(path).isEqualTo(200);
      assertThat(response.header("Content-Security-Policy")).as(path).isEqualTo(POLICY);
    }
    assertThat(api().get(null, "/").header("Content-Type")).startsWith("text/html");
    assertThat(api().get(null, "/app.js").header("Content-Type")).contains("javascript");
  }

  @Test
  void the_page_has_no_inline_script_or_style_that_the_policy_would_refuse() {
    String html = api().get(null, "/").raw().body();

    assertThat(html).contains("<script type=\"module\" src=\"app.js\"></script>");
    assertThat(html.replace("<script type=\"module\" src=\"app.js\"></script>", ""))
        .doesNotContain("<script")
        .doesNotContain("<style")
        .doesNotContain(" style=")
        .doesNotContainPattern(" on[a-z]+=");
  }

  @Test
  void api_answers_keep_their_headers_without_the_page_policy() {
    Api.Response me = api().get(ADMIN_KEY, "/api/me");
    Api.Response unauthorised = api().get("wrong", "/api/me");

    assertThat(me.status()).isEqualTo(200);
    assertThat(me.text("role")).isEqualTo("admin");
    assertThat(me.header("Content-Security-Policy")).isNull();
    assertThat(unauthorised.status()).isEqualTo(401);
    assertThat(unauthorised.header("Content-Security-Policy")).isNull();
    assertThat(api().get(null, "/health").header("Content-Security-Policy")).isNull();
  }
}
