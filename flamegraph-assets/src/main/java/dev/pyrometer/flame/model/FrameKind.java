package dev.pyrometer.flame.model;

/** What produced a frame, from async-profiler's {@code _[x]} suffix or, without one, from the name's shape. */
public enum FrameKind {
    JIT("Java (JIT)"),
    INLINED("Inlined"),
    INTERPRETED("Interpreted"),
    C1("C1"),
    CPP("C++"),
    NATIVE("Native"),
    KERNEL("Kernel");

    private static final FrameKind[] VALUES = values();

    private final String label;

    FrameKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static FrameKind of(int ordinal) {
        return VALUES[ordinal];
    }

    /** The kind named by a 4-byte suffix {@code _[x]} ending at {@code end}, or null when there is none. */
    static FrameKind fromSuffix(byte[] buf, int off, int len) {
        if (len < 5 || buf[off + len - 4] != '_' || buf[off + len - 3] != '[' || buf[off + len - 1] != ']') {
            return null;
        }
        return switch (buf[off + len - 2]) {
            case 'j' -> JIT;
            case 'i' -> INLINED;
            case 'k' -> KERNEL;
            case '0' -> INTERPRETED;
            case '1' -> C1;
            default -> null;
        };
    }

    /**
     * Guesses the kind of an unsuffixed name the way async-profiler's converter does: C++ names
     * have {@code ::}, Java names have a package separator; the rest is native code.
     */
    static FrameKind guess(byte[] buf, int off, int len) {
        boolean slash = false;
        boolean dot = false;
        for (int i = off, end = off + len; i < end; i++) {
            byte b = buf[i];
            if (b == ':' && i + 1 < end && buf[i + 1] == ':') {
                return CPP;
            } else if (b == '/') {
                slash = true;
            } else if (b == '.') {
                dot = true;
            }
        }
        if (len > 0 && buf[off] != '[' && (slash || dot && Character.isUpperCase(buf[off]))) {
            return JIT;
        }
        return NATIVE;
    }
}
