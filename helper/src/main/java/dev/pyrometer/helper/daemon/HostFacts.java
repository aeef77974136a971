package dev.pyrometer.helper.daemon;

import dev.pyrometer.wire.WireMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** What the {@code hello} frame says about this host, read from {@code /proc}. */
public final class HostFacts {
    static final String HELPER_VERSION = "0.1.0";
    /** docs/protocol.md: 1–253 of A-Z a-z 0-9 . _ - */
    public static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]{1,253}");

    private HostFacts() {
    }

    static WireMessage.Hello hello(String host) {
        return new WireMessage.Hello(host, HELPER_VERSION, read("/proc/sys/kernel/random/boot_id", "unknown"),
                Runtime.getRuntime().availableProcessors(), memTotalBytes());
    }

    /** The kernel's host name (what {@code hostname} prints), without asking DNS. */
    public static String hostName() {
        return read("/proc/sys/kernel/hostname", "localhost");
    }

    private static long memTotalBytes() {
        for (String line : read("/proc/meminfo", "").split("\n")) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    private static String read(String file, String fallback) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return fallback;
        }
    }
}
