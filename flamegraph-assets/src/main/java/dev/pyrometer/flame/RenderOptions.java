package dev.pyrometer.flame;

import java.util.regex.Pattern;

/** How to turn stacks into a picture: titles, orientation, pruning and filters. */
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
}
