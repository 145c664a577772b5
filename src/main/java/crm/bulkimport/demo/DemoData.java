package crm.bulkimport.demo;

import crm.bulkimport.config.DatabaseProperties;
import crm.bulkimport.tenant.AdminKey;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Seeds the demo merchant (once; the ids are fixed) and shows how to import the sample. */
@Component
class DemoData {

  static final UUID MERCHANT = UUID.fromString("7d3f5c2a-9b1e-4c8d-a6f0-3e2b1c4d5a60");
  static final List<UUID> USERS =
      List.of(
          UUID.fromString("0a6c1e52-3b7d-4f19-9e84-5c2d7b1a9f01"),
          UUID.fromString("1b7d2f63-4c8e-4a2a-8f95-6d3e8c2b0a12"),
          UUID.fromString("2c8e3a74-5d9f-4b3b-9aa6-7e4f9d3c1b23"));
  static final List<UUID> SKUS =
      List.of(
          UUID.fromString("3d9f4b85-6ea0-4c4c-8bb7-8f5a0e4d2c34"),
          UUID.fromString("4ea05c96-7fb1-4d5d-9cc8-9a6b1f5e3d45"),
          UUID.fromString("5fb16da7-80c2-4e6e-8dd9-ab7c2a6f4e56"),
          UUID.fromString("60c27eb8-91d3-4f7f-9eea-bc8d3b7a5f67"));
  private static final List<String> USER_NAMES = List.of("Ana Lima", "Ben Okafor", "Chi Nguyen");
  // The keys the shop and till samples (samples/shopify-orders.csv, samples/square-items.csv)
  // name these customers and products by.
  private static final List<String> USER_NUMBERS = List.of("C-1001", "C-1002", "C-1003");
  private static final List<String> USER_EMAILS =
      List.of("ana.lima@example.com", "ben.okafor@example.com", "chi.nguyen@example.com");
  private static final List<String> USER_PHONES =
      List.of("+14155550101", "+14155550102", "+14155550103");
  private static final List<String> SKU_NAMES =
      List.of("Espresso beans 1 kg", "Oat milk 1 l", "Ceramic mug", "Pour-over filters");
  private static final List<String> SKU_CODES = List.of("ESP-1KG", "OAT-1L", "MUG-CER", "FLT-100");

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  private final JdbcTemplate jdbc;
  private final boolean enabled;
  private final AdminKey adminKey;
  private final Environment environment;

  DemoData(
      JdbcTemplate jdbc,
      DemoProperties demo,
      DatabaseProperties database,
      AdminKey adminKey,
      Environment environment) {
    this.jdbc = jdbc;
    this.enabled = demo.demoData() != null ? demo.demoData() : database.embedded();
    this.adminKey = adminKey;
    this.environment = environment;
  }

  @EventListener(ApplicationReadyEvent.class)
  void seedAndShowExample() {
    if (!enabled) {
      return;
    }
    jdbc.update(
        """
        insert into merchants (id, name, email) values (?, 'Demo Coffee Co.',
        'owner@demo-coffee.example') on conflict (id) do nothing""",
        MERCHANT);
    for (int i = 0; i < USERS.size(); i++) {
      jdbc.update(
          """
          insert into users (id, merchant_id, name, external_id, email, phone)
          values (?, ?, ?, ?, ?, ?)
          on conflict (id) do update set external_id = excluded.external_id,
              email = excluded.email, phone = excluded.phone""",
          USERS.get(i),
          MERCHANT,
          USER_NAMES.get(i),
          USER_NUMBERS.get(i),
          USER_EMAILS.get(i),
          USER_PHONES.get(i));
    }
    for (int i = 0; i < SKUS.size(); i++) {
      jdbc.update(
          """
          insert into skus (id, merchant_id, name, code) values (?, ?, ?, ?)
          on conflict (id) do update set code = excluded.code""",
          SKUS.get(i),
          MERCHANT,
          SKU_NAMES.get(i),
          SKU_CODES.get(i));
    }
    String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
    log.info(
        "Demo merchant {} is ready. Import the sample file with:\n"
            + "  curl -s -H 'Authorization: Bearer {}' -F merchant_id={}"
            + " -F file=@samples/sample-purchases.csv {}/api/import/purchases\n"
            + "then follow the Location it returns:\n"
            + "  curl -s -H 'Authorization: Bearer {}' {}/api/import/status/<batch_id>\n"
            + "or open the import page at {}/ and sign in with that key.",
        MERCHANT,
        adminKey.value(),
        MERCHANT,
        base,
        adminKey.value(),
        base,
        base);
  }
}
