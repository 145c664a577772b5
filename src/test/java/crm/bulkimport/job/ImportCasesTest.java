package crm.bulkimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Api;
import crm.bulkimport.support.Expected;
import crm.bulkimport.support.ServiceTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Runs each file in {@code src/test/resources/cases} through the whole service and compares the
 * outcome with its {@code .expected} file: status, counts, warnings, and every error word for word.
 * The cases use a fixture merchant with fixed ids, whose ledger is emptied before each.
 */
class ImportCasesTest extends ServiceTest {

  static final Path CASES = Path.of("src/test/resources/cases");
  static final UUID MERCHANT = UUID.fromString("f1000000-0000-4000-8000-000000000000");
  static final UUID OTHER_MERCHANT = UUID.fromString("f2000000-0000-4000-8000-000000000000");

  @BeforeEach
  void fixtureMerchants() {
    merchant(
        MERCHANT, "a1000000-0000-4000-8000-00000000000", "b1000000-0000-4000-8000-00000000000");
    merchant(
        OTHER_MERCHANT,
        "c2000000-0000-4000-8000-00000000000",
        "d2000000-0000-4000-8000-00000000000");
    jdbc.update(
        "delete from purchase_items_ledger where transaction_id in (select id from"
            + " purchase_ledger where merchant_id = ?)",
        MERCHANT);
    jdbc.update("delete from purchase_ledger where merchant_id = ?", MERCHANT);
  }

  private void merchant(UUID id, String userPrefix, String skuPrefix) {
    jdbc.update(
        "insert into merchants (id, name) values (?, 'fixture') on conflict do nothing", id);
    for (int i = 1; i <= 2; i++) {
      jdbc.update(
          "insert into users (id, merchant_id) values (?::uuid, ?) on conflict do nothing",
          userPrefix + i,
          id);
      jdbc.update(
          "insert into skus (id, merchant_id) values (?::uuid, ?) on conflict do nothing",
          skuPrefix + i,
          id);
    }
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(CASES)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".csv"))
          .map(name -> name.substring(0, name.length() - 4))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void the_file_imports_as_its_expected_file_says(String name) throws IOException {
    Expected expected = Expected.read(CASES.resolve(name + ".expected"));
    byte[] content = Files.readAllBytes(CASES.resolve(name + ".csv"));

    Api.Response accepted = api().upload(ADMIN_KEY, MERCHANT, name + ".csv", content);
    assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
    JsonNode status = api().awaitFinished(ADMIN_KEY, accepted.text("batch_id")).json();

    assertThat(status.get("status").asString()).isEqualTo(expected.status());
    assertThat(status.get("purchases_count").asInt()).isEqualTo(expected.purchases());
    assertThat(status.get("items_count").asInt()).isEqualTo(expected.items());
    assertThat(status.get("error_count").asInt()).isEqualTo(expected.errors().size());
    List<String> warnings = new ArrayList<>();
    status.get("warnings").forEach(w -> warnings.add(w.asString()));
    assertThat(warnings).containsExactlyElementsOf(expected.warnings());
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
                        text(e, "code"),
                        text(e, "message"))));
    assertThat(errors).containsExactlyElementsOf(expected.errors());
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
