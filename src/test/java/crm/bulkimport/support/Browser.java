package crm.bulkimport.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * Debian's headless Chromium, driven by its own chromedriver: nothing is downloaded (Selenium
 * Manager never runs, as both binaries are named). Without them the browser tests are skipped on a
 * workstation, and fail in CI, where they must run.
 */
public final class Browser implements AutoCloseable {

  /** Debian's paths; {@code -Dchromium.binary=…} and {@code -Dchromedriver.binary=…} elsewhere. */
  public static final Path CHROMIUM =
      Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));

  public static final Path CHROMEDRIVER =
      Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final ChromeDriver driver;
  private final Path profile;
  private final Path downloads;

  private Browser(ChromeDriver driver, Path profile, Path downloads) {
    this.driver = driver;
    this.profile = profile;
    this.downloads = downloads;
  }

  /** A new headless Chromium, or a skipped (CI: failed) test when it is not installed. */
  public static Browser start() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String message =
          "The browser tests need "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + "; install them with: apt-get install chromium chromium-driver";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
    }
    try {
      Path profile = Files.createTempDirectory("chromium-profile");
      Path downloads = Files.createTempDirectory("chromium-downloads");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--user-data-dir=" + profile,
          "--window-size=1280,900");
      options.setExperimentalOption(
          "prefs",
          Map.of(
              "download.default_directory", downloads.toString(),
              "download.prompt_for_download", false,
              "download.directory_upgrade", true));
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
              .usingAnyFreePort()
              .build();
      return new Browser(new ChromeDriver(service, options), profile, downloads);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public WebDriver driver() {
    return driver;
  }

  /** Where downloads land. */
  public Path downloads() {
    return downloads;
  }

  /**
   * Opens the page at {@code origin + "/"} with an empty session storage, as a new tab would. The
   * storage is cleared on another document of the origin (its icon): the page itself, still signed
   * in, could store its key again between the clearing and the next load.
   */
  public void openFresh(String origin) {
    driver.get(origin + "/favicon.svg");
    driver.executeScript("sessionStorage.clear()");
    driver.get(origin + "/");
    driver.manage().logs().get(LogType.BROWSER); // drop what the first load logged
  }

  /** Waits (never sleeps blindly) until the condition gives a non-null, non-false value. */
  public <T> T until(Function<WebDriver, T> condition) {
    return new FluentWait<WebDriver>(driver)
        .withTimeout(WAIT)
        .pollingEvery(Duration.ofMillis(50))
        .ignoring(NoSuchElementException.class)
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  public WebElement visible(By by) {
    return until(
        d -> {
          WebElement element = d.findElement(by);
          return element.isDisplayed() ? element : null;
        });
  }

  /** Waits until the element's visible text contains {@code text}, and returns that text. */
  public String awaitText(By by, String text) {
    return until(
        d -> {
          String shown = d.findElement(by).getText();
          return shown.contains(text) ? shown : null;
        });
  }

  public Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  public void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  public void screenshot(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the page logged as severe since the last call, less the browser's own line for each 4xx
   * answer (the tests cause those on purpose): uncaught exceptions, refused scripts or styles.
   */
  public List<String> scriptErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(message -> !message.contains("Failed to load resource"))
        .toList();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      delete(profile);
      delete(downloads);
    }
  }

  private static void delete(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // A temporary directory left behind is no reason to fail a test run.
    }
  }
}
