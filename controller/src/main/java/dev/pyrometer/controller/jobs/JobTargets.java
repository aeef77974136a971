package dev.pyrometer.controller.jobs;

import dev.pyrometer.controller.fleet.Fleet;
import dev.pyrometer.controller.fleet.Host;
import dev.pyrometer.controller.fleet.HostGlob;
import dev.pyrometer.wire.JvmInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JVMs a job's selector picks from the fleet right now, or why there are none. */
record JobTargets(List<Target> targets, String whyNone) {

    /** One JVM to profile. */
    record Target(String host, long pid) {
    }

    static JobTargets select(Fleet fleet, JobSpec spec) {
        var targets = new ArrayList<Target>();
        var offline = new ArrayList<String>();
        int hostsMatched = 0;
        for (Host h : fleet.hosts()) {
            if (!HostGlob.matches(spec.host(), h.name())) {
                continue;
            }
            hostsMatched++;
            if (!h.online()) {
                offline.add(h.name());
                continue;
            }
            for (JvmInfo j : h.jvms()) {
                if (j.attachable() && matches(spec, j)) {
                    targets.add(new Target(h.name(), j.pid()));
                }
            }
        }
        if (!targets.isEmpty()) {
            return new JobTargets(targets, null);
        }
        String why = hostsMatched == 0 ? "no host matches '" + spec.host() + "'"
                : "no matching JVM online" + (offline.isEmpty() ? "" : " (hosts offline: "
                        + String.join(", ", offline.subList(0, Math.min(10, offline.size())))
                        + (offline.size() > 10 ? ", ..." : "") + ")");
        return new JobTargets(targets, why);
    }

    /** The selector's labels are matched against what the helper reports of a JVM: its app and release. */
    private static boolean matches(JobSpec spec, JvmInfo j) {
        if (spec.app() != null && !spec.app().equals(j.app())) {
            return false;
        }
        for (Map.Entry<String, String> e : spec.labels().entrySet()) {
            String actual = switch (e.getKey()) {
                case "app" -> j.app();
                case "release" -> j.release();
                default -> null;
            };
            if (!e.getValue().equals(actual)) {
                return false;
            }
        }
        return true;
    }
}
