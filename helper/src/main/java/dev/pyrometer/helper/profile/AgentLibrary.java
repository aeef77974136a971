package dev.pyrometer.helper.profile;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.helper.attach.AttachTarget;
import dev.pyrometer.helper.proc.Mounts;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;

/**
 * async-profiler's {@code libasyncProfiler.so}, taken from the classpath jar, extracted once to the
 * helper's cache and copied into each target's own filesystem at a stable path: a target loads it
 * by a path valid in its mount namespace, and loading the same path twice reuses the loaded copy.
 */
public final class AgentLibrary {

    static final String VERSION = "4.5";
    private static final String FILE_NAME = "libasyncProfiler.so";
    /** Where a target may load the library from, in order: its /tmp is often noexec in hardened containers. */
    private static final List<String> EXEC_DIRS = List.of("/tmp", "/var/tmp", "/dev/shm");

    private final Path cached;
    private final String dirName;

    private AgentLibrary(Path cached, String dirName) {
        this.cached = cached;
        this.dirName = dirName;
    }

    /** Extracts the library for this machine's architecture into {@code cacheDir} unless already there. */
    public static AgentLibrary extract(Path cacheDir) {
        String resource = "/" + platform() + "/" + FILE_NAME;
        try {
            Identity id = identity(resource);
            Path cached = cacheDir.resolve(id.dirName()).resolve(FILE_NAME);
            if (!Files.isRegularFile(cached) || Files.size(cached) != id.size()) {
                byte[] bytes = read(resource);
                Files.createDirectories(cached.getParent());
                Path tmp = Files.createTempFile(cached.getParent(), FILE_NAME, ".tmp");
                Files.write(tmp, bytes);
                moveIntoPlace(tmp, cached);
            }
            return new AgentLibrary(cached, id.dirName());
        } catch (IOException e) {
            throw CommandFailure.internal("cannot extract the async-profiler library into " + cacheDir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Where {@link #placeInto} usually puts the library in a target, computed without extracting anything. */
    public static String expectedPathInTarget() {
        try {
            return "/tmp/" + identity("/" + platform() + "/" + FILE_NAME).dirName() + "/" + FILE_NAME;
        } catch (IOException e) {
            throw CommandFailure.internal("cannot read the async-profiler library from the classpath: " + e.getMessage(), e);
        }
    }

    /** The library's directory name (version and CRC-32 of its bytes) and its size. */
    private record Identity(String dirName, long size) {
    }

    /**
     * The jar's central directory already holds each entry's CRC-32 and size: reading them there
     * spares inflating 600 kB in a fresh helper JVM (65-200 ms measured on a loaded machine).
     */
    private static Identity identity(String resource) throws IOException {
        URL url = AgentLibrary.class.getResource(resource);
        if (url == null) {
            throw CommandFailure.internal("the async-profiler jar is not on the classpath (" + resource
                    + " missing); rebuild with 'make build'", null);
        }
        if (url.openConnection() instanceof JarURLConnection jar) {
            JarEntry entry = jar.getJarEntry();
            if (entry.getCrc() != -1 && entry.getSize() != -1) {
                return new Identity(String.format("pyrometer-ap%s-%08x", VERSION, entry.getCrc()), entry.getSize());
            }
        }
        byte[] bytes = read(resource);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return new Identity(String.format("pyrometer-ap%s-%08x", VERSION, crc.getValue()), bytes.length);
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = AgentLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " missing from the classpath");
            }
            return in.readAllBytes();
        }
    }

    private static String platform() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "linux-x64";
            case "aarch64", "arm64" -> "linux-arm64";
            default -> throw CommandFailure.internal("no async-profiler library for architecture "
                    + System.getProperty("os.arch"), null);
        };
    }

    /** Where the library usually sits in a target (its /tmp); see {@link #placeInto} for the exceptions. */
    public String pathInTarget() {
        return "/tmp/" + dirName + "/" + FILE_NAME;
    }

    /**
     * Copies the library into the target's filesystem (through {@code /proc/<pid>/root}), readable by
     * anyone, in a directory only we (or root) may write, and returns its path as the target sees
     * it: where an earlier session loaded it (loading another path would load a second copy), else
     * the first of /tmp, /var/tmp, /dev/shm not mounted noexec. A copy already there is left alone.
     */
    public String placeInto(AttachTarget target) {
        String parent = target.loadedAgent() != null
                ? Path.of(target.loadedAgent()).getParent().getParent().toString()
                : EXEC_DIRS.stream().filter(d -> !Mounts.noexec(target.pid(), d)
                        && Files.isDirectory(target.root().resolve(d.substring(1)))).findFirst()
                        .orElseThrow(() -> CommandFailure.target("JVM " + target.pid() + " cannot load the agent:"
                                + " its " + String.join(", ", EXEC_DIRS) + " are all mounted noexec (or missing);"
                                + " give it one executable temporary directory"));
        Path dir = target.root().resolve(parent.substring(1)).resolve(dirName);
        Path lib = dir.resolve(FILE_NAME);
        try {
            if (!Files.isDirectory(dir)) {
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // Another helper run won the race; the ownership check below still applies.
                }
            }
            int owner = (Integer) Files.getAttribute(dir, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) Files.getAttribute(dir, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            // Only we (or root, who could replace the library anyway) may have written what the JVM loads.
            if (Files.isSymbolicLink(dir) || (owner != self && owner != 0) || (mode & 0022) != 0) {
                throw CommandFailure.target("refusing to load the agent from " + dir + " in JVM " + target.pid()
                        + ": it is not a directory owned by uid " + self + " or root and closed to others;"
                        + " remove it and try again");
            }
            if (!Files.isRegularFile(lib) || Files.size(lib) != Files.size(cached)) {
                Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
                Files.copy(cached, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                moveIntoPlace(tmp, lib);
            }
        } catch (IOException e) {
            throw CommandFailure.target("cannot copy the agent library into JVM " + target.pid() + "'s filesystem ("
                    + dir + "): " + e.getMessage(), e);
        }
        return parent + "/" + dirName + "/" + FILE_NAME;
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
