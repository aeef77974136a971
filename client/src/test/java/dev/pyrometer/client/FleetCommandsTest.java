package dev.pyrometer.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.client.json.JsonFields;
import dev.pyrometer.client.json.JsonReader;
import dev.pyrometer.controller.ControllerUnderTest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hosts} and {@code jvms} against a real controller with two simulated helpers. */
class FleetCommandsTest {
    @TempDir
    static Path data;
    static ControllerUnderTest controller;
    static ControllerUnderTest.Helper web1;
    static ControllerUnderTest.Helper web2;
    static Cli cli;

    @BeforeAll
    static void start() {
        controller = ControllerUnderTest.start(data);
        web1 = controller.connect("web-1", 4242, "shop", "1.4");
        web2 = controller.connect("web-2", 777, "billing", "2.0");
        cli = Cli.against(controller.url(), ControllerUnderTest.TOKEN);
    }

    @AfterAll
    static void stop() {
        web1.close();
        web2.close();
        controller.close();
    }

    @Test
    void hostsTableShowsEachHostOnline() {
        var r = cli.run("hosts");
        assertEquals(0, r.exit(), r.toString());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("HOST") && lines[0].contains("STATUS") && lines[0].contains("JVMS"), r.out());
        assertEquals(3, lines.length, r.out());
        assertTrue(r.out().matches("(?s).*web-1 +online +1 +2 .*"), r.out());
        assertTrue(r.out().matches("(?s).*web-2 +online +1 +2 .*"), r.out());
    }

    @Test
    void hostsJsonIsTheApisArray() {
        var r = cli.run("hosts", "--json");
        assertEquals(0, r.exit(), r.toString());
        var hosts = JsonFields.list(JsonReader.parse(r.out()));
        assertEquals(2, hosts.size());
        assertEquals("online", hosts.get(0).text("status"));
        assertTrue(hosts.stream().anyMatch(h -> h.text("host").equals("web-2")));
    }

    @Test
    void jvmsTableListsEveryHostsJvms() {
        var r = cli.run("jvms");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().matches("(?s).*web-1 +4242 +shop +1\\.4 +com\\.example\\.Main +17 +99\\.5 +191M +5s +yes.*"),
                r.out());
        assertTrue(r.out().contains("billing"), r.out());
    }

    @Test
    void jvmsOfOneHostAsJson() {
        var r = cli.run("jvms", "--host", "web-2", "--json");
        assertEquals(0, r.exit(), r.toString());
        var jvms = JsonFields.list(JsonReader.parse(r.out()));
        assertEquals(1, jvms.size());
        assertEquals("777", jvms.get(0).text("pid"));
        assertEquals("web-2", jvms.get(0).text("host"));
    }

    @Test
    void jvmsOfAnUnknownHostIsATargetProblemNamingIt() {
        var r = cli.run("jvms", "--host", "nope");
        assertEquals(3, r.exit(), r.toString());
        assertEquals("error: host: no host named 'nope'\n", r.err());
        assertEquals("", r.out());
    }
}
