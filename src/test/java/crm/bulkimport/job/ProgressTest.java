package crm.bulkimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.batch.BatchLookup;
import crm.bulkimport.batch.BatchProgress;
import crm.bulkimport.batch.BatchTransitions;
import crm.bulkimport.batch.NewBatch;
import crm.bulkimport.batch.PendingBatches;
import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.SettableClock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** How a running import reports its progress, and hears that it should stop; on a set clock. */
class ProgressTest extends ServiceTest {

  @Autowired PendingBatches pending;
  @Autowired BatchTransitions transitions;
  @Autowired BatchProgress batchProgress;
  @Autowired BatchLookup batches;

  private final SettableClock clock = new SettableClock();
  private UUID id;

  private Progress runningBatch() {
    id = UUID.randomUUID();
    pending.createPending(
        id, new NewBatch(newTenant().merchantId(), null, "f.csv", false, null, null));
    transitions.claim(id);
    return new Progress(batchProgress, id, clock);
  }

  @AfterEach
  void endTheBatch() {
    transitions.markCancelled(id, null);
  }

  @Test
  void progress_is_due_a_second_after_the_last_report_and_not_before() {
    Progress progress = runningBatch();

    assertThat(progress.due()).isFalse();
    clock.tick(Duration.ofMillis(999));
    assertThat(progress.due()).isFalse();
    clock.tick(Duration.ofMillis(1));
    assertThat(progress.due()).isTrue();

    assertThat(progress.report("parsing", 10, 100)).isFalse();
    assertThat(progress.due()).isFalse();
  }

  @Test
  void a_report_is_what_clients_see_and_it_answers_stop_once_a_cancel_is_asked_for() {
    Progress progress = runningBatch();

    assertThat(progress.report("parsing", 10, 250)).isFalse();
    assertThat(batches.find(id).orElseThrow().progressRows()).isEqualTo(10);
    assertThat(batches.find(id).orElseThrow().progressBytes()).isEqualTo(250);

    transitions.cancel(id);
    assertThat(progress.report("parsing", 20, 500)).isTrue();
  }
}
