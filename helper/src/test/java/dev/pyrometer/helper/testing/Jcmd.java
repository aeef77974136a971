package dev.pyrometer.helper.testing;

import dev.pyrometer.helper.attach.AttachCheck;
import dev.pyrometer.helper.attach.HotSpotAttach;
import java.time.Duration;

/** A diagnostic command run in a test's target through the same attach the helper uses, to see its state. */
public final class Jcmd {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private Jcmd() {
    }

    /** The output of {@code command} (e.g. {@code JFR.check}) in JVM {@code pid}. */
    public static String run(String agentPathInTarget, long pid, String command) {
        try (HotSpotAttach attach = new HotSpotAttach(AttachCheck.check(pid, agentPathInTarget), false)) {
            attach.ensureListener(DEADLINE);
            return attach.execute(DEADLINE, "jcmd", command).output();
        }
    }
}
