package crm.bulkimport.batch;

import java.util.UUID;

/** What an upload asks for. */
public record NewBatch(
    UUID merchantId, String batchName, String fileName, boolean dryRun, String idempotencyKey) {}
