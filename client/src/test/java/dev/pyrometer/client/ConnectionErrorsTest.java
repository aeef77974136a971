package dev.pyrometer.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.controller.ControllerUnderTest;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the client says when it cannot talk to the controller: each a one-line error with the way out. */
class ConnectionErrorsTest {
    static final String WRONG = "wrong-token-9f8e7d6c5b";
    @TempDir
    static Path data;
    @TempDir
    Path dir;
    static ControllerUnderTest controller;

    @BeforeAll
    static void start() {
        controller = ControllerUnderTest.start(data);
    }

    @AfterAll
    static void stop() {
        controller.close();
    }

    /** A controller whose certificate this JVM does not trust: the error names the trust-store options. */
    @Test
    void anUntrustedCertificateSaysHowToTrustIt() throws Exception {
        var certificate = dev.pyrometer.controller.tls.SelfSignedCertificate.create(dir);
        try (var tls = ControllerUnderTest.startWithTls(dir.resolve("tls-data"),
                dev.pyrometer.controller.http.TlsFiles.of(certificate.cert(), certificate.key()))) {
            assertTrue(tls.url().startsWith("https://"), tls.url());
            var r = Cli.against(tls.url(), ControllerUnderTest.TOKEN).run("hosts");
            assertEquals(5, r.exit(), r.toString());
            assertTrue(r.err().contains("the TLS handshake with the controller at " + tls.url() + " failed"), r.err());
            assertTrue(r.err().contains("PYROMETER_CLIENT_JAVA_OPTS") && r.err().contains("javax.net.ssl.trustStore"),
                    r.err());
        }
    }

    @Test
    void aWrongTokenFromTheEnvironmentNamesItsSourceNotItsValue() {
        var r = Cli.against(controller.url(), WRONG).run("hosts");
        assertEquals(5, r.exit(), r.toString());
        assertEquals("error: the controller at " + controller.url() + " refused the token from $PYROMETER_TOKEN (401);"
                + " use the token the controller was started with\n", r.err());
        assertFalse((r.out() + r.err()).contains(WRONG));
    }

    @Test
    void aWrongTokenFileIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), WRONG + "\n");
        var r = Cli.against(controller.url(), null).run("jvms", "--token-file", file.toString());
        assertEquals(5, r.exit(), r.toString());
        assertTrue(r.err().contains("refused the token from --token-file " + file + " (401)"), r.err());
        assertFalse((r.out() + r.err()).contains(WRONG));
    }

    @Test
    void theTokenFileWinsOverTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), ControllerUnderTest.TOKEN + "\n");
        var r = Cli.against(controller.url(), WRONG).run("hosts", "--token-file", file.toString(), "--json");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("[]", r.out().strip());
    }

    @Test
    void noTokenAtAllSaysWhereToPutOne() {
        var r = Cli.against(controller.url(), null).run("hosts");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("error: no token: set $PYROMETER_TOKEN or pass --token-file FILE with the controller's token\n",
                r.err());
    }

    @Test
    void aMissingTokenFileIsAnInputProblem() {
        Path file = dir.resolve("absent");
        var r = Cli.against(controller.url(), null).run("hosts", "--token-file", file.toString());
        assertEquals(4, r.exit(), r.toString());
        assertEquals("error: --token-file " + file + ": no such file\n", r.err());
    }

    @Test
    void anUnreachableControllerIsNamedByItsUrl() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free, and closed below: nothing listens there
        }
        String url = "http://127.0.0.1:" + port;
        var r = Cli.against(url, ControllerUnderTest.TOKEN).run("profiles");
        assertEquals(5, r.exit(), r.toString());
        assertEquals("error: cannot reach the controller at " + url + " (connection refused); start it, or point"
                + " --controller or $PYROMETER_CONTROLLER at it\n", r.err());
    }

    /** An https URL gets the JDK's real TLS context (plain http gets one never initialised, for start-up time). */
    @Test
    void anHttpsUrlSpeaksTlsAndAFailedHandshakeIsARemoteProblem() {
        String url = controller.url().replace("http://", "https://");
        var r = Cli.against(url, ControllerUnderTest.TOKEN).run("hosts", "--timeout", "5s");
        assertEquals(5, r.exit(), r.toString());
        assertTrue(r.err().startsWith("error: ") && r.err().contains(url), r.err());
        assertFalse(r.err().contains("internal error") || r.err().contains("not initialized"), r.err());
    }

    @Test
    void aControllerThatNeverAnswersIsGivenUpOnAtTheDeadline() throws Exception {
        // the kernel completes the connection from the backlog; nobody ever reads the request
        try (var silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            var r = Cli.against(url, ControllerUnderTest.TOKEN).run("hosts", "--timeout", "500ms");
            assertEquals(5, r.exit(), r.toString());
            assertEquals("error: the controller at " + url + " did not answer GET /api/v1/hosts within 500 ms; check"
                    + " its log, try again, or allow more with --timeout\n", r.err());
            var download = Cli.against(url, ControllerUnderTest.TOKEN)
                    .run("get", "p-1", "-o", dir.resolve("f.html").toString(), "--timeout", "200ms");
            assertEquals(5, download.exit(), download.toString());
            assertTrue(download.err().contains("within 600 ms"), download.err());
        }
    }

    @Test
    void aTimeoutThatIsNotADurationIsAUsageError() {
        var r = Cli.against(controller.url(), ControllerUnderTest.TOKEN).run("hosts", "--timeout", "soon");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("error: --timeout 'soon' is not a duration like 30s or 2m\n", r.err());
    }

    @Test
    void theControllerFlagWinsOverTheEnvironment() {
        var r = Cli.against("http://127.0.0.1:1", ControllerUnderTest.TOKEN)
                .run("hosts", "--controller", controller.url() + "/", "--json");
        assertEquals(0, r.exit(), r.toString());
    }

    @Test
    void theOptionsMayAlsoComeBeforeTheSubcommand() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), ControllerUnderTest.TOKEN);
        var r = Cli.against("http://127.0.0.1:1", WRONG)
                .run("--controller", controller.url(), "--token-file", file.toString(), "profiles", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("[]", r.out().strip());
    }

    @Test
    void aControllerUrlThatIsNotOneIsAUsageError() {
        var r = Cli.against("ftp://example", ControllerUnderTest.TOKEN).run("hosts");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("error: $PYROMETER_CONTROLLER 'ftp://example' is not a URL like http://127.0.0.1:8080\n", r.err());
    }

    @Test
    void withoutTheVariableTheDefaultUrlIsUsed() {
        var r = new Cli(Map.of("PYROMETER_TOKEN", ControllerUnderTest.TOKEN)).run("hosts", "--help");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("http://127.0.0.1:8080"), r.out());
    }

    @Test
    void helpListsTheExitCodes() {
        var r = new Cli(Map.of()).run("--help");
        assertEquals(0, r.exit(), r.toString());
        for (String code : new String[] {"0", "2", "3", "4", "5", "6", "70"}) {
            assertTrue(r.out().matches("(?s).*\\n +" + code + " +\\S.*"), "exit code " + code + " in\n" + r.out());
        }
        for (String command : new String[] {"hosts", "jvms", "profile", "profiles", "get", "diff"}) {
            assertTrue(r.out().contains("  " + command + " "), command + " in\n" + r.out());
        }
    }

    @Test
    void noSubcommandIsAUsageError() {
        var r = new Cli(Map.of()).run();
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("Usage: pyrometer"), r.err());
        var jobs = new Cli(Map.of()).run("jobs");
        assertEquals(2, jobs.exit(), jobs.toString());
        assertTrue(jobs.err().contains("Usage: pyrometer jobs"), jobs.err());
    }
}
