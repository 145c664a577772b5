package crm.bulkimport.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import crm.bulkimport.support.Api;
import crm.bulkimport.support.Poll;
import crm.bulkimport.support.ServiceTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.Predicate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The service with webhooks allowed to reach loopback, quick retries, and SMTP pointed at an
 * in-process GreenMail server. Its subclasses share this one context.
 */
@TestPropertySource(
    properties = {
      "importer.webhook-allow-private=true",
      "importer.webhook-retry-delay=200ms",
      "importer.webhook-give-up-after=5s",
      "importer.webhook-timeout=5s",
      "importer.mail-from=imports@crm.example"
    })
abstract class NotifyingServiceTest extends ServiceTest {

  static final String SECRET = "whsec-0123456789abcdef";
  static final GreenMail MAIL = startMail();

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
  }

  private static GreenMail startMail() {
    GreenMail mail =
        new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    return mail;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void setWebhook(java.util.UUID merchant, String url) {
    Api.Response set =
        api()
            .putJson(
                ADMIN_KEY,
                "/api/admin/merchants/" + merchant + "/webhook",
                "{\"url\": \"" + url + "\", \"secret\": \"" + SECRET + "\"}");
    if (set.status() != 200) {
      throw new AssertionError("Could not set the webhook: " + set.raw().body());
    }
  }

  /** Polls the batch's deliveries until the first one satisfies {@code done}. */
  Api.Response awaitDelivery(String batchId, Predicate<Api.Response> done) {
    return Poll.until(
        Duration.ofSeconds(30),
        Duration.ofMillis(50),
        () -> api().get(ADMIN_KEY, "/api/import/status/" + batchId + "/deliveries"),
        deliveries -> deliveries.json().get("deliveries").size() > 0 && done.test(deliveries),
        deliveries -> "Delivery did not get there: " + deliveries.json());
  }

  static String deliveryStatus(Api.Response deliveries) {
    return deliveries.json().get("deliveries").get(0).get("status").asString();
  }
}
