package dev.pyrometer.flame;

import dev.pyrometer.cli.CommandFailure;
import java.nio.file.Path;

/** The kinds of file a graph can be written as, chosen by the output file's extension. */
public enum OutputFormat {
    HTML, SVG, COLLAPSED;

    public static OutputFormat of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return HTML;
        } else if (name.endsWith(".svg")) {
            return SVG;
        } else if (name.endsWith(".collapsed") || name.endsWith(".folded") || name.endsWith(".txt")) {
            return COLLAPSED;
        }
        throw CommandFailure.usage("cannot tell the format of output " + file
                + " from its extension; use .html, .svg or .collapsed");
    }
}
