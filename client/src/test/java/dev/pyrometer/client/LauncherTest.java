package dev.pyrometer.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/pyrometer} in a checkout that was never built: it says how to build, with the internal-error code. */
class LauncherTest {
    @TempDir
    Path checkout;

    @Test
    void beforeMakeBuildItSaysToRunIt() throws Exception {
        Path launcher = Path.of("..", "bin", "pyrometer").toAbsolutePath().normalize();
        Path copy = Files.createDirectories(checkout.resolve("bin")).resolve("pyrometer");
        Files.copy(launcher, copy);
        Process p = new ProcessBuilder("bash", copy.toString(), "hosts").redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the launcher ends by itself");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(70, p.exitValue(), output);
        assertTrue(output.startsWith("pyrometer: not built yet; run 'make build' in "), output);
    }
}
