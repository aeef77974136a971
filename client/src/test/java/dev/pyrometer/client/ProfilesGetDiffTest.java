package dev.pyrometer.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** {@code profiles}, {@code get} and {@code diff} over profiles a simulated helper finished. */
class ProfilesGetDiffTest {
    @TempDir
    static Path data;
    @TempDir
    static Path scratch;
    @TempDir
    Path out;
    static ControllerUnderTest controller;
    static ControllerUnderTest.Helper shop;
    static ControllerUnderTest.Helper billing;
    static Cli cli;
    static String before;
    static String after;
    static String other;

    @BeforeAll
    static void start() throws Exception {
        controller = ControllerUnderTest.start(data);
        shop = controller.connect("web-1", 4242, "shop", "1.4");
        billing = controller.connect("web-2", 777, "billing", "2.0");
        cli = Cli.against(controller.url(), ControllerUnderTest.TOKEN);
        before = FinishedProfiles.take(cli, controller, shop, "web-1", 4242, "com.example.Cart.total", scratch);
        after = FinishedProfiles.take(cli, controller, shop, "web-1", 4242, "com.example.Cart.slowTotal", scratch);
        other = FinishedProfiles.take(cli, controller, billing, "web-2", 777, "com.example.Invoice.print", scratch);
    }

    @AfterAll
    static void stop() {
        shop.close();
        billing.close();
        controller.close();
    }

    @Test
    void profilesTableListsNewestFirst() {
        var r = cli.run("profiles");
        assertEquals(0, r.exit(), r.toString());
        String[] lines = r.out().split("\n");
        assertEquals(4, lines.length, r.out());
        assertTrue(lines[0].startsWith("ID") && lines[0].contains("STATE") && lines[0].contains("SAMPLES"), r.out());
        assertTrue(lines[1].matches(other + " +done +web-2 .*"), r.out());
        assertTrue(lines[3].matches(before + " +done +web-1 .*"), r.out());
        assertTrue(lines[3].matches(".* shop +1\\.4 +cpu +1s +100 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ +manual"), lines[3]);
    }

    @Test
    void profilesFiltersReachTheApi() {
        var r = cli.run("profiles", "--app", "shop", "--limit", "1", "--since", "1h", "--state", "done", "--json");
        assertEquals(0, r.exit(), r.toString());
        var listed = JsonFields.list(JsonReader.parse(r.out()));
        assertEquals(1, listed.size());
        assertEquals(after, listed.get(0).text("id"));
    }

    @Test
    void profilesWithABadFilterIsTheApisMessage() {
        var r = cli.run("profiles", "--state", "sleeping");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("error: state: 'sleeping' is not one of"), r.err());
    }

    @Test
    void noMatchSaysSoAndHowToMakeOne() {
        var r = cli.run("profiles", "--host", "db-1");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("no profiles match"), r.out());
    }

    @Test
    void getDownloadsEachFormatByExtension() throws Exception {
        Path stacks = out.resolve("sub/dir/stacks.collapsed");
        Path svg = out.resolve("flame.svg");
        var r = cli.run("get", before, "-o", stacks.toString(), "-o", svg.toString());
        assertEquals(0, r.exit(), r.toString());
        assertArrayEquals(Stacks.collapsed("com.example.Cart.total"), Files.readAllBytes(stacks));
        assertTrue(Files.readString(svg).contains("com.example.Cart.total"));
    }

    @Test
    void aFileThatCannotBeWrittenIsAnInputProblem() throws Exception {
        Path notADirectory = Files.writeString(out.resolve("plain-file"), "x");
        var r = cli.run("get", before, "-o", notADirectory.resolve("flame.html").toString());
        assertEquals(4, r.exit(), r.toString());
        assertTrue(r.err().startsWith("error: cannot write " + notADirectory.resolve("flame.html")), r.err());
    }

    @Test
    void getOfAnUnknownProfileIsATargetProblemAndWritesNothing() throws Exception {
        Path html = out.resolve("flame.html");
        var r = cli.run("get", "p-nope", "-o", html.toString());
        assertEquals(3, r.exit(), r.toString());
        assertEquals("error: no profile 'p-nope'\n", r.err());
        try (var files = Files.list(out)) {
            assertEquals(0, files.count(), "neither the file nor a partial download is left");
        }
    }

    @Test
    void diffWritesTheDifferentialGraph() throws Exception {
        Path html = out.resolve("diff.html");
        var r = cli.run("diff", after, "--against", before, "-o", html.toString());
        assertEquals(0, r.exit(), r.toString());
        String page = Files.readString(html);
        assertTrue(page.contains("com.example.Cart.slowTotal") && page.contains("com.example.Cart.total"),
                "both sides are in the graph");
    }

    @Test
    void diffOfSeveralProfilesPerSide() throws Exception {
        Path html = out.resolve("diff.html");
        var r = cli.run("diff", after, other, "--against", before, "-o", html.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.readString(html).contains("com.example.Invoice.print"));
    }

    @Test
    void diffNamesAMissingProfile() {
        var r = cli.run("diff", "p-gone", "--against", before, "-o", out.resolve("d.html").toString());
        assertEquals(3, r.exit(), r.toString());
        assertEquals("error: no profile 'p-gone'\n", r.err());
    }

    @Test
    void diffOnlyWritesHtml() {
        var r = cli.run("diff", after, "--against", before, "-o", out.resolve("d.svg").toString());
        assertEquals(2, r.exit(), r.toString());
        assertFalse(Files.exists(out.resolve("d.svg")));
    }
}
