package crm.bulkimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.batch.Batch;
import crm.bulkimport.batch.BatchState;
import crm.bulkimport.batch.BatchView;
import crm.bulkimport.problem.ImportError;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CliDisplayTest {

  static final UUID BATCH = UUID.fromString("0f8b1f4e-2c1a-4f43-9c39-1d2e3f4a5b6c");
  static final UUID MERCHANT = UUID.fromString("7d3f5c2a-9b1e-4c8d-a6f0-3e2b1c4d5a60");
  static final Instant CREATED = Instant.parse("2024-01-15T10:00:00Z");

  @Test
  void the_bar_shows_status_percent_phase_rows_and_time_left() {
    assertThat(
            ProgressDisplay.bar(
                "processing", new BatchView.ProgressView("parsing", 120_000, null, 31, 7L, null)))
        .isEqualTo(
            "processing [#########---------------------]  31%  parsing  120,000 rows  ~7 s left");
    assertThat(
            ProgressDisplay.bar(
                "pending", new BatchView.ProgressView("queued", 0, null, 0, null, 3)))
        .isEqualTo(
            "pending    [------------------------------]   0%  queued (position 3 in the queue)");
  }

  @Test
  void on_a_terminal_the_bar_is_redrawn_in_place() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressDisplay display = new ProgressDisplay(new PrintStream(bytes, true), true);

    display.show("processing", new BatchView.ProgressView("parsing", 10, null, 5, null, null), 0);
    display.show("completed", new BatchView.ProgressView("done", 10, 10L, 100, 0L, null), 500);
    display.end();

    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).startsWith("\rprocessing [").contains("\rcompleted  [").endsWith("\n");
    assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(1);
  }

  @Test
  void elsewhere_a_plain_line_is_written_when_the_phase_changes_and_every_five_seconds() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressDisplay display = new ProgressDisplay(new PrintStream(bytes, true), false);

    for (long millis = 0; millis <= 6000; millis += 500) {
      display.show(
          "processing", new BatchView.ProgressView("parsing", millis, null, 1, null, null), millis);
    }
    display.show("completed", new BatchView.ProgressView("done", 9, 9L, 100, 0L, null), 6500);

    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "processing: 1%, parsing, 0 rows",
            "processing: 1%, parsing, 5,000 rows", "completed: 100%, done, 9 rows");
  }

  @Test
  void a_failed_batch_s_summary_lists_its_first_errors_by_line_and_says_where_the_rest_are() {
    Batch failed = batch(BatchState.FAILED, 4, 0, 0, 25, "Found 25 errors; nothing was imported.");
    List<ImportError> first =
        List.of(
            new ImportError(
                3, "T-1", "sku_id", "invalid_uuid", "sku_id 'x' is not a UUID.", List.of()),
            new ImportError(12, "T-7", "transaction_date", "invalid_date", "bad date.", List.of()));

    String summary = ImportSummary.of(failed, "data/p.csv", first);

    assertThat(summary)
        .startsWith("Import failed: 25 errors; nothing was written.\n")
        .contains("  batch      " + BATCH + "\n")
        .contains("  file       data/p.csv (2,048 bytes)\n")
        .contains("  duration   3.0 s (1.0 s queued, 2.0 s importing)\n")
        .contains("The first 2 of 25 errors, in file order:\n")
        .contains("  line 3     invalid_uuid  sku_id 'x' is not a UUID. (T-1)\n")
        .contains("  line 12    invalid_date  bad date. (T-7)\n")
        .contains("  GET /api/import/status/" + BATCH + "/errors.csv\n");
  }

  @Test
  void a_completed_batch_s_summary_gives_the_counts() {
    String summary =
        ImportSummary.of(batch(BatchState.COMPLETED, 7, 5, 7, 0, null), "p.csv", List.of());

    assertThat(summary)
        .startsWith("Import completed: 5 purchases with 7 items written to the ledger.\n")
        .contains("  rows       7\n")
        .doesNotContain("errors.csv");
  }

  private static Batch batch(
      BatchState state, int rows, int purchases, int items, int errors, String message) {
    return new Batch(
        BATCH,
        MERCHANT,
        null,
        "p.csv",
        2048,
        "ab",
        state,
        rows,
        purchases,
        items,
        errors,
        message,
        List.of(),
        1,
        "done",
        (long) rows,
        2048L,
        CREATED,
        CREATED.plusSeconds(1),
        CREATED.plusSeconds(3),
        false,
        ",",
        List.of(),
        false,
        null,
        null,
        Batch.Options.STRICT,
        null,
        null,
        null,
        null,
        null);
  }
}
