package crm.bulkimport.batch;

import java.util.UUID;

/**
 * A batch reached its end: completed, failed or cancelled. Published inside the transaction that
 * ends it, so that whatever a listener writes commits with the batch's status or not at all.
 */
public record BatchFinished(UUID batchId, UUID merchantId, BatchState state, boolean dryRun) {}
