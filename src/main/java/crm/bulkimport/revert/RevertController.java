package crm.bulkimport.revert;

import crm.bulkimport.batch.BatchLookup;
import crm.bulkimport.batch.BatchStatus;
import crm.bulkimport.batch.BatchView;
import crm.bulkimport.tenant.Caller;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/import/{batch_id}/revert}: answers with the batch's status, now reverted. */
@RestController
class RevertController {

  /** Who reverted, as {@code reverted_by} shows it: the admin, or the merchant key's id. */
  static final String ADMIN = "admin";

  private final BatchLookup batches;
  private final BatchRevert revert;
  private final BatchStatus status;

  RevertController(BatchLookup batches, BatchRevert revert, BatchStatus status) {
    this.batches = batches;
    this.revert = revert;
    this.status = status;
  }

  @PostMapping("/api/import/{batch_id}/revert")
  BatchView revert(@PathVariable("batch_id") UUID batchId, @AuthenticationPrincipal Caller caller) {
    // Another merchant's batch answers 404 before anything is locked, as the status would.
    batches.requireVisible(caller, batchId);
    revert.revert(batchId, caller.admin() ? ADMIN : caller.keyId().toString());
    return status.of(batchId).orElseThrow();
  }
}
