package dev.pyrometer.helper.attach;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.helper.proc.JavaCommandLine;
import dev.pyrometer.helper.proc.JavaRuntime;
import dev.pyrometer.helper.proc.ProcessFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything that can be learned from {@code /proc} before sending a signal: each refusal names
 * the cause and the way out, because a wrong SIGQUIT kills a process that does not handle it.
 */
public final class AttachCheck {

    private static final int OUR_EUID = ownerOf(Path.of("/proc/self"));
    private static final int OUR_EGID = groupOf(Path.of("/proc/self"));

    private AttachCheck() {
    }

    public static boolean runningAsRoot() {
        return OUR_EUID == 0;
    }

    /**
     * Checks {@code pid}; {@code ourLibrary} is a path of our agent library inside a target (its
     * directory name identifies it; a copy of async-profiler mapped from anywhere else conflicts).
     */
    public static AttachTarget check(long pid, String ourLibrary) {
        ProcessFacts facts = ProcessFacts.read(pid).orElseThrow(() -> CommandFailure.target(
                "no process with pid " + pid + " on this host; list the JVMs with 'pyrometer-helper jvms'"));
        problem(facts, ourLibrary).ifPresent(reason -> {
            throw CommandFailure.target(reason);
        });
        JavaRuntime runtime = JavaRuntime.of(facts.root(), facts.libjvm().orElseThrow()).orElse(null);
        String loaded = facts.asyncProfilerLibraries().stream().map(l -> l.replace(" (deleted)", ""))
                .filter(l -> sameAgent(l, ourLibrary)).findFirst().orElse(null);
        return new AttachTarget(pid, facts.nsPid(), facts.euid(), facts.egid(), facts.startTicks(),
                runtime == null ? 0 : runtime.feature(), facts.catchesSigquit(),
                facts.otherMountNamespace() || facts.otherPidNamespace(), facts.root(), loaded);
    }

    /** Why {@code facts} cannot be attached to, or empty when nothing visible from outside forbids it. */
    public static Optional<String> problem(ProcessFacts facts, String ourLibrary) {
        long pid = facts.pid();
        if (facts.euid() < 0) {
            return Optional.of("cannot read /proc/" + pid + " (process exiting, or not ours to inspect); "
                    + "run the helper as root or as the process's user");
        }
        if (!facts.inspectable()) {
            return Optional.of("process " + pid + " runs as uid " + facts.euid() + " and the helper as uid " + OUR_EUID
                    + ", which may not inspect it (nor attach: a JVM accepts only its own user or root);"
                    + " run the helper as root or as uid " + facts.euid());
        }
        if (facts.libjvm().isEmpty()) {
            return Optional.of("process " + pid + " (" + name(facts) + ") is not a HotSpot JVM (no libjvm.so mapped);"
                    + " pick a pid from 'pyrometer-helper jvms'");
        }
        if (!runningAsRoot() && facts.euid() != OUR_EUID) {
            return Optional.of("JVM " + pid + " runs as uid " + facts.euid() + " and the helper as uid " + OUR_EUID
                    + "; a JVM accepts attach only from its own user or root: run the helper as root or as uid "
                    + facts.euid());
        }
        int feature = JavaRuntime.of(facts.root(), facts.libjvm().get()).map(JavaRuntime::feature).orElse(0);
        if (feature > 0 && feature < 10 && (facts.euid() != OUR_EUID || facts.egid() != OUR_EGID)) {
            return Optional.of("JVM " + pid + " runs JDK " + feature + " as uid " + facts.euid() + "/gid " + facts.egid()
                    + ", which accepts attach only from exactly that uid and gid (root too only from JDK 10 on);"
                    + " run the helper as that user, e.g. with 'setpriv --reuid=" + facts.euid() + " --regid="
                    + facts.egid() + " --clear-groups'");
        }
        JavaCommandLine cmd = JavaCommandLine.parse(facts.commandLine(), facts.environment());
        if (cmd.booleanFlag("DisableAttachMechanism").orElse(false)) {
            return Optional.of("JVM " + pid + " was started with -XX:+DisableAttachMechanism, so it never listens for"
                    + " attach; restart it without that flag");
        }
        if (!cmd.booleanFlag("EnableDynamicAgentLoading").orElse(true)) {
            return Optional.of("JVM " + pid + " was started with -XX:-EnableDynamicAgentLoading, which forbids loading"
                    + " an agent into a running JVM; restart it without that flag (JFR via jcmd still works)");
        }
        for (String lib : facts.asyncProfilerLibraries()) {
            String path = lib.replace(" (deleted)", "");
            if (!sameAgent(path, ourLibrary)) {
                return Optional.of("JVM " + pid + " already has another async-profiler loaded (" + path
                        + "); two copies conflict: profile it with that one (asprof) or restart the JVM");
            }
        }
        if (!facts.catchesSigquit() && !Files.exists(socketOf(facts))) {
            // With -Xrs HotSpot opens its attach socket at startup, so only a missing socket is fatal.
            return Optional.of("JVM " + pid + " does not handle SIGQUIT (-Xrs or -XX:+ReduceSignalUsage, or still"
                    + " starting up) and has no attach socket (/tmp/.java_pid" + facts.nsPid() + " in its namespace,"
                    + " perhaps removed by a /tmp cleaner), so the attach signal would kill it; restart it");
        }
        return Optional.empty();
    }

    /** Our library sits in a directory named for its version and checksum, under whichever tmp dir could run it. */
    static boolean sameAgent(String mapped, String ourLibrary) {
        Path a = Path.of(mapped);
        Path b = Path.of(ourLibrary);
        return a.getFileName().equals(b.getFileName()) && a.getParent() != null && b.getParent() != null
                && a.getParent().getFileName().equals(b.getParent().getFileName());
    }

    static Path socketOf(ProcessFacts facts) {
        return facts.root().resolve("tmp").resolve(".java_pid" + facts.nsPid());
    }

    private static String name(ProcessFacts facts) {
        if (facts.commandLine().isEmpty()) {
            return "?";
        }
        String argv0 = facts.commandLine().get(0);
        return argv0.substring(argv0.lastIndexOf('/') + 1);
    }

    static int ourEuid() {
        return OUR_EUID;
    }

    private static int ownerOf(Path path) {
        try {
            return (Integer) Files.getAttribute(path, "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    private static int groupOf(Path path) {
        try {
            return (Integer) Files.getAttribute(path, "unix:gid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }
}
