package dev.pyrometer.e2e;

import static dev.pyrometer.controller.browser.HeadlessChromium.click;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.controller.browser.HeadlessChromium;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A person's path in real headless Chromium: sign in, click Profile on the busy JVM, see its flame graph. */
class BrowserProfileTest {
    @TempDir
    Path dir;
    @TempDir
    Path browserProfile;

    @Test
    void clickProfileOnABusyJvmAndSeeItsFlameGraph() {
        try (Stack stack = new Stack(dir)) {
            stack.startController();
            stack.startHelper("browser-host");
            Launched busy = stack.startBusyJvm();
            stack.api().awaitJvm("browser-host", busy.pid(), Await.LONG);
            WebDriver browser = HeadlessChromium.start(browserProfile);
            try {
                // the UI's Profile button asks for 30 s; attach, render and upload come on top
                var wait = new WebDriverWait(browser, Await.LONG.plusSeconds(30));
                browser.get(stack.baseUrl() + "/");
                browser.findElement(By.id("token")).sendKeys(Stack.TOKEN);
                browser.findElement(By.id("login")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#hosts tbody"),
                        "browser-host"));
                click(wait, By.cssSelector(".profile-btn[data-host='browser-host'][data-pid='" + busy.pid() + "']"));
                wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("flamegraph")));
                wait.until(d -> d.getPageSource().contains("CpuBurner.burn"));
                browser.switchTo().defaultContent();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#profiles tbody"), "done"));
                assertTrue(browser.getCurrentUrl().indexOf(Stack.TOKEN) < 0, "the token is never in a URL");
            } finally {
                browser.quit();
            }
        }
    }
}
