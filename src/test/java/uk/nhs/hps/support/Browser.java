package uk.nhs.hps.support;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromium-driver (no browser or driver download), with
 * a fresh profile each time. Where they are not installed the browser tests are skipped and say why, unless
 * {@code REQUIRE_BROWSER=1} (or {@code -Drequire.browser=true}), as CI sets, which turns the skip into a failure.
 * Screenshots go to {@code target/console-screenshots/}.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String CHROMIUM = System.getProperty("browser.chromium", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("browser.chromedriver", "/usr/bin/chromedriver");
    /** Long enough for a loaded CI machine; a wait that succeeds returns as soon as it does. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the test (or fails it where a browser is required) when Chromium or its driver is missing. */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(DRIVER));
        if (installed) {
            return;
        }
        String why = "Browser tests need " + CHROMIUM + " and " + DRIVER + " (Debian: apt-get install chromium chromium-driver)";
        if ("1".equals(System.getenv("REQUIRE_BROWSER")) || Boolean.getBoolean("require.browser")) {
            Assertions.fail(why + ", and REQUIRE_BROWSER is set, so they may not be skipped.");
        }
        System.err.println("SKIPPED: " + why);
        Assumptions.abort(why + "; skipped.");
    }

    public static Browser start() {
        assumeInstalled();
        try {
            Path profile = Files.createTempDirectory("hps-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=en-GB");
            // the browser's console (CSP violations, script errors) can be read back with consoleLog()
            org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
            logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(By by) {
        return await().until(ExpectedConditions.presenceOfElementLocated(by));
    }

    /**
     * A wait that outlasts a page being replaced under it: while htmx swaps or reloads the page, Chromium can answer
     * a look-up with "node does not belong to the document" instead of a stale element, which is not a failure yet.
     */
    private WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        return wait;
    }

    /** Waits for the element's text to contain the given text (a page reached by redirects, a chart drawn by script). */
    public WebElement waitForText(By by, String text) {
        await().until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by);
    }

    public void waitFor(By by) {
        await().until(ExpectedConditions.presenceOfElementLocated(by));
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** The whole page, as tall as it is, at the current width: target/console-screenshots/{name}.png. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Object height = ((org.openqa.selenium.JavascriptExecutor) driver)
                    .executeScript("return Math.min(document.documentElement.scrollHeight, 4000);");
            Dimension before = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(before.getWidth(), Math.max(before.getHeight(), ((Number) height).intValue() + 100)));
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            driver.manage().window().setSize(before);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the page's console has logged since the last call (errors, CSP violations, warnings). */
    public java.util.List<String> consoleLog() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
