package dev.pyrometer.controller.http;

import dev.pyrometer.cli.CommandFailure;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PEM files the controller serves HTTPS and WSS with: its certificate chain and the chain's
 * private key (PKCS#8 or PKCS#1). Without them it speaks plain HTTP, for a proxy to terminate TLS.
 */
public record TlsFiles(Path cert, Path key) {

    /** The files from {@code --tls-cert} and {@code --tls-key}, checked; null when neither is given. */
    public static TlsFiles of(Path cert, Path key) {
        if (cert == null && key == null) {
            return null;
        }
        if (cert == null || key == null) {
            throw CommandFailure.usage("--tls-cert and --tls-key go together: the certificate chain and its private "
                    + "key, both PEM (or neither, to serve plain HTTP behind a TLS proxy)");
        }
        for (Path p : new Path[] {cert, key}) {
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                throw CommandFailure.input((p == cert ? "--tls-cert " : "--tls-key ") + p
                        + ": no such readable file");
            }
        }
        return new TlsFiles(cert.toAbsolutePath(), key.toAbsolutePath());
    }

    /** Vert.x's key and certificate options for these files. */
    public PemKeyCertOptions options() {
        return new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString());
    }
}
