package dev.pyrometer.flame.cli;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.flame.RenderOptions;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Option;

/** The flags {@code render} and {@code diff} share: titles, stack order, pruning, filters, leniency. */
public final class GraphOptions {
    @Option(names = "--title", paramLabel = "T", description = "Title at the top of the graph.")
    String title;

    @Option(names = "--subtitle", paramLabel = "S", description = "Line under the title.")
    String subtitle;

    @Option(names = "--reverse", description = "Reverse stacks (leaf first) to merge the callers of hot frames.")
    boolean reverse;

    @Option(names = "--minwidth", paramLabel = "PCT",
            description = "Leave out frames under PCT%% of all samples (their samples stay in the parent). "
                    + "Default: all frames in HTML, frames of 0.1 px or more in SVG.")
    double minWidth;

    @Option(names = "--include", paramLabel = "REGEX", description = "Keep only stacks with a frame matching REGEX.")
    String include;

    @Option(names = "--exclude", paramLabel = "REGEX", description = "Drop stacks with a frame matching REGEX.")
    String exclude;

    @Option(names = "--lenient", description = "Skip malformed input lines (counted in one warning) instead of failing.")
    boolean lenient;

    RenderOptions toOptions(String defaultTitle) {
        if (minWidth < 0 || minWidth > 100 || Double.isNaN(minWidth)) {
            throw CommandFailure.usage("--minwidth must be a percentage between 0 and 100, not " + minWidth);
        }
        return new RenderOptions(title != null ? title : defaultTitle, subtitle, reverse, minWidth,
                regex("--include", include), regex("--exclude", exclude), lenient);
    }

    private static Pattern regex(String flag, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw CommandFailure.usage(flag + " is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }
}
