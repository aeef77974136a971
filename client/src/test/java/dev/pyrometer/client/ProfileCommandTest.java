package dev.pyrometer.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.controller.ControllerUnderTest;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code profile} and {@code cancel}: create, follow, download and stop early, against a real controller and a helper played by the test. */
class ProfileCommandTest {
    @TempDir
    static Path data;
    @TempDir
    Path out;
    static ControllerUnderTest controller;
    static ControllerUnderTest.Helper helper;
    static Cli cli;
    static ExecutorService background = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void start() {
        controller = ControllerUnderTest.start(data);
        helper = controller.connect("web-1", 4242, "shop", "1.4");
        cli = Cli.against(controller.url(), ControllerUnderTest.TOKEN);
    }

    @AfterAll
    static void stop() {
        background.shutdownNow();
        helper.close();
        controller.close();
    }

    @Test
    void waitsForTheProfileThenDownloadsEveryFormat() throws Exception {
        Path html = out.resolve("flame.html");
        Path svg = out.resolve("flame.svg");
        Path stacks = out.resolve("flame.collapsed");
        Path jfr = out.resolve("raw.jfr");
        Future<Cli.Result> running = background.submit(() -> cli.run("profile", "--host", "web-1", "--pid", "4242",
                "--duration", "2s", "--label", "ticket=OPS-1", "--wait", "-o", html.toString(), "-o", svg.toString(),
                "-o", stacks.toString(), "-o", jfr.toString()));
        String id = helper.acceptNextProfile();
        byte[] collapsed = Stacks.collapsed("com.example.Checkout.price");
        FinishedProfiles.play(helper, id, collapsed, out);

        Cli.Result r = running.get(2, TimeUnit.MINUTES);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("profile " + id + " done: 100 samples, engine cpu"), r.out());
        for (Path p : new Path[] {html, svg, stacks, jfr}) {
            assertTrue(r.out().contains("wrote " + p), r.out());
        }
        assertArrayEquals(collapsed, Files.readAllBytes(stacks));
        assertArrayEquals(Stacks.recording(id), Files.readAllBytes(jfr));
        assertTrue(Files.readString(html).contains("com.example.Checkout.price"), "the uploaded HTML");
        String drawn = Files.readString(svg);
        assertTrue(drawn.contains("<svg") && drawn.contains("com.example.Checkout.price"),
                "the controller drew the SVG from the stacks");
        try (var leftovers = Files.list(out)) {
            assertFalse(leftovers.anyMatch(p -> p.toString().endsWith(".part")), "no partial downloads left");
        }
        JsonObject stored = controller.awaitState(id, "done");
        assertEquals("OPS-1", stored.getJsonObject("labels").getString("ticket"));
        assertEquals("2s", stored.getString("duration"));
    }

    @Test
    void aFailedProfileExitsWithItsError() throws Exception {
        Future<Cli.Result> running = background.submit(() -> cli.run("profile", "--host", "web-1", "--pid", "4242",
                "--duration", "1s", "--wait"));
        String id = helper.acceptNextProfile();
        helper.state(id, "attaching", null);
        helper.state(id, "failed", new JsonObject().put("error", "JVM 4242 exited during the profile"));

        Cli.Result r = running.get(2, TimeUnit.MINUTES);
        assertEquals(3, r.exit(), r.toString());
        assertEquals("error: profile " + id + " failed: JVM 4242 exited during the profile\n", r.err());
    }

    @Test
    void withoutWaitingItPrintsTheIdAlone() throws Exception {
        var r = cli.run("profile", "--host", "web-1", "--pid", "4242", "--duration", "1s");
        assertEquals(0, r.exit(), r.toString());
        String id = r.out().strip();
        assertTrue(id.matches("p-\\S+"), r.out());
        assertTrue(r.err().contains("pyrometer get " + id), r.err());
        assertEquals(id, helper.acceptNextProfile());
        FinishedProfiles.play(helper, id, Stacks.collapsed("com.example.A.b"), out);
        controller.awaitState(id, "done");
    }

    @Test
    void aBusyJvmIsAConflictNamingTheProfileInTheWay() throws Exception {
        var first = cli.run("profile", "--host", "web-1", "--pid", "4242", "--duration", "1s");
        assertEquals(0, first.exit(), first.toString());
        String id = first.out().strip();
        var second = cli.run("profile", "--host", "web-1", "--pid", "4242", "--wait");
        assertEquals(3, second.exit(), second.toString());
        assertEquals("error: JVM 4242 on 'web-1' is already being profiled (" + id + "); wait for it to finish\n",
                second.err());
        assertEquals(id, helper.acceptNextProfile());
        FinishedProfiles.play(helper, id, Stacks.collapsed("com.example.A.b"), out);
        controller.awaitState(id, "done");
    }

    @Test
    void aBadDurationIsTheApisMessageNamingTheField() {
        var r = cli.run("profile", "--host", "web-1", "--pid", "4242", "--duration", "3x", "--wait");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("error: duration: '3x' is not a duration like 30s, 500ms or 2m\n", r.err());
    }

    @Test
    void anUnknownHostIsATargetProblem() {
        var r = cli.run("profile", "--host", "db-9", "--pid", "1");
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().startsWith("error: host: no host named 'db-9'"), r.err());
    }

    @Test
    void anOutputOfUnknownFormatIsRefusedBeforeAnythingStarts() {
        var r = cli.run("profile", "--host", "web-1", "--pid", "4242", "-o", out.resolve("flame.png").toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("use .html, .svg, .collapsed or .jfr"), r.err());
        var listed = cli.run("profiles", "--state", "queued", "--json");
        assertEquals("[]", listed.out().strip(), "no profile was created");
    }

    @Test
    void aRunningProfileIsCancelledThroughItsHelper() throws Exception {
        Cli.Result started = cli.run("profile", "--host", "web-1", "--pid", "4242", "--duration", "5m");
        assertEquals(0, started.exit(), started.toString());
        String id = started.out().strip();
        assertEquals(id, helper.acceptNextProfile());
        helper.state(id, "profiling", null);
        controller.awaitState(id, "profiling");

        Future<Cli.Result> cancel = background.submit(() -> cli.run("cancel", id));
        assertEquals(id, helper.acceptNextCancel());
        Cli.Result r = cancel.get(1, TimeUnit.MINUTES);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("cancel sent to " + id), r.out());
        // as a real helper does: it stops the agent and uploads what was recorded, which frees the JVM
        FinishedProfiles.play(helper, id, Stacks.collapsed("com.example.Cart.total"), out);
        controller.awaitState(id, "done");
    }

    @Test
    void aProfileThatEndedCannotBeCancelled() throws Exception {
        Cli.Result started = cli.run("profile", "--host", "web-1", "--pid", "4242", "--duration", "2s");
        String id = started.out().strip();
        assertEquals(id, helper.acceptNextProfile());
        FinishedProfiles.play(helper, id, Stacks.collapsed("com.example.Cart.total"), out);
        controller.awaitState(id, "done");

        Cli.Result r = cli.run("cancel", id);
        assertEquals(3, r.exit(), r.toString());
        assertEquals("error: profile " + id + " is already done\n", r.err());
    }

    @Test
    void anUnknownProfileIsNamed() {
        Cli.Result r = cli.run("cancel", "p-01ZZZZZZZZZZZZZZZZZZZZZZZZ");
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("p-01ZZZZZZZZZZZZZZZZZZZZZZZZ"), r.err());
    }
}
