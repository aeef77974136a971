package dev.pyrometer.client.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What {@code profile --wait} shows: a redrawn bar on a terminal, a line per state in a log. */
class ProgressDisplayTest {

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndEndsWithANewline() {
        var text = new StringWriter();
        var display = new ProgressDisplay(new PrintWriter(text), true);
        display.update("p-1", "attaching", "", 0, 30);
        display.update("p-1", "profiling", "", 15, 30);
        display.update("p-1", "uploading", "", 31, 30);
        display.finish();
        assertEquals("\r[                              ] attaching    0.0 / 30 s"
                + "\r[###############               ] profiling   15.0 / 30 s"
                + "\r[##############################] uploading   30.0 / 30 s\n", text.toString());
    }

    @Test
    void elsewhereOneLinePerStateWithItsDetail() {
        var text = new StringWriter();
        var display = new ProgressDisplay(new PrintWriter(text), false);
        display.update("p-1", "attaching", "", 0, 30);
        display.update("p-1", "profiling", "attached in 212 ms", 1, 30);
        display.update("p-1", "profiling", "attached in 212 ms", 2, 30);
        display.update("p-1", "done", "", 30, 30);
        display.finish();
        assertEquals("profile p-1: attaching\nprofile p-1: profiling (attached in 212 ms)\nprofile p-1: done\n",
                text.toString());
    }
}
