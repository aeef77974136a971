package dev.pyrometer.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against a controller from before jobs, rules and compare: a real small HTTP server answering every
 * API path as that controller's catch-all route does.
 */
class OlderControllerTest {
    static final String TOKEN = "older-controller-token";
    static ScriptedController controller;
    static Cli cli;

    @BeforeAll
    static void start() throws IOException {
        controller = ScriptedController.start("/api/", TOKEN, exchange -> new ScriptedController.Answer(404,
                "application/json", "{\"error\":\"no such API endpoint: " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath() + "\",\"field\":null}"));
        cli = controller.cli();
    }

    @AfterAll
    static void stop() {
        controller.close();
    }

    @Test
    void jobsSayTheControllerNeedsAnUpgrade() {
        for (String[] args : new String[][] {{"jobs", "list"}, {"jobs", "show", "j-1"}, {"jobs", "pause", "j-1"},
            {"jobs", "resume", "j-1"}, {"jobs", "delete", "j-1"}, {"jobs", "create", "--app", "shop", "--every", "15m"}}) {
            var r = cli.run(args);
            assertEquals(5, r.exit(), String.join(" ", args) + "\n" + r);
            assertEquals("error: this controller (" + controller.url() + ") does not support jobs; upgrade it\n",
                    r.err(), String.join(" ", args));
        }
    }

    @Test
    void rulesAndCompareSayTheSame() {
        var rules = cli.run("rules", "create", "--cpu-percent", "90", "--for", "10s");
        assertEquals(5, rules.exit(), rules.toString());
        assertEquals(true, rules.err().contains("does not support rules; upgrade it"), rules.err());
        var compare = cli.run("compare", "--app", "shop", "--base", "1.4", "--new", "1.5");
        assertEquals(5, compare.exit(), compare.toString());
        assertEquals(true, compare.err().contains("does not support compare; upgrade it"), compare.err());
    }

    @Test
    void aMissingRouteOfAnOldFeatureNamesTheRequest() {
        var r = cli.run("hosts");
        assertEquals(5, r.exit(), r.toString());
        assertEquals(true, r.err().contains("has no GET /api/v1/hosts"), r.err());
    }

    @Test
    void anIdThatWouldLeaveItsPathIsRefused() {
        var r = cli.run("jobs", "delete", "../profiles");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("error: '../profiles' is not an id (letters, digits, _ . -)\n", r.err());
    }
}
