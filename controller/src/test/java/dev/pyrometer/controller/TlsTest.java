package dev.pyrometer.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.cli.FailureHandler;
import dev.pyrometer.controller.http.TlsFiles;
import dev.pyrometer.controller.tls.SelfSignedCertificate;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The controller serving HTTPS and WSS from a PEM certificate and key: a real certificate made by
 * the JDK's keytool, a real controller on port 0, the JDK's HTTP client trusting only that
 * certificate.
 */
class TlsTest {
    @TempDir
    Path dir;
    private SelfSignedCertificate certificate;
    private Path cert;
    private Path key;

    @BeforeEach
    void makeCertificate() throws Exception {
        certificate = SelfSignedCertificate.create(dir);
        cert = certificate.cert();
        key = certificate.key();
    }

    @Test
    void httpsAndWssAnswerWithTheTokenAndPlainHttpDoesNot() throws Exception {
        var config = ControllerConfig.of("127.0.0.1", 0, dir.resolve("data"), RunningController.TOKEN)
                .withTls(TlsFiles.of(cert, key));
        Vertx vertx = Vertx.vertx();
        try {
            var verticle = new ControllerVerticle(config);
            vertx.deployVerticle(verticle).await(60, TimeUnit.SECONDS);
            int port = verticle.actualPort();
            HttpClient https = HttpClient.newBuilder().sslContext(certificate.trusting())
                    .connectTimeout(Duration.ofSeconds(10)).build();
            assertEquals(200, get(https, "https://localhost:" + port + "/healthz", null).statusCode());
            assertEquals(401, get(https, "https://localhost:" + port + "/api/v1/hosts", null).statusCode());
            assertEquals(200, get(https, "https://localhost:" + port + "/api/v1/hosts", RunningController.TOKEN)
                    .statusCode());
            // A helper's link: WSS with the token, as ControllerLink opens it.
            WebSocket ws = https.newWebSocketBuilder().header("Authorization", "Bearer " + RunningController.TOKEN)
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create("wss://localhost:" + port + "/api/v1/helpers/connect"), new WebSocket.Listener() { })
                    .get(20, TimeUnit.SECONDS);
            ws.abort();

            // Plain HTTP to the TLS port gets no answer it can read.
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            assertThrows(IOException.class, () -> get(plain, "http://localhost:" + port + "/healthz", null));
            // Nor does a client that does not trust the certificate.
            assertThrows(IOException.class, () -> get(HttpClient.newHttpClient(), "https://localhost:" + port
                    + "/healthz", null));
        } finally {
            vertx.close().await(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void theServeCommandNamesWhatIsMissingOrWrong() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "t0ken-for-tls-test\n");
        List<String> base = List.of("serve", "--port", "0", "--data", dir.resolve("data").toString(), "--token-file",
                token.toString());
        StringWriter err = new StringWriter();
        assertEquals(2, serve(err, base, "--tls-cert", cert.toString()));
        assertTrue(err.toString().contains("--tls-cert and --tls-key go together"), err.toString());
        err = new StringWriter();
        assertEquals(4, serve(err, base, "--tls-cert", cert.toString(), "--tls-key", dir.resolve("nope.pem").toString()));
        assertTrue(err.toString().contains("--tls-key") && err.toString().contains("no such readable file"), err.toString());
        err = new StringWriter();
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a key\n");
        assertEquals(4, serve(err, base, "--tls-cert", cert.toString(), "--tls-key", garbage.toString()));
        assertTrue(err.toString().contains("PEM certificate and its key"), err.toString());
    }

    private static int serve(StringWriter err, List<String> base, String... more) {
        var cmd = FailureHandler.install(new CommandLine(new ControllerMain()));
        cmd.setErr(new PrintWriter(err));
        cmd.setOut(new PrintWriter(new StringWriter()));
        List<String> args = new java.util.ArrayList<>(base);
        args.addAll(List.of(more));
        return cmd.execute(args.toArray(String[]::new));
    }

    private static HttpResponse<String> get(HttpClient client, String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
