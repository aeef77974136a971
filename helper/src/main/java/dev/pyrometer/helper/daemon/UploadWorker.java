package dev.pyrometer.helper.daemon;

import dev.pyrometer.helper.spool.Spool;
import dev.pyrometer.helper.spool.SpooledProfile;
import dev.pyrometer.helper.spool.SpooledProfile.Artifact;
import dev.pyrometer.helper.spool.SpooledProfile.ArtifactOutcome;
import dev.pyrometer.helper.upload.Uploader;
import dev.pyrometer.wire.ProfileStatus;
import dev.pyrometer.wire.Protocol;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Empties the spool: uploads each finished profile's artifacts, reports {@code done} (or
 * {@code failed}) once they are settled, and only then forgets the profile. Retries with backoff
 * while the controller is away; a retried upload is stored once because the controller keys it by digest.
 */
final class UploadWorker implements Runnable {
    private static final Logger LOG = Logger.getLogger(UploadWorker.class.getName());

    private final Spool spool;
    private final Uploader uploader;
    private final ControllerLink link;
    private final ProfileSessions sessions;
    private final Semaphore wake = new Semaphore(0);
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    private volatile boolean stopped;
    private volatile boolean tokenRejected;

    UploadWorker(Spool spool, Uploader uploader, ControllerLink link, ProfileSessions sessions) {
        this.spool = spool;
        this.uploader = uploader;
        this.link = link;
        this.sessions = sessions;
    }

    /** Something new to do: a profile finished, or the controller is back. */
    void wake() {
        tokenRejected = false;
        wake.release();
    }

    void stop() {
        stopped = true;
        wake.release();
    }

    @Override
    public void run() {
        Duration wait = Duration.ZERO;
        while (!stopped) {
            try {
                // Not only woken: a periodic look also retries what failed before.
                wake.tryAcquire(wait.isZero() ? 30_000 : wait.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            if (stopped) {
                return;
            }
            wait = drain() ? Duration.ZERO : backoff.next();
            if (wait.isZero()) {
                backoff.reset();
            }
        }
    }

    /** One pass over the spool, oldest first; false when something has to be retried later. */
    private boolean drain() {
        boolean clean = true;
        for (SpooledProfile p : spool.held()) {
            if (stopped || tokenRejected) {
                return false;
            }
            if (sessions.isRecording(p)) {
                continue;
            }
            if (p.awaitsAnnouncement()) {
                clean = false; // rules hook: the controller would answer 404 for a profile it was never told of
                continue;
            }
            clean &= settle(p);
        }
        return clean;
    }

    private boolean settle(SpooledProfile p) {
        ProfileStatus state = p.state();
        if (!state.terminal() && p.artifacts().isEmpty()) {
            // recorded by an earlier run of this helper that died mid-profile
            p.report(ProfileStatus.FAILED, null, null, null, null, Instant.now().toString(),
                    "the helper stopped while this profile was being recorded; start a new one");
            state = ProfileStatus.FAILED;
        }
        if (state == ProfileStatus.UPLOADING) {
            Pass pass = uploadAll(p);
            if (pass != Pass.SETTLED) {
                return pass == Pass.DROPPED;
            }
        }
        if (p.state() == ProfileStatus.UPLOADING) {
            finish(p);
        }
        if (!link.send(p.message())) {
            return false;
        }
        spool.remove(p);
        LOG.info("profile " + p.id() + " " + p.state().wireName() + " and handed to the controller");
        if (sessions.recording().isEmpty()) {
            // Rendering grew the heap; a full collection now lets the JVM give it back, and an idle helper
            // on every host should hold little memory.
            System.gc();
        }
        return true;
    }

    /** How a pass over one profile's artifacts ended. */
    private enum Pass {
        SETTLED, RETRY, DROPPED
    }

    /** Uploads the artifacts not yet settled. */
    private Pass uploadAll(SpooledProfile p) {
        for (Artifact a : p.artifacts().values()) {
            if (a.outcome() != ArtifactOutcome.PENDING) {
                continue;
            }
            Uploader.Result r = uploader.put(p.id(), a.name(), a.file(), a.sha256(), a.size());
            switch (r.outcome()) {
                case STORED -> p.settle(a.name(), ArtifactOutcome.STORED);
                case REFUSED -> {
                    LOG.warning("controller refused " + a.name() + " of profile " + p.id() + " (" + r.detail()
                            + "); giving up on that artifact");
                    p.settle(a.name(), ArtifactOutcome.REFUSED);
                }
                case NO_PROFILE -> {
                    LOG.warning("controller does not know profile " + p.id() + " (" + r.detail()
                            + "); dropping it from the spool");
                    spool.remove(p);
                    return Pass.DROPPED;
                }
                case UNAUTHORIZED -> {
                    LOG.severe("controller refused the helper's token while uploading; fix PYROMETER_TOKEN or"
                            + " --token-file; profiles stay spooled");
                    tokenRejected = true;
                    return Pass.RETRY;
                }
                default -> {
                    LOG.info("upload of " + a.name() + " of profile " + p.id() + " will be retried: " + r.detail());
                    return Pass.RETRY;
                }
            }
        }
        return Pass.SETTLED;
    }

    /** Every artifact settled: the profile is done if the controller holds a recording. */
    private static void finish(SpooledProfile p) {
        Artifact recording = p.artifacts().get(Protocol.RECORDING);
        if (recording != null && recording.outcome() == ArtifactOutcome.STORED) {
            p.report(ProfileStatus.DONE, null, null, null, null, null, null);
        } else {
            p.report(ProfileStatus.FAILED, null, null, null, null, null, Protocol.RECORDING
                    + " could not be uploaded (refused by the controller; see the helper's log)");
        }
    }
}
