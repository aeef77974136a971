package dev.pyrometer.helper.profile;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.helper.attach.AttachCheck;
import dev.pyrometer.helper.attach.AttachTarget;
import dev.pyrometer.helper.attach.HotSpotAttach;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import one.convert.Arguments;
import one.convert.JfrToFlame;
import one.jfr.JfrReader;

/**
 * The look-back recording: the target's own JFR, started through the attach {@code jcmd} operation as an
 * in-memory recording ({@code disk=false}) that samples execution at a low rate. JFR keeps it in its fixed
 * global buffers and overwrites the oldest data, so a helper that dies leaves a bounded ring behind, never a
 * growing file. When a rule fires it is dumped, read back through {@code /proc/<pid>/root} and cut to the
 * seconds before the trigger.
 */
public final class JfrLookback {
    public static final String RECORDING = "pyrometer-lookback";
    /** 10 samples a second per sampled thread: enough to see what burned for seconds, cheap to keep on. */
    static final Duration PERIOD = Duration.ofMillis(100);
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final int MAX_STOPS = 8;
    /** Only execution samples: everything else JFR records by default is turned off. */
    private static final String SETTINGS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="pyrometer look-back" description="execution samples only">
              <event name="jdk.ExecutionSample">
                <setting name="enabled">true</setting>
                <setting name="period">%d ms</setting>
              </event>
            </configuration>
            """.formatted(PERIOD.toMillis());

    private final String agentPathInTarget;

    /** {@code agentPathInTarget}: our agent's path, which the attach checks must not mistake for a foreign one. */
    public JfrLookback(String agentPathInTarget) {
        this.agentPathInTarget = agentPathInTarget;
    }

    /** Starts the ring in JVM {@code pid}; starting it again while it runs changes nothing. */
    public void start(long pid) {
        AttachTarget target = AttachCheck.check(pid, agentPathInTarget);
        try (SessionDir dir = SessionDir.create(target); HotSpotAttach attach = new HotSpotAttach(target, false)) {
            listener(attach, target);
            // JFR accepts a second recording of the same name: look first, so a restarted helper adds none
            if (running(attach)) {
                return;
            }
            Files.writeString(dir.here("lookback.jfc"), SETTINGS, StandardCharsets.UTF_8);
            HotSpotAttach.Response r = attach.execute(DEADLINE, "jcmd", "JFR.start name=" + RECORDING
                    + " settings=" + dir.inTarget("lookback.jfc") + " disk=false");
            if (r.status() != 0 || !(r.output().contains("Started recording") || r.output().contains("already"))) {
                throw CommandFailure.target("JVM " + pid + " did not start the look-back recording: "
                        + ProfileRun.oneLine(r.output()));
            }
        } catch (IOException e) {
            throw CommandFailure.target("cannot write the look-back settings into JVM " + pid + "'s /tmp: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Collapsed stacks of the ring's samples from {@code since} on (empty when there are none); the ring
     * keeps running for the next firing.
     */
    public String dump(long pid, Instant since) {
        return dump(pid, since, null);
    }

    /** {@link #dump(long, Instant)}, also keeping the whole ring's recording at {@code keepRecording} when not null. */
    public String dump(long pid, Instant since, java.nio.file.Path keepRecording) {
        AttachTarget target = AttachCheck.check(pid, agentPathInTarget);
        try (SessionDir dir = SessionDir.create(target); HotSpotAttach attach = new HotSpotAttach(target, false)) {
            listener(attach, target);
            HotSpotAttach.Response r = attach.execute(DEADLINE, "jcmd", "JFR.dump name=" + RECORDING
                    + " filename=" + dir.inTarget("lookback.jfr"));
            if (r.status() != 0 || !Files.exists(dir.here("lookback.jfr"))) {
                throw CommandFailure.target("JVM " + pid + " did not dump its look-back recording: "
                        + ProfileRun.oneLine(r.output()));
            }
            if (keepRecording != null) {
                Files.copy(dir.here("lookback.jfr"), keepRecording, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return collapsed(dir.here("lookback.jfr"), since);
        } catch (IOException e) {
            throw CommandFailure.target("cannot keep the look-back recording: " + e.getMessage(), e);
        }
    }

    /** Stops the ring and frees its buffers; a JVM without one is fine. */
    public void stop(long pid) {
        AttachTarget target = AttachCheck.check(pid, agentPathInTarget);
        try (HotSpotAttach attach = new HotSpotAttach(target, false)) {
            listener(attach, target);
            // one JFR.stop per recording of that name (an older helper may have left more than one)
            for (int i = 0; i < MAX_STOPS && running(attach); i++) {
                HotSpotAttach.Response r = attach.execute(DEADLINE, "jcmd", "JFR.stop name=" + RECORDING);
                if (r.status() != 0) {
                    throw CommandFailure.target("JVM " + pid + " did not stop the look-back recording: "
                            + ProfileRun.oneLine(r.output()));
                }
            }
        }
    }

    private static boolean running(HotSpotAttach attach) {
        HotSpotAttach.Response r = attach.execute(DEADLINE, "jcmd", "JFR.check");
        return r.output().contains("name=" + RECORDING + " ");
    }

    /** Starts the target's attach listener if needed (throws, naming the cause, when it does not come up). */
    private static void listener(HotSpotAttach attach, AttachTarget target) {
        attach.ensureListener(DEADLINE);
    }

    private static String collapsed(java.nio.file.Path recording, Instant since) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // an absolute time in ms: the converter keeps only the events from then on
        try (JfrReader jfr = new JfrReader(recording.toString())) {
            JfrToFlame converter = new JfrToFlame(jfr, new Arguments("-o", "collapsed", "--from",
                    Long.toString(since.toEpochMilli())));
            converter.convert();
            converter.dump(out);
        } catch (IOException | RuntimeException e) {
            throw CommandFailure.target("cannot read the look-back recording: " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
