package dev.pyrometer.helper.profile;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.helper.attach.HotSpotAttach;
import dev.pyrometer.helper.attach.KnownTargets;
import dev.pyrometer.helper.attach.ProcessControl;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Takes profiles of local JVMs from outside: validates the request, attaches async-profiler through
 * HotSpot's dynamic attach, records for the requested time and writes the requested files.
 * Thread-safe; one run at a time per target pid.
 */
public final class Profiler {

    private final Path workDir;
    private final Renderer renderer;
    private final ProcessControl control;
    private final KnownTargets knownTargets = new KnownTargets();
    private final AtomicBoolean warm = new AtomicBoolean();
    private final Set<Long> busy = ConcurrentHashMap.newKeySet();
    private volatile AgentLibrary library;

    /** {@code workDir} holds the extracted agent library and the recordings kept after each run. */
    public Profiler(Path workDir) {
        this(workDir, Renderer.IN_PROCESS);
    }

    /** {@code renderer} writes the flame graph outputs from each recording. */
    public Profiler(Path workDir, Renderer renderer) {
        this(workDir, renderer, ProcessControl.subprocesses());
    }

    /** {@code control} signals targets and sets their threads' priorities while attaching. */
    public Profiler(Path workDir, Renderer renderer, ProcessControl control) {
        this.workDir = workDir;
        this.renderer = renderer;
        this.control = control;
    }

    /** A profiler working in {@code $PYROMETER_HOME}, else {@code $XDG_CACHE_HOME/pyrometer}, else {@code ~/.cache/pyrometer}. */
    public static Profiler withDefaultWorkDir() {
        return new Profiler(defaultWorkDir());
    }

    public static Path defaultWorkDir() {
        String home = System.getenv("PYROMETER_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        if (cache != null && !cache.isBlank()) {
            return Path.of(cache, "pyrometer");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "pyrometer");
    }

    /**
     * Profiles {@code request.pid()} for {@code request.duration()}, blocking until the outputs are
     * written. Fails with a {@link CommandFailure} naming cause and way out.
     */
    public ProfileResult profile(ProfileRequest request, ProfileListener listener) {
        if (warm.compareAndSet(false, true)) {
            HotSpotAttach.warmUp();
        }
        RequestCheck.validate(request);
        if (!busy.add(request.pid())) {
            throw CommandFailure.target("JVM " + request.pid() + " is already being profiled by this helper;"
                    + " wait for that profile to finish");
        }
        try {
            return new ProfileRun(request, listener, library(), workDir.resolve("recordings"), renderer, knownTargets,
                    control).run();
        } finally {
            busy.remove(request.pid());
        }
    }

    /**
     * Whether our agent was started in this very process (pid and start time) before: its checks
     * passed then and need not be repeated before another profile.
     */
    public boolean attachedBefore(long pid) {
        return knownTargets.lookup(pid).isPresent();
    }

    /** The path our agent library has inside every target; a different async-profiler there conflicts. */
    public String agentPathInTarget() {
        return library().pathInTarget();
    }

    private AgentLibrary library() {
        AgentLibrary lib = library;
        if (lib == null) {
            synchronized (this) {
                if (library == null) {
                    library = AgentLibrary.extract(workDir.resolve("lib"));
                }
                lib = library;
            }
        }
        return lib;
    }
}
