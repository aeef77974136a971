package dev.pyrometer.helper.cli;

import dev.pyrometer.helper.profile.ProfileListener;
import java.io.PrintWriter;

/** Draws a profile's progress: a redrawn bar on a terminal, a few plain lines otherwise. */
final class ProgressDisplay implements ProfileListener {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private boolean barShown;
    private int lastQuarter = -1;

    ProgressDisplay(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void onState(String state, String detail) {
        endBar();
        out.println(state + ": " + detail);
        out.flush();
    }

    @Override
    public synchronized void onProgress(double elapsed, double total) {
        if (terminal) {
            int filled = (int) Math.round(WIDTH * elapsed / total);
            out.printf("\r[%s%s] %5.1f / %.0f s", "#".repeat(filled), " ".repeat(WIDTH - filled), elapsed, total);
            out.flush();
            barShown = true;
        } else {
            int quarter = (int) (4 * elapsed / total);
            if (quarter != lastQuarter && quarter > 0) {
                lastQuarter = quarter;
                out.printf("profiled %.1f of %.0f s%n", elapsed, total);
                out.flush();
            }
        }
    }

    synchronized void finish() {
        endBar();
    }

    private void endBar() {
        if (barShown) {
            out.println();
            barShown = false;
        }
    }
}
