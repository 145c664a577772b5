package crm.bulkimport.upload;

import crm.bulkimport.batch.Batch;
import crm.bulkimport.batch.ImportBatches;
import crm.bulkimport.job.ImportJobs;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Takes in an upload: the batch, its stored file and its scheduled import, as one commit. */
@Service
public class ImportIntake {

  private final ImportBatches batches;
  private final StoredFiles files;
  private final ImportJobs jobs;
  private final JdbcTemplate jdbc;

  ImportIntake(ImportBatches batches, StoredFiles files, ImportJobs jobs, JdbcTemplate jdbc) {
    this.batches = batches;
    this.files = files;
    this.jobs = jobs;
    this.jdbc = jdbc;
  }

  @Transactional
  public Batch accept(UUID merchantId, String fileName, String batchName, InputStream content)
      throws IOException {
    UUID batchId = UUID.randomUUID();
    batches.createPending(batchId, merchantId, batchName, fileName, 0, null);
    StoredFiles.Stored stored = files.store(batchId, content);
    jdbc.update(
        "update bulk_import_batches set file_size = ?, file_sha256 = ? where id = ?",
        stored.size(),
        stored.sha256(),
        batchId);
    jobs.schedule(batchId);
    return batches.find(batchId).orElseThrow();
  }
}
