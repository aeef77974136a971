package dev.pyrometer.helper.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides when rules fire, from CPU samples alone (no clock, no I/O, so every case is testable): a rule
 * fires on a JVM that stayed at or above its threshold for its {@code for}, unless that rule fired on that
 * JVM within its cooldown or the JVM has not dropped below the re-arm level ({@link RuleConfig#REARM_FRACTION})
 * since. Starting the profile is the caller's; only {@link #fired} burns the cooldown, so a firing the caller
 * had to skip (JVM busy, cap reached) comes back at the next sample.
 */
public final class RuleEngine {
    /** One JVM's CPU over the last sampling window. */
    public record Observation(long pid, String app, double cpuPercent) {
    }

    /** A rule whose condition holds on a JVM; {@code observedCpuPercent} is the mean over the time above. */
    public record Firing(RuleConfig rule, long pid, double observedCpuPercent) {
    }

    private record Key(String rule, long pid) {
    }

    /** What one rule knows about one JVM. */
    private static final class Watch {
        long aboveSinceMs = -1;
        double sum;
        int samples;
        boolean armed = true;
        long coolUntilMs = Long.MIN_VALUE;
    }

    private final Map<Key, Watch> watches = new HashMap<>();
    private long lastSampleMs = -1;

    /** Takes one round of samples (at {@code nowMs}) and returns the rules whose condition holds now. */
    public List<Firing> evaluate(long nowMs, List<RuleConfig> rules, List<Observation> observed) {
        long windowStart = lastSampleMs < 0 ? nowMs : lastSampleMs;
        lastSampleMs = nowMs;
        List<Firing> firings = new ArrayList<>();
        Set<Key> seen = new HashSet<>();
        for (RuleConfig rule : rules) {
            for (Observation o : observed) {
                if (!rule.matches(o.app())) {
                    continue;
                }
                Key key = new Key(rule.id(), o.pid());
                seen.add(key);
                Watch w = watches.computeIfAbsent(key, k -> new Watch());
                if (o.cpuPercent() < rule.rearmPercent()) {
                    w.armed = true;
                }
                if (o.cpuPercent() >= rule.cpuPercent() && w.armed) {
                    if (w.aboveSinceMs < 0) {
                        // the sample covers the whole window: the JVM was hot since its start
                        w.aboveSinceMs = windowStart;
                        w.sum = 0;
                        w.samples = 0;
                    }
                    w.sum += o.cpuPercent();
                    w.samples++;
                } else {
                    w.aboveSinceMs = -1;
                }
                if (w.aboveSinceMs >= 0 && nowMs - w.aboveSinceMs >= rule.forDuration().toMillis()
                        && nowMs >= w.coolUntilMs) {
                    firings.add(new Firing(rule, o.pid(), Math.round(w.sum / w.samples * 10) / 10.0));
                }
            }
        }
        // rules removed and JVMs gone: nothing to remember about them
        watches.keySet().retainAll(seen);
        return firings;
    }

    /** The caller started (or gave up for good on) a profile for this firing: disarm and cool down. */
    public void fired(Firing f, long nowMs) {
        Watch w = watches.get(new Key(f.rule().id(), f.pid()));
        if (w != null) {
            w.armed = false;
            w.aboveSinceMs = -1;
            w.coolUntilMs = nowMs + f.rule().cooldown().toMillis();
        }
    }
}
