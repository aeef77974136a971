package dev.pyrometer.helper.cli;

import dev.pyrometer.helper.discovery.JvmDiscovery;
import dev.pyrometer.helper.discovery.JvmInfo;
import dev.pyrometer.helper.profile.AgentLibrary;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jvms}: the JVMs on this host, what they cost and whether they can be profiled. */
@Command(name = "jvms", mixinStandardHelpOptions = true,
        description = "Lists the JVMs on this host: pid, user, main class or jar, JDK, uptime, CPU %% over a short"
                + " window, RSS, whether it runs in another namespace (container) and whether it can be attached.")
public final class JvmsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "One JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        List<JvmInfo> jvms = new JvmDiscovery(AgentLibrary.expectedPathInTarget(), JvmDiscovery.DEFAULT_CPU_WINDOW).list();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JvmJson.array(jvms));
        } else {
            printTable(out, jvms);
        }
        out.flush();
        return 0;
    }

    private static void printTable(PrintWriter out, List<JvmInfo> jvms) {
        out.printf("%-8s %-10s %-10s %9s %6s %9s %-4s %-6s %s%n", "PID", "USER", "JDK", "UPTIME", "CPU%", "RSS",
                "NS", "ATTACH", "MAIN");
        for (JvmInfo j : jvms) {
            String main = j.mainClass();
            if (j.app() != null) {
                main += " [" + j.app() + (j.release() != null ? " " + j.release() : "") + "]";
            }
            out.printf("%-8d %-10s %-10s %9s %6.1f %9s %-4s %-6s %s%n", j.pid(), j.user(), j.jdkVersion(),
                    uptime(j.uptimeMillis()), j.cpuPercent(), (j.rssBytes() >> 20) + " MiB",
                    j.containerized() ? "own" : "-", j.attachable() ? "yes" : "no", main);
        }
        jvms.stream().filter(j -> !j.attachable())
                .forEach(j -> out.println("  " + j.pid() + ": " + j.notAttachableReason()));
        if (jvms.isEmpty()) {
            out.println("(no JVMs found)");
        }
    }

    static String uptime(long millis) {
        long s = millis / 1000;
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return s / 60 + "m";
        }
        if (s < 172800) {
            return s / 3600 + "h" + (s % 3600) / 60 + "m";
        }
        return s / 86400 + "d";
    }
}
