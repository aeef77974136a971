package dev.pyrometer.wire;

import java.security.SecureRandom;

/**
 * Profile ids that sort by creation time: {@code p-} and 26 Crockford base-32 digits (a ULID).
 * Both peers make them (the controller for requested profiles, a helper for rule-started ones),
 * so one generator and one check live here.
 */
public final class ProfileIds {
    private static final java.util.regex.Pattern SYNTAX = java.util.regex.Pattern.compile("p-[0-9A-HJKMNP-TV-Z]{26}");
    private static final char[] DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ProfileIds() {
    }

    /** True when {@code id} has the shape {@link #next()} makes. */
    public static boolean valid(String id) {
        return id != null && SYNTAX.matcher(id).matches();
    }

    public static String next() {
        long time = System.currentTimeMillis();
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        var sb = new StringBuilder("p-");
        for (int i = 9; i >= 0; i--) {
            sb.append(DIGITS[(int) (time >>> (i * 5)) & 31]);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (random[i] & 0xff);
            lo = (lo << 8) | (random[i + 5] & 0xff);
        }
        for (int i = 7; i >= 0; i--) {
            sb.append(DIGITS[(int) (hi >>> (i * 5)) & 31]);
        }
        for (int i = 7; i >= 0; i--) {
            sb.append(DIGITS[(int) (lo >>> (i * 5)) & 31]);
        }
        return sb.toString();
    }
}
