package io.paygate.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs), started with the flags this closed network needs. Nothing is
 * downloaded: both binaries are given explicitly. A missing browser fails the test, it does not
 * skip it.
 */
final class Chromium implements AutoCloseable {

    private static final Path BROWSER = Path.of(System.getProperty("paygate.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("paygate.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    Chromium() {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("the page tests need " + BROWSER + " and " + DRIVER
                    + " (Debian packages chromium and chromium-driver; .ci/run installs them)");
        }
        try {
            profile = Files.createTempDirectory("paygate-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1200,1000", "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    WebDriver driver() {
        return driver;
    }

    <T> T waitUntil(Function<WebDriver, T> condition, Duration atMost) {
        return new WebDriverWait(driver, atMost).until(condition::apply);
    }

    /** Keeps what the browser shows as {@code target/screenshots/<name>.png}, for a failed test's output. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary profile is harmless
        }
    }

    /** Screenshot of whatever test just failed. */
    static final class ScreenshotOnFailure implements org.junit.jupiter.api.extension.TestWatcher {

        private final java.util.function.Supplier<Chromium> browser;

        ScreenshotOnFailure(java.util.function.Supplier<Chromium> browser) {
            this.browser = browser;
        }

        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            Chromium chromium = browser.get();
            if (chromium != null) {
                System.err.println("screenshot of the failed page: " + chromium.screenshot(context.getDisplayName()).toAbsolutePath());
            }
        }
    }
}
