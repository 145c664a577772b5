package crm.bulkimport.notify;

import crm.bulkimport.api.ApiProblem;
import crm.bulkimport.batch.BatchLookup;
import crm.bulkimport.tenant.Caller;
import crm.bulkimport.tenant.Merchants;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The admin sets a merchant's webhook; whoever may see a batch sees its deliveries. */
@RestController
class WebhookController {

  static final int MIN_SECRET_LENGTH = 16;
  static final int MAX_SECRET_LENGTH = 200;

  private final Webhooks webhooks;
  private final WebhookDeliveries deliveries;
  private final Merchants merchants;
  private final BatchLookup batches;
  private final NotificationProperties properties;

  WebhookController(
      Webhooks webhooks,
      WebhookDeliveries deliveries,
      Merchants merchants,
      BatchLookup batches,
      NotificationProperties properties) {
    this.webhooks = webhooks;
    this.deliveries = deliveries;
    this.merchants = merchants;
    this.batches = batches;
    this.properties = properties;
  }

  record WebhookRequest(String url, String secret) {}

  /** The secret is write-only: it is never shown again. */
  record WebhookView(UUID merchantId, String url) {}

  @PutMapping("/api/admin/merchants/{merchant_id}/webhook")
  WebhookView put(
      @PathVariable("merchant_id") UUID merchantId,
      @RequestBody(required = false) WebhookRequest request,
      @AuthenticationPrincipal Caller caller) {
    merchants.requireVisible(caller, merchantId);
    if (request == null) {
      throw ApiProblem.badRequest(
          "invalid_webhook", "Send a JSON body {\"url\": \"https://...\", \"secret\": \"...\"}.");
    }
    String secret = request.secret();
    if (secret == null
        || secret.length() < MIN_SECRET_LENGTH
        || secret.length() > MAX_SECRET_LENGTH) {
      throw ApiProblem.badRequest(
          "invalid_webhook_secret",
          "Give a 'secret' of "
              + MIN_SECRET_LENGTH
              + " to "
              + MAX_SECRET_LENGTH
              + " characters; deliveries are signed with it.");
    }
    String url;
    try {
      url = WebhookTarget.check(request.url(), properties.webhookAllowPrivate()).toString();
    } catch (WebhookTarget.Refused refused) {
      throw ApiProblem.badRequest(refused.code(), refused.getMessage());
    }
    webhooks.put(merchantId, url, secret);
    return new WebhookView(merchantId, url);
  }

  @GetMapping("/api/admin/merchants/{merchant_id}/webhook")
  WebhookView get(
      @PathVariable("merchant_id") UUID merchantId, @AuthenticationPrincipal Caller caller) {
    merchants.requireVisible(caller, merchantId);
    return webhooks
        .of(merchantId)
        .map(w -> new WebhookView(merchantId, w.url()))
        .orElseThrow(() -> noWebhook(merchantId));
  }

  @DeleteMapping("/api/admin/merchants/{merchant_id}/webhook")
  ResponseEntity<Void> delete(
      @PathVariable("merchant_id") UUID merchantId, @AuthenticationPrincipal Caller caller) {
    merchants.requireVisible(caller, merchantId);
    if (!webhooks.remove(merchantId)) {
      throw noWebhook(merchantId);
    }
    return ResponseEntity.noContent().build();
  }

  record DeliveryList(UUID batchId, List<WebhookDeliveries.DeliveryView> deliveries) {}

  @GetMapping("/api/import/status/{batch_id}/deliveries")
  DeliveryList deliveries(
      @PathVariable("batch_id") UUID batchId, @AuthenticationPrincipal Caller caller) {
    batches.requireVisible(caller, batchId);
    return new DeliveryList(
        batchId,
        deliveries.ofBatch(batchId).stream().map(WebhookDeliveries.DeliveryView::of).toList());
  }

  private static ApiProblem noWebhook(UUID merchantId) {
    return ApiProblem.notFound("no_webhook", "Merchant " + merchantId + " has no webhook set.");
  }
}
