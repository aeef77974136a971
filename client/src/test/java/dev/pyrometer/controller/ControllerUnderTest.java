package dev.pyrometer.controller;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * Opens the controller module's own test fixtures ({@link RunningController}, {@link SimulatedHelper},
 * package-private there) to the client's tests: a real controller on port 0 and real helpers speaking the protocol.
 */
public final class ControllerUnderTest implements AutoCloseable {
    public static final String TOKEN = RunningController.TOKEN;

    private final RunningController controller;

    private ControllerUnderTest(RunningController controller) {
        this.controller = controller;
    }

    public static ControllerUnderTest start(Path data) {
        return new ControllerUnderTest(RunningController.start(data));
    }

    /** A controller that lets jobs run every second, so a test sees a job's profiles without waiting minutes. */
    public static ControllerUnderTest startWithFastJobs(Path data) {
        return new ControllerUnderTest(RunningController.start(ControllerConfig.of("127.0.0.1", 0, data, TOKEN)
                .withMinJobPeriod(java.time.Duration.ofSeconds(1))));
    }

    /** A controller serving HTTPS with the given certificate and key. */
    public static ControllerUnderTest startWithTls(Path data, dev.pyrometer.controller.http.TlsFiles tls) {
        return new ControllerUnderTest(RunningController.start(ControllerConfig.of("127.0.0.1", 0, data, TOKEN)
                .withTls(tls)));
    }

    /** A controller on a given port, e.g. the one a closed controller had, over the same data. */
    public static ControllerUnderTest startOn(Path data, int port) {
        return new ControllerUnderTest(RunningController.start(ControllerConfig.of("127.0.0.1", port, data, TOKEN)));
    }

    public int port() {
        return controller.port;
    }

    public String url() {
        return controller.baseUrl();
    }

    /** A helper for {@code host} reporting one JVM, connected once the controller lists that JVM. */
    public Helper connect(String host, long pid, String app, String release) {
        int before = controller.getArray("/api/v1/jvms").size();
        var helper = new Helper(SimulatedHelper.connect(controller.port, host, SimulatedHelper.jvm(pid, app, release)));
        RunningController.until(() -> controller.getArray("/api/v1/jvms"), a -> a.size() > before,
                "the inventory of " + host);
        return helper;
    }

    /** A helper for a host the controller already knows (its inventory kept), connected once it shows online. */
    public Helper reconnect(String host, long pid, String app, String release) {
        var helper = new Helper(SimulatedHelper.connect(controller.port, host, SimulatedHelper.jvm(pid, app, release)));
        RunningController.until(() -> controller.getArray("/api/v1/hosts"), a -> a.stream()
                .anyMatch(h -> h instanceof JsonObject o && host.equals(o.getString("host"))
                        && "online".equals(o.getString("status"))), host + " online again");
        return helper;
    }

    /** Polls a profile until {@code state}, within the fixtures' deadline. */
    public JsonObject awaitState(String id, String state) {
        return RunningController.until(() -> controller.getObject("/api/v1/profiles/" + id),
                p -> state.equals(p.getString("state")), "profile " + id + " to be " + state);
    }

    @Override
    public void close() {
        controller.close();
    }

    /** A simulated helper, driven step by step by a test. */
    public static final class Helper implements AutoCloseable {
        private final SimulatedHelper helper;

        private Helper(SimulatedHelper helper) {
            this.helper = helper;
        }

        /** Waits for the controller's next {@code profile.start}, accepts it and returns the profile id. */
        public String acceptNextProfile() {
            JsonObject start = helper.take("profile.start");
            helper.reply(start, true, null);
            return start.getString("profile_id");
        }

        /** Waits for the controller's next {@code profile.cancel}, accepts it and returns the profile id it names. */
        public String acceptNextCancel() {
            JsonObject cancel = helper.take("profile.cancel");
            helper.reply(cancel, true, null);
            return cancel.getString("profile_id");
        }

        public void state(String id, String state, JsonObject extra) {
            helper.state(id, state, extra);
        }

        public int upload(String id, String artifact, byte[] body) {
            return helper.upload(id, artifact, body);
        }

        @Override
        public void close() {
            helper.close();
        }
    }
}
