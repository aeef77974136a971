package dev.pyrometer.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.controller.ControllerUnderTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PyrometerMain.main} in its own JVM: settings from the real environment, the exit status from System.exit. */
class MainProcessTest {
    @TempDir
    Path data;

    private static Process java(String url, String token, String... args) throws Exception {
        var command = new java.util.ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PyrometerMain.class.getName());
        command.addAll(java.util.List.of(args));
        var builder = new ProcessBuilder(command);
        builder.environment().put("PYROMETER_CONTROLLER", url);
        builder.environment().put("PYROMETER_TOKEN", token);
        Process p = builder.start();
        p.getOutputStream().close();
        return p;
    }

    private static String finish(Process p) throws Exception {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI ends by itself");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void readsTheEnvironmentAndExitsWithTheStatus() throws Exception {
        try (var controller = ControllerUnderTest.start(data)) {
            Process ok = java(controller.url(), ControllerUnderTest.TOKEN, "hosts", "--json");
            String output = finish(ok);
            assertEquals(0, ok.exitValue(), output);
            assertEquals("[]", output.strip());

            Process refused = java(controller.url(), "not-the-token", "jvms");
            output = finish(refused);
            assertEquals(5, refused.exitValue(), output);
            assertTrue(output.contains("refused the token from $PYROMETER_TOKEN (401)"), output);
        }
    }
}
