package crm.bulkimport.batch;

import java.util.UUID;

/**
 * What an upload asks for.
 *
 * @param profile the profile to read the file with, copied whole; null for the contract's columns
 */
public record NewBatch(
    UUID merchantId,
    String batchName,
    String fileName,
    boolean dryRun,
    String idempotencyKey,
    Batch.ProfileCopy profile) {}
