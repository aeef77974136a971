package dev.pyrometer.client.jobs;

import dev.pyrometer.cli.CommandFailure;
import java.util.Locale;
import java.util.regex.Pattern;

/** Sizes as people write them ("10GB", "512MB", "2TiB"), in bytes, binary multiples as disks are filled. */
final class ByteSize {
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,12})\\s*([KMGT]?)(I?B)?");

    private ByteSize() {
    }

    static long parse(String option, String text) {
        var m = SYNTAX.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw CommandFailure.usage(option + " '" + text + "' is not a size like 500MB or 10GB");
        }
        int shift = switch (m.group(2)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        long n = Long.parseLong(m.group(1));
        if (n < 1 || Long.numberOfLeadingZeros(n) <= shift) {
            throw CommandFailure.usage(option + " '" + text + "' is out of range");
        }
        return n << shift;
    }
}
