package crm.bulkimport.config;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.BulkImportApplication;
import crm.bulkimport.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Deploying into a CRM database that already has its tables: ours are added, theirs untouched. */
class CrmTablesOffTest {

  @Test
  void with_crm_tables_off_the_service_migrates_a_database_that_already_has_them()
      throws SQLException {
    String database =
        "crm_existing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String adminUrl = TestDatabase.url();
    try (Connection admin =
            DriverManager.getConnection(adminUrl, TestDatabase.user(), TestDatabase.password());
        Statement statement = admin.createStatement()) {
      statement.execute("create database " + database);
    }
    String url = adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
    try (Connection crm =
            DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
        Statement statement = crm.createStatement()) {
      // The CRM's own shape, with columns the importer knows nothing about.
      statement.execute(
          "create table merchants (id uuid primary key, name text not null, tier text);"
              + "create table users (id uuid primary key, merchant_id uuid not null references merchants, points int);"
              + "create table skus (id uuid primary key, merchant_id uuid not null references merchants, barcode text);"
              + "create table purchase_ledger (id uuid primary key, merchant_id uuid not null,"
              + " transaction_number text not null, transaction_date timestamptz not null,"
              + " user_id uuid not null references users, final_amount numeric not null,"
              + " import_batch_id uuid, created_at timestamptz not null default now(), channel text,"
              + " unique (merchant_id, transaction_number));"
              + "create table purchase_items_ledger (id uuid primary key, transaction_id uuid not null"
              + " references purchase_ledger, sku_id uuid not null references skus, quantity numeric not null,"
              + " unit_price numeric not null, line_total numeric not null)");
    }
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(BulkImportApplication.class)
            .web(WebApplicationType.SERVLET)
            // Command-line arguments, so that they outrank a DATABASE_URL in the environment.
            .run(
                "--database.url=" + url,
                "--database.user=" + TestDatabase.user(),
                "--database.password=" + TestDatabase.password(),
                "--importer.create-crm-tables=false",
                "--server.port=0",
                "--importer.admin-key=x",
                "--importer.demo-data=false")) {
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      List<String> applied =
          jdbc.queryForList(
              "select description from flyway_schema_history where success order by installed_rank",
              String.class);
      assertThat(applied).doesNotContain("crm reference tables").contains("import batches");
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from information_schema.columns where table_name = 'users' and"
                      + " column_name = 'points'",
                  Integer.class))
          .isEqualTo(1);
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from pg_proc where proname = 'bulk_insert_purchases_with_items'",
                  Integer.class))
          .isEqualTo(1);
    } finally {
      try (Connection admin =
              DriverManager.getConnection(adminUrl, TestDatabase.user(), TestDatabase.password());
          Statement statement = admin.createStatement()) {
        statement.execute(
            "drop database if exists " + database.toLowerCase(Locale.ROOT) + " with (force)");
      }
    }
  }
}
