package dev.pyrometer.helper.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The mount table a process sees ({@code /proc/<pid>/mountinfo}), for the one question we ask of it. */
public final class Mounts {

    private Mounts() {
    }

    /**
     * Whether {@code dir} (a path in the process's mount namespace) lies on a mount that forbids
     * executing, and so loading libraries from it ({@code noexec}); false when unknown.
     */
    public static boolean noexec(long pid, String dir) {
        List<String> lines;
        try {
            lines = Files.readAllLines(ProcessFacts.procDir(pid).resolve("mountinfo"));
        } catch (IOException e) {
            return false;
        }
        String best = null;
        boolean noexec = false;
        for (String line : lines) {
            // id parent major:minor root mount-point options ...; later lines stack over earlier ones.
            String[] f = line.split(" ");
            if (f.length < 6) {
                continue;
            }
            String mountPoint = f[4].replace("\\040", " ");
            if (covers(mountPoint, dir) && (best == null || mountPoint.length() >= best.length())) {
                best = mountPoint;
                noexec = List.of(f[5].split(",")).contains("noexec");
            }
        }
        return noexec;
    }

    private static boolean covers(String mountPoint, String dir) {
        return mountPoint.equals("/") || dir.equals(mountPoint) || dir.startsWith(mountPoint + "/");
    }
}
