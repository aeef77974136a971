package dev.pyrometer.flame.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pyrometer.flame.DiffOptions;
import dev.pyrometer.flame.FlameGraphs;
import dev.pyrometer.flame.RenderOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/** Opens rendered graphs in real headless Chromium and uses them as a person would: hover, click, search. */
class FlameGraphBrowserTest {
    static final Path SMALL = Path.of("src/test/resources/golden/small.collapsed");
    static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static ChromeDriver driver;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Browser.available(), "chromium and chromedriver are missing: run scripts/ensure-chromium.sh");
        driver = Browser.start(Files.createDirectories(dir.resolve("profile")));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void htmlZoomsOnClickSearchesAndShowsTooltips() throws Exception {
        Path html = dir.resolve("small.html");
        FlameGraphs.render(List.of(SMALL), List.of(html), RenderOptions.defaults().withTitle("Browser test"));
        driver.get(html.toUri().toString());
        assertTrue(Browser.poll(DEADLINE, () -> (Boolean) driver.executeScript("return !!window.flame")), "page did not start");
        assertEquals("Browser test", driver.findElement(By.id("title")).getText());

        Map<?, ?> rect = rectOf("Parser.parse");
        new Actions(driver).moveToLocation(centerX(rect), centerY(rect)).perform();
        assertTrue(Browser.poll(DEADLINE, () -> driver.findElement(By.id("details")).getText().startsWith("Parser.parse | 50 samples, 50.00% of all")),
                "tooltip: " + driver.findElement(By.id("details")).getText());
        assertTrue(driver.findElement(By.id("tip")).isDisplayed());

        new Actions(driver).moveToLocation(centerX(rect), centerY(rect)).click().perform();
        assertTrue(Browser.poll(DEADLINE, () -> "Parser.parse".equals(view().get("name"))), "zoom: " + view());
        Map<?, ?> child = rectOf("Lexer.next");
        assertTrue(((Number) child.get("width")).doubleValue() > 0.75 * ((Number) driver.executeScript(
                "return document.getElementById('canvas').clientWidth")).doubleValue(), "Lexer.next fills 80% once zoomed");

        WebElement search = driver.findElement(By.id("search"));
        search.sendKeys("^Lexer", Keys.ENTER);
        assertTrue(Browser.poll(DEADLINE, () -> driver.findElement(By.id("matched")).getText().equals("Matched: 40.00%")),
                "matched: " + driver.findElement(By.id("matched")).getText());

        driver.findElement(By.id("reset")).click();
        assertTrue(Browser.poll(DEADLINE, () -> "all".equals(view().get("name"))));
        driver.findElement(By.id("dark")).click();
        assertTrue((Boolean) driver.executeScript("return document.documentElement.classList.contains('dark')"));
        driver.findElement(By.id("invert")).click();
        Map<?, ?> inverted = rectOf("all");
        assertTrue(Browser.poll(DEADLINE, () -> ((Number) rectOf("all").get("y")).doubleValue()
                < ((Number) rectOf("main").get("y")).doubleValue()), "icicle puts the root on top: " + inverted);
    }

    @Test
    void svgZoomsOnClickAndSearches() throws Exception {
        Path svg = dir.resolve("small.svg");
        FlameGraphs.render(List.of(SMALL), List.of(svg), RenderOptions.defaults());
        driver.get(svg.toUri().toString());
        assertTrue(Browser.poll(DEADLINE, () -> (Boolean) driver.executeScript("return !!window.flame")), "svg script did not start");

        WebElement parse = frame("Parser.parse");
        assertEquals("590", parse.findElement(By.tagName("rect")).getAttribute("width"));
        new Actions(driver).moveToElement(parse.findElement(By.tagName("rect"))).perform();
        assertTrue(Browser.poll(DEADLINE, () -> driver.findElement(By.id("details")).getText().equals("Parser.parse (50 samples, 50%)")));
        new Actions(driver).moveToElement(parse.findElement(By.tagName("rect"))).click().perform();
        assertTrue(Browser.poll(DEADLINE, () -> "1180.00".equals(parse.findElement(By.tagName("rect")).getAttribute("width"))),
                "zoomed frame fills the width");
        assertTrue(Browser.poll(DEADLINE, () -> !frame("Emitter.emit").isDisplayed()), "siblings are hidden when zoomed");
        assertTrue(driver.findElement(By.id("reset")).isDisplayed());

        driver.findElement(By.id("search")).click();
        var alert = driver.switchTo().alert();
        alert.sendKeys("^Lexer");
        alert.accept();
        assertTrue(Browser.poll(DEADLINE, () -> driver.findElement(By.id("matched")).getText().equals("Matched: 40.00%")),
                "matched: " + driver.findElement(By.id("matched")).getText());

        driver.findElement(By.id("reset")).click();
        assertTrue(Browser.poll(DEADLINE, () -> "590.00".equals(parse.findElement(By.tagName("rect")).getAttribute("width"))));
    }

    @Test
    void diffHtmlShowsBothSidesInTheTooltip() throws Exception {
        Path html = dir.resolve("diff.html");
        FlameGraphs.diff(List.of(SMALL), List.of(SMALL.resolveSibling("small-new.collapsed")), html, DiffOptions.defaults());
        driver.get(html.toUri().toString());
        assertTrue(Browser.poll(DEADLINE, () -> (Boolean) driver.executeScript("return !!window.flame")));
        Map<?, ?> rect = rectOf("memmove");
        new Actions(driver).moveToLocation(centerX(rect), centerY(rect)).perform();
        assertTrue(Browser.poll(DEADLINE, () -> driver.findElement(By.id("details")).getText()
                .equals("memmove | base: 5.00% total, 5.00% self | new: 0.00% total, 0.00% self | self delta: -5.00% | only in base")),
                "tooltip: " + driver.findElement(By.id("details")).getText());
    }

    @Test
    void aMillionFramesOpenUnprunedAndStayUsable() throws Exception {
        // 41k stacks of 26 frames sharing only their first frame: over 1M distinct frames.
        StringBuilder sb = new StringBuilder(41_000 * 26 * 8);
        for (int i = 0; i < 41_000; i++) {
            sb.append("root;s").append(i);
            for (int d = 2; d < 26; d++) {
                sb.append(";f").append(d).append(i % 10 == 3 && d == 25 ? "_needle" : "");
            }
            sb.append(' ').append(1 + i % 5).append('\n');
        }
        Path in = dir.resolve("million.collapsed");
        Files.writeString(in, sb);
        Path html = dir.resolve("million.html");
        FlameGraphs.render(List.of(in), List.of(html), RenderOptions.defaults());
        driver.get(html.toUri().toString());
        assertTrue(Browser.poll(Duration.ofSeconds(60), () -> (Boolean) driver.executeScript("return !!window.flame")),
                "the page did not start");
        long count = ((Number) driver.executeScript("return flame.count")).longValue();
        assertTrue(count >= 1_000_000, "frames: " + count);
        driver.findElement(By.id("search")).sendKeys("_needle$", Keys.ENTER);
        assertTrue(Browser.poll(DEADLINE, () -> driver.findElement(By.id("matched")).getText().equals("Matched: 13.33%")),
                "matched: " + driver.findElement(By.id("matched")).getText());
        Map<?, ?> rect = rectOf("root");
        new Actions(driver).moveToLocation(centerX(rect), centerY(rect)).click().perform();
        assertTrue(Browser.poll(DEADLINE, () -> "root".equals(view().get("name"))), "zoom: " + view());
    }

    @Test
    void templatesOpenOnTheirOwnWithTheirExample() {
        driver.get(Path.of("src/main/resources/templates/flame.html").toAbsolutePath().toUri().toString());
        assertTrue(Browser.poll(DEADLINE, () -> (Boolean) driver.executeScript("return !!window.flame")));
        assertEquals(4L, ((Number) driver.executeScript("return flame.count")).longValue());
        driver.get(Path.of("src/main/resources/templates/flame.svg").toAbsolutePath().toUri().toString());
        assertTrue(Browser.poll(DEADLINE, () -> (Boolean) driver.executeScript("return !!window.flame")));
        assertEquals(4L, ((Number) driver.executeScript("return flame.frames.length")).longValue());
    }

    private static WebElement frame(String namePrefix) {
        for (WebElement g : driver.findElements(By.cssSelector("#frames > g"))) {
            if (g.findElement(By.tagName("title")).getAttribute("textContent").startsWith(namePrefix)) {
                return g;
            }
        }
        throw new AssertionError("no frame " + namePrefix);
    }

    private static Map<?, ?> view() {
        return (Map<?, ?>) driver.executeScript("return flame.view()");
    }

    private static Map<?, ?> rectOf(String name) {
        return (Map<?, ?>) driver.executeScript("return flame.rect(flame.find(arguments[0]))", name);
    }

    private static int centerX(Map<?, ?> rect) {
        return (int) (((Number) rect.get("x")).doubleValue() + ((Number) rect.get("width")).doubleValue() / 2);
    }

    private static int centerY(Map<?, ?> rect) {
        return (int) (((Number) rect.get("y")).doubleValue() + ((Number) rect.get("height")).doubleValue() / 2);
    }
}
