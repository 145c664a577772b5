package crm.bulkimport.batch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A batch as stored.
 *
 * @param sheet the workbook's sheet the upload named; null for a CSV file or the first sheet
 * @param skippedPurchases purchases already in the ledger, identical, that the import skipped
 * @param rejectedPurchases purchases a partial import left out for their errors
 * @param rejectedRows the file's rows a partial import left out (those purchases' rows)
 * @param revertedBy who asked for the revert: the admin, or the merchant key's id
 */
public record Batch(
    UUID id,
    UUID merchantId,
    String batchName,
    String fileName,
    long fileSize,
    String fileSha256,
    BatchState state,
    Integer totalRows,
    Integer purchasesCount,
    Integer itemsCount,
    int errorCount,
    String errorMessage,
    List<String> warnings,
    int attempts,
    String progressPhase,
    Long progressRows,
    Long progressBytes,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    boolean dryRun,
    String delimiter,
    List<String> csvHeader,
    boolean cancelRequested,
    ProfileCopy profile,
    String sheet,
    Options options,
    Integer skippedPurchases,
    Integer rejectedPurchases,
    Integer rejectedRows,
    Instant revertedAt,
    String revertedBy) {

  /**
   * What an upload asked for beyond the file: what to do with a purchase already in the ledger, and
   * whether the purchases without errors may be written without the rest.
   *
   * @param maxErrors with {@code partial}, the most errors a file may have and still be written
   */
  public record Options(OnExisting onExisting, boolean partial, Integer maxErrors) {
    /** All or nothing, and a purchase already in the ledger is an error: the default. */
    public static final Options STRICT = new Options(OnExisting.FAIL, false, null);
  }

  /**
   * The profile a batch is read with, as it was at upload: its id (or preset name), its name and
   * its body as JSON. Null for a file in the contract's own columns.
   */
  public record ProfileCopy(String id, String name, String body) {}
}
