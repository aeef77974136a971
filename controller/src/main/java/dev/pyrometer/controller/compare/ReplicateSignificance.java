package dev.pyrometer.controller.compare;

import dev.pyrometer.flame.diff.Significance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which frames changed more than run-to-run noise, treating each profile as one replicate: Welch's
 * t-test on the per-profile self shares of each frame, Holm-corrected across every frame seen, plus
 * the renderer's effect-size floors so a tiny but consistent shift is not called a regression.
 */
final class ReplicateSignificance {
    static final double ALPHA = 0.01;

    private ReplicateSignificance() {
    }

    /** True when both sides have enough replicates for a variance. */
    static boolean applies(int baseProfiles, int newProfiles) {
        return baseProfiles >= 2 && newProfiles >= 2;
    }

    /** Profiles a side below which Welch's test, Holm-corrected, can rarely call any change significant. */
    static final int ADVISED_PROFILES = 4;

    /** Whether the test applies with too few profiles to have much power (the README asks for {@link #ADVISED_PROFILES}). */
    static boolean fewProfiles(int baseProfiles, int newProfiles) {
        return applies(baseProfiles, newProfiles) && Math.min(baseProfiles, newProfiles) < ADVISED_PROFILES;
    }

    static Set<String> significantFrames(List<Map<String, Double>> base, List<Map<String, Double>> neu,
                                         Significance floors) {
        Set<String> frames = new HashSet<>();
        base.forEach(m -> frames.addAll(m.keySet()));
        neu.forEach(m -> frames.addAll(m.keySet()));
        List<String> names = new ArrayList<>(frames);
        double[] p = new double[names.size()];
        Map<String, double[]> means = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            double[] a = column(base, names.get(i));
            double[] b = column(neu, names.get(i));
            p[i] = WelchTest.pValue(a, b);
            means.put(names.get(i), new double[] {WelchTest.mean(a), WelchTest.mean(b)});
        }
        boolean[] rejected = WelchTest.holm(p, ALPHA);
        Set<String> out = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            double[] m = means.get(names.get(i));
            double delta = Math.abs(m[1] - m[0]);
            boolean large = delta * 100 >= floors.minEffectPct() && delta >= floors.minRelative() * Math.max(m[0], m[1]);
            if (rejected[i] && large) {
                out.add(names.get(i));
            }
        }
        return out;
    }

    private static double[] column(List<Map<String, Double>> side, String frame) {
        double[] v = new double[side.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = side.get(i).getOrDefault(frame, 0.0);
        }
        return v;
    }
}
