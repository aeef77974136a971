package dev.pyrometer.helper.upload;

/** What the helper does after one upload attempt, per the status table of docs/protocol.md. */
public enum UploadOutcome {
    /** 201 or 200: stored (now or before); next artifact. */
    STORED,
    /** 409 (a different digest is stored), 413 (too large), 400 (a request we cannot fix by retrying): give up on it. */
    REFUSED,
    /** 422, 5xx, a lost connection or a deadline: try again later. */
    RETRY,
    /** 404: the controller has no such profile; drop it from the spool. */
    NO_PROFILE,
    /** 401: our token is wrong; stop and tell the operator. */
    UNAUTHORIZED;

    static UploadOutcome of(int status) {
        return switch (status) {
            case 200, 201 -> STORED;
            case 400, 409, 413 -> REFUSED;
            case 404 -> NO_PROFILE;
            case 401 -> UNAUTHORIZED;
            default -> RETRY;
        };
    }
}
