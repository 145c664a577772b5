package crm.bulkimport.notify;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Api;
import crm.bulkimport.support.Csv;
import crm.bulkimport.support.Poll;
import crm.bulkimport.support.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhookDeliveryTest extends NotifyingServiceTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void a_completed_batch_is_posted_once_signed_with_the_merchants_secret() throws Exception {
    Tenant tenant = newTenant();
    try (WebhookReceiver receiver = WebhookReceiver.answering()) {
      setWebhook(tenant.merchantId(), receiver.url());
      String batchId =
          api().upload(ADMIN_KEY, tenant.merchantId(), tenant.csv(3, 2)).text("batch_id");

      WebhookReceiver.Received post = receiver.next(WAIT);
      Api.Response deliveries = awaitDelivery(batchId, d -> deliveryStatus(d).equals("delivered"));

      assertThat(post.header("X-Webhook-Signature")).isEqualTo(hmac(post.body()));
      assertThat(post.header("Content-Type")).startsWith("application/json");
      JsonNode body = JSON.readTree(post.body());
      assertThat(body.get("event").asString()).isEqualTo("import.completed");
      assertThat(body.get("batch").get("batch_id").asString()).isEqualTo(batchId);
      assertThat(body.get("batch").get("status").asString()).isEqualTo("completed");
      assertThat(body.get("batch").get("purchases_count").asInt()).isEqualTo(3);
      assertThat(body.get("batch").get("items_count").asInt()).isEqualTo(6);
      JsonNode delivery = deliveries.json().get("deliveries").get(0);
      assertThat(deliveries.json().get("deliveries").size()).isEqualTo(1);
      assertThat(delivery.get("delivery_id").asString())
          .isEqualTo(post.header("X-Webhook-Delivery"));
      assertThat(delivery.get("event").asString()).isEqualTo("import.completed");
      assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
      assertThat(delivery.get("last_status_code").asInt()).isEqualTo(200);
      assertThat(delivery.get("delivered_at").isNull()).isFalse();
      assertThat(receiver.count()).isZero();
    }
  }

  @Test
  void a_reverted_batch_is_posted_again_as_import_reverted_with_its_reverted_status()
      throws Exception {
    Tenant tenant = newTenant();
    try (WebhookReceiver receiver = WebhookReceiver.answering()) {
      setWebhook(tenant.merchantId(), receiver.url());
      String batchId =
          api().upload(ADMIN_KEY, tenant.merchantId(), tenant.csv(2, 2)).text("batch_id");
      WebhookReceiver.Received completed = receiver.next(WAIT);

      Api.Response reverted = api().post(ADMIN_KEY, "/api/import/" + batchId + "/revert");
      WebhookReceiver.Received post = receiver.next(WAIT);

      assertThat(reverted.status()).as(reverted.raw().body()).isEqualTo(200);
      assertThat(JSON.readTree(completed.body()).get("event").asString())
          .isEqualTo("import.completed");
      assertThat(post.header("X-Webhook-Event")).isEqualTo("import.reverted");
      assertThat(post.header("X-Webhook-Signature")).isEqualTo(hmac(post.body()));
      assertThat(post.header("X-Webhook-Delivery"))
          .isNotEqualTo(completed.header("X-Webhook-Delivery"));
      JsonNode body = JSON.readTree(post.body());
      assertThat(body.get("event").asString()).isEqualTo("import.reverted");
      assertThat(body.get("batch").get("batch_id").asString()).isEqualTo(batchId);
      assertThat(body.get("batch").get("status").asString()).isEqualTo("reverted");
      assertThat(body.get("batch").get("reverted_by").asString()).isEqualTo("admin");
      assertThat(body.get("batch").get("reverted_at").asString())
          .isEqualTo(reverted.text("reverted_at"));
      Api.Response deliveries =
          awaitDelivery(
              batchId,
              d ->
                  d.json().get("deliveries").size() == 2
                      && d.json()
                          .get("deliveries")
                          .get(1)
                          .get("status")
                          .asString()
                          .equals("delivered"));
      assertThat(deliveries.json().get("deliveries").get(1).get("event").asString())
          .isEqualTo("import.reverted");
      assertThat(receiver.count()).isZero();
    }
  }

  @Test
  void a_failed_delivery_is_retried_with_the_same_id_and_body_until_it_gets_through()
      throws Exception {
    Tenant tenant = newTenant();
    try (WebhookReceiver receiver = WebhookReceiver.answering(500, 503)) {
      setWebhook(tenant.merchantId(), receiver.url());
      String bad =
          Csv.HEADER
              + "\nT-1,not-a-date,"
              + tenant.users().get(0)
              + ",1.00,"
              + tenant.skus().get(0)
              + ",1,1.00,1.00\n";
      String batchId = api().upload(ADMIN_KEY, tenant.merchantId(), bad).text("batch_id");

      WebhookReceiver.Received first = receiver.next(WAIT);
      WebhookReceiver.Received second = receiver.next(WAIT);
      WebhookReceiver.Received third = receiver.next(WAIT);
      Api.Response deliveries = awaitDelivery(batchId, d -> deliveryStatus(d).equals("delivered"));

      assertThat(second.body()).isEqualTo(first.body());
      assertThat(third.body()).isEqualTo(first.body());
      assertThat(third.header("X-Webhook-Delivery")).isEqualTo(first.header("X-Webhook-Delivery"));
      JsonNode body = JSON.readTree(third.body());
      assertThat(body.get("event").asString()).isEqualTo("import.failed");
      assertThat(body.get("batch").get("errors").get(0).get("code").asString())
          .isEqualTo("invalid_date");
      assertThat(body.get("batch").get("errors").get(0).get("line").asInt()).isEqualTo(2);
      JsonNode delivery = deliveries.json().get("deliveries").get(0);
      assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
      assertThat(delivery.get("last_status_code").asInt()).isEqualTo(200);
    }
  }

  @Test
  void an_endpoint_that_is_down_at_first_still_gets_the_delivery() throws Exception {
    Tenant tenant = newTenant();
    int port = freePort();
    setWebhook(tenant.merchantId(), "http://127.0.0.1:" + port + "/hooks/imports");
    String batchId =
        api().upload(ADMIN_KEY, tenant.merchantId(), tenant.csv(1, 1)).text("batch_id");

    awaitDelivery(batchId, d -> d.json().get("deliveries").get(0).get("attempts").asInt() >= 1);
    Api.Response refused = api().get(ADMIN_KEY, "/api/import/status/" + batchId + "/deliveries");
    try (WebhookReceiver receiver = WebhookReceiver.onPort(port)) {
      WebhookReceiver.Received post = receiver.next(WAIT);
      Api.Response deliveries = awaitDelivery(batchId, d -> deliveryStatus(d).equals("delivered"));

      assertThat(refused.json().get("deliveries").get(0).get("last_error").asString())
          .startsWith("Could not reach the endpoint");
      assertThat(JSON.readTree(post.body()).get("batch").get("batch_id").asString())
          .isEqualTo(batchId);
      assertThat(deliveries.json().get("deliveries").get(0).get("attempts").asInt())
          .isGreaterThan(1);
    }
  }

  @Test
  void a_delivery_that_keeps_failing_is_given_up_after_the_configured_time() throws Exception {
    Tenant tenant = newTenant();
    try (WebhookReceiver receiver = WebhookReceiver.alwaysAnswering(500)) {
      setWebhook(tenant.merchantId(), receiver.url());
      String batchId =
          api().upload(ADMIN_KEY, tenant.merchantId(), tenant.csv(1, 1)).text("batch_id");

      Api.Response deliveries = awaitDelivery(batchId, d -> deliveryStatus(d).equals("given_up"));

      JsonNode delivery = deliveries.json().get("deliveries").get(0);
      assertThat(delivery.get("attempts").asInt()).isGreaterThanOrEqualTo(3);
      assertThat(delivery.get("attempts").asInt()).isEqualTo(receiver.count());
      assertThat(delivery.get("last_status_code").asInt()).isEqualTo(500);
      assertThat(delivery.get("last_error").asString()).contains("HTTP 500").contains("Given up");
      assertThat(
              Duration.between(
                  java.time.Instant.parse(delivery.get("created_at").asString()),
                  java.time.Instant.now()))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
      assertThat(api().get(ADMIN_KEY, "/prometheus").raw().body())
          .contains("importer_webhook_deliveries_total{outcome=\"given_up\"}");
    }
  }

  @Test
  void a_cancelled_batch_is_announced_and_a_merchant_without_a_webhook_gets_none()
      throws Exception {
    Tenant tenant = newTenant();
    Tenant quiet = newTenant();
    try (WebhookReceiver receiver = WebhookReceiver.answering()) {
      setWebhook(tenant.merchantId(), receiver.url());
      UUID pending = tenant.pendingBatch(jdbc, null);
      String quietBatch =
          api().upload(ADMIN_KEY, quiet.merchantId(), quiet.csv(1, 1)).text("batch_id");

      api().post(ADMIN_KEY, "/api/import/" + pending + "/cancel");
      WebhookReceiver.Received post = receiver.next(WAIT);
      api().awaitFinished(ADMIN_KEY, quietBatch);

      assertThat(JSON.readTree(post.body()).get("event").asString()).isEqualTo("import.cancelled");
      assertThat(JSON.readTree(post.body()).get("batch").get("batch_id").asString())
          .isEqualTo(pending.toString());
      assertThat(
              api()
                  .get(ADMIN_KEY, "/api/import/status/" + quietBatch + "/deliveries")
                  .json()
                  .get("deliveries")
                  .size())
          .isZero();
    }
  }

  @Test
  void a_delivery_whose_webhook_moved_is_not_sent_to_the_old_url_again() throws Exception {
    Tenant tenant = newTenant();
    try (WebhookReceiver old = WebhookReceiver.alwaysAnswering(500);
        WebhookReceiver moved = WebhookReceiver.answering()) {
      setWebhook(tenant.merchantId(), old.url());
      String batchId =
          api().upload(ADMIN_KEY, tenant.merchantId(), tenant.csv(1, 1)).text("batch_id");
      old.next(WAIT);

      setWebhook(tenant.merchantId(), moved.url());
      Api.Response deliveries = awaitDelivery(batchId, d -> deliveryStatus(d).equals("given_up"));

      assertThat(deliveries.json().get("deliveries").get(0).get("last_error").asString())
          .contains("moved to another URL");
      assertThat(moved.count()).isZero();
    }
  }

  @Test
  void an_endpoint_that_answers_200_and_then_never_ends_its_body_does_not_hold_the_delivery()
      throws Exception {
    Tenant tenant = newTenant();
    try (java.net.ServerSocket server =
        new java.net.ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
      Thread trickle =
          new Thread(
              () -> {
                try (java.net.Socket socket = server.accept()) {
                  socket
                      .getOutputStream()
                      .write(
                          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                              .getBytes(StandardCharsets.US_ASCII));
                  while (true) {
                    socket
                        .getOutputStream()
                        .write("1\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    Thread.sleep(100);
                  }
                } catch (Exception stopped) {
                  // The client hung up, or the test ended.
                }
              });
      trickle.setDaemon(true);
      trickle.start();
      setWebhook(tenant.merchantId(), "http://127.0.0.1:" + server.getLocalPort() + "/hook");
      String batchId =
          api().upload(ADMIN_KEY, tenant.merchantId(), tenant.csv(1, 1)).text("batch_id");

      Api.Response deliveries = awaitDelivery(batchId, d -> deliveryStatus(d).equals("delivered"));

      assertThat(deliveries.json().get("deliveries").get(0).get("attempts").asInt()).isEqualTo(1);
    }
  }

  @Test
  void endpoints_that_hang_do_not_hold_up_imports() throws Exception {
    try (HangingEndpoint hanging = new HangingEndpoint()) {
      // As many hanging deliveries as there are notification threads: all of them are stuck.
      for (int i = 0; i < 2; i++) {
        Tenant tenant = newTenant();
        setWebhook(tenant.merchantId(), hanging.url());
        api()
            .awaitFinished(
                ADMIN_KEY,
                api().upload(ADMIN_KEY, tenant.merchantId(), tenant.csv(1, 1)).text("batch_id"));
      }
      hanging.awaitOpen(2);

      Tenant unrelated = newTenant();
      String batchId =
          api().upload(ADMIN_KEY, unrelated.merchantId(), unrelated.csv(2, 1)).text("batch_id");
      Api.Response done = api().awaitFinished(ADMIN_KEY, batchId);

      assertThat(done.text("status")).isEqualTo("completed");
      // Both deliveries were still waiting on their answers while the import ran and finished.
      assertThat(hanging.closed()).isZero();
    }
  }

  /** Accepts connections, reads the request, and never answers; counts those that close. */
  private static final class HangingEndpoint implements AutoCloseable {
    private final java.net.ServerSocket server;
    private final java.util.concurrent.atomic.AtomicInteger open =
        new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger closed =
        new java.util.concurrent.atomic.AtomicInteger();

    HangingEndpoint() throws java.io.IOException {
      server = new java.net.ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
      Thread acceptor =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    java.net.Socket socket = server.accept();
                    open.incrementAndGet();
                    Thread reader =
                        new Thread(
                            () -> {
                              try (socket) {
                                while (socket.getInputStream().read() != -1) {
                                  // Read and never answer.
                                }
                              } catch (java.io.IOException e) {
                                // Closed under us: counted below all the same.
                              }
                              closed.incrementAndGet();
                            });
                    reader.setDaemon(true);
                    reader.start();
                  } catch (java.io.IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    void awaitOpen(int count) {
      Poll.until(
          Duration.ofSeconds(20),
          Duration.ofMillis(20),
          open::get,
          arrived -> arrived >= count,
          arrived -> "Only " + arrived + " deliveries arrived");
    }

    int closed() {
      return closed.get();
    }

    @Override
    public void close() throws java.io.IOException {
      server.close();
    }
  }

  @Test
  void another_merchants_deliveries_are_not_shown() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    String otherKey =
        api()
            .post(ADMIN_KEY, "/api/admin/merchants/" + other.merchantId() + "/api-keys")
            .text("api_key");
    String batchId =
        api().upload(ADMIN_KEY, tenant.merchantId(), tenant.csv(1, 1)).text("batch_id");

    Api.Response response = api().get(otherKey, "/api/import/status/" + batchId + "/deliveries");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.text("error")).isEqualTo("batch_not_found");
  }
}
