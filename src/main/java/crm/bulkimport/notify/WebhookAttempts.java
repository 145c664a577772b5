package crm.bulkimport.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One attempt at one webhook delivery: POST the stored body, signed with the merchant's secret, and
 * say when to try again, if ever. The durable job engine calls this and keeps the schedule, so
 * retries survive restarts and run on whichever instance is free.
 */
@Component
class WebhookAttempts {

  private static final Logger log = LoggerFactory.getLogger(WebhookAttempts.class);

  /** However long the back-off has grown, try at least this often until giving up. */
  static final Duration LONGEST_WAIT = Duration.ofHours(1);

  private final WebhookDeliveries deliveries;
  private final Webhooks webhooks;
  private final NotificationProperties properties;
  private final MeterRegistry metrics;
  private final Clock clock;
  private final HttpClient http;

  WebhookAttempts(
      WebhookDeliveries deliveries,
      Webhooks webhooks,
      NotificationProperties properties,
      MeterRegistry metrics,
      Clock clock) {
    this.deliveries = deliveries;
    this.webhooks = webhooks;
    this.properties = properties;
    this.metrics = metrics;
    this.clock = clock;
    // Redirects are not followed: a public URL could otherwise bounce the POST to a private one.
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(properties.webhookTimeout())
            .build();
  }

  /** Makes one attempt; returns when to make the next, or empty when there is none to make. */
  Optional<Instant> attempt(UUID deliveryId) {
    WebhookDeliveries.Delivery delivery = deliveries.find(deliveryId).orElse(null);
    if (delivery == null || !delivery.status().equals("pending")) {
      return Optional.empty();
    }
    Optional<Webhooks.Webhook> webhook = webhooks.of(delivery.merchantId());
    if (webhook.isEmpty()) {
      return giveUp(delivery, "The merchant's webhook was removed before it could be delivered.");
    }
    if (!webhook.get().url().equals(delivery.url())) {
      // Signed with the new secret, the old endpoint could replay it to the new one.
      return giveUp(
          delivery, "The merchant's webhook moved to another URL before this could be delivered.");
    }
    Integer status = null;
    String problem;
    try {
      // Checked again at send time: the host's DNS may have changed since the URL was set.
      URI target = WebhookTarget.check(delivery.url(), properties.webhookAllowPrivate());
      HttpResponse<InputStream> response =
          http.send(
              request(delivery, target, webhook.get()), HttpResponse.BodyHandlers.ofInputStream());
      // The answer's body is not needed; closing it at once means an endpoint that trickles an
      // endless body cannot hold the job thread.
      response.body().close();
      status = response.statusCode();
      if (status >= 200 && status < 300) {
        deliveries.delivered(delivery.id(), status);
        count("delivered");
        log.info(
            "Webhook {} for batch {} delivered ({})", delivery.id(), delivery.batchId(), status);
        return Optional.empty();
      }
      problem = "The endpoint answered HTTP " + status + ".";
    } catch (WebhookTarget.Refused refused) {
      if (refused.lasting()) {
        return giveUp(delivery, refused.getMessage());
      }
      problem = refused.getMessage();
    } catch (IOException e) {
      problem = "Could not reach the endpoint: " + describe(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while delivering webhook " + delivery.id(), e);
    }
    deliveries.attemptFailed(delivery.id(), status, problem);
    Instant now = Instant.now(clock);
    if (!now.isBefore(delivery.giveUpAt())) {
      return giveUp(
          delivery, problem + " Given up after " + (delivery.attempts() + 1) + " attempts.");
    }
    count("retry");
    Instant next = now.plus(backOff(delivery.attempts() + 1));
    log.info(
        "Webhook {} for batch {} failed ({}); next try at {}",
        delivery.id(),
        delivery.batchId(),
        problem,
        next);
    // The last try is made at the give-up time, not after it.
    return Optional.of(next.isAfter(delivery.giveUpAt()) ? delivery.giveUpAt() : next);
  }

  /** The wait after the n-th failed attempt: the retry delay, doubled each time, capped. */
  Duration backOff(int failedAttempts) {
    Duration wait = properties.webhookRetryDelay();
    for (int i = 1; i < failedAttempts && wait.compareTo(LONGEST_WAIT) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
  }

  private HttpRequest request(
      WebhookDeliveries.Delivery delivery, URI target, Webhooks.Webhook webhook) {
    return HttpRequest.newBuilder(target)
        .timeout(properties.webhookTimeout())
        .header("Content-Type", "application/json")
        .header("User-Agent", "crm-bulk-import-webhooks")
        .header("X-Webhook-Signature", WebhookSignature.of(delivery.payload(), webhook.secret()))
        .header("X-Webhook-Delivery", delivery.id().toString())
        .header("X-Webhook-Event", delivery.event())
        .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
        .build();
  }

  private Optional<Instant> giveUp(WebhookDeliveries.Delivery delivery, String reason) {
    deliveries.givenUp(delivery.id(), reason);
    count("given_up");
    log.warn("Webhook {} for batch {} given up: {}", delivery.id(), delivery.batchId(), reason);
    return Optional.empty();
  }

  private void count(String outcome) {
    Counter.builder("importer.webhook.deliveries")
        .description("Webhook delivery attempts by outcome: delivered, retry, given_up")
        .tag("outcome", outcome)
        .register(metrics)
        .increment();
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }
}
