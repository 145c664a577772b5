package crm.bulkimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.batch.Batch;
import crm.bulkimport.batch.BatchErrors;
import crm.bulkimport.batch.BatchLookup;
import crm.bulkimport.batch.BatchProgress;
import crm.bulkimport.batch.BatchTransitions;
import crm.bulkimport.batch.NewBatch;
import crm.bulkimport.batch.PendingBatches;
import crm.bulkimport.filestore.StoredFiles;
import crm.bulkimport.formats.PurchaseFiles;
import crm.bulkimport.ledger.LedgerLoad;
import crm.bulkimport.ledger.LedgerLoader;
import crm.bulkimport.ledger.LedgerProperties;
import crm.bulkimport.profile.CrmKeys;
import crm.bulkimport.profile.ImportProfile;
import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.SettableClock;
import crm.bulkimport.support.Tenant;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The bounds on one import: attempts and running time. */
class JobLimitsTest extends ServiceTest {

  @Autowired BatchTransitions transitions;
  @Autowired BatchProgress progress;
  @Autowired PendingBatches pending;
  @Autowired BatchLookup batches;
  @Autowired BatchErrors errors;
  @Autowired StoredFiles files;
  @Autowired LedgerLoader ledger;
  @Autowired PlatformTransactionManager transactions;
  @Autowired Clock clock;
  @Autowired ImportMetrics metrics;
  @Autowired DataSource dataSource;
  @Autowired CrmKeys keys;
  @Autowired PurchaseFiles formats;

  /** 1 s intervals; the limits under test as given. */
  private static JobProperties properties(int maxAttempts, Duration timeout) {
    return new JobProperties(Duration.ofSeconds(1), Duration.ofSeconds(1), maxAttempts, timeout);
  }

  private PurchaseImport importWith(int maxAttempts, Duration timeout) {
    return new PurchaseImport(
        transitions,
        progress,
        errors,
        files,
        ledger,
        transactions,
        properties(maxAttempts, timeout),
        metrics,
        clock,
        keys,
        formats);
  }

  /** A batch with its file stored, as an upload leaves it, but not scheduled. */
  private UUID storedBatch(Tenant tenant, String csv) {
    UUID id = UUID.randomUUID();
    new TransactionTemplate(transactions)
        .executeWithoutResult(
            status -> {
              pending.createPending(
                  id, new NewBatch(tenant.merchantId(), null, "f.csv", false, null, null));
              try {
                files.store(id, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    return id;
  }

  @Test
  void a_batch_whose_worker_keeps_dying_is_failed_after_the_last_attempt_not_requeued() {
    Tenant tenant = newTenant();
    UUID id = storedBatch(tenant, tenant.csv(2, 1));
    // As if five workers had claimed it and died.
    jdbc.update(
        "update bulk_import_batches set status = 'processing', attempts = 5 where id = ?", id);

    importWith(5, Duration.ofMinutes(30)).run(id);

    Batch batch = batches.find(id).orElseThrow();
    assertThat(batch.state().value()).isEqualTo("failed");
    assertThat(batch.errorMessage())
        .isEqualTo(
            "The import was started 5 times without finishing and was given up; nothing was"
                + " imported.");
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from bulk_import_files where batch_id = ?", Integer.class, id))
        .isZero();
  }

  @Test
  void an_import_past_its_time_limit_is_stopped_rolled_back_and_failed() {
    Tenant tenant = newTenant();
    UUID id = storedBatch(tenant, tenant.csv(20_000, 2));
    SettableClock clock = new SettableClock();
    // The deadline is set when the run starts; a minute passes before its first row is read.
    LedgerLoader slowToBegin =
        new LedgerLoader(dataSource, new LedgerProperties(null), keys) {
          @Override
          public LedgerLoad begin(UUID merchantId, ImportProfile profile) throws SQLException {
            clock.tick(Duration.ofMinutes(1));
            return super.begin(merchantId, profile);
          }
        };

    new PurchaseImport(
            transitions,
            progress,
            errors,
            files,
            slowToBegin,
            transactions,
            properties(5, Duration.ofMillis(50)),
            metrics,
            clock,
            keys,
            formats)
        .run(id);

    Batch batch = batches.find(id).orElseThrow();
    assertThat(batch.state().value()).isEqualTo("failed");
    assertThat(batch.errorMessage())
        .isEqualTo(
            "The import ran longer than IMPORTER_JOB_TIMEOUT (50 ms) and was stopped; nothing was"
                + " imported. Split the file, or raise the limit.");
    assertThat(errors.first(id, 10).get(0).code()).isEqualTo("timed_out");
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();
  }

  @Test
  void a_file_with_more_purchases_than_the_operators_limit_is_refused() {
    Tenant tenant = newTenant();
    UUID id = storedBatch(tenant, tenant.csv(30, 2));
    PurchaseImport purchaseImport =
        new PurchaseImport(
            transitions,
            progress,
            errors,
            files,
            new LedgerLoader(dataSource, new LedgerProperties(25), keys),
            transactions,
            properties(5, Duration.ofMinutes(30)),
            metrics,
            clock,
            keys,
            formats);

    purchaseImport.run(id);

    Batch batch = batches.find(id).orElseThrow();
    assertThat(batch.state().value()).isEqualTo("failed");
    var error = errors.first(id, 10).get(0);
    assertThat(error.code()).isEqualTo("too_many_purchases");
    assertThat(error.line()).isEqualTo(52);
    assertThat(error.message())
        .isEqualTo(
            "The file has more than 25 purchases, more than IMPORTER_MAX_PURCHASES_PER_IMPORT"
                + " allows in one import. Split the file.");
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();
  }

  @Test
  void the_same_batch_run_twice_at_once_is_written_once() throws Exception {
    Tenant tenant = newTenant();
    UUID id = storedBatch(tenant, tenant.csv(3000, 2));
    PurchaseImport purchaseImport = importWith(5, Duration.ofMinutes(30));

    Thread other = new Thread(() -> purchaseImport.run(id));
    other.start();
    purchaseImport.run(id);
    other.join();

    assertThat(batches.find(id).orElseThrow().state().value()).isEqualTo("completed");
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(3000);
    assertThat(tenant.itemsInLedger(jdbc)).isEqualTo(6000);
  }
}
