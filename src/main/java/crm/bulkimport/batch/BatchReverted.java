package crm.bulkimport.batch;

import java.util.UUID;

/**
 * A completed batch was reverted: its purchases and items are gone from the ledger. Published
 * inside the revert's transaction, so that whatever a listener writes commits with the removal or
 * not at all.
 *
 * @param revertedBy {@code admin}, or the merchant key's id
 */
public record BatchReverted(UUID batchId, UUID merchantId, String revertedBy) {}
