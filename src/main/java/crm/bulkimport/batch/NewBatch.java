package crm.bulkimport.batch;

import java.util.UUID;

/**
 * What an upload asks for.
 *
 * @param profile the profile to read the file with, copied whole; null for the contract's columns
 * @param sheet the workbook's sheet to read, as the upload named it; null for the first
 * @param options on_existing, partial and max_errors as the upload asked
 */
public record NewBatch(
    UUID merchantId,
    String batchName,
    String fileName,
    boolean dryRun,
    String idempotencyKey,
    Batch.ProfileCopy profile,
    String sheet,
    Batch.Options options) {

  /** A request with the default options: all or nothing, a purchase already there an error. */
  public NewBatch(
      UUID merchantId,
      String batchName,
      String fileName,
      boolean dryRun,
      String idempotencyKey,
      Batch.ProfileCopy profile,
      String sheet) {
    this(
        merchantId,
        batchName,
        fileName,
        dryRun,
        idempotencyKey,
        profile,
        sheet,
        Batch.Options.STRICT);
  }

  /** A request without a sheet: a CSV file, or a workbook's first sheet. */
  public NewBatch(
      UUID merchantId,
      String batchName,
      String fileName,
      boolean dryRun,
      String idempotencyKey,
      Batch.ProfileCopy profile) {
    this(merchantId, batchName, fileName, dryRun, idempotencyKey, profile, null);
  }
}
