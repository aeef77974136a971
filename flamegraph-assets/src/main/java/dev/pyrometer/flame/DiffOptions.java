package dev.pyrometer.flame;

import dev.pyrometer.flame.diff.Significance;

/** How to draw and rank a comparison: the picture's options, how many changes to report, and the test. */
public record DiffOptions(RenderOptions render, int top, Significance test) {

    public static DiffOptions defaults() {
        return new DiffOptions(RenderOptions.defaults().withTitle("Differential Flame Graph"), 30, Significance.defaults());
    }

    public DiffOptions withRender(RenderOptions newRender) {
        return new DiffOptions(newRender, top, test);
    }

    public DiffOptions withTop(int newTop) {
        return new DiffOptions(render, newTop, test);
    }
}
