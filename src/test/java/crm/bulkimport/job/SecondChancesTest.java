package crm.bulkimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Api;
import crm.bulkimport.support.Csv;
import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.Tenant;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Re-runs that skip what is already there, partial imports that leave out the purchases with
 * errors, and what they leave in the ledger: through the API, on a real database.
 */
class SecondChancesTest extends ServiceTest {

  // ---- on_existing=skip ----

  @Test
  void an_overlapping_export_skips_the_identical_purchases_and_writes_the_new_ones() {
    Tenant tenant = newTenant();
    assertThat(finish(upload(tenant, tenant.csv(3, 2), Map.of())).text("status"))
        .isEqualTo("completed");

    // This month's export: last month's three purchases again, rows in another order, and two new.
    String overlapping =
        Csv.HEADER
            + "\n"
            + rows(tenant, "T-2", 2, 0)
            + rows(tenant, "T-0", 0, 1)
            + rows(tenant, "T-1", 1, 1)
            + rows(tenant, "N-1", 2, 0)
            + rows(tenant, "N-2", 0, 1);
    JsonNode done = finish(upload(tenant, overlapping, Map.of("on_existing", "skip"))).json();

    assertThat(done.get("status").asString()).isEqualTo("completed");
    assertThat(done.get("on_existing").asString()).isEqualTo("skip");
    assertThat(done.get("skipped_purchases").asInt()).isEqualTo(3);
    assertThat(done.get("purchases_count").asInt()).isEqualTo(2);
    assertThat(done.get("items_count").asInt()).isEqualTo(4);
    assertThat(done.get("total_rows").asInt()).isEqualTo(10);
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(5);
    assertThat(tenant.itemsInLedger(jdbc)).isEqualTo(10);
    assertThat(
            jdbc.queryForList(
                "select transaction_number from purchase_ledger where import_batch_id = ?::uuid"
                    + " order by 1",
                String.class,
                done.get("batch_id").asString()))
        .containsExactly("N-1", "N-2");
  }

  @Test
  void a_purchase_that_changed_conflicts_at_its_line_and_nothing_is_written() {
    Tenant tenant = newTenant();
    finish(upload(tenant, tenant.csv(2, 2), Map.of()));
    UUID user = tenant.users().get(0);
    UUID sku = tenant.skus().get(0);
    String changed =
        Csv.HEADER
            + "\n"
            // T-0 as before.
            + rows(tenant, "T-0", 0, 0)
            // T-1 with a new total.
            + "T-1,2024-01-15T10:00:00Z,"
            + tenant.users().get(1)
            + ",10.99,"
            + sku
            + ",1,1.00,1.00\n"
            + "T-1,2024-01-15T10:00:00Z,"
            + tenant.users().get(1)
            + ",10.99,"
            + tenant.skus().get(1)
            + ",1,1.00,1.00\n"
            // New, and valid: still not written, as the file is all or nothing.
            + Tenant.row("N-1", user, sku)
            + "\n";
    Api.Response done = finish(upload(tenant, changed, Map.of("on_existing", "skip")));

    assertThat(done.text("status")).isEqualTo("failed");
    assertThat(done.json().get("error_count").asInt()).isEqualTo(1);
    JsonNode error = done.json().get("errors").get(0);
    assertThat(error.get("line").asInt()).isEqualTo(4);
    assertThat(error.get("code").asString()).isEqualTo("conflicting_transaction");
    assertThat(error.get("column").asString()).isEqualTo("transaction_number");
    assertThat(error.get("message").asString())
        .isEqualTo(
            "transaction_number T-1 is already in the ledger for this merchant as a different"
                + " purchase: its final_amount differs (the ledger has 9.99, the file 10.99). Fix"
                + " the row, or take the purchase out of the file");
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(2);
    assertThat(tenant.itemsInLedger(jdbc)).isEqualTo(4);
  }

  @Test
  void items_are_compared_whole_quantity_sku_and_count() {
    Tenant tenant = newTenant();
    finish(upload(tenant, tenant.csv(3, 2), Map.of()));
    UUID user0 = tenant.users().get(0);
    UUID user1 = tenant.users().get(1);
    UUID user2 = tenant.users().get(2 % tenant.users().size());
    UUID sku0 = tenant.skus().get(0);
    UUID sku1 = tenant.skus().get(1);
    String file =
        Csv.HEADER
            + "\n"
            // T-0: one item's quantity changed (its line total kept).
            + "T-0,2024-01-15T10:00:00Z,"
            + user0
            + ",9.99,"
            + sku0
            + ",2,0.50,1.00\n"
            + "T-0,2024-01-15T10:00:00Z,"
            + user0
            + ",9.99,"
            + sku1
            + ",1,1.00,1.00\n"
            // T-1: one item fewer.
            + "T-1,2024-01-15T10:00:00Z,"
            + user1
            + ",9.99,"
            + sku0
            + ",1,1.00,1.00\n"
            // T-2: another user.
            + "T-2,2024-01-15T10:00:00Z,"
            + user0
            + ",9.99,"
            + sku0
            + ",1,1.00,1.00\n"
            + "T-2,2024-01-15T10:00:00Z,"
            + user0
            + ",9.99,"
            + sku1
            + ",1,1.00,1.00\n";
    Api.Response done = finish(upload(tenant, file, Map.of("on_existing", "skip")));

    assertThat(done.text("status")).isEqualTo("failed");
    List<String> messages =
        done.json().get("errors").valueStream().map(e -> e.get("message").asString()).toList();
    assertThat(messages).hasSize(3);
    assertThat(messages.get(0))
        .contains("T-0")
        .contains("its items differ (the ledger has 2 items, the file 2 items;");
    assertThat(messages.get(1))
        .contains("T-1")
        .contains("its items differ (the ledger has 2 items, the file 1 item;");
    assertThat(messages.get(2))
        .contains("T-2")
        .contains("its user differs (the ledger has " + user2 + ", the file " + user0 + ")");
  }

  @Test
  void without_skip_a_purchase_already_there_is_still_a_duplicate() {
    Tenant tenant = newTenant();
    finish(upload(tenant, tenant.csv(1, 1), Map.of()));
    Api.Response again =
        finish(upload(tenant, tenant.csv(1, 1), Map.of("allow_duplicate", "true")));

    assertThat(again.text("status")).isEqualTo("failed");
    assertThat(again.json().get("errors").get(0).get("code").asString())
        .isEqualTo("duplicate_transaction");
    assertThat(again.json().get("skipped_purchases").isNull()).isTrue();
  }

  @Test
  void a_re_run_of_the_same_file_by_the_crm_s_own_keys_skips_every_purchase() {
    Tenant tenant = newTenant();
    jdbc.update(
        "update users set email = 'Ann' || id || '@Example.com' where merchant_id = ?",
        tenant.merchantId());
    jdbc.update("update skus set code = 'SKU-' || id where merchant_id = ?", tenant.merchantId());
    String profile =
        api()
            .postJson(
                ADMIN_KEY,
                "/api/import/profiles",
                """
                {"merchant_id": "%s", "name": "Till", "user_key": "email", "sku_key": "code",
                 "columns": {"transaction_number": "Receipt", "transaction_date": "Date",
                             "user": "Email", "sku": "Item", "quantity": "Qty",
                             "line_total": "Total"}}"""
                    .formatted(tenant.merchantId()))
            .text("profile_id");
    StringBuilder file = new StringBuilder("Receipt,Date,Email,Item,Qty,Total\n");
    for (int p = 0; p < 4; p++) {
      for (int i = 0; i < 2; i++) {
        file.append("R-")
            .append(p)
            .append(",2024-03-01T10:00:00Z,ann")
            .append(tenant.users().get(p % tenant.users().size()))
            .append("@example.com,SKU-")
            .append(tenant.skus().get(i))
            .append(",3,4.50\n");
      }
    }
    Api.Response first = finish(upload(tenant, file.toString(), Map.of("profile", profile)));
    assertThat(first.text("status")).isEqualTo("completed");

    Api.Response again =
        finish(
            upload(
                tenant,
                file.toString(),
                Map.of("profile", profile, "on_existing", "skip", "allow_duplicate", "true")));

    assertThat(again.text("status")).isEqualTo("completed");
    assertThat(again.json().get("skipped_purchases").asInt()).isEqualTo(4);
    assertThat(again.json().get("purchases_count").asInt()).isZero();
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(4);
    assertThat(tenant.itemsInLedger(jdbc)).isEqualTo(8);
  }

  // ---- partial=true ----

  @Test
  void a_partial_import_writes_the_good_purchases_and_leaves_out_each_bad_one_whole() {
    Tenant tenant = newTenant();
    UUID user = tenant.users().get(0);
    UUID sku = tenant.skus().get(0);
    UUID stranger = UUID.randomUUID();
    String file =
        Csv.HEADER
            + "\n"
            + Tenant.row("G-1", user, sku)
            + "\n"
            // B-1: its second row has a bad quantity; its first row is fine but goes with it.
            + Tenant.row("B-1", user, sku)
            + "\n"
            + "B-1,2024-01-15T10:00:00Z,"
            + user
            + ",9.99,"
            + sku
            + ",two,1.00,1.00\n"
            + Tenant.row("G-2", user, sku)
            + "\n"
            // B-2: an unknown SKU, found by the database check; its rows are not adjacent.
            + Tenant.row("B-2", user, stranger)
            + "\n"
            + Tenant.row("G-3", user, sku)
            + "\n"
            + Tenant.row("B-2", user, sku)
            + "\n"
            // A row without a transaction number: left out alone.
            + ",2024-01-15T10:00:00Z,"
            + user
            + ",9.99,"
            + sku
            + ",1,1.00,1.00\n";
    Api.Response done = finish(upload(tenant, file, Map.of("partial", "true", "max_errors", "10")));

    JsonNode status = done.json();
    assertThat(status.get("status").asString()).isEqualTo("completed");
    assertThat(status.get("partial").asBoolean()).isTrue();
    assertThat(status.get("max_errors").asInt()).isEqualTo(10);
    assertThat(status.get("purchases_count").asInt()).isEqualTo(3);
    assertThat(status.get("items_count").asInt()).isEqualTo(3);
    assertThat(status.get("rejected_purchases").asInt()).isEqualTo(3);
    assertThat(status.get("rejected_rows").asInt()).isEqualTo(5);
    assertThat(status.get("error_count").asInt()).isEqualTo(3);
    assertThat(status.get("error_message").asString())
        .startsWith(
            "Left out 3 purchases (5 rows) for 3 errors; the others were written. errors.csv"
                + " holds the rows left out, to fix and upload again. First: line 4:");
    assertThat(
            jdbc.queryForList(
                "select transaction_number from purchase_ledger where merchant_id = ? order by 1",
                String.class,
                tenant.merchantId()))
        .containsExactly("G-1", "G-2", "G-3");
    assertThat(tenant.itemsInLedger(jdbc)).isEqualTo(3);

    List<CsvRecord> report = errorsCsv(done.text("batch_id"));
    assertThat(report.get(0).getFields())
        .containsExactly(
            "transaction_number",
            "transaction_date",
            "user_id",
            "final_amount",
            "sku_id",
            "quantity",
            "unit_price",
            "line_total",
            "import_line",
            "import_errors");
    assertThat(report).hasSize(6);
    assertThat(report.stream().skip(1).map(r -> r.getField(8)))
        .containsExactly("3", "4", "6", "8", "9");
    // The rows as they were, ready to fix: the file's own values in the file's own columns.
    assertThat(report.get(2).getFields().subList(0, 8))
        .containsExactly(
            "B-1",
            "2024-01-15T10:00:00Z",
            user.toString(),
            "9.99",
            sku.toString(),
            "two",
            "1.00",
            "1.00");
    assertThat(report.get(1).getField(9))
        .isEqualTo("Not imported with the rest of purchase B-1, which has an error on another row");
    assertThat(report.get(2).getField(9)).startsWith("quantity: ");
    assertThat(report.get(3).getField(9)).startsWith("sku_id: sku_id " + stranger);
    assertThat(report.get(5).getField(9)).startsWith("transaction_number: ");
  }

  @Test
  void the_rejected_rows_fixed_and_the_whole_file_uploaded_again_add_only_what_was_missing() {
    Tenant tenant = newTenant();
    UUID user = tenant.users().get(0);
    UUID sku = tenant.skus().get(0);
    String good = Tenant.row("G-1", user, sku) + "\n" + Tenant.row("G-2", user, sku) + "\n";
    String broken = "B-1,2024-01-15T10:00:00Z," + user + ",9.99," + sku + ",1,1.00,-1.00\n";
    String fixed = Tenant.row("B-1", user, sku) + "\n";
    Api.Response first =
        finish(upload(tenant, Csv.HEADER + "\n" + good + broken, Map.of("partial", "true")));
    assertThat(first.json().get("rejected_purchases").asInt()).isEqualTo(1);
    assertThat(first.json().get("max_errors").asInt()).isEqualTo(1000);

    Api.Response second =
        finish(
            upload(
                tenant,
                Csv.HEADER + "\n" + good + fixed,
                Map.of("on_existing", "skip", "partial", "true")));

    assertThat(second.text("status")).isEqualTo("completed");
    assertThat(second.json().get("skipped_purchases").asInt()).isEqualTo(2);
    assertThat(second.json().get("rejected_purchases").asInt()).isZero();
    assertThat(second.json().get("purchases_count").asInt()).isEqualTo(1);
    assertThat(second.json().get("error_count").asInt()).isZero();
    assertThat(second.json().get("error_message").isNull()).isTrue();
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(3);
  }

  @Test
  void with_skip_and_partial_a_conflicting_purchase_is_left_out_and_an_identical_one_skipped() {
    Tenant tenant = newTenant();
    UUID user = tenant.users().get(0);
    UUID sku = tenant.skus().get(0);
    finish(
        upload(
            tenant,
            Csv.HEADER
                + "\n"
                + Tenant.row("A", user, sku)
                + "\n"
                + Tenant.row("B", user, sku)
                + "\n",
            Map.of()));
    String file =
        Csv.HEADER
            + "\n"
            + Tenant.row("A", user, sku)
            + "\n"
            + Tenant.row("B", user, sku).replace("2024-01-15", "2024-01-16")
            + "\n"
            + Tenant.row("C", user, sku)
            + "\n";
    JsonNode done =
        finish(upload(tenant, file, Map.of("on_existing", "skip", "partial", "true"))).json();

    assertThat(done.get("status").asString()).isEqualTo("completed");
    assertThat(done.get("skipped_purchases").asInt()).isEqualTo(1);
    assertThat(done.get("rejected_purchases").asInt()).isEqualTo(1);
    assertThat(done.get("purchases_count").asInt()).isEqualTo(1);
    assertThat(done.get("errors").get(0).get("code").asString())
        .isEqualTo("conflicting_transaction");
    assertThat(done.get("errors").get(0).get("line").asInt()).isEqualTo(3);
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(3);
  }

  @Test
  void more_errors_than_max_errors_write_nothing_and_fail_as_usual() {
    Tenant tenant = newTenant();
    String file = tenant.csv(5, 1).replace(",1,1.00,1.00", ",0,1.00,1.00");
    Api.Response done = finish(upload(tenant, file, Map.of("partial", "true", "max_errors", "4")));

    assertThat(done.text("status")).isEqualTo("failed");
    assertThat(done.json().get("error_count").asInt()).isEqualTo(5);
    assertThat(done.text("error_message"))
        .startsWith("Found 5 errors, more than max_errors (4) allows; nothing was imported.");
    assertThat(done.json().get("rejected_purchases").isNull()).isTrue();
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from bulk_import_rejected_rows where batch_id = ?::uuid",
                Integer.class,
                done.text("batch_id")))
        .isZero();
    // The report of a failed batch is the usual one: every error.
    assertThat(errorsCsv(done.text("batch_id")).get(0).getField(0)).isEqualTo("line");
  }

  @Test
  void a_file_level_problem_fails_a_partial_import_too() {
    Tenant tenant = newTenant();
    String noQuantity = tenant.csv(2, 1).replace(",quantity,", ",amount,");
    Api.Response done = finish(upload(tenant, noQuantity, Map.of("partial", "true")));

    assertThat(done.text("status")).isEqualTo("failed");
    assertThat(done.json().get("errors").get(0).get("code").asString()).isEqualTo("missing_column");
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();
  }

  @Test
  void a_partial_dry_run_says_what_would_be_left_out_and_writes_nothing() {
    Tenant tenant = newTenant();
    String file = tenant.csv(4, 2).replaceFirst(",1,1.00,1.00\n", ",x,1.00,1.00\n");
    JsonNode done =
        finish(upload(tenant, file, Map.of("partial", "true", "dry_run", "true"))).json();

    assertThat(done.get("status").asString()).isEqualTo("completed");
    assertThat(done.get("dry_run").asBoolean()).isTrue();
    assertThat(done.get("purchases_count").asInt()).isEqualTo(3);
    assertThat(done.get("items_count").asInt()).isEqualTo(6);
    assertThat(done.get("rejected_purchases").asInt()).isEqualTo(1);
    assertThat(done.get("rejected_rows").asInt()).isEqualTo(2);
    assertThat(done.get("error_message").asString())
        .startsWith("Would leave out 1 purchase (2 rows)");
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();
    assertThat(errorsCsv(done.get("batch_id").asString()).get(0).getField(0)).isEqualTo("line");
  }

  // ---- the options themselves ----

  @Test
  void options_the_service_does_not_take_are_refused_before_anything_is_stored() {
    Tenant tenant = newTenant();
    record Refused(Map<String, String> fields, String code, String message) {}
    List<Refused> cases =
        List.of(
            new Refused(
                Map.of("on_existing", "replace"),
                "invalid_on_existing",
                "on_existing must be 'fail' (a purchase already in the ledger is an error) or"
                    + " 'skip' (one already there, identical, is skipped), not 'replace'."),
            new Refused(
                Map.of("max_errors", "10"),
                "invalid_max_errors",
                "max_errors is the most errors a partial import may leave out; it needs"
                    + " partial=true. Without it an import is all or nothing."),
            new Refused(
                Map.of("partial", "true", "max_errors", "-1"),
                "invalid_max_errors",
                "max_errors must be a whole number from 0 to 100000 (IMPORTER_PARTIAL_MAX_ERRORS),"
                    + " not '-1'."),
            new Refused(
                Map.of("partial", "true", "max_errors", "100001"),
                "invalid_max_errors",
                "max_errors must be a whole number from 0 to 100000 (IMPORTER_PARTIAL_MAX_ERRORS),"
                    + " not '100001'."),
            new Refused(
                Map.of("partial", "true", "max_errors", "ten"),
                "invalid_max_errors",
                "max_errors must be a whole number from 0 to 100000 (IMPORTER_PARTIAL_MAX_ERRORS),"
                    + " not 'ten'."),
            new Refused(
                Map.of("partial", "maybe"),
                "invalid_partial",
                "partial must be true or false, not 'maybe'."));
    for (Refused refused : cases) {
      Api.Response answer = upload(tenant, tenant.csv(1, 1), refused.fields());
      assertThat(answer.status()).as(refused.fields().toString()).isEqualTo(400);
      assertThat(answer.text("error")).isEqualTo(refused.code());
      assertThat(answer.text("message")).isEqualTo(refused.message());
    }
    assertThat(tenant.batchCount(jdbc)).isZero();
  }

  @Test
  void on_existing_is_read_whatever_its_case() {
    Tenant tenant = newTenant();
    Api.Response accepted = upload(tenant, tenant.csv(1, 1), Map.of("on_existing", " SKIP "));
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.text("on_existing")).isEqualTo("skip");
    assertThat(api().awaitFinished(ADMIN_KEY, accepted.text("batch_id")).text("status"))
        .isEqualTo("completed");
  }

  // ---- helpers ----

  private Api.Response upload(Tenant tenant, String csv, Map<String, String> options) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("merchant_id", tenant.merchantId().toString());
    fields.putAll(options);
    return api()
        .uploadForm(ADMIN_KEY, fields, "purchases.csv", csv.getBytes(StandardCharsets.UTF_8));
  }

  private Api.Response finish(Api.Response accepted) {
    assertThat(accepted.status()).as(accepted.json().toString()).isEqualTo(202);
    return api().awaitFinished(ADMIN_KEY, accepted.text("batch_id"));
  }

  /**
   * A purchase's two rows as {@link Tenant#csv} writes purchase {@code p}'s (its user, the first
   * two SKUs), the SKUs in the order {@code firstSku} says.
   */
  private static String rows(Tenant tenant, String number, int p, int firstSku) {
    UUID user = tenant.users().get(p % tenant.users().size());
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 2; i++) {
      UUID sku = tenant.skus().get((firstSku + i) % 2);
      rows.append(Tenant.row(number, user, sku)).append('\n');
    }
    return rows.toString();
  }

  private List<CsvRecord> errorsCsv(String batchId) {
    String body =
        api().get(ADMIN_KEY, "/api/import/status/" + batchId + "/errors.csv").raw().body();
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(body)) {
      return reader.stream().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
