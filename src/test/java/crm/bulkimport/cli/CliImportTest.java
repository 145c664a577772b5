package crm.bulkimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Csv;
import crm.bulkimport.support.ServiceProcess;
import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.Tenant;
import crm.bulkimport.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java … import} as an operator runs it: a JVM of its own on the test database, found
 * through {@code DATABASE_URL} as a deployment would. This class's own service polls the same
 * database; either may run the import, and the outcome is the same.
 */
class CliImportTest extends ServiceTest {

  @TempDir Path dir;

  record Ran(int exitCode, String stdout, String stderr) {}

  @Test
  void a_good_file_is_imported_and_summarised_with_exit_status_0() throws Exception {
    Tenant tenant = newTenant();
    Path file = write("good.csv", tenant.csv(3, 2));
    jdbc.update(
        "insert into merchant_webhooks (merchant_id, url, secret, updated_at) values (?,"
            + " 'https://93.184.216.34/hook', 'a-secret-long-enough', now())",
        tenant.merchantId());

    Ran ran = cli("--merchant", tenant.merchantId().toString(), "--file", file.toString());

    assertThat(ran.exitCode()).as(ran.stderr()).isZero();
    assertThat(ran.stdout())
        .startsWith("Import completed: 3 purchases with 6 items written to the ledger.\n")
        .contains("  rows       6\n")
        .contains("  errors     0\n")
        .containsPattern("  duration   \\d+\\.\\d s")
        .contains("The batch's status: GET /api/import/status/");
    assertThat(ran.stderr()).contains("completed: 100%, done, 6 rows");
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(3);
    assertThat(tenant.itemsInLedger(jdbc)).isEqualTo(6);
    // Announced like any batch, for the service to deliver; the command line prints no warning
    // about the notification jobs it leaves to the service.
    assertThat(
            jdbc.queryForList(
                "select d.event from webhook_deliveries d join bulk_import_batches b on b.id ="
                    + " d.batch_id where b.merchant_id = ?",
                String.class,
                tenant.merchantId()))
        .containsExactly("import.completed");
    assertThat(ran.stderr()).doesNotContain("WARN");
  }

  @Test
  void a_bad_file_writes_nothing_prints_its_errors_by_line_and_exits_1() throws Exception {
    Tenant tenant = newTenant();
    UUID user = tenant.users().get(0);
    UUID sku = tenant.skus().get(0);
    String csv =
        Csv.HEADER
            + "\n"
            + Tenant.row("T-1", user, sku)
            + "\n"
            + Tenant.row("T-2", user, sku).replace(sku.toString(), "not-a-uuid")
            + "\n"
            + Tenant.row("T-3", user, sku)
            + "\n"
            + Tenant.row("T-4", user, UUID.randomUUID())
            + "\n";
    Path file = write("bad.csv", csv);

    Ran ran = cli("--merchant", tenant.merchantId().toString(), "--file", file.toString());

    assertThat(ran.exitCode()).as(ran.stderr()).isEqualTo(1);
    assertThat(ran.stdout())
        .startsWith("Import failed: 2 errors; nothing was written.\n")
        .contains("All 2 errors, in file order:\n")
        .containsPattern("  line 3 +invalid_uuid +sku_id 'not-a-uuid' is not a UUID.* \\(T-2\\)\n")
        .containsPattern("  line 5 +unknown_sku +.* \\(T-4\\)\n")
        .contains("/errors.csv\n");
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();
  }

  @Test
  void a_shops_own_export_is_imported_with_the_profile_named() throws Exception {
    Tenant tenant = newTenant();
    jdbc.update("update users set email = 'ana@shop.example' where id = ?", tenant.users().get(0));
    jdbc.update("update skus set code = 'ESP-1KG' where id = ?", tenant.skus().get(0));
    Path file =
        write(
            "orders_export.csv",
            """
            Name,Email,Total,Created at,Lineitem quantity,Lineitem price,Lineitem sku
            #1001,Ana@Shop.example,49.00,2024-02-10 09:14:27 -0800,2,24.50,ESP-1KG
            """);

    Ran ran =
        cli(
            "--merchant",
            tenant.merchantId().toString(),
            "--file",
            file.toString(),
            "--profile",
            "shopify_orders");

    assertThat(ran.exitCode()).as(ran.stderr()).isZero();
    assertThat(ran.stdout())
        .startsWith("Import completed: 1 purchases with 1 items written to the ledger.\n");
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(1);
  }

  @Test
  void an_unknown_profile_is_refused_before_anything_is_stored() throws Exception {
    Tenant tenant = newTenant();
    Path file = write("p.csv", tenant.csv(1, 1));

    Ran ran =
        cli(
            "--merchant",
            tenant.merchantId().toString(),
            "--file",
            file.toString(),
            "--profile",
            "shopify");

    assertThat(ran.exitCode()).isEqualTo(2);
    assertThat(ran.stderr())
        .contains(
            "import: There is no profile 'shopify' for this merchant. Use a saved profile's id (GET"
                + " /api/import/profiles) or a preset: shopify_orders, square_items."
                + " (unknown_profile)");
    assertThat(tenant.batchCount(jdbc)).isZero();
  }

  @Test
  void an_unknown_option_is_a_usage_error_with_exit_status_2() throws Exception {
    Ran ran = cli("--merchant", UUID.randomUUID().toString(), "--file", "p.csv", "--verbose");

    assertThat(ran.exitCode()).isEqualTo(2);
    assertThat(ran.stderr()).startsWith("import: Unknown option --verbose. See import --help.\n");
    assertThat(ran.stdout()).isEmpty();
  }

  @Test
  void a_file_that_is_not_csv_is_refused_before_anything_is_stored() throws Exception {
    Path xls = dir.resolve("purchases.xls");
    Files.write(xls, new byte[] {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, 0, 0, 0, 0});

    Ran ran = cli("--merchant", UUID.randomUUID().toString(), "--file", xls.toString());

    assertThat(ran.exitCode()).isEqualTo(2);
    assertThat(ran.stderr())
        .contains(
            "import: The file is an old Excel .xls workbook, or an .xlsx workbook protected by a"
                + " password; neither can be read. Save it as an Excel workbook (.xlsx) without a"
                + " password, or as CSV (UTF-8), and upload that. (unsupported_file)");
  }

  @Test
  void an_unknown_merchant_is_refused_with_exit_status_2() throws Exception {
    UUID nobody = UUID.randomUUID();
    Path file = write("nobody.csv", newTenant().csv(1, 1));

    Ran ran = cli("--merchant", nobody.toString(), "--file", file.toString());

    assertThat(ran.exitCode()).as(ran.stderr()).isEqualTo(2);
    assertThat(ran.stderr())
        .contains("import: There is no merchant " + nobody + ". (unknown_merchant)");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from bulk_import_batches where merchant_id = ?",
                Integer.class,
                nobody))
        .isZero();
  }

  private Path write(String name, String csv) throws IOException {
    return Files.writeString(dir.resolve(name), csv, StandardCharsets.UTF_8);
  }

  /** Runs the command line in a JVM of its own, as {@code java -jar … import} would. */
  private Ran cli(String... args) throws IOException, InterruptedException {
    List<String> command = ServiceProcess.applicationCommand();
    command.add("import");
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile(dir, "stdout", ".txt");
    Path stderr = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("IMPORTER_") || name.startsWith("DATABASE_"));
    env.put("DATABASE_URL", TestDatabase.url());
    env.put("DATABASE_USER", TestDatabase.user());
    env.put("DATABASE_PASSWORD", TestDatabase.password());
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("The command did not end in 120 s: " + Files.readString(stderr));
    }
    return new Ran(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
  }
}
