package dev.pyrometer.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.controller.ControllerUnderTest;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cancel}: a running profile is stopped through its helper; one that ended, or none, is a target problem. */
class CancelCommandTest {
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
        helper = controller.connect("web-2", 5151, "shop", "1.5");
        cli = Cli.against(controller.url(), ControllerUnderTest.TOKEN);
    }

    @AfterAll
    static void stop() {
        background.shutdownNow();
        helper.close();
        controller.close();
    }

    @Test
    void aRunningProfileIsCancelledThroughItsHelper() throws Exception {
        Cli.Result started = cli.run("profile", "--host", "web-2", "--pid", "5151", "--duration", "5m");
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
    }

    @Test
    void aProfileThatEndedCannotBeCancelled() throws Exception {
        Cli.Result started = cli.run("profile", "--host", "web-2", "--pid", "5151", "--duration", "2s");
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
