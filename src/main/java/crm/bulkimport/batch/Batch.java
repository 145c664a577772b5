package crm.bulkimport.batch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A batch as stored.
 *
 * @param sheet the workbook's sheet the upload named; null for a CSV file or the first sheet
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
    String sheet) {

  /**
   * The profile a batch is read with, as it was at upload: its id (or preset name), its name and
   * its body as JSON. Null for a file in the contract's own columns.
   */
  public record ProfileCopy(String id, String name, String body) {}
}
