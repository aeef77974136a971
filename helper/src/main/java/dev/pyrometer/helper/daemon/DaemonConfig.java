package dev.pyrometer.helper.daemon;

import java.net.URI;
import java.nio.file.Path;

/**
 * How {@code serve} runs: which controller, as which host, where finished profiles wait.
 *
 * @param token the bearer token; never logged (see {@link #toString()})
 */
public record DaemonConfig(URI controller, String token, String host, Path spoolDir, long spoolMaxBytes,
                           Path workDir) {

    @Override
    public String toString() {
        return "DaemonConfig[controller=" + controller + ", host=" + host + ", spoolDir=" + spoolDir
                + ", spoolMaxBytes=" + spoolMaxBytes + ", workDir=" + workDir + ", token=<redacted>]";
    }
}
