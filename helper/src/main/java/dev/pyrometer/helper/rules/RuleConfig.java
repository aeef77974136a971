package dev.pyrometer.helper.rules;

import dev.pyrometer.wire.Durations;
import dev.pyrometer.wire.Rule;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A rule the helper can evaluate: a wire {@link Rule} with its durations parsed and every field checked,
 * so a bad rule is refused when it arrives rather than when it fires.
 */
public record RuleConfig(Rule wire, Duration forDuration, Duration duration, Duration cooldown) {
    /**
     * A rule re-arms only once the JVM has dropped below this share of its threshold: a JVM hovering
     * around the threshold must not fire at every cooldown's end because of sampling noise.
     */
    public static final double REARM_FRACTION = 0.8;
    static final double MAX_CPU_PERCENT = 6400;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<String> EVENTS = Set.of("cpu", "wall", "itimer", "ctimer", "alloc", "lock");

    public String id() {
        return wire.id();
    }

    public double cpuPercent() {
        return wire.cpuPercent();
    }

    public double rearmPercent() {
        return wire.cpuPercent() * REARM_FRACTION;
    }

    /** Whether the rule looks at a JVM with this {@code app} label (a rule without {@code app} looks at all). */
    public boolean matches(String app) {
        return wire.app() == null || wire.app().equals(app);
    }

    /** Checks every field; throws {@link IllegalArgumentException} naming the field and what it must be. */
    public static RuleConfig of(Rule r) {
        if (r.id() == null || !ID.matcher(r.id()).matches()) {
            throw bad("id", "must be 1-64 of A-Z a-z 0-9 . _ -, got '" + r.id() + "'");
        }
        if (!(r.cpuPercent() >= 1 && r.cpuPercent() <= MAX_CPU_PERCENT)) {
            throw bad("cpu_percent", "must be from 1 to 6400 (100 = one core busy), got " + r.cpuPercent());
        }
        Duration forDuration = duration("for", r.forDuration(), Duration.ofSeconds(1), Duration.ofHours(1));
        Duration duration = duration("duration", r.duration(), Duration.ofSeconds(1), Duration.ofHours(1));
        Duration cooldown = duration("cooldown", r.cooldown(), duration, Duration.ofHours(24));
        if (r.event() == null || !EVENTS.contains(r.event())) {
            throw bad("event", "must be one of " + String.join(", ", new java.util.TreeSet<>(EVENTS)) + ", got '"
                    + r.event() + "'");
        }
        if (r.interval() != null && Durations.parse(r.interval()) == null) {
            throw bad("interval", "must be like 10ms or 500us, got '" + r.interval() + "'");
        }
        if (r.app() != null && r.app().isBlank()) {
            throw bad("app", "must be an application name or absent (any JVM)");
        }
        return new RuleConfig(r, forDuration, duration, cooldown);
    }

    private static Duration duration(String field, String text, Duration min, Duration max) {
        Duration d = text == null ? null : Durations.parse(text);
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw bad(field, "must be a duration from " + show(min) + " to " + show(max) + " like 30s or 10m, got '"
                    + text + "'");
        }
        return d;
    }

    private static String show(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    private static IllegalArgumentException bad(String field, String why) {
        return new IllegalArgumentException("field '" + field + "' " + why);
    }
}
