package crm.bulkimport.batch;

import crm.bulkimport.api.ApiProblem;
import crm.bulkimport.tenant.Caller;
import crm.bulkimport.tenant.Merchants;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Batch status and a merchant's list of batches. */
@RestController
class BatchController {

  static final int ERRORS_IN_STATUS = 100;
  static final int BATCHES_IN_LIST = 50;

  private final ImportBatches batches;
  private final BatchErrors errors;
  private final Merchants merchants;
  private final Clock clock;

  BatchController(ImportBatches batches, BatchErrors errors, Merchants merchants, Clock clock) {
    this.batches = batches;
    this.errors = errors;
    this.merchants = merchants;
    this.clock = clock;
  }

  @GetMapping("/api/import/status/{batch_id}")
  BatchView status(@PathVariable("batch_id") UUID batchId, @AuthenticationPrincipal Caller caller) {
    Batch batch =
        batches
            .find(batchId)
            // Another merchant's batch answers exactly as a missing one: its existence is theirs.
            .filter(b -> caller.mayActFor(b.merchantId()))
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "batch_not_found", "There is no import batch " + batchId + "."));
    return BatchView.of(batch, errors.first(batchId, ERRORS_IN_STATUS), Instant.now(clock));
  }

  @GetMapping("/api/import/list/{merchant_id}")
  Map<String, Object> list(
      @PathVariable("merchant_id") UUID merchantId, @AuthenticationPrincipal Caller caller) {
    if (!caller.mayActFor(merchantId) || !merchants.exists(merchantId)) {
      throw ApiProblem.notFound("unknown_merchant", "There is no merchant " + merchantId + ".");
    }
    Instant now = Instant.now(clock);
    List<BatchView> views =
        batches.newestOf(merchantId, BATCHES_IN_LIST).stream()
            .map(batch -> BatchView.of(batch, null, now))
            .toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("merchant_id", merchantId);
    body.put("batches", views);
    return body;
  }
}
