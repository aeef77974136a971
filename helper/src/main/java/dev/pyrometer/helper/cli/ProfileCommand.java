package dev.pyrometer.helper.cli;

import dev.pyrometer.helper.profile.ProfileRequest;
import dev.pyrometer.helper.profile.ProfileResult;
import dev.pyrometer.helper.profile.Profiler;
import dev.pyrometer.helper.profile.RequestCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code profile}: attach async-profiler to a local JVM from outside and write flame graphs. */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Profiles a local JVM from outside (HotSpot dynamic attach + async-profiler) and writes"
                + " the files named with -o; the format follows the extension: .html interactive flame graph,"
                + " .svg standalone SVG, .collapsed folded stacks, .jfr the raw recording.",
            "The agent stops by itself shortly after --duration even if this command is killed."})
public final class ProfileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--pid", required = true, description = "Process id of the target JVM.")
    long pid;

    @Option(names = "--duration", defaultValue = "10s", description = "How long to profile, 1s..1h (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--event", defaultValue = "cpu",
            description = "cpu|wall|alloc|lock|itimer|ctimer (default: ${DEFAULT-VALUE}).")
    String event;

    @Option(names = "--interval", defaultValue = "10ms",
            description = "Sampling interval for cpu, wall, itimer and ctimer, 100us..1s (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--title", description = "Title of the flame graph.")
    String title;

    @Option(names = {"-o", "--output"}, required = true, description = "Output file (.html, .svg, .collapsed, .jfr); repeatable.")
    List<Path> outputs;

    @Override
    public Integer call() {
        ProfileRequest request = new ProfileRequest(pid, RequestCheck.parseDuration(duration), event,
                RequestCheck.parseDuration(interval), title, List.copyOf(outputs));
        return profile(request, spec.commandLine().getOut());
    }

    /** Runs one profile and reports it; shared with {@link ProfileFastPath}. */
    static int profile(ProfileRequest request, PrintWriter out) {
        ProgressDisplay progress = new ProgressDisplay(out, System.console() != null);
        ProfileResult result = Profiler.withDefaultWorkDir().profile(request, progress);
        progress.finish();
        out.printf("engine: %s%s%n", result.engine(),
                result.engine().equals(request.event()) ? "" : " (asked for " + request.event() + ")");
        long sinceLaunch = ProcessHandle.current().info().startInstant()
                .map(t -> java.time.Duration.between(t, result.started()).plus(result.attachTime()).toMillis()).orElse(-1L);
        out.printf("attach: %d ms (%d ms since this command was launched)%n", result.attachTime().toMillis(), sinceLaunch);
        out.printf("samples: %d%n", result.samples());
        for (String warning : result.warnings()) {
            out.println("warning: " + warning);
        }
        out.println("recording: " + result.recording());
        for (Path written : result.outputs()) {
            out.println("wrote " + written);
        }
        out.flush();
        return 0;
    }
}
