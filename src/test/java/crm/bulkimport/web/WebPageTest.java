package crm.bulkimport.web;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Api;
import crm.bulkimport.support.Csv;
import crm.bulkimport.support.Tenant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The import page at {@code /}, driven in headless Chromium against the running service. */
@Tag("browser")
class WebPageTest extends ImportPageTest {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @Test
  void a_bad_key_is_refused_with_a_clear_message_and_nothing_is_kept() {
    signInWith("not-a-key");

    String error = browser.awaitText(By.id("signin-error"), "not accepted");

    assertThat(error)
        .isEqualTo(
            "That API key was not accepted. Check that you copied all of it; a revoked key no"
                + " longer works.");
    assertThat(driver.findElement(By.id("workspace")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("api-key")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(sessionKey()).isNull();
  }

  @Test
  void a_merchant_key_works_on_its_own_merchant_survives_a_reload_and_sign_out_forgets_it() {
    Tenant tenant = newTenant();
    String key = merchantKey(tenant);

    signIn(key);

    assertThat(browser.awaitText(By.id("whoami"), "Signed in"))
        .isEqualTo("Signed in for Test " + tenant.merchantId());
    assertThat(driver.findElement(By.id("merchant-picker")).isDisplayed()).isFalse();
    assertThat(browser.visible(By.id("imports-empty")).getText()).startsWith("No imports yet");
    assertThat(sessionKey()).isEqualTo(key);

    driver.navigate().refresh();
    assertThat(browser.visible(By.id("whoami")).getText())
        .isEqualTo("Signed in for Test " + tenant.merchantId());

    driver.findElement(By.id("sign-out")).click();

    browser.visible(By.id("signin"));
    assertThat(browser.awaitText(By.id("notice"), "signed out")).contains("You are signed out");
    assertThat(driver.findElement(By.id("workspace")).isDisplayed()).isFalse();
    assertThat(sessionKey()).isNull();
    signIn(key);
    assertThat(driver.findElement(By.id("notice")).getText()).isEmpty();
  }

  @Test
  void the_admin_chooses_a_merchant_and_sees_its_imports() {
    Tenant tenant = newTenant();
    // Merchants are listed by name; this one comes first whatever other tests have created.
    jdbc.update(
        "update merchants set name = ? where id = ?",
        "0 Admin's pick " + tenant.merchantId(),
        tenant.merchantId());
    String batchId =
        api()
            .uploadForm(
                ADMIN_KEY,
                java.util.Map.of(
                    "merchant_id", tenant.merchantId().toString(), "batch_name", "Existing import"),
                "existing.csv",
                tenant.csv(2, 1).getBytes(StandardCharsets.UTF_8))
            .text("batch_id");
    api().awaitFinished(ADMIN_KEY, batchId);

    signIn(ADMIN_KEY);
    assertThat(browser.awaitText(By.id("whoami"), "admin")).isEqualTo("Signed in as admin");
    Select merchants = new Select(browser.visible(By.id("merchant")));
    merchants.selectByVisibleText("0 Admin's pick " + tenant.merchantId());

    WebElement row = browser.visible(row(batchId));
    assertThat(row.findElement(By.cssSelector("[data-field=name] .link-button")).getText())
        .isEqualTo("Existing import");
    assertThat(status(batchId)).isEqualTo("Completed");
    assertThat(cell(batchId, "purchases_count")).isEqualTo("2");
    assertThat(driver.findElement(By.id("upload-card")).isDisplayed()).isTrue();
  }

  @Test
  void a_good_file_is_imported_and_the_list_shows_its_counts_and_timings() {
    Tenant tenant = newTenant();
    signIn(merchantKey(tenant));

    String batchId = uploadThroughPage("good.csv", tenant.csv(3, 2), "January");

    awaitStatus(batchId, "Completed");
    assertThat(cell(batchId, "total_rows")).isEqualTo("6");
    assertThat(cell(batchId, "purchases_count")).isEqualTo("3");
    assertThat(cell(batchId, "items_count")).isEqualTo("6");
    assertThat(cell(batchId, "error_count")).isEqualTo("0");
    assertThat(cell(batchId, "duration")).matches("\\d+ ms|\\d+(\\.\\d)? s");
    assertThat(
            driver
                .findElement(row(batchId))
                .findElement(By.cssSelector("[data-field=created_at] time"))
                .getAttribute("datetime"))
        .isNotBlank();
    assertThat(browser.awaitText(By.id("notice"), "is imported"))
        .contains("“January” is imported")
        .contains("3 purchases with 6 items were written to the ledger.");
    assertThat(
            driver.findElement(By.cssSelector("#detail-facts [data-field=items_count]")).getText())
        .isEqualTo("6");
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(3);
  }

  @Test
  void a_bad_file_lists_each_error_at_its_line_and_the_error_report_downloads() throws Exception {
    Tenant tenant = newTenant();
    signIn(merchantKey(tenant));

    String batchId = uploadThroughPage("bad.csv", badCsv(tenant), "February");

    awaitStatus(batchId, "Failed");
    browser.visible(By.id("errors"));
    assertThat(errorRows())
        .containsExactly(
            List.of("3", "T-2", "sku_id", "unknown_sku"),
            List.of("5", "T-4", "user_id", "invalid_uuid"));
    assertThat(driver.findElement(By.id("errors-note")).getText()).startsWith("2 errors.");
    assertThat(cell(batchId, "error_count")).isEqualTo("2");
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();

    driver.findElement(By.id("download-report")).click();

    Path report = browser.downloads().resolve("errors-" + batchId + ".csv");
    List<String> lines =
        browser.until(d -> Files.exists(report) ? readLines(report) : null).stream().toList();
    assertThat(lines.get(0)).isEqualTo("line,transaction_number,column,code,message," + Csv.HEADER);
    assertThat(lines.get(1)).startsWith("3,T-2,sku_id,unknown_sku,").contains(",T-2,2024-01-15");
    assertThat(lines.get(2)).startsWith("5,T-4,user_id,invalid_uuid,").contains(",not-a-uuid,");
    assertThat(lines).hasSize(3);
  }

  @Test
  void a_partial_import_writes_the_good_rows_and_the_rejected_rows_download_to_fix()
      throws Exception {
    Tenant tenant = newTenant();
    signIn(merchantKey(tenant));
    assertThat(driver.findElement(By.id("max-errors-field")).isDisplayed()).isFalse();
    driver.findElement(By.id("partial")).click();
    browser.visible(By.id("max-errors-field"));

    String batchId = uploadThroughPage("bad.csv", badCsv(tenant), "March");

    awaitStatus(batchId, "Completed");
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(2);
    assertThat(browser.visible(By.cssSelector("[data-field=rejected_purchases]")).getText())
        .isEqualTo("2 purchases (2 rows)");
    assertThat(driver.findElement(By.id("detail-error-message")).getText())
        .startsWith("Left out 2 purchases (2 rows) for 2 errors; the others were written.");
    assertThat(driver.findElement(By.id("errors-title")).getText()).isEqualTo("Purchases left out");
    WebElement download = driver.findElement(By.id("download-report"));
    assertThat(download.getText()).isEqualTo("Download rejected rows");
    download.click();

    Path report = browser.downloads().resolve("rejected-rows-" + batchId + ".csv");
    List<String> lines =
        browser.until(d -> Files.exists(report) ? readLines(report) : null).stream().toList();
    assertThat(lines.get(0)).isEqualTo(Csv.HEADER + ",import_line,import_errors");
    assertThat(lines.get(1)).startsWith("T-2,2024-01-15").contains(",3,sku_id: ");
    assertThat(lines.get(2))
        .startsWith("T-4,2024-01-15T10:00:00Z,not-a-uuid,")
        .contains(",5,user_id: ");
    assertThat(lines).hasSize(3);

    // The fixed rows with the rest of the file again: only what was missing is added.
    driver.findElement(By.id("skip-existing")).click();
    String fixed = badCsv(tenant).replace("not-a-uuid", tenant.users().get(0).toString());
    UUID sku = tenant.skus().get(0);
    fixed = fixed.replaceFirst("(T-2,[^,]*,[^,]*,[^,]*,)[^,]*", "$1" + sku);
    String again = uploadThroughPage("fixed.csv", fixed, "March, fixed");

    awaitStatus(again, "Completed");
    assertThat(browser.visible(By.cssSelector("[data-field=skipped_purchases]")).getText())
        .isEqualTo("2 already imported");
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(4);
  }

  @Test
  void a_failed_import_is_re_run_with_a_fixed_file_under_the_same_name() {
    Tenant tenant = newTenant();
    signIn(merchantKey(tenant));
    String failedId = uploadThroughPage("bad.csv", badCsv(tenant), "March");
    awaitStatus(failedId, "Failed");

    browser.visible(By.cssSelector("#detail-actions [data-action=rerun]")).click();
    driver.findElement(By.id("rerun-file")).sendKeys(file("fixed.csv", tenant.csv(4, 1)));

    String rerunId =
        browser.until(
            d -> {
              String shown = d.findElement(By.id("batch-detail")).getAttribute("data-batch-id");
              return failedId.equals(shown) ? null : shown;
            });
    awaitStatus(rerunId, "Completed");
    assertThat(driver.findElement(By.id("detail-title")).getText()).isEqualTo("March");
    assertThat(
            driver.findElements(By.cssSelector("tr[data-testid=batch-row]")).stream()
                .map(r -> r.findElement(By.cssSelector("[data-field=name] .link-button")).getText())
                .toList())
        .containsExactly("March", "March");
    assertThat(status(failedId)).isEqualTo("Failed");
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(4);
  }

  @Test
  void a_pending_import_is_cancelled_from_the_list() {
    Tenant tenant = newTenant();
    UUID batchId = tenant.pendingBatch(jdbc, "Waiting");
    signIn(merchantKey(tenant));

    String id = batchId.toString();
    assertThat(status(id)).isEqualTo("Pending");
    assertThat(browser.awaitText(row(id), "number")).contains("Waiting to start · number");
    assertThat(driver.findElement(row(id)).findElements(By.cssSelector("progress"))).hasSize(1);

    driver.findElement(row(id)).findElement(By.cssSelector("[data-action=cancel]")).click();

    awaitStatus(id, "Cancelled");
    assertThat(browser.awaitText(By.id("notice"), "cancelled"))
        .contains("“Waiting” is cancelled")
        .contains("It had not started; nothing of it was imported.");
    assertThat(driver.findElement(row(id)).findElements(By.cssSelector("[data-action=cancel]")))
        .isEmpty();
    assertThat(
            jdbc.queryForObject(
                "select status from bulk_import_batches where id = ?", String.class, batchId))
        .isEqualTo("cancelled");
  }

  @Test
  void a_completed_import_is_reverted_from_its_details_after_the_page_says_what_goes() {
    Tenant tenant = newTenant();
    Api.Response key =
        api().post(ADMIN_KEY, "/api/admin/merchants/" + tenant.merchantId() + "/api-keys");
    signIn(key.text("api_key"));
    String batchId = uploadThroughPage("april.csv", tenant.csv(3, 2), "April");
    awaitStatus(batchId, "Completed");

    browser.visible(By.cssSelector("#detail-actions [data-action=revert]")).click();
    WebElement dialog = browser.visible(By.id("revert-dialog"));
    assertThat(driver.findElement(By.id("revert-dialog-title")).getText())
        .isEqualTo("Revert “April”?");
    assertThat(driver.findElement(By.id("revert-dialog-text")).getText())
        .isEqualTo(
            "This removes the 3 purchases and 6 items this import wrote from the ledger. It"
                + " cannot be undone.");
    assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Keep it");
    browser.screenshot(SCREENSHOTS.resolve("revert-confirm.png"));
    dialog.findElement(By.cssSelector("button[value=keep]")).click();

    browser.until(d -> dialog.isDisplayed() ? null : true);
    assertThat(status(batchId)).isEqualTo("Completed");
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(3);

    browser.visible(By.cssSelector("#detail-actions [data-action=revert]")).click();
    browser.visible(By.cssSelector("#revert-dialog [data-action=confirm-revert]")).click();

    awaitStatus(batchId, "Reverted");
    assertThat(browser.awaitText(By.id("notice"), "is reverted"))
        .contains("“April” is reverted")
        .contains("Removed its 3 purchases and 6 items from the ledger.");
    assertThat(
            driver.findElement(By.cssSelector("#detail-facts [data-field=reverted_by]")).getText())
        .isEqualTo("Key " + key.text("key_id"));
    assertThat(
            driver
                .findElement(By.cssSelector("#detail-facts [data-field=reverted_at] time"))
                .getAttribute("datetime"))
        .isEqualTo(api().get(ADMIN_KEY, "/api/import/status/" + batchId).text("reverted_at"));
    assertThat(driver.findElement(By.id("detail-revert-message")).getText())
        .startsWith("Reverted ")
        .endsWith(
            " by key "
                + key.text("key_id")
                + ": the 3 purchases and 6 items it wrote are no longer in the ledger.");
    assertThat(driver.findElements(By.cssSelector("[data-action=revert]"))).isEmpty();
    assertThat(tenant.purchasesInLedger(jdbc)).isZero();
    browser.screenshot(SCREENSHOTS.resolve("reverted.png"));
  }

  @Test
  void a_dry_run_offers_no_revert_since_it_wrote_nothing() {
    Tenant tenant = newTenant();
    String dryRun =
        api()
            .uploadForm(
                ADMIN_KEY,
                java.util.Map.of("merchant_id", tenant.merchantId().toString(), "dry_run", "true"),
                "dry.csv",
                tenant.csv(2, 1).getBytes(StandardCharsets.UTF_8))
            .text("batch_id");
    api().awaitFinished(ADMIN_KEY, dryRun);
    signIn(merchantKey(tenant));

    // The list is drawn once the sign-in's first poll answers.
    browser
        .until(d -> d.findElement(row(dryRun)))
        .findElement(By.cssSelector("[data-action=open]"))
        .click();

    browser.until(
        d -> dryRun.equals(d.findElement(By.id("batch-detail")).getAttribute("data-batch-id")));
    assertThat(status(dryRun)).isEqualTo("Completed");
    assertThat(
            driver
                .findElement(By.cssSelector("#detail-facts [data-field=purchases_count]"))
                .getText())
        .isEqualTo("2");
    assertThat(driver.findElements(By.cssSelector("[data-action=revert]"))).isEmpty();
  }

  @Test
  void the_same_file_again_asks_first_and_upload_anyway_sends_it() {
    Tenant tenant = newTenant();
    signIn(merchantKey(tenant));
    String csv = tenant.csv(2, 1);
    String firstId = uploadThroughPage("same.csv", csv, "First");
    awaitStatus(firstId, "Completed");

    chooseFile("same.csv", csv);
    nameBatch("Second");
    driver.findElement(By.id("upload")).click();

    assertThat(browser.awaitText(By.id("notice"), "uploaded before"))
        .contains("This file was uploaded before")
        .contains("already has an import of exactly this file: “First” (completed)");

    browser.visible(By.id("upload-anyway")).click();

    String secondId = browser.until(d -> detailShowing("Second"));
    awaitStatus(secondId, "Failed");
    assertThat(errorRows()).extracting(row -> row.get(3)).containsOnly("duplicate_transaction");
    assertThat(tenant.batchCount(jdbc)).isEqualTo(2);
  }

  @Test
  void a_file_that_is_not_csv_is_refused_with_the_services_message() throws IOException {
    Tenant tenant = newTenant();
    signIn(merchantKey(tenant));
    byte[] xls = new byte[4096];
    System.arraycopy(new byte[] {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0}, 0, xls, 0, 4);
    Path workbook = Files.createTempFile("purchases", ".xls");
    Files.write(workbook, xls);

    driver.findElement(By.id("file")).sendKeys(workbook.toString());
    driver.findElement(By.id("upload")).click();

    assertThat(browser.awaitText(By.id("notice"), "cannot be imported"))
        .contains("This file cannot be imported")
        .contains("The file is an old Excel .xls workbook");
    assertThat(driver.findElement(By.id("imports-empty")).isDisplayed()).isTrue();
  }

  @Test
  void a_file_over_the_limit_is_refused_with_the_limit_named() throws IOException {
    Tenant tenant = newTenant();
    signIn(merchantKey(tenant));
    // The test service's limit is 20MB: one valid row repeated past it.
    Path large = Files.createTempFile("purchases", ".csv");
    String row = Tenant.row("T-1", tenant.users().get(0), tenant.skus().get(0)) + "\n";
    try (var out = Files.newBufferedWriter(large)) {
      out.write(crm.bulkimport.support.Csv.HEADER + "\n");
      for (long written = 0; written <= 21L << 20; written += row.length()) {
        out.write(row);
      }
    }

    driver.findElement(By.id("file")).sendKeys(large.toString());
    driver.findElement(By.id("upload")).click();

    assertThat(browser.awaitText(By.id("notice"), "too large"))
        .contains("The file is too large")
        .contains("20MB limit");
    assertThat(driver.findElement(By.id("imports-empty")).isDisplayed()).isTrue();
    assertThat(tenant.batchCount(jdbc)).isZero();
  }

  @Test
  void at_phone_width_the_page_does_not_scroll_sideways() {
    Tenant tenant = newTenant();
    browser.resize(375, 812);
    signIn(merchantKey(tenant));
    String batchId = uploadThroughPage("bad.csv", badCsv(tenant), "A rather long batch name, 2024");
    awaitStatus(batchId, "Failed");
    browser.visible(By.id("errors"));

    assertThat(((Number) browser.script("return window.innerWidth")).intValue())
        .isLessThanOrEqualTo(400);
    assertThat(overflow("document.documentElement")).isZero();
    for (String id : List.of("upload-card", "imports", "batches", "batch-detail", "errors")) {
      assertThat(overflow("document.getElementById('" + id + "')")).as(id).isZero();
    }
    browser.screenshot(SCREENSHOTS.resolve("phone.png"));
    browser.script("window.scrollTo(0, document.getElementById('batch-detail').offsetTop)");
    browser.screenshot(SCREENSHOTS.resolve("phone-details.png"));
    browser.resize(1280, 900);
    browser.script("window.scrollTo(0, 0)");
    browser.screenshot(SCREENSHOTS.resolve("desktop.png"));
  }

  // ------------------------------------------------------------------ helpers

  private String sessionKey() {
    return (String) browser.script("return sessionStorage.getItem('crm-bulk-import.key')");
  }

  /** Rows 3 and 5 of five have an error each. */
  private static String badCsv(Tenant tenant) {
    UUID user = tenant.users().get(0);
    UUID sku = tenant.skus().get(0);
    return Csv.HEADER
        + "\n"
        + Tenant.row("T-1", user, sku)
        + "\n"
        + Tenant.row("T-2", user, UUID.randomUUID())
        + "\n"
        + Tenant.row("T-3", user, sku)
        + "\n"
        + Tenant.row("T-4", user, sku).replace(user.toString(), "not-a-uuid")
        + "\n";
  }

  /** Uploads through the form and returns the new batch's id, once the page shows it. */
  private String uploadThroughPage(String fileName, String content, String batchName) {
    chooseFile(fileName, content);
    nameBatch(batchName);
    driver.findElement(By.id("upload")).click();
    return browser.until(d -> detailShowing(batchName));
  }

  private List<List<String>> errorRows() {
    return driver.findElements(By.cssSelector("#errors tbody tr")).stream()
        .map(
            row ->
                List.of("line", "transaction_number", "column", "code").stream()
                    .map(f -> row.findElement(By.cssSelector("[data-field=" + f + "]")).getText())
                    .toList())
        .toList();
  }

  private static List<String> readLines(Path file) {
    try {
      String text = Files.readString(file);
      return text.isEmpty() ? null : text.lines().toList();
    } catch (IOException e) {
      return null;
    }
  }
}
