package crm.bulkimport.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.Tenant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BulkInsertFunctionTest extends ServiceTest {

  private Map<String, Object> call(String payload, UUID merchantId) {
    return jdbc.queryForMap(
        "select * from bulk_insert_purchases_with_items(?::jsonb, ?)", payload, merchantId);
  }

  private static String purchase(String number, UUID user, String amount, String items) {
    return "{\"transaction_number\":\""
        + number
        + "\",\"transaction_date\":\"2024-01-15T10:00:00Z\","
        + "\"user_id\":\""
        + user
        + "\",\"final_amount\":"
        + amount
        + ",\"items\":["
        + items
        + "]}";
  }

  private static String item(UUID sku, String quantity) {
    return "{\"sku_id\":\""
        + sku
        + "\",\"quantity\":"
        + quantity
        + ",\"unit_price\":2.50,\"line_total\":5.00}";
  }

  @Test
  void inserts_every_purchase_and_item_and_reports_the_counts() {
    Tenant tenant = newTenant();
    String payload =
        "["
            + purchase(
                "J-1",
                tenant.users().get(0),
                "7.50",
                item(tenant.skus().get(0), "2") + "," + item(tenant.skus().get(1), "1"))
            + ","
            + purchase("J-2", tenant.users().get(1), "5.00", item(tenant.skus().get(2), "2"))
            + "]";

    Map<String, Object> result = call(payload, tenant.merchantId());

    assertThat(result.get("success")).isEqualTo(true);
    assertThat(result.get("purchases_inserted")).isEqualTo(2);
    assertThat(result.get("items_inserted")).isEqualTo(3);
    assertThat(result.get("error_message")).isNull();
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(2);
    assertThat(tenant.itemsInLedger(jdbc)).isEqualTo(3);
  }

  @Test
  void one_unknown_sku_writes_nothing_and_says_where() {
    Tenant tenant = newTenant();
    String payload =
        "["
            + purchase("J-1", tenant.users().get(0), "5.00", item(tenant.skus().get(0), "2"))
            + ","
            + purchase("J-2", tenant.users().get(0), "5.00", item(UUID.randomUUID(), "2"))
            + "]";

    Map<String, Object> result = call(payload, tenant.merchantId());

    assertThat(result.get("success")).isEqualTo(false);
    assertThat(result.get("purchases_inserted")).isEqualTo(0);
    assertThat(result.get("items_inserted")).isEqualTo(0);
    assertThat((String) result.get("error_message"))
        .startsWith("1 problem(s); first: purchase 2: sku_id ")
        .endsWith("is not a SKU of this merchant");
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();
  }

  @Test
  void a_transaction_already_in_the_ledger_writes_nothing() {
    Tenant tenant = newTenant();
    String first =
        "[" + purchase("J-1", tenant.users().get(0), "5.00", item(tenant.skus().get(0), "2")) + "]";
    assertThat(call(first, tenant.merchantId()).get("success")).isEqualTo(true);

    String second =
        "["
            + purchase("J-2", tenant.users().get(0), "5.00", item(tenant.skus().get(0), "2"))
            + ","
            + purchase("J-1", tenant.users().get(0), "5.00", item(tenant.skus().get(0), "2"))
            + "]";
    Map<String, Object> result = call(second, tenant.merchantId());

    assertThat(result.get("success")).isEqualTo(false);
    assertThat((String) result.get("error_message")).contains("J-1 is already in the ledger");
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(1);
  }

  @Test
  void malformed_values_are_reported_not_raised() {
    Tenant tenant = newTenant();
    String payload =
        "[{\"transaction_number\":\"J-1\",\"transaction_date\":\"not a date\","
            + "\"user_id\":\""
            + tenant.users().get(0)
            + "\",\"final_amount\":1,\"items\":["
            + item(tenant.skus().get(0), "1")
            + "]}]";

    Map<String, Object> result = call(payload, tenant.merchantId());

    assertThat(result.get("success")).isEqualTo(false);
    assertThat((String) result.get("error_message"))
        .startsWith("nothing was inserted: ")
        .contains("not a date");
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();
  }

  @Test
  void the_payload_shape_is_checked_before_anything_else() {
    Tenant tenant = newTenant();

    assertThat(call("{}", tenant.merchantId()).get("error_message"))
        .isEqualTo("p_purchases must be a JSON array of purchases");
    assertThat(call("[]", tenant.merchantId()).get("error_message"))
        .isEqualTo("p_purchases is empty: there is nothing to insert");
    assertThat(
            call("[" + purchase("J-1", tenant.users().get(0), "1", "") + "]", tenant.merchantId())
                .get("error_message"))
        .isEqualTo("purchase 1: items is empty; a purchase needs at least one item");
    assertThat(
            call(
                    "[{\"transaction_number\":\"J-1\",\"transaction_date\":\"2024-01-15\","
                        + "\"user_id\":\""
                        + tenant.users().get(0)
                        + "\",\"final_amount\":1,"
                        + "\"items\":[{\"sku_id\":\""
                        + tenant.skus().get(0)
                        + "\"}]}]",
                    tenant.merchantId())
                .get("error_message"))
        .isEqualTo("purchase 1, item 1: quantity is required");
    assertThat(
            call("[" + purchase("J-1", tenant.users().get(0), "1", "42") + "]", tenant.merchantId())
                .get("error_message"))
        .isEqualTo("purchase 1, item 1: must be a JSON object");
    String twice = purchase("J-1", tenant.users().get(0), "5.00", item(tenant.skus().get(0), "2"));
    assertThat(call("[" + twice + "," + twice + "]", tenant.merchantId()).get("error_message"))
        .isEqualTo("transaction_number J-1 appears in 2 purchases of the payload");
    UUID nobody = UUID.randomUUID();
    assertThat(call("[" + twice + "]", nobody).get("error_message"))
        .isEqualTo("merchant " + nobody + " does not exist");
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();
  }
}
