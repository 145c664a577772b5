package crm.bulkimport.profile;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Api;
import crm.bulkimport.support.Expected;
import crm.bulkimport.support.ServiceTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Runs each file in {@code src/test/resources/profile-cases} (CSV, or a workbook as a spreadsheet
 * saved it; how each was made is in the README there) through the whole service with its profile
 * (its {@code .profile.json}, saved through the API, or the preset its {@code .expected} names) and
 * compares the outcome with its {@code .expected} file: status, counts, warnings, every error word
 * for word with its column and field, and the purchases and items in the ledger. The fixture
 * merchant's customers and products carry the CRM's own keys.
 */
class ProfileCasesTest extends ServiceTest {

  static final Path CASES = Path.of("src/test/resources/profile-cases");
  static final UUID MERCHANT = UUID.fromString("f3000000-0000-4000-8000-000000000000");

  @BeforeEach
  void fixtureMerchant() {
    jdbc.update(
        "insert into merchants (id, name) values (?, 'profile fixture') on conflict do nothing",
        MERCHANT);
    user("a3000000-0000-4000-8000-000000000001", "C-1001", "ana.lima@example.com", "+14155550101");
    user(
        "a3000000-0000-4000-8000-000000000002", "C-1002", "ben.okafor@example.com", "+14155550102");
    user(
        "a3000000-0000-4000-8000-000000000003", "C-1003", "chi.nguyen@example.com", "+14155550103");
    user("a3000000-0000-4000-8000-000000000004", "C-9001", "dup@example.com", null);
    user("a3000000-0000-4000-8000-000000000005", "C-9002", "DUP@example.com", null);
    int n = 1;
    for (String code : List.of("ESP-1KG", "OAT-1L", "MUG-CER", "FLT-100", "DUP", "DUP")) {
      jdbc.update(
          "insert into skus (id, merchant_id, code) values (?::uuid, ?, ?) on conflict do nothing",
          "b3000000-0000-4000-8000-00000000000" + n++,
          MERCHANT,
          code);
    }
    jdbc.update(
        """
        delete from purchase_items_ledger where transaction_id in
            (select id from purchase_ledger where merchant_id = ?)""",
        MERCHANT);
    jdbc.update("delete from purchase_ledger where merchant_id = ?", MERCHANT);
    jdbc.update("delete from import_profiles where merchant_id = ?", MERCHANT);
  }

  private void user(String id, String externalId, String email, String phone) {
    jdbc.update(
        """
        insert into users (id, merchant_id, external_id, email, phone)
        values (?::uuid, ?, ?, ?, ?) on conflict do nothing""",
        id,
        MERCHANT,
        externalId,
        email,
        phone);
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(CASES)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".csv") || name.endsWith(".xlsx"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void the_file_imports_with_its_profile_as_its_expected_file_says(String file) throws IOException {
    String name = file.substring(0, file.lastIndexOf('.'));
    Expected expected = Expected.read(CASES.resolve(name + ".expected"));
    String profile = expected.profile();
    Path body = CASES.resolve(name + ".profile.json");
    if (Files.exists(body)) {
      String json =
          Files.readString(body).replaceFirst("\\{", "{\"merchant_id\": \"" + MERCHANT + "\", ");
      Api.Response saved = api().postJson(ADMIN_KEY, "/api/import/profiles", json);
      assertThat(saved.status()).as(saved.raw().body()).isEqualTo(201);
      profile = saved.text("profile_id");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("merchant_id", MERCHANT.toString());
    fields.put("profile", profile);
    Api.Response accepted =
        api().uploadForm(ADMIN_KEY, fields, file, Files.readAllBytes(CASES.resolve(file)));
    assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
    JsonNode status = api().awaitFinished(ADMIN_KEY, accepted.text("batch_id")).json();

    assertThat(status.get("status").asString()).as(status.toString()).isEqualTo(expected.status());
    assertThat(status.get("profile").get("profile_id").asString()).isEqualTo(profile);
    assertThat(status.get("purchases_count").asInt()).isEqualTo(expected.purchases());
    assertThat(status.get("items_count").asInt()).isEqualTo(expected.items());
    List<String> warnings = new ArrayList<>();
    status.get("warnings").forEach(w -> warnings.add(w.asString()));
    assertThat(warnings.stream().filter(w -> !w.startsWith("Ignored columns")))
        .containsExactlyElementsOf(expected.warnings());
    List<String> errors = new ArrayList<>();
    status
        .get("errors")
        .forEach(
            e ->
                errors.add(
                    String.join(
                        " | ",
                        text(e, "line"),
                        text(e, "transaction_number"),
                        text(e, "column"),
                        text(e, "field"),
                        text(e, "code"),
                        text(e, "message"))));
    assertThat(errors).containsExactlyElementsOf(expected.errors());
    for (String purchase : expected.purchaseRows()) {
      String[] p = purchase.split(" \\| ");
      Map<String, Object> row =
          jdbc.queryForMap(
              """
              select p.transaction_date, u.external_id, p.final_amount from purchase_ledger p
              join users u on u.id = p.user_id
              where p.merchant_id = ? and p.transaction_number = ?""",
              MERCHANT,
              p[0]);
      assertThat(((java.sql.Timestamp) row.get("transaction_date")).toInstant())
          .as(purchase)
          .isEqualTo(Instant.parse(p[1]));
      assertThat(row.get("external_id")).as(purchase).isEqualTo(p[2]);
      assertThat((BigDecimal) row.get("final_amount")).as(purchase).isEqualByComparingTo(p[3]);
    }
    for (String item : expected.itemRows()) {
      String[] i = item.split(" \\| ");
      Map<String, Object> row =
          jdbc.queryForMap(
              """
              select i.quantity, i.unit_price, i.line_total from purchase_items_ledger i
              join purchase_ledger p on p.id = i.transaction_id join skus k on k.id = i.sku_id
              where p.merchant_id = ? and p.transaction_number = ? and k.code = ?""",
              MERCHANT,
              i[0],
              i[1]);
      assertThat((BigDecimal) row.get("quantity")).as(item).isEqualByComparingTo(i[2]);
      assertThat((BigDecimal) row.get("unit_price")).as(item).isEqualByComparingTo(i[3]);
      assertThat((BigDecimal) row.get("line_total")).as(item).isEqualByComparingTo(i[4]);
    }
    int written =
        jdbc.queryForObject(
            "select count(*) from purchase_ledger where merchant_id = ?", Integer.class, MERCHANT);
    assertThat(written).isEqualTo(expected.purchases());
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "-" : value.asString();
  }
}
