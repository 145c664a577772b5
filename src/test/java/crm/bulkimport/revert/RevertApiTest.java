package crm.bulkimport.revert;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.batch.BatchRetention;
import crm.bulkimport.support.Api;
import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.Tenant;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code POST /api/import/{batch_id}/revert}, on the running service and a real PostgreSQL. */
class RevertApiTest extends ServiceTest {

  @Autowired BatchRetention retention;

  /** Imports {@code csv} for the tenant and returns the completed batch's id. */
  private String imported(Tenant tenant, String csv) {
    Api.Response accepted = api().upload(ADMIN_KEY, tenant.merchantId(), csv);
    assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
    String id = accepted.text("batch_id");
    assertThat(api().awaitFinished(ADMIN_KEY, id).text("status")).isEqualTo("completed");
    return id;
  }

  private Api.Response revert(String key, Object batchId) {
    return api().post(key, "/api/import/" + batchId + "/revert");
  }

  private int purchasesOf(String batchId) {
    return jdbc.queryForObject(
        "select count(*) from purchase_ledger where import_batch_id = ?::uuid",
        Integer.class,
        batchId);
  }

  private int itemsOf(String batchId) {
    return jdbc.queryForObject(
        """
        select count(*) from purchase_items_ledger i join purchase_ledger p on p.id = i.transaction_id
        where p.import_batch_id = ?::uuid""",
        Integer.class,
        batchId);
  }

  private String stateOf(Object batchId) {
    return jdbc.queryForObject(
        "select status from bulk_import_batches where id = ?::uuid",
        String.class,
        batchId.toString());
  }

  @Test
  void a_completed_batch_is_reverted_removing_exactly_its_purchases_and_items() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    String reverted = imported(tenant, tenant.csv(3, 2));
    String kept = imported(tenant, tenant.csv(2, 3).replace("T-", "K-"));
    String othersBatch = imported(other, other.csv(4, 1));
    Instant before = Instant.now();

    Api.Response answer = revert(ADMIN_KEY, reverted);

    Instant after = Instant.now();
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    assertThat(answer.text("batch_id")).isEqualTo(reverted);
    assertThat(answer.text("status")).isEqualTo("reverted");
    assertThat(answer.text("reverted_by")).isEqualTo("admin");
    assertThat(Instant.parse(answer.text("reverted_at"))).isBetween(before, after);
    // The counts still say what the import wrote, which is what the revert removed.
    assertThat(answer.json().get("purchases_count").asInt()).isEqualTo(3);
    assertThat(answer.json().get("items_count").asInt()).isEqualTo(6);
    assertThat(answer.json().has("errors")).isTrue();
    assertThat(purchasesOf(reverted)).isZero();
    assertThat(itemsOf(reverted)).isZero();
    assertThat(purchasesOf(kept)).isEqualTo(2);
    assertThat(itemsOf(kept)).isEqualTo(6);
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(2);
    assertThat(tenant.itemsInLedger(jdbc)).isEqualTo(6);
    assertThat(other.purchasesInLedger(jdbc)).isEqualTo(4);
    assertThat(other.itemsInLedger(jdbc)).isEqualTo(4);
    assertThat(purchasesOf(othersBatch)).isEqualTo(4);

    Api.Response status = api().get(ADMIN_KEY, "/api/import/status/" + reverted);
    assertThat(status.json()).isEqualTo(answer.json());
    Api.Response listed = api().get(ADMIN_KEY, "/api/import/list/" + tenant.merchantId());
    assertThat(listed.json().get("batches").get(1).get("status").asString()).isEqualTo("reverted");
    assertThat(api().get(ADMIN_KEY, "/api/import/status/" + kept).text("status"))
        .isEqualTo("completed");
  }

  @Test
  void a_merchant_key_reverts_its_own_batch_as_its_key_id() {
    Tenant tenant = newTenant();
    Api.Response created =
        api().post(ADMIN_KEY, "/api/admin/merchants/" + tenant.merchantId() + "/api-keys");
    String batch = imported(tenant, tenant.csv(2, 1));

    Api.Response answer = revert(created.text("api_key"), batch);

    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    assertThat(answer.text("reverted_by")).isEqualTo(created.text("key_id"));
    assertThat(
            jdbc.queryForObject(
                "select reverted_by from bulk_import_batches where id = ?::uuid",
                String.class,
                batch))
        .isEqualTo(created.text("key_id"));
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();
  }

  @Test
  void another_merchants_batch_and_an_unknown_one_are_404_and_nothing_is_removed() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    String batch = imported(tenant, tenant.csv(2, 2));

    Api.Response foreign = revert(merchantKey(other), batch);
    Api.Response unknown = revert(ADMIN_KEY, UUID.randomUUID());

    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.text("error")).isEqualTo("batch_not_found");
    assertThat(foreign.text("message")).isEqualTo("There is no import batch " + batch + ".");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text("error")).isEqualTo("batch_not_found");
    assertThat(revert(null, batch).status()).isEqualTo(401);
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(2);
    assertThat(tenant.itemsInLedger(jdbc)).isEqualTo(4);
    assertThat(stateOf(batch)).isEqualTo("completed");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          pending   | false | 0 | is still pending; only a completed import can be reverted. Wait until it completes, or cancel it.
          processing| false | 0 | is still processing; only a completed import can be reverted. Wait until it completes, or cancel it.
          failed    | false | 0 | failed, so nothing of it is in the ledger; there is nothing to revert.
          cancelled | false | 0 | was cancelled, so nothing of it is in the ledger; there is nothing to revert.
          reverted  | false | 3 | was already reverted at 2024-01-15T10:00:00Z by admin; its purchases and items are no longer in the ledger.
          completed | true  | 3 | is a dry run, which wrote nothing to the ledger; there is nothing to revert.
          completed | false | 0 | completed without writing any purchases; there is nothing to revert.
          """)
  void any_other_batch_is_409_batch_not_revertible_saying_its_state(
      String status, boolean dryRun, int purchases, String message) {
    Tenant tenant = newTenant();
    String kept = imported(tenant, tenant.csv(2, 1));
    UUID id = UUID.randomUUID();
    boolean reverted = status.equals("reverted");
    jdbc.update(
        """
        insert into bulk_import_batches (id, merchant_id, file_name, status, dry_run,
          purchases_count, items_count, created_at, completed_at, reverted_at, reverted_by)
        values (?, ?, 'p.csv', ?, ?, ?, ?, now(), now(), ?, ?)""",
        id,
        tenant.merchantId(),
        status,
        dryRun,
        purchases,
        purchases,
        reverted ? Timestamp.from(Instant.parse("2024-01-15T10:00:00Z")) : null,
        reverted ? "admin" : null);
    // Rows that name the batch, as if it had written them: a refusal must leave them alone.
    jdbc.update(
        "update purchase_ledger set import_batch_id = ? where import_batch_id = ?::uuid", id, kept);

    Api.Response answer = revert(ADMIN_KEY, id);

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.text("error")).isEqualTo("batch_not_revertible");
    assertThat(answer.text("message")).isEqualTo("Batch " + id + " " + message);
    assertThat(answer.text("status")).isEqualTo(status);
    assertThat(stateOf(id)).isEqualTo(status);
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(2);
    assertThat(tenant.itemsInLedger(jdbc)).isEqualTo(2);
  }

  @Test
  void a_second_revert_is_409_and_of_two_at_once_exactly_one_wins() throws Exception {
    Tenant tenant = newTenant();
    String first = imported(tenant, tenant.csv(2, 1));
    assertThat(revert(ADMIN_KEY, first).status()).isEqualTo(200);

    Api.Response again = revert(ADMIN_KEY, first);

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.text("error")).isEqualTo("batch_not_revertible");
    assertThat(again.text("message")).startsWith("Batch " + first + " was already reverted at ");
    assertThat(again.text("status")).isEqualTo("reverted");

    String second = imported(tenant, tenant.csv(5, 2).replace("T-", "S-"));
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch ready = new CountDownLatch(2);
      List<CompletableFuture<Integer>> answers =
          List.of(1, 2).stream()
              .map(
                  n ->
                      CompletableFuture.supplyAsync(
                          () -> {
                            ready.countDown();
                            try {
                              ready.await();
                            } catch (InterruptedException e) {
                              throw new IllegalStateException(e);
                            }
                            return revert(ADMIN_KEY, second).status();
                          },
                          threads))
              .toList();
      List<Integer> statuses = answers.stream().map(CompletableFuture::join).sorted().toList();

      assertThat(statuses).containsExactly(200, 409);
    } finally {
      threads.shutdownNow();
    }
    assertThat(stateOf(second)).isEqualTo("reverted");
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();
  }

  /**
   * A table of the CRM's that refers to the ledger, plain or cascading: either way the revert is
   * refused, naming it, and nothing of the batch (or of that table) is removed.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "purchase_ledger, ''",
    "purchase_ledger, on delete cascade",
    "purchase_items_ledger, ''",
    "purchase_items_ledger, on delete cascade"
  })
  void rows_of_another_table_that_refer_to_the_batch_block_the_revert_and_nothing_is_removed(
      String referenced, String onDelete) {
    Tenant tenant = newTenant();
    String batch = imported(tenant, tenant.csv(3, 2));
    String elsewhere = imported(tenant, tenant.csv(1, 1).replace("T-", "E-"));
    String table = "crm_refs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String rows =
        referenced.equals("purchase_ledger")
            ? "select p.id from purchase_ledger p where p.import_batch_id = ?::uuid"
            : """
              select i.id from purchase_items_ledger i
              join purchase_ledger p on p.id = i.transaction_id where p.import_batch_id = ?::uuid""";
    jdbc.execute(
        "create table %s (id serial primary key, ref uuid references %s %s)"
            .formatted(table, referenced, onDelete));
    try {
      jdbc.update("insert into %s (ref) (%s order by 1 limit 2)".formatted(table, rows), batch);
      // A reference to another batch's row is no obstacle, and survives the revert.
      jdbc.update("insert into %s (ref) (%s)".formatted(table, rows), elsewhere);

      Api.Response blocked = revert(ADMIN_KEY, batch);

      assertThat(blocked.status()).as(blocked.raw().body()).isEqualTo(409);
      assertThat(blocked.text("error")).isEqualTo("revert_blocked");
      assertThat(blocked.text("message"))
          .isEqualTo(
              "Batch "
                  + batch
                  + " cannot be reverted: 2 rows of "
                  + table
                  + " still refer to its purchases or items. Nothing was removed; delete those"
                  + " rows or point them elsewhere, then revert again.");
      assertThat(blocked.json().get("references").get(0).get("table").asString()).isEqualTo(table);
      assertThat(blocked.json().get("references").get(0).get("rows").asInt()).isEqualTo(2);
      assertThat(purchasesOf(batch)).isEqualTo(3);
      assertThat(itemsOf(batch)).isEqualTo(6);
      assertThat(count(table)).isEqualTo(3);
      assertThat(stateOf(batch)).isEqualTo("completed");

      jdbc.update("delete from %s where ref in (%s)".formatted(table, rows), batch);
      Api.Response unblocked = revert(ADMIN_KEY, batch);

      assertThat(unblocked.status()).as(unblocked.raw().body()).isEqualTo(200);
      assertThat(purchasesOf(batch)).isZero();
      assertThat(itemsOf(batch)).isZero();
      assertThat(count(table)).isEqualTo(1);
      assertThat(purchasesOf(elsewhere)).isEqualTo(1);
    } finally {
      jdbc.execute("drop table " + table);
    }
  }

  @Test
  void a_key_on_the_merchant_and_transaction_number_blocks_the_revert_too() {
    Tenant tenant = newTenant();
    String batch = imported(tenant, tenant.csv(2, 1));
    String table = "crm_refunds_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    jdbc.execute(
        """
        create table %s (id serial primary key, merchant_id uuid, transaction_number text,
          foreign key (merchant_id, transaction_number)
            references purchase_ledger (merchant_id, transaction_number) on delete cascade)"""
            .formatted(table));
    try {
      jdbc.update(
          "insert into %s (merchant_id, transaction_number) values (?, 'T-1')".formatted(table),
          tenant.merchantId());

      Api.Response blocked = revert(ADMIN_KEY, batch);

      assertThat(blocked.status()).as(blocked.raw().body()).isEqualTo(409);
      assertThat(blocked.text("message"))
          .contains(": 1 row of " + table + " still refers to its purchases or items.");
      assertThat(purchasesOf(batch)).isEqualTo(2);
      assertThat(count(table)).isEqualTo(1);
    } finally {
      jdbc.execute("drop table " + table);
    }
  }

  /**
   * What the check cannot foresee, here a trigger that makes a reference as the items go, fails on
   * the foreign key and is answered alike; the items already deleted come back with the rollback.
   */
  @Test
  void a_reference_made_during_the_revert_is_409_revert_blocked_and_nothing_is_removed() {
    Tenant tenant = newTenant();
    String batch = imported(tenant, tenant.csv(2, 2));
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String table = "crm_late_refs_" + suffix;
    jdbc.execute(
        "create table %s (id serial primary key, ref uuid references purchase_ledger)"
            .formatted(table));
    jdbc.execute(
        """
        create function %1$s_add() returns trigger language plpgsql as $$
        begin insert into %1$s (ref) values (old.transaction_id); return old; end $$"""
            .formatted(table));
    jdbc.execute(
        "create trigger %1$s after delete on purchase_items_ledger for each row execute function %1$s_add()"
            .formatted(table));
    try {
      Api.Response blocked = revert(ADMIN_KEY, batch);

      assertThat(blocked.status()).as(blocked.raw().body()).isEqualTo(409);
      assertThat(blocked.text("error")).isEqualTo("revert_blocked");
      assertThat(blocked.text("message"))
          .isEqualTo(
              "Batch "
                  + batch
                  + " cannot be reverted: rows of "
                  + table
                  + " came to refer to its purchases or items while it was being reverted."
                  + " Nothing was removed; delete those rows or point them elsewhere, then revert"
                  + " again.");
      assertThat(purchasesOf(batch)).isEqualTo(2);
      assertThat(itemsOf(batch)).isEqualTo(4);
      assertThat(count(table)).isZero();
      assertThat(stateOf(batch)).isEqualTo("completed");
    } finally {
      jdbc.execute("drop trigger %1$s on purchase_items_ledger".formatted(table));
      jdbc.execute("drop function %s_add()".formatted(table));
      jdbc.execute("drop table " + table);
    }
  }

  @Test
  void after_a_revert_the_same_file_is_accepted_and_imported_again() {
    Tenant tenant = newTenant();
    String csv = tenant.csv(3, 1);
    String first = imported(tenant, csv);
    Api.Response duplicate = api().upload(ADMIN_KEY, tenant.merchantId(), csv);
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.text("error")).isEqualTo("duplicate_file");

    assertThat(revert(ADMIN_KEY, first).status()).isEqualTo(200);
    String again = imported(tenant, csv);

    assertThat(again).isNotEqualTo(first);
    assertThat(purchasesOf(again)).isEqualTo(3);
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(3);
    assertThat(stateOf(first)).isEqualTo("reverted");
  }

  @Test
  void a_revert_is_counted_in_the_batch_outcomes() {
    Tenant tenant = newTenant();
    String batch = imported(tenant, tenant.csv(1, 1));
    double before = revertedCount();

    revert(ADMIN_KEY, batch);

    assertThat(revertedCount()).isEqualTo(before + 1);
  }

  private double revertedCount() {
    String text = api().get(ADMIN_KEY, "/prometheus").raw().body();
    Matcher line =
        Pattern.compile("(?m)^importer_batches_total\\{[^}]*outcome=\"reverted\"[^}]*} (\\S+)$")
            .matcher(text);
    return line.find() ? Double.parseDouble(line.group(1)) : 0;
  }

  @Test
  void a_reverted_batch_is_kept_for_the_retention_days_from_its_revert() {
    Tenant tenant = newTenant();
    UUID old = UUID.randomUUID();
    UUID recent = UUID.randomUUID();
    for (Map.Entry<UUID, Duration> batch :
        Map.of(old, Duration.ofDays(31), recent, Duration.ofDays(1)).entrySet()) {
      jdbc.update(
          """
          insert into bulk_import_batches (id, merchant_id, status, created_at, completed_at,
            reverted_at, reverted_by)
          values (?, ?, 'reverted', now() - interval '40 days', now() - interval '40 days', ?,
            'admin')""",
          batch.getKey(),
          tenant.merchantId(),
          Timestamp.from(Instant.now().minus(batch.getValue())));
    }

    retention.deleteExpired();

    assertThat(tenant.batchCount(jdbc)).isEqualTo(1);
    assertThat(stateOf(recent)).isEqualTo("reverted");
  }

  private int count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Integer.class);
  }
}
