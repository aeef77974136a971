package dev.pyrometer.wire;

import java.util.Locale;

/** Where a profile is in its life; the wire and the REST API use the lower-case names. */
public enum ProfileStatus {
    QUEUED, ATTACHING, PROFILING, RENDERING, UPLOADING, DONE, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True once nothing more will happen to the profile. */
    public boolean terminal() {
        return this == DONE || this == FAILED;
    }

    public static ProfileStatus parse(String name) {
        for (ProfileStatus s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new WireFormatException("unknown profile state '" + name + "'");
    }
}
