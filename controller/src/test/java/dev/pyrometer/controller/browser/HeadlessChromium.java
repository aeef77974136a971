package dev.pyrometer.controller.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driven by Selenium, as the controller's and the e2e browser tests use it. */
public final class HeadlessChromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /**
     * Starts a browser whose profile lives in {@code userDataDir} (a test's own temporary directory), so
     * two tests never share cookies or storage; the caller quits it.
     */
    public static WebDriver start(Path userDataDir) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException(CHROMIUM + " or " + CHROMEDRIVER + " is missing; run 'make browser'"
                    + " (as root it installs Debian's chromium and chromium-driver)");
        }
        // An explicit driver: Selenium would otherwise try to fetch one over the network.
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
        // Tests run as root in containers with a small /dev/shm; nothing may call out of the machine.
        var options = new ChromeOptions().setBinary(CHROMIUM.toString())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--user-data-dir=" + userDataDir.toAbsolutePath());
        return new ChromeDriver(service, options);
    }

    /**
     * Clicks what {@code by} finds once it is shown and enabled, finding it again whenever the page has
     * re-rendered it in between (the UI's lists refresh every few seconds).
     */
    public static void click(WebDriverWait wait, By by) {
        wait.until(d -> {
            try {
                var e = d.findElement(by);
                if (!e.isDisplayed() || !e.isEnabled()) {
                    return false;
                }
                e.click();
                return true;
            } catch (StaleElementReferenceException | NoSuchElementException e) {
                return false;
            }
        });
    }
}
