package dev.pyrometer.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare}'s table, download and CI gate, against a real small HTTP server that answers
 * {@code GET /api/v1/compare} in the API's documented shape with changes chosen to sit on each side of the gate.
 */
class CompareGateTest {
    static final String TOKEN = "compare-token";
    static final String ANSWER = "{\"base\":{\"profiles\":4,\"samples\":4000},\"new\":{\"profiles\":3,\"samples\":3100},"
            + "\"changes\":["
            + "{\"frame\":\"com.shop.Cart.slowTotal\",\"base_self_pct\":2.0,\"new_self_pct\":9.5,\"delta_pct\":7.5,"
            + "\"base_total_pct\":10.0,\"new_total_pct\":17.0,\"significant\":true},"
            + "{\"frame\":\"com.shop.Noise.jitter\",\"base_self_pct\":1.0,\"new_self_pct\":8.0,\"delta_pct\":7.0,"
            + "\"base_total_pct\":1.0,\"new_total_pct\":8.0,\"significant\":false},"
            + "{\"frame\":\"com.shop.Tax.rate\",\"base_self_pct\":3.0,\"new_self_pct\":6.0,\"delta_pct\":3.0,"
            + "\"base_total_pct\":3.0,\"new_total_pct\":6.0,\"significant\":true},"
            + "{\"frame\":\"com.shop.Cache.get\",\"base_self_pct\":9.0,\"new_self_pct\":1.0,\"delta_pct\":-8.0,"
            + "\"base_total_pct\":9.0,\"new_total_pct\":1.0,\"significant\":true}],"
            + "\"flamegraph\":\"/api/v1/compare/k1/flamegraph.html\"}";
    static ScriptedController controller;
    static Cli cli;
    static final AtomicReference<String> lastQuery = new AtomicReference<>();
    static final AtomicReference<String> flamegraphAddress = new AtomicReference<>();
    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        controller = ScriptedController.start("/api/v1/compare", TOKEN, exchange -> {
            if (exchange.getRequestURI().getPath().equals("/api/v1/compare/k1/flamegraph.html")) {
                return new ScriptedController.Answer(200, null, "<!DOCTYPE html><title>diff</title>");
            }
            lastQuery.set(URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
            return new ScriptedController.Answer(200, null,
                    ANSWER.replace("/api/v1/compare/k1/flamegraph.html", flamegraphAddress.get()));
        });
        cli = controller.cli();
    }

    @AfterAll
    static void stop() {
        controller.close();
    }

    private void answerWithFlamegraphAt(String address) {
        flamegraphAddress.set(address);
    }

    /**
     * Two profiles a release under Welch's test: a large change it did not call significant is named
     * on stderr, so a gate that passes on it (it fails on significant changes only) does not do so silently.
     */
    @Test
    void fewProfilesAReleaseAreSaidToLeaveLargeChangesUnjudged() throws IOException {
        String few = ANSWER.replace("\"profiles\":4", "\"profiles\":2").replace("\"profiles\":3", "\"profiles\":2")
                .replace("\"changes\":[", "\"test\":\"welch-holm\",\"few_profiles\":true,\"changes\":[");
        try (ScriptedController fewProfiles = ScriptedController.start("/api/v1/compare", TOKEN,
                exchange -> new ScriptedController.Answer(200, null, few))) {
            var r = fewProfiles.cli().run("compare", "--app", "shop", "--base", "1.4", "--new", "1.5",
                    "--fail-on-regression", "5");
            // Cart.slowTotal is significant and above 5 points: the gate fails on it as before.
            assertEquals(6, r.exit(), r.toString());
            String warning = r.err().lines().filter(l -> l.startsWith("warning: 2 and 2 profiles")).findFirst()
                    .orElseThrow(() -> new AssertionError("no warning: " + r.err()));
            assertTrue(warning.contains("com.shop.Noise.jitter +7.00") && !warning.contains("Cart.slowTotal"), warning);
        }
        var enough = cli.run("compare", "--app", "shop", "--base", "1.4", "--new", "1.5");
        assertFalse(enough.err().contains("warning"), enough.err());
    }

    @Test
    void printsTheSummaryAndTheTopChanges() {
        answerWithFlamegraphAt("/api/v1/compare/k1/flamegraph.html");
        var r = cli.run("compare", "--app", "shop", "--base", "1.4", "--new", "1.5", "--top", "3", "--since", "7d");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("app=shop&base=1.4&new=1.5&since=7d", lastQuery.get());
        String[] lines = r.out().split("\n");
        assertEquals("shop 1.4 (4 profiles, 4000 samples) -> 1.5 (3 profiles, 3100 samples)", lines[0]);
        assertTrue(lines[1].startsWith("FRAME") && lines[1].contains("DELTA"), r.out());
        assertTrue(lines[2].matches("com\\.shop\\.Cart\\.slowTotal +2\\.00 +9\\.50 +\\+7\\.50 +10\\.00 +17\\.00 +yes"),
                lines[2]);
        assertTrue(lines[3].matches("com\\.shop\\.Noise\\.jitter .*\\+7\\.00 +1\\.00 +8\\.00"), lines[3]);
        assertEquals("(1 more; --top N or --json shows them)", lines[5]);
    }

    @Test
    void theGateFailsOnASignificantChangeAboveTheThresholdOnly() {
        answerWithFlamegraphAt("/api/v1/compare/k1/flamegraph.html");
        var r = cli.run("compare", "--app", "shop", "--base", "1.4", "--new", "1.5", "--fail-on-regression", "5");
        assertEquals(6, r.exit(), r.toString());
        assertTrue(r.out().contains("regression: com.shop.Cart.slowTotal +7.50 points of self time (2.00% -> 9.50%)"),
                r.out());
        assertFalse(r.out().contains("regression: com.shop.Noise.jitter"), "not significant");
        assertFalse(r.out().contains("regression: com.shop.Tax.rate"), "under the threshold");
        assertEquals("error: 1 frame(s) of shop 1.5 regressed by more than 5.0 points against 1.4:"
                + " com.shop.Cart.slowTotal\n", r.err());

        var json = cli.run("compare", "--app", "shop", "--base", "1.4", "--new", "1.5", "--fail-on-regression", "5",
                "--json");
        assertEquals(6, json.exit(), json.toString());
        assertEquals(ANSWER, json.out().strip(), "--json output stays one JSON object");
        assertEquals(r.err(), json.err());

        var lenient = cli.run("compare", "--app", "shop", "--base", "1.4", "--new", "1.5", "--fail-on-regression", "8");
        assertEquals(0, lenient.exit(), lenient.toString());
    }

    @Test
    void downloadsTheDifferentialGraphFromTheAddressGiven() throws Exception {
        answerWithFlamegraphAt("/api/v1/compare/k1/flamegraph.html");
        Path html = dir.resolve("diff.html");
        var r = cli.run("compare", "--app", "shop", "--base", "1.4", "--new", "1.5", "-o", html.toString(), "--json");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().strip().startsWith("{\"base\":"), "--json prints the API's object");
        assertEquals("<!DOCTYPE html><title>diff</title>", Files.readString(html));
    }

    @Test
    void neverSendsTheTokenToAnotherHost() {
        answerWithFlamegraphAt("http://198.51.100.7:9/api/v1/compare/k1/flamegraph.html");
        Path html = dir.resolve("diff.html");
        var r = cli.run("compare", "--app", "shop", "--base", "1.4", "--new", "1.5", "-o", html.toString());
        assertEquals(5, r.exit(), r.toString());
        assertEquals("error: the controller pointed to http://198.51.100.7:9, not to itself; refusing to send the"
                + " token there\n", r.err());
        assertFalse(Files.exists(html));
    }
}
