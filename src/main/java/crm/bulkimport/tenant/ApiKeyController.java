package crm.bulkimport.tenant;

import crm.bulkimport.api.ApiProblem;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admin creates and revokes merchant API keys. */
@RestController
class ApiKeyController {

  private final ApiKeys apiKeys;
  private final Merchants merchants;

  ApiKeyController(ApiKeys apiKeys, Merchants merchants) {
    this.apiKeys = apiKeys;
    this.merchants = merchants;
  }

  @PostMapping("/api/admin/merchants/{merchant_id}/api-keys")
  ResponseEntity<ApiKeys.NewKey> create(
      @PathVariable("merchant_id") UUID merchantId, @AuthenticationPrincipal Caller caller) {
    merchants.requireVisible(caller, merchantId);
    ApiKeys.NewKey key = apiKeys.create(merchantId);
    return ResponseEntity.created(URI.create("/api/admin/api-keys/" + key.keyId())).body(key);
  }

  @DeleteMapping("/api/admin/api-keys/{key_id}")
  ResponseEntity<Void> revoke(@PathVariable("key_id") UUID keyId) {
    if (!apiKeys.revoke(keyId)) {
      throw ApiProblem.notFound("unknown_key", "There is no live API key " + keyId + ".");
    }
    return ResponseEntity.noContent().build();
  }
}
