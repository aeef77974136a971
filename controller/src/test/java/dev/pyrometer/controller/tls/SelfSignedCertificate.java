package dev.pyrometer.controller.tls;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate for localhost and 127.0.0.1 made by the JDK's keytool, for tests of the controller
 * over TLS (this module's and, through its test-jar, the e2e tests): the PKCS#12 store a client
 * trusts, and the PEM certificate and key the controller serves.
 */
public record SelfSignedCertificate(Path keystore, String password, Path cert, Path key) {

    public static SelfSignedCertificate create(Path dir) throws Exception {
        String password = "changeit";
        Path keystore = dir.resolve("controller.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "controller", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("keytool did not finish in a minute");
        }
        String log = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + log);
        }
        KeyStore ks = load(keystore, password);
        Path cert = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", ks.getCertificate("controller").getEncoded()));
        Path key = Files.writeString(dir.resolve("key.pem"),
                pem("PRIVATE KEY", ks.getKey("controller", password.toCharArray()).getEncoded()));
        return new SelfSignedCertificate(keystore, password, cert, key);
    }

    /** A TLS context that trusts this certificate and nothing else. */
    public SSLContext trusting() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(keystore, password));
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    /** JVM options that make a JVM's default TLS context trust this certificate, as an operator would pass them. */
    public String trustStoreOptions() {
        return "-Djavax.net.ssl.trustStore=" + keystore + " -Djavax.net.ssl.trustStorePassword=" + password
                + " -Djavax.net.ssl.trustStoreType=PKCS12";
    }

    private static KeyStore load(Path p12, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
