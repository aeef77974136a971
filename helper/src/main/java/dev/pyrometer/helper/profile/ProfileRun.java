package dev.pyrometer.helper.profile;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.helper.attach.AttachCheck;
import dev.pyrometer.helper.attach.AttachTarget;
import dev.pyrometer.helper.attach.HotSpotAttach;
import dev.pyrometer.helper.attach.KnownTargets;
import dev.pyrometer.helper.attach.ProcessControl;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** One profiling run against one target, from the checks to the written files. */
final class ProfileRun {

    static final Duration ATTACH_DEADLINE = Duration.ofSeconds(10);
    static final Duration COMMAND_DEADLINE = Duration.ofSeconds(10);
    /** The agent stops by itself this long after the requested duration, should the helper be gone. */
    static final Duration DEAD_MAN_GRACE = Duration.ofSeconds(5);
    private static final long TICK_NANOS = Duration.ofMillis(100).toNanos();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final ProfileRequest request;
    private final ProfileListener listener;
    private final AgentLibrary library;
    private final Path recordingsDir;
    private final Renderer renderer;
    private final KnownTargets knownTargets;
    private final ProcessControl control;
    private final List<String> warnings = new ArrayList<>();
    /** The agent library's path inside the target, once placed. */
    private String agent;

    ProfileRun(ProfileRequest request, ProfileListener listener, AgentLibrary library, Path recordingsDir,
               Renderer renderer, KnownTargets knownTargets, ProcessControl control) {
        this.request = request;
        this.listener = listener;
        this.library = library;
        this.recordingsDir = recordingsDir;
        this.renderer = renderer;
        this.knownTargets = knownTargets;
        this.control = control;
    }

    ProfileResult run() {
        try {
            return runChecked();
        } catch (RuntimeException e) {
            // whatever went wrong, the next attempt looks at the JVM afresh
            knownTargets.forget(request.pid());
            throw e;
        }
    }

    private ProfileResult runChecked() {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        long pid = request.pid();
        listener.onState("checking", "JVM " + pid);
        // Our agent started in this very process before: what the checks and the placement found then
        // still holds (a pid reused by another process has another start time and is checked afresh).
        KnownTargets.Known known = knownTargets.lookup(pid).orElse(null);
        AttachTarget target = known != null ? known.target() : AttachCheck.check(pid, library.pathInTarget());
        long checked = System.nanoTime();
        if (known == null) {
            // Only a first attach lasts long enough (hundreds of ms) for this state to tell anyone
            // anything; otherwise its disk write and frame take CPU the pegged target needs right now.
            listener.onState("attaching", "JVM " + pid + (target.containerized() ? " (in another namespace)" : ""));
            agent = library.placeInto(target);
        } else {
            agent = known.agentPath();
        }
        long placed = System.nanoTime();
        Path recording;
        Duration attachTime;
        try (SessionDir session = SessionDir.create(target);
             HotSpotAttach attach = new HotSpotAttach(target, AttachCheck.runningAsRoot(), control)) {
            if (!attach.ensureListener(ATTACH_DEADLINE, known != null)) {
                // Attached before: the listener is up but runs at the JVM's priority, behind the threads
                // pegging the CPU, and `load`+`start` waited 90-160 ms for CPU in the daemon bench.
                attach.boostListener();
            }
            start(attach, session);
            knownTargets.remember(target, agent);
            attach.restorePriorities();
            session.removeStaleSiblings(target.nsPid());
            attachTime = Duration.ofNanos(System.nanoTime() - t0);
            warnings.addAll(AgentLog.problems(session.readOrEmpty("start.log")));
            listener.onState("profiling", "event " + request.event() + ", attached in " + attachTime.toMillis() + " ms ("
                    + (known != null ? "attached before, " : "") + "checked=" + (checked - t0) / 1_000_000 + "ms placed=" + (placed - t0) / 1_000_000 + "ms, then "
                    + attach.timeline() + ")");
            try (FileChannel jfr = FileChannel.open(session.here("profile.jfr"), StandardOpenOption.READ)) {
                boolean exited = waitForDuration(attach);
                if (!exited) {
                    try {
                        stop(attach, session);
                    } catch (CommandFailure e) {
                        if (attach.stillTheSameProcess()) {
                            throw e;
                        }
                        exited = true;
                    }
                }
                recording = keep(jfr, exited, Duration.ofNanos(System.nanoTime() - t0).minus(attachTime));
            } catch (IOException e) {
                throw CommandFailure.target("cannot read the recording of JVM " + pid + " at "
                        + session.here("profile.jfr") + ": " + e.getMessage(), e);
            }
            AgentLog.problems(session.readOrEmpty("stop.log")).stream().filter(w -> !warnings.contains(w))
                    .forEach(warnings::add);
            warnings.addAll(attach.notes());
        }
        listener.onState("rendering", recording.toString());
        RecordingSummary summary = RecordingSummary.read(recording);
        String engine = summary.engine(request.event());
        if (request.event().equals("cpu") && !engine.equals("cpu")) {
            warnings.add("cpu fell back to " + engine + ": perf_events are not available to JVM " + pid
                    + " (perf_event_paranoid or seccomp), so the profile has no kernel frames");
        } else if (engine.equals("cpu") && !summary.kernelSymbols()) {
            warnings.add("kernel symbols are hidden (kptr_restrict), so kernel frames have no names");
        }
        List<Path> outputs = writeOutputs(recording);
        return new ProfileResult(recording, outputs, engine, summary.samples(), attachTime, started, Instant.now(),
                List.copyOf(warnings));
    }

    private void start(HotSpotAttach attach, SessionDir session) {
        long timeoutSeconds = request.duration().plus(DEAD_MAN_GRACE).toSeconds() + 1;
        StringBuilder options = new StringBuilder("start,event=").append(request.event());
        if (!request.event().equals("alloc") && !request.event().equals("lock")) {
            options.append(",interval=").append(request.interval().toNanos());
        }
        options.append(",timeout=").append(timeoutSeconds)
                .append(",jfr,file=").append(session.inTarget("profile.jfr"))
                .append(",log=").append(session.inTarget("start.log"));
        HotSpotAttach.Response r = attach.execute(COMMAND_DEADLINE, "load", agent, "true",
                options.toString());
        if (r.status() != 0) {
            throw CommandFailure.target("JVM " + request.pid() + " refused to load the agent: " + oneLine(r.output()));
        }
        if (r.agentCode() != 0) {
            String log = session.readOrEmpty("start.log");
            if (log.contains("already started") || log.contains("already running")) {
                HotSpotAttach.Response status = attach.execute(COMMAND_DEADLINE, "load", agent, "true",
                        "status,file=" + session.inTarget("status.txt") + ",log=" + session.inTarget("status.log"));
                String running = status.agentCode() == 0 ? oneLine(session.readOrEmpty("status.txt")) : "";
                throw CommandFailure.target("a profiling session is already running in JVM " + request.pid()
                        + (running.isEmpty() ? "" : " (agent: " + running + ")")
                        + ", started by another helper or by asprof; wait for it to end, or stop it first");
            }
            throw CommandFailure.target("async-profiler in JVM " + request.pid() + " could not start (code "
                    + r.agentCode() + "): " + (log.isBlank() ? oneLine(r.output()) : oneLine(log)));
        }
    }

    /** Waits out the requested duration; returns true when the target exited before it ended. */
    private boolean waitForDuration(HotSpotAttach attach) {
        long total = request.duration().toNanos();
        long begin = System.nanoTime();
        while (true) {
            long elapsed = System.nanoTime() - begin;
            listener.onProgress(Math.min(elapsed, total) / 1e9, total / 1e9);
            if (elapsed >= total || listener.stopRequested()) {
                return false;
            }
            if (!attach.stillTheSameProcess()) {
                return true;
            }
            LockSupport.parkNanos(Math.min(TICK_NANOS, total - elapsed));
        }
    }

    private void stop(HotSpotAttach attach, SessionDir session) {
        attach.boostListener();
        HotSpotAttach.Response r = attach.execute(COMMAND_DEADLINE, "load", agent, "true",
                "stop,log=" + session.inTarget("stop.log"));
        String stopLog = session.readOrEmpty("stop.log");
        if ((r.status() != 0 || r.agentCode() != 0) && !stopLog.contains("not active")) {
            // "not active": the dead-man timeout stopped it a moment ago, which is fine.
            warnings.add("stop answered code " + r.agentCode() + ": " + oneLine(stopLog));
        }
        HotSpotAttach.Response status = attach.execute(COMMAND_DEADLINE, "load", agent, "true",
                "status,file=" + session.inTarget("status.txt") + ",log=" + session.inTarget("status.log"));
        String text = session.readOrEmpty("status.txt").strip();
        if (status.agentCode() == 0 && !text.isEmpty() && !text.contains("not active")) {
            warnings.add("after stop the agent still reports: " + oneLine(text));
        }
    }

    private Path keep(FileChannel jfr, boolean exited, Duration profiled) throws IOException {
        Path out = request.outputs().stream().filter(p -> RequestCheck.extension(p).equals("jfr")).findFirst()
                .orElse(null);
        if (out == null) {
            Files.createDirectories(recordingsDir);
            out = recordingsDir.resolve(request.pid() + "-" + STAMP.format(Instant.now()) + ".jfr");
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        try (OutputStream os = Files.newOutputStream(tmp)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            long pos = 0;
            int n;
            while ((n = jfr.read(buf, pos)) > 0) {
                os.write(buf.array(), 0, n);
                pos += n;
                buf.clear();
            }
        }
        if (exited) {
            if (!RecordingSummary.complete(tmp)) {
                Files.deleteIfExists(tmp);
                throw CommandFailure.target("JVM " + request.pid() + " exited " + profiled.toSeconds()
                        + " s into the profile without finishing its recording; nothing could be kept");
            }
            warnings.add("JVM " + request.pid() + " exited " + profiled.toSeconds()
                    + " s into the profile; kept what was recorded until then");
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        if (out.startsWith(recordingsDir)) {
            int removed = KeptRecordings.prune(recordingsDir, out);
            if (removed > 0) {
                warnings.add("removed the " + removed + " oldest recording" + (removed == 1 ? "" : "s") + " from "
                        + recordingsDir + " (it keeps the newest " + KeptRecordings.MAX_FILES + ", up to "
                        + (KeptRecordings.MAX_BYTES >> 30) + " GiB; -o FILE.jfr keeps one elsewhere)");
            }
        }
        return out;
    }

    private List<Path> writeOutputs(Path recording) {
        List<Path> written = new ArrayList<>();
        List<Path> rendered = new ArrayList<>();
        for (Path out : request.outputs()) {
            if (RequestCheck.extension(out).equals("jfr")) {
                if (!out.equals(recording)) {
                    copy(recording, out);
                }
            } else {
                rendered.add(out);
            }
            written.add(out);
        }
        if (!rendered.isEmpty()) {
            String title = request.title() != null ? request.title() : "JVM " + request.pid() + " " + request.event();
            try {
                List<Path> inputs = new ArrayList<>(List.of(recording));
                request.mergeIfPresent().stream().filter(Files::isRegularFile).forEach(inputs::add);
                renderer.render(inputs, rendered, title);
            } catch (IOException | RuntimeException e) {
                throw CommandFailure.internal("the recording is kept at " + recording + " but rendering "
                        + rendered + " failed: " + e.getMessage(), e);
            }
        }
        return List.copyOf(written);
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw CommandFailure.internal("cannot write " + to + ": " + e.getMessage(), e);
        }
    }

    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\n\\s*", "; ");
    }
}
