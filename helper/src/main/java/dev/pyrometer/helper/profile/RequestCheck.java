package dev.pyrometer.helper.profile;

import dev.pyrometer.cli.CommandFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Validates a {@link ProfileRequest} completely before anything touches the target. */
public final class RequestCheck {

    public static final List<String> EVENTS = List.of("cpu", "wall", "alloc", "lock", "itimer", "ctimer");
    public static final List<String> EXTENSIONS = List.of("html", "svg", "collapsed", "jfr");
    public static final Duration MIN_DURATION = Duration.ofSeconds(1);
    public static final Duration MAX_DURATION = Duration.ofHours(1);
    public static final Duration MIN_INTERVAL = Duration.ofNanos(100_000);
    public static final Duration MAX_INTERVAL = Duration.ofSeconds(1);

    private RequestCheck() {
    }

    public static void validate(ProfileRequest request) {
        if (request.pid() <= 0) {
            throw CommandFailure.usage("--pid must be a positive process id, got " + request.pid());
        }
        Duration d = request.duration();
        if (d == null || d.compareTo(MIN_DURATION) < 0 || d.compareTo(MAX_DURATION) > 0) {
            throw CommandFailure.usage("--duration must be between 1s and 1h, got " + format(d));
        }
        if (request.event() == null || !EVENTS.contains(request.event())) {
            throw CommandFailure.usage("--event must be one of " + String.join("|", EVENTS) + ", got " + request.event());
        }
        Duration i = request.interval();
        if (i == null || i.compareTo(MIN_INTERVAL) < 0 || i.compareTo(MAX_INTERVAL) > 0) {
            throw CommandFailure.usage("--interval must be between 100us and 1s, got " + format(i));
        }
        if (request.outputs() == null || request.outputs().isEmpty()) {
            throw CommandFailure.usage("give at least one output file with -o FILE (.html, .svg, .collapsed or .jfr)");
        }
        Set<Path> seen = new HashSet<>();
        for (Path out : request.outputs()) {
            String ext = extension(out);
            if (!EXTENSIONS.contains(ext)) {
                throw CommandFailure.usage("cannot tell the format of output " + out + ": use one of ."
                        + String.join(", .", EXTENSIONS));
            }
            if (!seen.add(out.toAbsolutePath().normalize())) {
                throw CommandFailure.usage("output " + out + " is given twice");
            }
            Path dir = out.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw CommandFailure.usage("cannot write output " + out + ": directory " + dir
                        + " does not exist or is not writable");
            }
            if (Files.isDirectory(out)) {
                throw CommandFailure.usage("output " + out + " is a directory");
            }
        }
    }

    public static String extension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Parses {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 250us}; a bare number is seconds. */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < t.length() && (Character.isDigit(t.charAt(end)) || t.charAt(end) == '.')) {
            end++;
        }
        if (end == 0) {
            throw CommandFailure.usage("not a duration: '" + text + "' (use e.g. 10s, 500ms, 2m)");
        }
        double value;
        try {
            value = Double.parseDouble(t.substring(0, end));
        } catch (NumberFormatException e) {
            throw CommandFailure.usage("not a duration: '" + text + "' (use e.g. 10s, 500ms, 2m)");
        }
        double nanos = switch (t.substring(end)) {
            case "", "s" -> value * 1e9;
            case "ms" -> value * 1e6;
            case "us" -> value * 1e3;
            case "ns" -> value;
            case "m", "min" -> value * 60e9;
            case "h" -> value * 3600e9;
            default -> throw CommandFailure.usage("unknown unit in duration '" + text + "' (use ns, us, ms, s, m or h)");
        };
        return Duration.ofNanos(Math.round(nanos));
    }

    static String format(Duration d) {
        if (d == null) {
            return "nothing";
        }
        long nanos = d.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        if (nanos % 1_000L == 0) {
            return nanos / 1_000L + "us";
        }
        return nanos + "ns";
    }
}
