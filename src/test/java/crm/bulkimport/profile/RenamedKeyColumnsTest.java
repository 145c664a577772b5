package crm.bulkimport.profile;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.BulkImportApplication;
import crm.bulkimport.support.Api;
import crm.bulkimport.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A CRM whose tables name the keys otherwise ({@code contact_email}, {@code barcode}) and lack some
 * ({@code phone}): the settings say where each key lives, and a missing one is unavailable.
 */
@Tag("own-database")
class RenamedKeyColumnsTest {

  @Test
  void keys_are_matched_in_the_columns_the_settings_name_and_a_missing_one_is_refused() {
    String url = TestDatabase.freshDatabase("crm_keys");
    try {
      JdbcTemplate crm =
          new JdbcTemplate(
              new org.springframework.jdbc.datasource.DriverManagerDataSource(
                  url, TestDatabase.user(), TestDatabase.password()));
      crm.execute(
          """
          create table merchants (id uuid primary key, name text not null);
          create table users (id uuid primary key, merchant_id uuid not null references merchants,
                              contact_email text, customer_no text);
          create table skus (id uuid primary key, merchant_id uuid not null references merchants,
                             barcode text);
          create table purchase_ledger (id uuid primary key, merchant_id uuid not null,
              transaction_number text not null, transaction_date timestamptz not null,
              user_id uuid not null references users, final_amount numeric not null,
              import_batch_id uuid, created_at timestamptz not null default now(),
              unique (merchant_id, transaction_number));
          create table purchase_items_ledger (id uuid primary key,
              transaction_id uuid not null references purchase_ledger,
              sku_id uuid not null references skus, quantity numeric not null,
              unit_price numeric not null, line_total numeric not null);
          """);
      UUID merchant = UUID.randomUUID();
      UUID user = UUID.randomUUID();
      UUID sku = UUID.randomUUID();
      crm.update("insert into merchants (id, name) values (?, 'CRM')", merchant);
      crm.update(
          "insert into users (id, merchant_id, contact_email) values (?, ?, 'Ana@Shop.example')",
          user,
          merchant);
      crm.update(
          "insert into skus (id, merchant_id, barcode) values (?, ?, '4006381333931')",
          sku,
          merchant);

      try (ConfigurableApplicationContext context =
          new SpringApplicationBuilder(BulkImportApplication.class)
              .web(WebApplicationType.SERVLET)
              .run(
                  "--database.url=" + url,
                  "--database.user=" + TestDatabase.user(),
                  "--database.password=" + TestDatabase.password(),
                  "--importer.create-crm-tables=false",
                  "--importer.user-keys=email=contact_email,phone",
                  "--importer.sku-keys=code=barcode",
                  "--server.port=0",
                  "--importer.admin-key=admin-key-0123456789",
                  "--importer.demo-data=false",
                  "--importer.poll-interval=200ms")) {
        CrmKeys keys = context.getBean(CrmKeys.class);
        assertThat(keys.userKeys()).containsExactlyInAnyOrder(KeyKind.ID, KeyKind.EMAIL);
        assertThat(keys.skuColumn(KeyKind.CODE)).isEqualTo("barcode");

        Api api =
            new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
        String key = "admin-key-0123456789";
        Api.Response byPhone =
            api.postJson(key, "/api/import/profiles", profile(merchant, "phone"));
        assertThat(byPhone.status()).isEqualTo(400);
        assertThat(byPhone.text("error")).isEqualTo("unknown_key");
        assertThat(byPhone.text("message"))
            .isEqualTo(
                "user_key 'phone' is not available: the CRM's users table has no column for it"
                    + " (IMPORTER_USER_KEYS).");

        String profile =
            api.postJson(key, "/api/import/profiles", profile(merchant, "email"))
                .text("profile_id");
        Api.Response accepted =
            api.uploadForm(
                key,
                Map.of("merchant_id", merchant.toString(), "profile", profile),
                "till.csv",
                """
                Receipt,When,Customer,Barcode,Qty,Price
                R-1,2024-06-01 10:00:00,ana@shop.example ,4006381333931,2,1.25
                """
                    .getBytes(StandardCharsets.UTF_8));
        JsonNode status = api.awaitFinished(key, accepted.text("batch_id")).json();

        assertThat(status.get("status").asString()).as(status.toString()).isEqualTo("completed");
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("select user_id from purchase_ledger", UUID.class))
            .isEqualTo(user);
        assertThat(jdbc.queryForObject("select sku_id from purchase_items_ledger", UUID.class))
            .isEqualTo(sku);
      }
    } finally {
      TestDatabase.dropDatabase(url);
    }
  }

  private static String profile(UUID merchant, String userKey) {
    return """
        {"merchant_id": "%s", "name": "Till by %s",
         "columns": {"transaction_number": "Receipt", "transaction_date": "When",
           "user": "Customer", "sku": "Barcode", "quantity": "Qty", "unit_price": "Price"},
         "user_key": "%s", "sku_key": "code"}"""
        .formatted(merchant, userKey, userKey);
  }
}
