package crm.bulkimport.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1/hook",
        "http://localhost:8080/hook",
        "http://10.1.2.3/hook",
        "http://172.16.0.1/hook",
        "http://192.168.1.10/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://100.64.0.1/hook",
        "http://0.0.0.0/hook",
        "http://[::1]/hook",
        "http://[fd00::1]/hook",
        "http://[fe80::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[::10.0.0.1]/hook",
        "http://[64:ff9b::a00:1]/hook",
        "http://[2002:a9fe:a9fe::1]/hook",
        "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook"
      })
  void private_loopback_and_link_local_targets_are_refused(String url) {
    assertThatThrownBy(() -> WebhookTarget.check(url, false))
        .isInstanceOf(WebhookTarget.Refused.class)
        .hasMessageContaining("IMPORTER_WEBHOOK_ALLOW_PRIVATE=true")
        .extracting(e -> ((WebhookTarget.Refused) e).code())
        .isEqualTo("webhook_url_refused");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://93.184.216.34/hook",
        "http://8.8.8.8:8443/x?y=1",
        "https://[2606:4700:4700::1111]/hook",
        "https://[64:ff9b::808:808]/hook"
      })
  void public_addresses_are_accepted(String url) throws Exception {
    assertThat(WebhookTarget.check(url, false).toString()).isEqualTo(url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://93.184.216.34/hook",
        "file:///etc/passwd",
        "not a url",
        "https://user:pass@93.184.216.34/hook",
        "https:///no-host",
        ""
      })
  void what_is_not_an_http_url_is_invalid(String url) {
    assertThatThrownBy(() -> WebhookTarget.check(url, false))
        .isInstanceOf(WebhookTarget.Refused.class)
        .extracting(e -> ((WebhookTarget.Refused) e).code())
        .isEqualTo("invalid_webhook_url");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:9000/hook", "http://localhost/hook"})
  void private_targets_are_allowed_when_configured(String url) throws Exception {
    assertThat(WebhookTarget.check(url, true).toString()).isEqualTo(url);
  }
}
