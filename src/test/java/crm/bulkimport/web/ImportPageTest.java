package crm.bulkimport.web;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Browser;
import crm.bulkimport.support.ServiceTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The import page at {@code /} in one headless Chromium per test class, opened fresh for each test,
 * with what every page test does on it: signing in, choosing a file, naming a batch, finding a
 * batch's row and its status. A test that leaves a script error on the page fails.
 */
@Tag("browser")
abstract class ImportPageTest extends ServiceTest {

  protected static Browser browser;
  protected WebDriver driver;

  @BeforeAll
  static void startBrowser() {
    browser = Browser.start();
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void openThePage() {
    driver = browser.driver();
    browser.resize(1280, 900);
    browser.openFresh("http://localhost:" + port);
  }

  @AfterEach
  void thePageRaisedNoScriptErrors() {
    // Uncaught exceptions and anything the Content-Security-Policy refused end up here.
    assertThat(browser.scriptErrors()).isEmpty();
  }

  protected void signInWith(String key) {
    WebElement input = browser.visible(By.id("api-key"));
    input.clear();
    input.sendKeys(key);
    driver.findElement(By.id("sign-in")).click();
  }

  protected void signIn(String key) {
    signInWith(key);
    browser.visible(By.id("workspace"));
  }

  /** The content as a file of that name in a directory of its own, for the file input. */
  protected static String file(String name, String content) {
    try {
      Path file = Files.createTempDirectory("upload").resolve(name);
      Files.writeString(file, content);
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  protected void chooseFile(String name, String content) {
    driver.findElement(By.id("file")).sendKeys(file(name, content));
    browser.awaitText(By.id("file-summary"), name);
  }

  protected void nameBatch(String name) {
    WebElement field = driver.findElement(By.id("batch-name"));
    field.clear();
    field.sendKeys(name);
  }

  /**
   * The id of the batch the detail panel shows, when it shows the batch of that name; else null.
   */
  protected String detailShowing(String batchName) {
    WebElement detail = driver.findElement(By.id("batch-detail"));
    boolean shown =
        detail.isDisplayed()
            && batchName.equals(driver.findElement(By.id("detail-title")).getText());
    return shown ? detail.getAttribute("data-batch-id") : null;
  }

  protected static By row(String batchId) {
    return By.cssSelector("tr[data-batch-id='" + batchId + "']");
  }

  protected String cell(String batchId, String field) {
    return driver
        .findElement(row(batchId))
        .findElement(By.cssSelector("td[data-field=" + field + "]"))
        .getText();
  }

  protected String status(String batchId) {
    return browser
        .until(
            d ->
                d.findElement(row(batchId))
                    .findElement(By.cssSelector(".badge[data-field=status]")))
        .getText();
  }

  protected void awaitStatus(String batchId, String wanted) {
    browser.until(d -> wanted.equals(status(batchId)) ? true : null);
  }

  /** How many CSS pixels the element is wider than what it may show (0 when it fits). */
  protected long overflow(String element) {
    return ((Number)
            browser.script(
                "const e = "
                    + element
                    + ";"
                    + " const r = e.getBoundingClientRect();"
                    + " return Math.max(0, e.scrollWidth - e.clientWidth,"
                    + " Math.ceil(r.right) - document.documentElement.clientWidth);"))
        .longValue();
  }
}
