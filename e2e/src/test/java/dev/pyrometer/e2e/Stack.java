package dev.pyrometer.e2e;

import dev.pyrometer.helper.testing.CpuBurner;
import dev.pyrometer.helper.testing.TargetProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Starts the real pieces as subprocesses: a controller (launcher, port 0 the first time, the same port
 * on restart), a helper daemon connected to it, and a busy JVM to profile. Closes all of them.
 */
final class Stack implements AutoCloseable {
    static final String TOKEN = "e2e-token-" + Long.toHexString(System.nanoTime());
    /** The frame most samples of a busy JVM land in, as collapsed stacks name it. */
    static final String HOT_METHOD = CpuBurner.class.getName().replace('.', '/') + ".burn";
    private static final Pattern LISTENING = Pattern.compile("listening on (https?)://127\\.0\\.0\\.1:(\\d+)/");

    private final Path dir;
    private final List<Launched> started = new ArrayList<>();
    Launched controller;
    int port;
    /** http, or https for a controller given a certificate. */
    String scheme = "http";

    Stack(Path dir) {
        this.dir = dir;
    }

    /** Starts the controller; the first time on a free port, later on the same one (the helper keeps its URL). */
    Launched startController(String... moreArgs) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Launched.launcher("pyrometer-controller"), "serve",
                "--port", Integer.toString(port), "--data", dir.resolve("controller").toString()));
        cmd.addAll(List.of(moreArgs));
        controller = Launched.start("controller", cmd,
                Map.of("PYROMETER_TOKEN", TOKEN, "PYROMETER_CONTROLLER_JAVA_OPTS", "-Xmx256m"));
        started.add(controller);
        var listening = controller.awaitOutput(LISTENING, Await.LONG);
        scheme = listening.group(1);
        port = Integer.parseInt(listening.group(2));
        return controller;
    }

    /** Reserves a port for a controller that starts later: bound once and released. */
    int reservePort() throws java.io.IOException {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return port;
    }

    String baseUrl() {
        return scheme + "://127.0.0.1:" + port;
    }

    Api api() {
        return new Api(baseUrl(), TOKEN);
    }

    Launched startHelper(String host, String token) {
        return startHelper(host, token, baseUrl());
    }

    Launched startHelper(String host, String token, String controllerUrl) {
        return startHelper(host, token, controllerUrl, "");
    }

    /** {@code javaOptions}: more JVM options for the helper, as an operator would put them in PYROMETER_HELPER_JAVA_OPTS. */
    Launched startHelper(String host, String token, String controllerUrl, String javaOptions) {
        Launched helper = Launched.start("helper-" + host, List.of(Launched.launcher("pyrometer-helper"), "serve",
                "--controller", controllerUrl, "--host", host, "--spool", dir.resolve("spool-" + host).toString()),
                Map.of("PYROMETER_TOKEN", token, "PYROMETER_HOME", dir.resolve("helper-home").toString(),
                        "PYROMETER_HELPER_JAVA_OPTS", ("-Xmx64m " + javaOptions).strip()));
        started.add(helper);
        return helper;
    }

    Launched startHelper(String host) {
        return startHelper(host, TOKEN);
    }

    /** A JVM pegging the CPU with four threads in {@link #HOT_METHOD}, closed with the stack. */
    Launched startBusyJvm() {
        Launched busy = busyJvm(List.of(), 4);
        started.add(busy);
        return busy;
    }

    /** The helper tests' {@link CpuBurner}, started with {@code vmOptions}; the caller closes it. */
    static Launched busyJvm(List<String> vmOptions, int threads) {
        List<String> cmd = new ArrayList<>(List.of(TargetProcess.java(null)));
        cmd.addAll(vmOptions);
        cmd.addAll(List.of("-cp", TargetProcess.testClasses().toString(), CpuBurner.class.getName(),
                Integer.toString(threads)));
        Launched busy = Launched.start("busy", cmd, Map.of());
        try {
            busy.awaitOutput(Pattern.compile("ready"), Await.LONG);
        } catch (AssertionError | RuntimeException e) {
            busy.close();
            throw e;
        }
        return busy;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    static Duration profileDeadline() {
        return Await.LONG;
    }
}
