package dev.pyrometer.flame;

import java.util.regex.Pattern;

/**
 * How to turn stacks into a picture: titles, stack order ({@code reverse}: leaf first, callers
 * merged), pruning ({@code minWidthPercent} of all samples; 0 means the format's default), which
 * stacks to keep, and whether malformed input lines are skipped instead of refused.
 */
public record RenderOptions(
        String title,
        String subtitle,
        boolean reverse,
        double minWidthPercent,
        Pattern include,
        Pattern exclude,
        boolean lenient) {

    public static RenderOptions defaults() {
        return new RenderOptions("Flame Graph", null, false, 0.0, null, null, false);
    }

    public RenderOptions withTitle(String newTitle) {
        return new RenderOptions(newTitle, subtitle, reverse, minWidthPercent, include, exclude, lenient);
    }

    public RenderOptions withSubtitle(String newSubtitle) {
        return new RenderOptions(title, newSubtitle, reverse, minWidthPercent, include, exclude, lenient);
    }

    public RenderOptions withReverse(boolean newReverse) {
        return new RenderOptions(title, subtitle, newReverse, minWidthPercent, include, exclude, lenient);
    }

    public RenderOptions withMinWidthPercent(double newMinWidth) {
        return new RenderOptions(title, subtitle, reverse, newMinWidth, include, exclude, lenient);
    }

    public RenderOptions withFilters(Pattern newInclude, Pattern newExclude) {
        return new RenderOptions(title, subtitle, reverse, minWidthPercent, newInclude, newExclude, lenient);
    }

    public RenderOptions withLenient(boolean newLenient) {
        return new RenderOptions(title, subtitle, reverse, minWidthPercent, include, exclude, newLenient);
    }
}
