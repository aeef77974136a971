package dev.pyrometer.helper.attach;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.helper.proc.ProcessFacts;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * HotSpot's dynamic attach, spoken from outside: wake the target's Attach Listener (trigger file +
 * SIGQUIT, with the target's Signal Dispatcher and Attach Listener threads boosted so they win
 * against the threads pegging the CPU), then send commands over its Unix socket
 * ({@link AttachExchange}), each answered by a status line and output.
 */
public final class HotSpotAttach implements AutoCloseable {

    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

    private final AttachTarget target;
    private final ProcessControl control;
    private final ThreadBoost boost;
    private final List<String> notes = new ArrayList<>();
    private Path triggerFile;
    private final StringBuilder timeline = new StringBuilder();
    private final long created = System.nanoTime();

    public HotSpotAttach(AttachTarget target, boolean boostThreads) {
        this(target, boostThreads, ProcessControl.subprocesses());
    }

    /** {@code control} sends the signal and sets the boosted threads' priorities. */
    public HotSpotAttach(AttachTarget target, boolean boostThreads, ProcessControl control) {
        this.target = target;
        this.control = control;
        this.boost = new ThreadBoost(target.pid(), boostThreads, control);
    }

    /**
     * Loads, on a background thread, the classes the attach path needs (Unix sockets, selectors,
     * subprocesses): in a fresh helper JVM that is ~100 ms of CPU that can overlap with the checks
     * and with waiting for the target, instead of sitting on the critical path.
     */
    public static void warmUp() {
        Thread t = new Thread(() -> {
            try (Selector selector = Selector.open();
                 SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ);
                selector.selectNow();
                UnixDomainSocketAddress.of("/");
                Class.forName("org.apache.commons.exec.DefaultExecutor");
                Class.forName("org.apache.commons.exec.ExecuteWatchdog");
                Class.forName("org.apache.commons.exec.PumpStreamHandler");
                Class.forName("java.lang.ProcessImpl");
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                // Only a head start: whatever failed here is loaded again when needed.
            }
        }, "attach-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** A command's answer: HotSpot's status (0 = executed) and whatever it printed. */
    public record Response(int status, String output) {
        /**
         * For {@code load}: the agent's own return code (0 = ok), printed by HotSpot as
         * {@code return code: N} (JDK 9+) or as a bare number (JDK 8); -1 when absent.
         */
        public int agentCode() {
            String first = output.strip().split("\n", 2)[0].strip();
            if (first.startsWith("return code:")) {
                first = first.substring("return code:".length()).strip();
            }
            try {
                return Integer.parseInt(first);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /**
     * Makes sure the target's Attach Listener is up, starting it if needed, within {@code deadline}.
     * Returns true when it had to be started (a first attach).
     */
    public boolean ensureListener(Duration deadline) {
        return ensureListener(deadline, false);
    }

    /**
     * As {@link #ensureListener(Duration)}; with {@code answeredBefore} (this very process answered
     * us before, and HotSpot never stops its listener) an existing socket is trusted without a probe
     * connection, which the single-threaded listener would have to serve ahead of the real command.
     */
    public boolean ensureListener(Duration deadline, boolean answeredBefore) {
        long end = System.nanoTime() + deadline.toNanos();
        Path socket = target.socket();
        if (Files.exists(socket) && (answeredBefore || canConnect(socket))) {
            return false;
        }
        if (!target.catchesSigquit()) {
            throw CommandFailure.target("JVM " + target.pid() + " does not handle SIGQUIT (-Xrs) and has no attach"
                    + " socket, so it cannot be attached without killing it; restart it without -Xrs");
        }
        deleteStaleSocket(socket);
        // Boost first: the signal is handled by the Signal Dispatcher, which must win the CPU right away.
        mark("check");
        // Starting the listener and loading an agent need safepoint operations, run by the VM Thread.
        boost.boost("Signal Dispatcher", "VM Thread");
        mark("boost-sd");
        triggerFile = createTriggerFile();
        try {
            control.sendQuit(target.pid());
        } catch (IOException e) {
            throw CommandFailure.target("could not send SIGQUIT to JVM " + target.pid() + ": " + e.getMessage(), e);
        }
        mark("sigquit");
        boolean listenerSeen = false;
        while (true) {
            if (!listenerSeen && boost.boost("Attach Listener") > 0) {
                listenerSeen = true;
                mark("listener");
            }
            // HotSpot binds and listens under a temporary name, then renames: once it exists it answers.
            if (Files.exists(socket)) {
                mark("socket");
                // Its work is done; gone now, it is not left in the target's directory if we are killed.
                removeTriggerFile();
                return true;
            }
            if (!stillTheSameProcess()) {
                throw CommandFailure.target("JVM " + target.pid() + " exited while starting its attach listener");
            }
            if (System.nanoTime() - end > 0) {
                throw CommandFailure.target("JVM " + target.pid() + " did not open its attach socket within "
                        + deadline.toMillis() + " ms after SIGQUIT (Attach Listener thread "
                        + (listenerSeen ? "started, socket " + socket + " never appeared"
                                : "never started: the JVM may be stuck before a safepoint, e.g. in a long GC")
                        + "); try again, or look at it with jstack");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Runs one attach command; the socket read has its own deadline, after which the target's state is unknown. */
    public Response execute(Duration deadline, String command, String... args) {
        byte[] request = AttachExchange.request(command, args);
        String text;
        try {
            text = AttachExchange.exchange(target.socket(), request, System.nanoTime() + deadline.toNanos());
        } catch (AttachExchange.TimedOut e) {
            throw CommandFailure.target("JVM " + target.pid() + " accepted the attach command '" + command
                    + "' but gave no complete answer within " + deadline.toMillis()
                    + " ms; its state is unknown (a profile it may still start ends by itself at its timeout);"
                    + " try again later");
        } catch (IOException e) {
            if (!stillTheSameProcess()) {
                throw CommandFailure.target("JVM " + target.pid() + " exited during the attach command '" + command + "'");
            }
            throw CommandFailure.target("attach command '" + command + "' to JVM " + target.pid() + " failed: "
                    + e.getMessage(), e);
        }
        int newline = text.indexOf('\n');
        String statusLine = (newline < 0 ? text : text.substring(0, newline)).strip();
        int status;
        try {
            status = Integer.parseInt(statusLine);
        } catch (NumberFormatException e) {
            throw CommandFailure.target("JVM " + target.pid() + " answered the attach command '" + command
                    + "' with something unexpected: '" + text.strip() + "'");
        }
        mark(command);
        return new Response(status, newline < 0 ? "" : text.substring(newline + 1));
    }

    /** When each attach step ended, in ms since this object was made: for diagnosing slow attaches. */
    public String timeline() {
        return timeline.toString().strip();
    }

    private void mark(String step) {
        timeline.append(step).append('=').append((System.nanoTime() - created) / 1_000_000).append("ms ");
    }

    /** Puts the boosted threads back now, e.g. once profiling runs: nothing should stay boosted while it records. */
    public void restorePriorities() {
        boost.close();
    }

    /** Boosts the threads that answer an attach command again, before a later command (stop) on a pegged target. */
    public void boostListener() {
        boost.boost("Attach Listener", "VM Thread");
        mark("boost");
    }

    /** Problems met on the way that did not stop the attach (e.g. a priority that could not be raised). */
    public List<String> notes() {
        List<String> all = new ArrayList<>(notes);
        all.addAll(boost.problems());
        return all;
    }

    public boolean stillTheSameProcess() {
        return ProcessFacts.startTicks(target.pid()) == target.startTicks();
    }

    /** Puts the boosted threads' nice values back and removes the trigger file if still there. */
    @Override
    public void close() {
        boost.close();
        removeTriggerFile();
    }

    private void removeTriggerFile() {
        if (triggerFile != null) {
            try {
                Files.deleteIfExists(triggerFile);
                triggerFile = null;
            } catch (IOException e) {
                notes.add("could not remove " + triggerFile + ": " + e.getMessage());
            }
        }
    }

    private Path createTriggerFile() {
        String name = ".attach_pid" + target.nsPid();
        // HotSpot looks in its working directory first, then in its /tmp; it accepts a file owned by
        // its own euid or by root, which is what we are when the target is another user's.
        List<Path> candidates = List.of(target.root().getParent().resolve("cwd").resolve(name), target.tmp().resolve(name));
        IOException last = null;
        for (Path candidate : candidates) {
            try {
                Files.deleteIfExists(candidate);
                Files.createFile(candidate);
                return candidate;
            } catch (IOException e) {
                last = e;
            }
        }
        throw CommandFailure.target("cannot create the attach trigger file for JVM " + target.pid() + " in its working"
                + " directory nor in its /tmp (" + last.getMessage() + "); run the helper as root or as the JVM's user");
    }

    private void deleteStaleSocket(Path socket) {
        try {
            // A socket nobody answers on is left over from an earlier process with the same pid.
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            notes.add("could not remove the stale attach socket " + socket + ": " + e.getMessage());
        }
    }

    private static boolean canConnect(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
