package crm.bulkimport.batch;

import crm.bulkimport.api.ApiProblem;
import crm.bulkimport.batch.BatchTransitions.CancelOutcome;
import crm.bulkimport.tenant.Caller;
import crm.bulkimport.tenant.Merchants;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Batch status and a merchant's list of batches. */
@RestController
class BatchController {

  static final int BATCHES_IN_LIST = 50;

  private final BatchLookup batches;
  private final BatchTransitions transitions;
  private final Merchants merchants;
  private final ErrorReport errorReport;
  private final BatchEvents events;
  private final BatchStatus status;
  private final Clock clock;

  BatchController(
      BatchLookup batches,
      BatchTransitions transitions,
      Merchants merchants,
      ErrorReport errorReport,
      BatchEvents events,
      BatchStatus status,
      Clock clock) {
    this.batches = batches;
    this.transitions = transitions;
    this.merchants = merchants;
    this.errorReport = errorReport;
    this.events = events;
    this.status = status;
    this.clock = clock;
  }

  @GetMapping(path = "/api/import/status/{batch_id}/errors.csv")
  void errorReport(
      @PathVariable("batch_id") UUID batchId,
      @AuthenticationPrincipal Caller caller,
      HttpServletResponse response)
      throws IOException {
    Batch batch = batches.requireVisible(caller, batchId);
    response.setContentType("text/csv; charset=UTF-8");
    response.setHeader(
        "Content-Disposition",
        "attachment; filename=\""
            + (ErrorReport.isRejectedRows(batch) ? "rejected-rows-" : "errors-")
            + batchId
            + ".csv\"");
    errorReport.write(batch, response.getOutputStream());
  }

  @GetMapping(
      path = "/api/import/status/{batch_id}/events",
      produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(
      @PathVariable("batch_id") UUID batchId, @AuthenticationPrincipal Caller caller) {
    return events.follow(batches.requireVisible(caller, batchId).id());
  }

  @PostMapping("/api/import/{batch_id}/cancel")
  ResponseEntity<BatchView> cancel(
      @PathVariable("batch_id") UUID batchId, @AuthenticationPrincipal Caller caller) {
    Batch batch = batches.requireVisible(caller, batchId);
    CancelOutcome outcome = transitions.cancel(batch.id());
    if (outcome == CancelOutcome.ALREADY_FINISHED) {
      Batch finished = batches.find(batchId).orElseThrow();
      throw new ApiProblem(
          HttpStatus.CONFLICT,
          "batch_finished",
          "Batch "
              + batchId
              + " is already "
              + finished.state().value()
              + "; it cannot be cancelled.",
          Map.of("status", finished.state().value()));
    }
    Batch now = batches.find(batchId).orElseThrow();
    HttpStatus status = outcome == CancelOutcome.REQUESTED ? HttpStatus.ACCEPTED : HttpStatus.OK;
    return ResponseEntity.status(status).body(BatchView.of(now, null, Instant.now(clock)));
  }

  @GetMapping("/api/import/status/{batch_id}")
  BatchView status(@PathVariable("batch_id") UUID batchId, @AuthenticationPrincipal Caller caller) {
    return status.of(batches.requireVisible(caller, batchId));
  }

  @GetMapping("/api/import/list/{merchant_id}")
  Map<String, Object> list(
      @PathVariable("merchant_id") UUID merchantId, @AuthenticationPrincipal Caller caller) {
    merchants.requireVisible(caller, merchantId);
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
