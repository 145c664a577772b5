package crm.bulkimport.web;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Tenant;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The import page's mapping step, in headless Chromium: a shop's own export is mapped, saved as a
 * profile and imported; the next file with its header goes straight through; presets are picked.
 * Each step's screenshot goes to target/screenshots for a reviewer.
 */
@Tag("browser")
class WebPageMappingTest extends ImportPageTest {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String SHOP_HEADER =
      "Order No,Order Date,Customer,Item Code,Qty,Price,Total";

  @Test
  void a_shop_export_is_mapped_saved_and_imported_and_next_months_file_goes_straight_through() {
    Tenant tenant = shopTenant();
    signIn(merchantKey(tenant));

    chooseFile(
        "shop-2024-04.csv",
        SHOP_HEADER
            + "\n"
            + "A-1,03/04/2024,C-1001,ESP-1KG,1,\"24,00\",\"24,00\"\n"
            + "A-1,03/04/2024,C-1001,OAT-1L,2,\"3,50\",\"7,00\"\n"
            + "A-2,05/04/2024,C-1002,MUG-CER,1,\"12,00\",\"12,00\"\n");
    browser.visible(By.id("mapping-columns"));
    assertThat(browser.awaitText(By.id("unplaced"), "Still to place"))
        .isEqualTo("Still to place: Customer.");
    assertThat(fieldOf("Total").getFirstSelectedOption().getText()).isEqualTo("Order total");
    assertThat(driver.findElement(By.id("upload")).getAttribute("aria-disabled")).isEqualTo("true");
    fullScreenshot("mapping-1-suggested.png");

    fieldOf("Customer").selectByValue("user");
    new Select(driver.findElement(By.id("user-key"))).selectByValue("external_id");
    fieldOf("Total").selectByValue("line_total");
    WebElement question = browser.visible(By.id("question-date_format"));
    assertThat(question.findElement(By.tagName("legend")).getText())
        .contains("Is 03/04/2024 the 3rd of April or the 4th of March?");
    assertThat(question.findElement(By.cssSelector("label[for=question-date_format-0]")).getText())
        .isEqualTo("3 April 2024 (day first)");
    driver.findElement(By.id("question-date_format-0")).click();

    assertThat(browser.awaitText(By.id("unplaced"), "Every"))
        .isEqualTo("Every required part of a purchase has a column.");
    assertThat(previewCell(2, "transaction_date")).isEqualTo("2024-04-03T00:00:00Z");
    assertThat(previewCell(2, "user")).isEqualTo("C-1001");
    assertThat(previewCell(3, "unit_price")).isEqualTo("3.50");
    assertThat(previewCell(3, "line_total")).isEqualTo("7.00");
    // Without an order total column, the order's total is the sum of its lines.
    assertThat(previewCell(2, "final_amount")).isEqualTo("31.00");
    fullScreenshot("mapping-2-mapped.png");

    WebElement name = driver.findElement(By.id("profile-name"));
    name.clear();
    name.sendKeys("Shop export");
    driver.findElement(By.id("save-profile")).click();
    browser.awaitText(By.id("file-check"), "your saved profile");
    browser.awaitText(By.id("recognised-name"), "Shop export");
    browser.awaitText(
        By.id("mapping-problems"), "None: the service found no problem in these rows.");
    fullScreenshot("mapping-3-saved.png");

    nameBatch("April");
    driver.findElement(By.id("upload")).click();
    String aprilId = browser.until(d -> detailShowing("April"));
    awaitStatus(aprilId, "Completed");
    assertThat(cell(aprilId, "purchases_count")).isEqualTo("2");
    assertThat(cell(aprilId, "items_count")).isEqualTo("3");
    assertThat(detailFact("profile")).isEqualTo("Shop export");
    assertThat(
            jdbc.queryForObject(
                "select transaction_date from purchase_ledger where merchant_id = ? and"
                    + " transaction_number = 'A-1'",
                OffsetDateTime.class,
                tenant.merchantId()))
        .isEqualTo(OffsetDateTime.parse("2024-04-03T00:00:00Z"));
    assertThat(
            jdbc.queryForObject(
                "select final_amount from purchase_ledger where merchant_id = ? and"
                    + " transaction_number = 'A-1'",
                BigDecimal.class,
                tenant.merchantId()))
        .isEqualByComparingTo("31.00");
    fullScreenshot("mapping-4-imported.png");

    chooseFile(
        "shop-2024-05.csv",
        SHOP_HEADER
            + "\n"
            + "B-1,02/05/2024,C-1002,FLT-100,3,\"4,50\",\"13,50\"\n"
            + "B-2,06/05/2024,C-1003,ESP-1KG,1,\"24,00\",\"24,00\"\n"
            + "B-2,06/05/2024,C-1003,MUG-CER,1,\"12,00\",\"12,00\"\n"
            + "B-3,07/05/2024,C-1001,OAT-1L,4,\"3,50\",\"14,00\"\n");
    assertThat(browser.awaitText(By.id("file-check"), "Recognised")).contains("your saved profile");
    browser.awaitText(By.id("recognised-name"), "Shop export");
    assertThat(driver.findElement(By.id("adjust-mapping")).isDisplayed()).isTrue();
    assertThat(driver.findElements(By.id("mapping-editor"))).isEmpty();
    assertThat(previewCell(2, "transaction_date")).isEqualTo("2024-05-02T00:00:00Z");
    fullScreenshot("mapping-5-next-month-recognised.png");

    nameBatch("May");
    driver.findElement(By.id("upload")).click();
    String mayId = browser.until(d -> detailShowing("May"));
    awaitStatus(mayId, "Completed");
    assertThat(cell(mayId, "purchases_count")).isEqualTo("3");
    assertThat(cell(mayId, "items_count")).isEqualTo("4");
    assertThat(detailFact("profile")).isEqualTo("Shop export");
    assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(5);
    assertThat(profileNames()).containsExactly("Shop export");
  }

  @Test
  void a_shopify_export_is_recognised_as_the_preset_and_imported_with_it() throws IOException {
    Tenant tenant = shopTenant();
    signIn(merchantKey(tenant));

    chooseFile("orders_export_1.csv", Files.readString(Path.of("samples", "shopify-orders.csv")));

    assertThat(browser.awaitText(By.id("file-check"), "Recognised"))
        .contains("a preset for this kind of export");
    browser.awaitText(By.id("recognised-name"), "Shopify orders export");
    assertThat(previewCell(3, "user")).isEqualTo("ana.lima@example.com");
    assertThat(previewCell(3, "transaction_date")).isEqualTo("2024-02-10T17:14:27Z");
    fullScreenshot("shopify-preset.png");

    nameBatch("Shopify February");
    driver.findElement(By.id("upload")).click();
    String batchId = browser.until(d -> detailShowing("Shopify February"));
    awaitStatus(batchId, "Completed");
    assertThat(cell(batchId, "purchases_count")).isEqualTo("4");
    assertThat(cell(batchId, "items_count")).isEqualTo("7");
    assertThat(detailFact("profile")).isEqualTo("Shopify orders export");
  }

  @Test
  void a_file_whose_customer_column_is_not_placed_cannot_be_imported_until_it_is() {
    Tenant tenant = shopTenant();
    signIn(merchantKey(tenant));
    chooseFile(
        "till-march.csv",
        "Order,Date,Who,SKU,Qty,Price\n"
            + "W-1,2024-03-01,C-1001,ESP-1KG,1,24.00\n"
            + "W-2,2024-03-02,C-1003,OAT-1L,2,3.50\n");
    assertThat(browser.awaitText(By.id("unplaced"), "Still"))
        .isEqualTo("Still to place: Customer.");
    assertThat(driver.findElement(By.id("upload-blocked")).getText())
        .startsWith("Place Customer before importing");

    driver.findElement(By.id("upload")).click();

    assertThat(browser.awaitText(By.id("notice"), "Not ready"))
        .contains("Not ready to import yet")
        .contains("Place Customer before importing: choose the column of the file that feeds it.");
    driver.findElement(By.id("check-file")).click();
    assertThat(tenant.batchCount(jdbc)).isZero();
    assertThat(profileNames()).isEmpty();
    fullScreenshot("unplaced-refused.png");

    fieldOf("Who").selectByValue("user");
    new Select(driver.findElement(By.id("user-key"))).selectByValue("external_id");
    assertThat(driver.findElement(By.id("upload")).getAttribute("aria-disabled"))
        .isEqualTo("false");
    assertThat(driver.findElement(By.id("profile-name")).getAttribute("value")).isEqualTo("Till");
    nameBatch("March till");
    driver.findElement(By.id("upload")).click();

    String batchId = browser.until(d -> detailShowing("March till"));
    awaitStatus(batchId, "Completed");
    assertThat(cell(batchId, "purchases_count")).isEqualTo("2");
    // Importing saved the mapping, so the next till file is recognised.
    assertThat(profileNames()).containsExactly("Till");
  }

  @Test
  void errors_of_an_import_with_a_profile_name_the_files_own_columns() {
    Tenant tenant = shopTenant();
    saveShopProfile(tenant);
    signIn(merchantKey(tenant));

    chooseFile(
        "shop-2024-06.csv",
        SHOP_HEADER
            + "\n"
            + "C-1,03/06/2024,C-1001,ESP-1KG,1,\"24,00\",\"24,00\"\n"
            + "C-2,04/06/2024,C-9999,ESP-1KG,1,\"24,00\",\"24,00\"\n");
    browser.awaitText(By.id("file-check"), "your saved profile");
    nameBatch("June");
    driver.findElement(By.id("upload")).click();

    String batchId = browser.until(d -> detailShowing("June"));
    awaitStatus(batchId, "Failed");
    WebElement error = browser.visible(By.cssSelector("#errors tbody tr"));
    assertThat(error.findElement(By.cssSelector("[data-field=line]")).getText()).isEqualTo("3");
    assertThat(error.findElement(By.cssSelector("[data-field=column]")).getText())
        .isEqualTo("Customer");
    assertThat(error.findElement(By.cssSelector("[data-field=field]")).getText())
        .isEqualTo("Customer");
    assertThat(error.findElement(By.cssSelector("[data-field=code]")).getText())
        .isEqualTo("unknown_user");
  }

  @Test
  void at_phone_width_the_mapping_step_does_not_scroll_sideways_and_every_control_is_labelled() {
    Tenant tenant = shopTenant();
    browser.resize(375, 812);
    signIn(merchantKey(tenant));
    chooseFile(
        "a-shop-export-with-a-rather-long-file-name-2024-04.csv",
        SHOP_HEADER
            + "\n"
            + "A-1,03/04/2024,C-1001,ESP-1KG,1,\"24,00\",\"24,00\"\n"
            + "A-2,05/04/2024,C-1002,MUG-CER,1,\"12,00\",\"12,00\"\n");
    browser.visible(By.id("mapping-columns"));

    assertThat(overflow("document.documentElement")).isZero();
    for (String id : List.of("upload-card", "mapping", "mapping-columns", "preview-rows")) {
      assertThat(overflow("document.getElementById('" + id + "')")).as(id).isZero();
    }
    Object unlabelled =
        browser.script(
            "return [...document.querySelectorAll('#upload-card select, #upload-card input')]"
                + ".filter(e => e.type !== 'file' && e.type !== 'hidden')"
                + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))"
                + ".map(e => e.id || e.name || e.outerHTML)");
    assertThat((List<?>) unlabelled).isEmpty();
    fullScreenshot("phone-mapping.png");
  }

  // ------------------------------------------------------------------ helpers

  /** A tenant whose users and SKUs have the demo's customer numbers, emails and product codes. */
  private Tenant shopTenant() {
    Tenant tenant = newTenant();
    String[][] users = {
      {"C-1001", "ana.lima@example.com", "+14155550101"},
      {"C-1002", "ben.okafor@example.com", "+14155550102"},
      {"C-1003", "chi.nguyen@example.com", "+14155550103"}
    };
    for (int i = 0; i < users.length; i++) {
      jdbc.update(
          "update users set external_id = ?, email = ?, phone = ? where id = ?",
          users[i][0],
          users[i][1],
          users[i][2],
          tenant.users().get(i));
    }
    String[] codes = {"ESP-1KG", "OAT-1L", "MUG-CER", "FLT-100"};
    for (int i = 0; i < codes.length; i++) {
      jdbc.update("update skus set code = ? where id = ?", codes[i], tenant.skus().get(i));
    }
    return tenant;
  }

  private void saveShopProfile(Tenant tenant) {
    String body =
        """
        {"merchant_id": "%s", "name": "Shop export",
         "columns": {"transaction_number": "Order No", "transaction_date": "Order Date",
           "user": "Customer", "sku": "Item Code", "quantity": "Qty", "unit_price": "Price",
           "line_total": "Total"},
         "user_key": "external_id", "sku_key": "code", "date_format": "dd/MM/yyyy",
         "decimal_separator": ",", "thousands_separator": "."}
        """
            .formatted(tenant.merchantId());
    assertThat(
            api()
                .postRaw(
                    ADMIN_KEY,
                    "/api/import/profiles",
                    "application/json",
                    body.getBytes(StandardCharsets.UTF_8))
                .status())
        .isEqualTo(201);
  }

  private Select fieldOf(String column) {
    return new Select(
        browser.visible(By.cssSelector("#mapping-columns select[data-column='" + column + "']")));
  }

  private String previewCell(int line, String field) {
    return browser
        .visible(
            By.cssSelector(
                "#preview-rows tr[data-line='" + line + "'] td[data-field=" + field + "]"))
        .getText();
  }

  private List<String> profileNames() {
    browser.visible(By.id("profiles-card"));
    return driver.findElements(By.cssSelector("#profile-list .profile-name")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private String detailFact(String field) {
    return browser.visible(By.cssSelector("#detail-facts [data-field=" + field + "]")).getText();
  }

  /** The whole page, not only the window: the window is stretched to the page's height for it. */
  private void fullScreenshot(String name) {
    Dimension window = driver.manage().window().getSize();
    int page = ((Number) browser.script("return document.documentElement.scrollHeight")).intValue();
    browser.resize(window.getWidth(), Math.min(page + 140, 6000));
    browser.screenshot(SCREENSHOTS.resolve(name));
    browser.resize(window.getWidth(), window.getHeight());
  }
}
