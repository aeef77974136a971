package dev.pyrometer.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.client.json.JsonFields;
import dev.pyrometer.client.json.JsonReader;
import dev.pyrometer.controller.ControllerUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare}, {@code jobs} and {@code rules} against a real controller. */
class CompareJobsRulesTest {
    @TempDir
    static Path data;
    @TempDir
    static Path scratch;
    @TempDir
    Path out;
    static ControllerUnderTest controller;
    static ControllerUnderTest.Helper oldRelease;
    static ControllerUnderTest.Helper newRelease;
    static Cli cli;

    @BeforeAll
    static void start() throws Exception {
        controller = ControllerUnderTest.start(data);
        oldRelease = controller.connect("web-1", 101, "shop", "1.4");
        newRelease = controller.connect("web-2", 202, "shop", "1.5");
        cli = Cli.against(controller.url(), ControllerUnderTest.TOKEN);
        // three replicates a side, so the controller can tell a real shift from noise
        int[] before = {10, 11, 12};
        int[] after = {40, 42, 41};
        for (int i = 0; i < 3; i++) {
            FinishedProfiles.take(cli, controller, oldRelease, "web-1", 101,
                    Stacks.collapsed("com.shop.Cart.total", before[i], 100 - before[i]), scratch);
            FinishedProfiles.take(cli, controller, newRelease, "web-2", 202,
                    Stacks.collapsed("com.shop.Cart.total", after[i], 100 - after[i]), scratch);
        }
    }

    @AfterAll
    static void stop() {
        oldRelease.close();
        newRelease.close();
        controller.close();
    }

    @Test
    void compareRanksTheRegressionAndWritesTheGraph() throws Exception {
        Path html = out.resolve("diff.html");
        var r = cli.run("compare", "--app", "shop", "--base", "1.4", "--new", "1.5", "-o", html.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("shop 1.4 (3 profiles, 300 samples) -> 1.5 (3 profiles, 300 samples)\n"),
                r.out());
        assertTrue(r.out().matches("(?s).*\\ncom\\.shop\\.Cart\\.total +11\\.00 +41\\.00 +\\+30\\.00 .* yes\\n.*"),
                r.out());
        assertTrue(Files.readString(html).contains("com.shop.Cart.total"));
    }

    @Test
    void theGateFailsTheBuildOnTheRealRegression() {
        var r = cli.run("compare", "--app", "shop", "--base", "1.4", "--new", "1.5", "--fail-on-regression", "5");
        assertEquals(6, r.exit(), r.toString());
        assertTrue(r.err().endsWith("against 1.4: com.shop.Cart.total\n"), r.err());
        var passes = cli.run("compare", "--app", "shop", "--base", "1.4", "--new", "1.5", "--fail-on-regression", "35");
        assertEquals(0, passes.exit(), passes.toString());
    }

    @Test
    void compareOfAnUnknownReleaseIsTheApisMessage() {
        var r = cli.run("compare", "--app", "shop", "--base", "0.9", "--new", "1.5");
        assertTrue(r.exit() == 2 || r.exit() == 3, r.toString());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("0.9"), r.err());
    }

    @Test
    void aJobFromCreationToDeletion() {
        var created = cli.run("jobs", "create", "--app", "shop", "--host-glob", "web-*", "--label", "release=1.4",
                "--every", "15m", "--duration", "30s", "--jitter", "30s", "--max-concurrent", "2", "--keep-age", "30d",
                "--keep-bytes", "10GB", "--name", "shop baseline");
        assertEquals(0, created.exit(), created.toString());
        String id = created.out().strip();

        var listed = cli.run("jobs", "list");
        assertEquals(0, listed.exit(), listed.toString());
        assertTrue(listed.out().matches("(?s).*\\n" + id + " +shop baseline +shop +web-\\* +every 15m +30s +cpu +active .*"),
                listed.out());

        var shown = cli.run("jobs", "show", id);
        assertEquals(0, shown.exit(), shown.toString());
        assertTrue(shown.out().matches("(?s).*selector\\.app: +shop\\n.*"), shown.out());
        assertTrue(shown.out().matches("(?s).*retention\\.max_age: +720h\\n.*"), shown.out());
        assertTrue(shown.out().matches("(?s).*retention\\.max_bytes: +10737418240\\n.*"), shown.out());
        assertTrue(shown.out().matches("(?s).*max_concurrent: +2\\n.*"), shown.out());

        assertEquals(0, cli.run("jobs", "pause", id).exit());
        var paused = JsonFields.list(JsonReader.parse(cli.run("jobs", "list", "--json").out()));
        assertTrue(paused.get(0).flag("paused"), paused.toString());
        assertEquals(0, cli.run("jobs", "resume", id).exit());
        assertTrue(cli.run("jobs", "list").out().contains(" active"));

        var deleted = cli.run("jobs", "delete", id);
        assertEquals(0, deleted.exit(), deleted.toString());
        assertEquals("deleted job " + id + "\n", deleted.out());
        var gone = cli.run("jobs", "show", id);
        assertEquals(3, gone.exit(), gone.toString());
        assertTrue(gone.err().startsWith("error: ") && gone.err().contains(id), gone.err());
    }

    @Test
    void aBadScheduleIsTheApisMessageNamingTheField() {
        var r = cli.run("jobs", "create", "--app", "shop", "--cron", "every tuesday");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("error: cron: "), r.err());
        var both = cli.run("jobs", "create", "--app", "shop", "--cron", "0 * * * *", "--every", "15m");
        assertEquals(2, both.exit(), both.toString());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
    }

    @Test
    void aRuleFromCreationToDeletion() {
        var created = cli.run("rules", "create", "--cpu-percent", "90", "--for", "10s", "--duration", "30s",
                "--cooldown", "10m", "--app", "shop");
        assertEquals(0, created.exit(), created.toString());
        String id = created.out().strip();
        var listed = cli.run("rules", "list");
        assertEquals(0, listed.exit(), listed.toString());
        assertTrue(listed.out().matches("(?s).*\\n" + id + " +shop +90 +10s +30s +cpu +10m\\n.*"), listed.out());
        assertEquals(0, cli.run("rules", "delete", id).exit());
        assertEquals("[]", cli.run("rules", "list", "--json").out().strip());
    }

    @Test
    void aBadRuleIsTheApisMessageNamingTheField() {
        var r = cli.run("rules", "create", "--cpu-percent", "90", "--for", "soon");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("error: for: "), r.err());
    }
}
