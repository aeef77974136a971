package dev.pyrometer.helper.profile;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.helper.attach.AttachTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A private directory in the target's /tmp, owned by the target's user, where the agent writes the
 * recording, its log and command output; read back through {@code /proc/<pid>/root} and removed.
 */
final class SessionDir implements AutoCloseable {

    private final Path here;
    private final String inTarget;
    /** The same directory without /proc/<pid>/root, usable once the target exited; null if not ours to reach. */
    private final Path afterExit;

    private SessionDir(Path here, String inTarget, Path afterExit) {
        this.here = here;
        this.inTarget = inTarget;
        this.afterExit = afterExit;
    }

    static SessionDir create(AttachTarget target) {
        // Not a secret: createDirectory fails on anything already there. SecureRandom would cost a
        // fresh helper 30-50 ms of seeding on the critical path.
        String name = "pyrometer-" + target.nsPid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffff_ffff_ffffL);
        Path dir = target.tmp().resolve(name);
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (self == 0 && target.euid() != 0) {
                Files.setAttribute(dir, "unix:gid", target.egid(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(dir, "unix:uid", target.euid(), LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            throw CommandFailure.target("cannot create a working directory in JVM " + target.pid() + "'s /tmp ("
                    + dir + "): " + e.getMessage(), e);
        }
        // A target sharing our mount namespace shares our /tmp: after it exits, that is the way back in.
        return new SessionDir(dir, "/tmp/" + name, target.containerized() ? null : Path.of("/tmp", name));
    }

    /**
     * Removes the directories of earlier sessions in this target whose helper died before cleaning
     * up; call only once our own session started, which proves none of them is still recording.
     */
    void removeStaleSiblings(long nsPid) {
        String prefix = "pyrometer-" + nsPid + "-";
        try (Stream<Path> dirs = Files.list(here.getParent())) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(prefix) && !d.equals(here)).toList()) {
                new SessionDir(dir, "", null).close();
            }
        } catch (IOException e) {
            // Best effort: a leftover directory costs a few kilobytes in the target's /tmp.
        }
    }

    /** A file of this directory as the target names it (for agent options). */
    String inTarget(String file) {
        return inTarget + "/" + file;
    }

    /** The same file seen from here. */
    Path here(String file) {
        return here.resolve(file);
    }

    String readOrEmpty(String file) {
        try {
            return Files.readString(here(file));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        delete(Files.exists(here) || afterExit == null ? here : afterExit);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // The target is gone (and its /tmp with it) or the directory is already removed.
        }
    }
}
