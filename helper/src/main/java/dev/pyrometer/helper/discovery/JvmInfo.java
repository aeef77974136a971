package dev.pyrometer.helper.discovery;

/**
 * One JVM seen on this host. {@code attachable} false comes with {@code notAttachableReason}
 * naming the cause and the way out.
 */
public record JvmInfo(
        long pid,
        long nsPid,
        String user,
        String mainClass,
        String jdkVersion,
        long uptimeMillis,
        double cpuPercent,
        long rssBytes,
        boolean containerized,
        boolean attachable,
        String notAttachableReason,
        String app,
        String release) {
}
