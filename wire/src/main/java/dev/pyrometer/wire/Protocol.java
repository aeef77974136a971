package dev.pyrometer.wire;

import java.time.Duration;
import java.util.List;

/** The constants of docs/protocol.md: paths, headers, timings, artifact names. */
public final class Protocol {
    /** WebSocket endpoint a helper connects out to. */
    public static final String CONNECT_PATH = "/api/v1/helpers/connect";
    /** Upload path; {@code {id}} and {@code {name}} are filled in. */
    public static final String UPLOAD_PATH = "/api/v1/profiles/{id}/artifacts/{name}";
    /** Hex SHA-256 of an upload's body. */
    public static final String DIGEST_HEADER = "X-Pyrometer-SHA256";

    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
    /** Without any frame for this long a host is shown offline. */
    public static final Duration OFFLINE_AFTER = Duration.ofSeconds(15);
    public static final Duration INVENTORY_AT_LEAST_EVERY = Duration.ofSeconds(30);
    /** How long the controller waits for a {@code reply} to a command. */
    public static final Duration COMMAND_DEADLINE = Duration.ofSeconds(10);
    public static final int MAX_FRAME_BYTES = 1 << 20;

    public static final String RECORDING = "recording.jfr";
    public static final String COLLAPSED = "collapsed";
    public static final String FLAMEGRAPH_HTML = "flamegraph.html";
    public static final String FLAMEGRAPH_SVG = "flamegraph.svg";
    public static final List<String> ARTIFACTS = List.of(RECORDING, COLLAPSED, FLAMEGRAPH_HTML, FLAMEGRAPH_SVG);

    public static String uploadPath(String profileId, String artifact) {
        return UPLOAD_PATH.replace("{id}", profileId).replace("{name}", artifact);
    }

    private Protocol() {
    }
}
