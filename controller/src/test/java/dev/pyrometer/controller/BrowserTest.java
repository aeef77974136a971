package dev.pyrometer.controller;

import static dev.pyrometer.controller.SimulatedHelper.jvm;
import static dev.pyrometer.controller.browser.HeadlessChromium.click;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.controller.browser.HeadlessChromium;
import dev.pyrometer.wire.Protocol;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The web UI in real headless Chromium: sign in, see the JVM, click Profile, see the flame graph, compare two. */
class BrowserTest {
    static final String HOT_FRAME = "com.example.Main.burn";
    static final String NEW_FRAME = "com.example.Main.regress";

    @TempDir
    Path data;
    @TempDir
    Path profileDir;

    @Test
    void signInProfileAJvmAndSeeItsFlameGraph() throws Exception {
        try (var controller = RunningController.start(data);
             var helper = SimulatedHelper.connect(controller.port, "web-ui", jvm(4242, "shop", "1.4"))) {
            WebDriver browser = HeadlessChromium.start(profileDir);
            try {
                var wait = new WebDriverWait(browser, RunningController.WAIT);
                browser.get(controller.baseUrl() + "/");
                browser.findElement(By.id("token")).sendKeys("wrong");
                browser.findElement(By.id("login")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "refused"));

                browser.findElement(By.id("token")).sendKeys(RunningController.TOKEN);
                browser.findElement(By.id("login")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#hosts tbody"), "web-ui"));
                assertTrue(browser.getCurrentUrl().indexOf(RunningController.TOKEN) < 0, "token never in a URL");
                click(wait, By.cssSelector(".profile-btn[data-host='web-ui'][data-pid='4242']"));

                JsonObject start = helper.take("profile.start");
                String id = start.getString("profile_id");
                assertEquals("30s", start.getString("duration"));
                helper.reply(start, true, null);
                helper.state(id, "profiling", new JsonObject().put("engine", "cpu"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".progress"), "profiling"));
                helper.upload(id, Protocol.RECORDING, "jfr bytes".getBytes(StandardCharsets.UTF_8));
                helper.upload(id, Protocol.COLLAPSED, TestFlameGraph.collapsed(HOT_FRAME));
                helper.upload(id, Protocol.FLAMEGRAPH_HTML, TestFlameGraph.html(HOT_FRAME));
                helper.state(id, "done", new JsonObject().put("samples", 3));

                wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("flamegraph")));
                wait.until(d -> d.getPageSource().contains(HOT_FRAME));
                browser.switchTo().defaultContent();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#profiles tbody"), "done"));

                // a second profile, then tick both and compare
                click(wait, By.cssSelector(".profile-btn[data-host='web-ui'][data-pid='4242']"));
                JsonObject again = helper.take("profile.start");
                String second = again.getString("profile_id");
                helper.reply(again, true, null);
                helper.upload(second, Protocol.RECORDING, "jfr bytes 2".getBytes(StandardCharsets.UTF_8));
                helper.upload(second, Protocol.COLLAPSED, TestFlameGraph.collapsed(NEW_FRAME));
                helper.state(second, "done", new JsonObject().put("samples", 3));
                wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("flamegraph")));
                wait.until(d -> d.getPageSource().contains(NEW_FRAME));
                // the controller drew this one with host/pid/event as title; the page's script sets it,
                // so seeing it proves the graph's JavaScript runs inside the sandboxed frame
                wait.until(ExpectedConditions.textToBe(By.id("title"), "web-ui · pid 4242 · cpu"));
                wait.until(ExpectedConditions.textToBe(By.id("subtitle"), "shop 1.4 · " + second));
                browser.switchTo().defaultContent();
                click(wait, By.cssSelector("#filters button[type='submit']"));
                click(wait, By.cssSelector("#profiles tr[data-profile='" + id + "'] input"));
                click(wait, By.cssSelector("#profiles tr[data-profile='" + second + "'] input"));
                click(wait, By.id("compare"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("viewer-title"), "Differential"));
                wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("flamegraph")));
                wait.until(d -> d.getPageSource().contains(NEW_FRAME) && d.getPageSource().contains(HOT_FRAME));
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void compareTwoReleasesAndManageAJob() throws Exception {
        var release15 = new java.util.LinkedHashMap<>(CompareTest.release14());
        release15.put(CompareTest.LOOP + "com.shop.Cart.total;java.util.regex.Pattern.matcher", 35.0);
        try (var controller = RunningController.start(data);
             var helper = SimulatedHelper.connect(controller.port, "web-ui", jvm(4242, "shop", "1.4"))) {
            RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() == 1, "inventory");
            var random = new java.util.Random(7);
            for (int i = 0; i < 4; i++) {
                ReleaseProfiles.done(controller, helper, 4242, "shop", "1.4",
                        ReleaseProfiles.sample(CompareTest.release14(), 1000, random));
                ReleaseProfiles.done(controller, helper, 4242, "shop", "1.5", ReleaseProfiles.sample(release15, 1000, random));
            }
            WebDriver browser = HeadlessChromium.start(profileDir);
            try {
                var wait = new WebDriverWait(browser, RunningController.WAIT);
                browser.get(controller.baseUrl() + "/");
                browser.findElement(By.id("token")).sendKeys(RunningController.TOKEN);
                browser.findElement(By.id("login")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#hosts tbody"), "web-ui"));

                browser.findElement(By.cssSelector("#compare-form input[name='app']")).sendKeys("shop");
                browser.findElement(By.cssSelector("#compare-form input[name='base']")).sendKeys("1.4");
                browser.findElement(By.cssSelector("#compare-form input[name='new']")).sendKeys("1.5");
                click(wait, By.id("compare-run"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("compare-summary"), "4 profiles"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#changes tbody tr:first-child"), "java.util.regex.Pattern.matcher"));
                String row = browser.findElement(By.cssSelector("#changes tbody tr:first-child")).getText();
                assertTrue(row.endsWith("yes"), "the regression is marked significant: " + row);
                wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("compare-graph")));
                wait.until(d -> d.getPageSource().contains("java.util.regex.Pattern.matcher"));
                browser.switchTo().defaultContent();
                assertFalse(browser.findElement(By.id("compare-summary")).getText().contains("few profiles"));

                // Two profiles of the next release: the summary says the test can rarely judge with so few.
                for (int i = 0; i < 2; i++) {
                    ReleaseProfiles.done(controller, helper, 4242, "shop", "1.6", ReleaseProfiles.sample(release15, 1000, random));
                }
                var baseField = browser.findElement(By.cssSelector("#compare-form input[name='base']"));
                baseField.clear();
                baseField.sendKeys("1.5");
                var newField = browser.findElement(By.cssSelector("#compare-form input[name='new']"));
                newField.clear();
                newField.sendKeys("1.6");
                click(wait, By.id("compare-run"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("compare-summary"), "few profiles"));

                browser.findElement(By.cssSelector("#job-form input[name='name']")).sendKeys("baseline");
                browser.findElement(By.cssSelector("#job-form input[name='app']")).sendKeys("shop");
                browser.findElement(By.cssSelector("#job-form input[name='schedule']")).sendKeys("*/15 * * * *");
                click(wait, By.id("job-create"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#jobs tbody"), "baseline"));
                String jobId = controller.getArray("/api/v1/jobs").getJsonObject(0).getString("id");
                assertEquals("*/15 * * * *", controller.getArray("/api/v1/jobs").getJsonObject(0).getString("cron"));
                click(wait, By.cssSelector("#jobs tr[data-job='" + jobId + "'] .job-toggle"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#jobs tr[data-job='" + jobId + "']"), "paused"));
                assertTrue(controller.getObject("/api/v1/jobs/" + jobId).getBoolean("paused"));
            } finally {
                browser.quit();
            }
        }
    }
}
