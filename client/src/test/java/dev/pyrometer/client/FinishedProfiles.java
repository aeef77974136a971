package dev.pyrometer.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrometer.controller.ControllerUnderTest;
import dev.pyrometer.wire.Protocol;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;

/** Takes a profile through the CLI and plays the helper's part to the end, uploading real artifacts. */
final class FinishedProfiles {
    private FinishedProfiles() {
    }

    /** {@code pyrometer profile} without waiting, then attach, profile, upload and done; returns the profile id. */
    static String take(Cli cli, ControllerUnderTest controller, ControllerUnderTest.Helper helper, String host,
                       long pid, String hotFrame, Path scratch) throws IOException {
        return take(cli, controller, helper, host, pid, Stacks.collapsed(hotFrame), scratch);
    }

    /** The same with the given stacks. */
    static String take(Cli cli, ControllerUnderTest controller, ControllerUnderTest.Helper helper, String host,
                       long pid, byte[] collapsed, Path scratch) throws IOException {
        var r = cli.run("profile", "--host", host, "--pid", Long.toString(pid), "--duration", "1s");
        assertEquals(0, r.exit(), r.toString());
        String id = r.out().strip();
        assertEquals(id, helper.acceptNextProfile());
        play(helper, id, collapsed, scratch);
        controller.awaitState(id, "done");
        return id;
    }

    /** The helper's part of a successful profile, as docs/protocol.md orders it: upload first, then done. */
    static void play(ControllerUnderTest.Helper helper, String id, byte[] collapsed, Path scratch) throws IOException {
        helper.state(id, "attaching", null);
        helper.state(id, "profiling", new JsonObject().put("engine", "cpu"));
        helper.state(id, "uploading", new JsonObject().put("samples", 100));
        assertEquals(201, helper.upload(id, Protocol.RECORDING, Stacks.recording(id)));
        assertEquals(201, helper.upload(id, Protocol.COLLAPSED, collapsed));
        assertEquals(201, helper.upload(id, Protocol.FLAMEGRAPH_HTML, Stacks.html(collapsed, scratch)));
        helper.state(id, "done", new JsonObject().put("samples", 100));
    }
}
