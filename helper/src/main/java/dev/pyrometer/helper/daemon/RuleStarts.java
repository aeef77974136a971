package dev.pyrometer.helper.daemon;

import dev.pyrometer.helper.discovery.JvmInfo;
import dev.pyrometer.helper.rules.RuleEngine;
import dev.pyrometer.helper.rules.RuleRunner;
import dev.pyrometer.helper.spool.Spool;
import dev.pyrometer.helper.spool.SpooledProfile;
import dev.pyrometer.wire.ProfileIds;
import dev.pyrometer.wire.Trigger;
import dev.pyrometer.wire.WireMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Starts the profiles rules fire through the same path as {@code profile.start} ({@link ProfileSessions}),
 * with a helper-made id, a rule trigger and a {@code profile.created} kept in the spool and announced
 * before the profile's first state.
 */
final class RuleStarts implements RuleRunner.Starter {
    /** A rule's look-back samples (collapsed) in the profile's spool directory; not uploaded by itself. */
    static final String LOOKBACK_FILE = "lookback.collapsed";

    private final ProfileSessions sessions;
    private final Spool spool;
    private final Consumer<SpooledProfile> announce;

    /** {@code announce} sends a profile's {@code profile.created} when connected (else reconnect does). */
    RuleStarts(ProfileSessions sessions, Spool spool, Consumer<SpooledProfile> announce) {
        this.sessions = sessions;
        this.spool = spool;
        this.announce = announce;
    }

    @Override
    public RuleRunner.Start start(RuleEngine.Firing f, JvmInfo jvm, String lookback) {
        if (sessions.recording().stream().anyMatch(p -> p.pid() == f.pid())) {
            return RuleRunner.Start.alreadyProfiled();
        }
        String id = ProfileIds.next();
        Map<String, String> labels = new LinkedHashMap<>();
        if (jvm != null && jvm.app() != null) {
            labels.put("app", jvm.app());
        }
        if (jvm != null && jvm.release() != null) {
            labels.put("release", jvm.release());
        }
        var rule = f.rule().wire();
        var cmd = new WireMessage.ProfileStart("rule-" + id, id, f.pid(), rule.duration(), rule.event(),
                rule.interval(), labels);
        var created = new WireMessage.ProfileCreated(id, f.pid(), rule.event(), rule.duration(), rule.interval(),
                labels, Trigger.rule(rule.id(), f.observedCpuPercent()), Instant.now().toString());
        AtomicReference<WireMessage.Reply> refusal = new AtomicReference<>();
        // A refusal is answered at once; an ok later, on the thread that sends the run's states, ahead of the
        // first one: announcing there keeps profile.created before every profile.state.
        sessions.start(cmd, reply -> {
            if (!reply.ok()) {
                refusal.set(reply);
                return;
            }
            spool.held().stream().filter(p -> p.id().equals(id)).findFirst().ifPresent(p -> {
                p.rememberCreated(created);
                writeLookback(p, lookback);
                announce.accept(p);
            });
        });
        WireMessage.Reply refused = refusal.get();
        if (refused == null) {
            return RuleRunner.Start.started(id);
        }
        String why = refused.message();
        return why != null && why.contains("already being profiled") ? RuleRunner.Start.alreadyProfiled()
                : RuleRunner.Start.refused(why);
    }

    /** Before the run starts: ProfileSessions merges this file into the rendered outputs. */
    private static void writeLookback(SpooledProfile p, String lookback) {
        if (lookback == null || lookback.isBlank()) {
            return;
        }
        try {
            java.nio.file.Files.writeString(p.dir().resolve(LOOKBACK_FILE), lookback);
        } catch (java.io.IOException e) {
            java.util.logging.Logger.getLogger(RuleStarts.class.getName()).warning("look-back of profile " + p.id()
                    + " not kept: " + e.getMessage());
        }
    }

    @Override
    public boolean running(String profileId) {
        return sessions.recording().stream().anyMatch(p -> p.id().equals(profileId));
    }
}
