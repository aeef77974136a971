package dev.pyrometer.helper.daemon;

import dev.pyrometer.helper.spool.SpooledProfile;
import dev.pyrometer.wire.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The files a daemon profile produces and the artifact names they are uploaded under. */
final class Artifacts {
    static final String RECORDING_FILE = "recording.jfr";
    static final String COLLAPSED_FILE = "stacks.collapsed";
    static final String HTML_FILE = "flamegraph.html";

    private Artifacts() {
    }

    /** Digests the rendered files and records them in the spool entry, the recording first. */
    static void register(SpooledProfile p) {
        add(p, Protocol.RECORDING, RECORDING_FILE);
        add(p, Protocol.COLLAPSED, COLLAPSED_FILE);
        add(p, Protocol.FLAMEGRAPH_HTML, HTML_FILE);
    }

    private static void add(SpooledProfile p, String name, String file) {
        Path path = p.dir().resolve(file);
        if (Files.isRegularFile(path)) {
            try {
                p.addArtifact(name, file, sha256(path), Files.size(path));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
