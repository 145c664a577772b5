package crm.bulkimport.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  @Test
  void the_signature_is_the_hex_hmac_sha256_of_the_body() {
    // RFC 4231, test case 2.
    assertThat(WebhookSignature.of("what do ya want for nothing?", "Jefe"))
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }
}
