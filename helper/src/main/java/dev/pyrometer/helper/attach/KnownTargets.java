package dev.pyrometer.helper.attach;

import dev.pyrometer.helper.proc.ProcessFacts;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JVMs our agent was started in, as the checks found them then, so that profiling one again
 * skips re-reading its {@code /proc} files and re-placing the library. An entry is trusted only
 * while its pid still names the same process: same start time, one read of {@code /proc/<pid>/stat}.
 */
public final class KnownTargets {

    /** A checked JVM with our agent loaded, and the agent's path as that JVM sees it. */
    public record Known(AttachTarget target, String agentPath) {
    }

    private final Map<Long, Known> byPid = new ConcurrentHashMap<>();

    /** What an earlier attach learned about {@code pid}, if that very process (not a reused pid) is still there. */
    public Optional<Known> lookup(long pid) {
        Known known = byPid.get(pid);
        if (known == null) {
            return Optional.empty();
        }
        if (ProcessFacts.startTicks(pid) != known.target().startTicks()) {
            byPid.remove(pid, known);
            return Optional.empty();
        }
        return Optional.of(known);
    }

    /** Remembers a JVM our agent was just started in; entries of processes gone since are dropped. */
    public void remember(AttachTarget target, String agentPath) {
        byPid.values().removeIf(k -> ProcessFacts.startTicks(k.target().pid()) != k.target().startTicks());
        AttachTarget loaded = new AttachTarget(target.pid(), target.nsPid(), target.euid(), target.egid(),
                target.startTicks(), target.javaFeature(), target.catchesSigquit(), target.containerized(),
                target.root(), agentPath);
        byPid.put(target.pid(), new Known(loaded, agentPath));
    }

    /** Drops what is known of {@code pid}: after any failure the next attempt checks everything again. */
    public void forget(long pid) {
        byPid.remove(pid);
    }
}
