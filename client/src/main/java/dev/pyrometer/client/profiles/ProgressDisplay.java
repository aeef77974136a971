package dev.pyrometer.client.profiles;

import java.io.PrintWriter;

/** Shows a remote profile's progress: a redrawn bar on a terminal, one line per state otherwise. */
final class ProgressDisplay {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private String lastState;
    private boolean barShown;

    ProgressDisplay(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * @param elapsed seconds spent profiling so far (0 before the profile started)
     * @param total   the profile's duration in seconds
     */
    void update(String id, String state, String detail, double elapsed, double total) {
        double shown = Math.min(elapsed, total);
        if (terminal) {
            int filled = total <= 0 ? 0 : (int) Math.round(WIDTH * shown / total);
            out.printf("\r[%s%s] %-10s %5.1f / %.0f s", "#".repeat(filled), " ".repeat(WIDTH - filled), state,
                    shown, total);
            out.flush();
            barShown = true;
        } else if (!state.equals(lastState)) {
            out.println("profile " + id + ": " + state + (detail.isEmpty() ? "" : " (" + detail + ")"));
            out.flush();
        }
        lastState = state;
    }

    void finish() {
        if (barShown) {
            out.println();
            out.flush();
            barShown = false;
        }
    }
}
