package dev.pyrometer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.controller.tls.SelfSignedCertificate;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole stack over TLS: a controller serving HTTPS and WSS from PEM files, a helper that trusts
 * its certificate through the JVM's standard trust-store options, a profile uploaded over HTTPS.
 */
class TlsStackTest {
    @TempDir
    Path dir;

    @Test
    void aHelperProfilesThroughAControllerServingHttps() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(dir);
        try (Stack stack = new Stack(dir)) {
            stack.startController("--tls-cert", certificate.cert().toString(), "--tls-key", certificate.key().toString());
            assertTrue(stack.baseUrl().startsWith("https://"), stack.baseUrl());
            // A helper whose JVM does not trust the certificate says how to make it trust it.
            Launched untrusting = stack.startHelper("untrusting-host", Stack.TOKEN, stack.baseUrl(), "");
            untrusting.awaitOutput(Pattern.compile("cannot reach the controller at wss://.*SSLHandshakeException"
                    + ".*-Djavax\\.net\\.ssl\\.trustStore="), Await.LONG);
            Launched helper = stack.startHelper("tls-host", Stack.TOKEN, stack.baseUrl(), certificate.trustStoreOptions());
            helper.awaitOutput(Pattern.compile("connected to wss://"), Await.LONG);
            Api api = new Api(stack.baseUrl(), Stack.TOKEN, HttpClient.newBuilder().sslContext(certificate.trusting())
                    .connectTimeout(Duration.ofSeconds(10)).build());
            try (Launched busy = Stack.busyJvm(List.of(), 2)) {
                api.awaitJvm("tls-host", busy.pid(), Await.LONG);
                String id = api.profile("tls-host", busy.pid(), "2s");
                JsonObject done = api.awaitDone(id, Stack.profileDeadline());
                assertEquals(busy.pid(), done.getLong("pid"), done.encode());
                DaemonProfileTest.assertHotMethodDominates(api, id);
            }
        }
    }
}
