package dev.pyrometer.helper.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.helper.spool.SpooledProfile.ArtifactOutcome;
import dev.pyrometer.wire.ProfileStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool on a real disk: what a restarted helper finds, the size limit, and ids that could escape. */
class SpoolTest {
    @TempDir
    Path root;

    @Test
    void aReopenedSpoolHoldsWhatTheLastRunLeftWithItsUploadProgress() throws IOException {
        Spool spool = Spool.open(root, 1 << 20);
        SpooledProfile p = spool.create("p-1", 42);
        Files.write(p.dir().resolve("recording.jfr"), new byte[100]);
        p.addArtifact("recording.jfr", "recording.jfr", "ab".repeat(32), 100);
        p.addArtifact("collapsed", "stacks.collapsed", "cd".repeat(32), 5);
        p.report(ProfileStatus.UPLOADING, "attached in 5 ms", "cpu", 7L, null, null, null);
        p.settle("recording.jfr", ArtifactOutcome.STORED);

        SpooledProfile again = Spool.open(root, 1 << 20).held().get(0);
        assertEquals("p-1", again.id());
        assertEquals(ProfileStatus.UPLOADING, again.state());
        assertEquals(7L, again.message().samples());
        assertEquals(List.of("recording.jfr", "collapsed"), List.copyOf(again.artifacts().keySet()));
        assertEquals(ArtifactOutcome.STORED, again.artifacts().get("recording.jfr").outcome());
        assertEquals(ArtifactOutcome.PENDING, again.artifacts().get("collapsed").outcome());
    }

    @Test
    void overItsLimitTheOldestFinishedProfilesGoFirstAndTheNewestStays() throws IOException {
        Spool spool = Spool.open(root, 3800); // three 1000-byte recordings and four small profile.json files do not fit
        // Created within the same millisecond, profiles are ordered by id (time-ordered in real use).
        SpooledProfile oldest = finished(spool, "p-1-old");
        SpooledProfile middle = finished(spool, "p-2-mid");
        SpooledProfile recording = spool.create("p-3-rec", 3);
        SpooledProfile newest = finished(spool, "p-4-new");

        spool.enforceLimit(newest);

        assertFalse(Files.exists(oldest.dir()), "the oldest finished profile is dropped");
        assertTrue(Files.exists(middle.dir()));
        assertTrue(Files.exists(recording.dir()), "a profile being recorded is never dropped");
        assertTrue(Files.exists(newest.dir()));
        assertEquals(List.of("p-2-mid", "p-3-rec", "p-4-new"), spool.held().stream().map(SpooledProfile::id).toList());
    }

    @Test
    void profileIdsThatCouldLeaveTheSpoolAreRefused() {
        Spool spool = Spool.open(root, 1 << 20);
        for (String bad : new String[] {"..", "../x", "a/b", "", ".hidden"}) {
            assertThrows(IllegalArgumentException.class, () -> spool.create(bad, 1), bad);
        }
    }

    private static SpooledProfile finished(Spool spool, String id) throws IOException {
        SpooledProfile p = spool.create(id, 1);
        Files.write(p.dir().resolve("recording.jfr"), new byte[1000]);
        p.addArtifact("recording.jfr", "recording.jfr", "ef".repeat(32), 1000);
        p.report(ProfileStatus.UPLOADING, null, "cpu", 1L, null, null, null);
        // created() has millisecond resolution; keep the order unambiguous
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return p;
    }
}
