package dev.pyrometer.client.connect;

import dev.pyrometer.cli.CommandFailure;
import java.util.regex.Pattern;

/** Checks an id before it becomes part of a URL path, so "../profiles" cannot reach another endpoint. */
public final class PathSegment {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private PathSegment() {
    }

    public static String of(String id) {
        if (!ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
            throw CommandFailure.usage("'" + id + "' is not an id (letters, digits, _ . -)");
        }
        return id;
    }
}
