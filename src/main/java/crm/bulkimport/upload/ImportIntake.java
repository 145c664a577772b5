package crm.bulkimport.upload;

import crm.bulkimport.api.ApiProblem;
import crm.bulkimport.batch.Batch;
import crm.bulkimport.batch.ImportBatches;
import crm.bulkimport.filestore.StoredFiles;
import crm.bulkimport.job.ImportJobs;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Takes in an upload: the batch, its stored file and its scheduled import, as one commit. */
@Service
public class ImportIntake {

  private final ImportBatches batches;
  private final StoredFiles files;
  private final ImportJobs jobs;

  ImportIntake(ImportBatches batches, StoredFiles files, ImportJobs jobs) {
    this.batches = batches;
    this.files = files;
    this.jobs = jobs;
  }

  /** The batch an upload made, or the earlier one its idempotency key names. */
  public record Accepted(Batch batch, boolean replayed) {}

  /**
   * Stores the file and schedules its import.
   *
   * @throws ApiProblem 409 {@code duplicate_file} when the merchant already has a pending,
   *     processing or completed batch of the same contents and {@code allowDuplicate} is false;
   *     nothing is stored then
   */
  @Transactional
  public Accepted accept(
      ImportBatches.NewBatch request, InputStream content, boolean allowDuplicate)
      throws IOException {
    UUID batchId = UUID.randomUUID();
    if (!batches.createPending(batchId, request)) {
      return new Accepted(
          batches
              .findByIdempotencyKey(request.merchantId(), request.idempotencyKey())
              .orElseThrow(),
          true);
    }
    StoredFiles.Stored stored = files.store(batchId, content);
    batches.recordFile(batchId, stored.size(), stored.sha256());
    if (!allowDuplicate && !request.dryRun()) {
      Optional<UUID> earlier = batches.sameFile(request.merchantId(), stored.sha256(), batchId);
      if (earlier.isPresent()) {
        throw new ApiProblem(
            HttpStatus.CONFLICT,
            "duplicate_file",
            "This merchant already has batch "
                + earlier.get()
                + " with exactly this file. To import it again anyway, add"
                + " allow_duplicate=true.",
            Map.of("batch_id", earlier.get()));
      }
    }
    jobs.schedule(batchId);
    return new Accepted(batches.find(batchId).orElseThrow(), false);
  }
}
