package dev.pyrometer.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JFR input, from a recording a real JVM makes of itself (same reader as async-profiler's recordings). */
class JfrInputTest {

    @Test
    void aRecordingBecomesTheSameKindOfTree(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("burn.jfr");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-XX:StartFlightRecording=filename=" + jfr + ",settings=profile",
                "-cp", System.getProperty("java.class.path"), Burner.class.getName())
                .redirectErrorStream(true).redirectOutput(dir.resolve("burn.log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the recorded JVM did not finish in a minute");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("burn.log")));
        Path collapsed = dir.resolve("burn.collapsed");
        var summary = FlameGraphs.render(List.of(jfr), List.of(collapsed, dir.resolve("burn.html")), RenderOptions.defaults());
        assertTrue(summary.samples() > 0, "no samples");
        assertTrue(Files.readString(collapsed).contains("Burner.main"), "the burning method is in the stacks");
    }

    @Test
    void notARecordingIsAnInputError(@TempDir Path dir) throws Exception {
        Path bogus = dir.resolve("bogus.jfr");
        Files.writeString(bogus, "not a recording");
        try {
            FlameGraphs.render(List.of(bogus), List.of(dir.resolve("x.svg")), RenderOptions.defaults());
        } catch (CommandFailure e) {
            assertEquals(ExitCodes.INPUT, e.exitCode());
            return;
        } catch (java.io.IOException e) {
            assertTrue(e.getMessage() != null);
            return;
        }
        throw new AssertionError("a bogus recording was accepted");
    }

    /** Burns CPU for about a second so the recording has execution samples. */
    public static final class Burner {
        public static void main(String[] args) {
            long end = System.nanoTime() + 1_200_000_000L;
            long sum = 0;
            while (System.nanoTime() < end) {
                for (int i = 0; i < 10_000; i++) {
                    sum += Integer.toString(i).hashCode();
                }
            }
            System.out.println(sum);
        }
    }
}
