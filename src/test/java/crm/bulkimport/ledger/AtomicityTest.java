package crm.bulkimport.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.job.PurchaseImport;
import crm.bulkimport.support.Api;
import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.Tenant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AtomicityTest extends ServiceTest {

  @Autowired PurchaseImport purchaseImport;

  @Test
  void one_bad_row_at_the_end_of_thousands_writes_nothing() {
    Tenant tenant = newTenant();
    String csv =
        tenant.csv(2000, 3)
            + "T-last,2024-01-15T10:00:00Z,"
            + tenant.users().get(0)
            + ",9.99,"
            + UUID.randomUUID()
            + ",1,1.00,1.00\n";

    String batchId = api().upload(ADMIN_KEY, tenant.merchantId(), csv).text("batch_id");
    Api.Response done = api().awaitFinished(ADMIN_KEY, batchId);

    assertThat(done.text("status")).isEqualTo("failed");
    assertThat(done.json().get("error_count").asInt()).isEqualTo(1);
    assertThat(done.json().get("total_rows").asInt()).isEqualTo(6001);
    assertThat(done.json().get("errors").get(0).get("line").asInt()).isEqualTo(6002);
    assertThat(done.json().get("errors").get(0).get("code").asString()).isEqualTo("unknown_sku");
    assertThat(done.text("error_message"))
        .startsWith("Found 1 error; nothing was imported. First: line 6002: sku_id");
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();
    assertThat(tenant.itemsInLedger(jdbc)).isZero();
  }

  @Test
  void every_error_is_counted_and_the_status_shows_the_first_100() {
    Tenant tenant = newTenant();
    StringBuilder csv = new StringBuilder(tenant.csv(10, 1));
    for (int i = 0; i < 250; i++) {
      csv.append("X-")
          .append(i)
          .append(",2024-01-15,")
          .append(tenant.users().get(0))
          .append(",1.00,not-a-sku,1,1.00,1.00\n");
    }

    String batchId = api().upload(ADMIN_KEY, tenant.merchantId(), csv.toString()).text("batch_id");
    Api.Response done = api().awaitFinished(ADMIN_KEY, batchId);

    assertThat(done.json().get("error_count").asInt()).isEqualTo(250);
    assertThat(done.json().get("errors").size()).isEqualTo(100);
    assertThat(done.json().get("errors").get(0).get("line").asInt()).isEqualTo(12);
    assertThat(done.json().get("errors").get(99).get("line").asInt()).isEqualTo(111);
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();
  }

  @Test
  void a_transaction_already_in_the_ledger_fails_the_second_import_at_its_first_line() {
    Tenant tenant = newTenant();
    String csv = tenant.csv(3, 2);
    String first = api().upload(ADMIN_KEY, tenant.merchantId(), csv).text("batch_id");
    assertThat(api().awaitFinished(ADMIN_KEY, first).text("status")).isEqualTo("completed");

    String second =
        api()
            .uploadForm(
                ADMIN_KEY,
                java.util.Map.of(
                    "merchant_id", tenant.merchantId().toString(), "allow_duplicate", "true"),
                "again.csv",
                csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .text("batch_id");
    Api.Response done = api().awaitFinished(ADMIN_KEY, second);

    assertThat(done.text("status")).isEqualTo("failed");
    assertThat(done.json().get("error_count").asInt()).isEqualTo(3);
    assertThat(done.json().get("errors").get(1).get("line").asInt()).isEqualTo(4);
    assertThat(done.json().get("errors").get(1).get("code").asString())
        .isEqualTo("duplicate_transaction");
    assertThat(done.json().get("errors").get(1).get("transaction_number").asString())
        .isEqualTo("T-1");
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(3);
    assertThat(tenant.itemsInLedger(jdbc)).isEqualTo(6);
  }

  @Test
  void running_a_finished_batch_again_writes_nothing_more() {
    Tenant tenant = newTenant();
    String batchId =
        api().upload(ADMIN_KEY, tenant.merchantId(), tenant.csv(4, 2)).text("batch_id");
    assertThat(api().awaitFinished(ADMIN_KEY, batchId).text("status")).isEqualTo("completed");

    purchaseImport.run(UUID.fromString(batchId));

    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(4);
    assertThat(tenant.itemsInLedger(jdbc)).isEqualTo(8);
    assertThat(api().get(ADMIN_KEY, "/api/import/status/" + batchId).text("status"))
        .isEqualTo("completed");
  }

  @Test
  void values_reach_the_ledger_exactly_as_written() {
    Tenant tenant = newTenant();
    String csv =
        crm.bulkimport.support.Csv.HEADER
            + "\n"
            + "V-1,2024-01-15T10:00:00+07:00,"
            + tenant.users().get(1)
            + ",12.30,"
            + tenant.skus().get(2)
            + ",1.5,8.20,12.30\n";

    String batchId = api().upload(ADMIN_KEY, tenant.merchantId(), csv).text("batch_id");
    assertThat(api().awaitFinished(ADMIN_KEY, batchId).text("status")).isEqualTo("completed");

    var purchase =
        jdbc.queryForMap(
            "select transaction_number, transaction_date at time zone 'UTC' as utc, user_id::text as"
                + " user_id, final_amount::text as amount, import_batch_id::text as batch from"
                + " purchase_ledger where merchant_id = ?",
            tenant.merchantId());
    assertThat(purchase.get("transaction_number")).isEqualTo("V-1");
    assertThat(purchase.get("utc").toString()).isEqualTo("2024-01-15 03:00:00.0");
    assertThat(purchase.get("user_id")).isEqualTo(tenant.users().get(1).toString());
    assertThat(purchase.get("amount")).isEqualTo("12.30");
    assertThat(purchase.get("batch")).isEqualTo(batchId);
    var item =
        jdbc.queryForMap(
            "select i.sku_id::text as sku, i.quantity::text as q, i.unit_price::text as p,"
                + " i.line_total::text as t from purchase_items_ledger i join purchase_ledger p on"
                + " p.id = i.transaction_id where p.merchant_id = ?",
            tenant.merchantId());
    assertThat(item.get("sku")).isEqualTo(tenant.skus().get(2).toString());
    assertThat(item.get("q")).isEqualTo("1.5");
    assertThat(item.get("p")).isEqualTo("8.20");
    assertThat(item.get("t")).isEqualTo("12.30");
  }
}
