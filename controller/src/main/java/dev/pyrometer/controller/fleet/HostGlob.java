package dev.pyrometer.controller.fleet;

import java.util.regex.Pattern;

/** Host-name globs of jobs, rules and hooks: {@code *} any run of characters, {@code ?} one. */
public final class HostGlob {
    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9._*?-]{1,253}");

    private HostGlob() {
    }

    public static boolean valid(String glob) {
        return glob != null && SYNTAX.matcher(glob).matches();
    }

    public static boolean matches(String glob, String host) {
        if (glob == null) {
            return true;
        }
        var regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.matches(regex.toString(), host);
    }
}
