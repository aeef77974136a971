package dev.pyrometer.client.profiles;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.client.connect.ControllerApi;
import dev.pyrometer.client.connect.PathSegment;
import dev.pyrometer.client.json.JsonFields;
import dev.pyrometer.client.output.Listing;
import dev.pyrometer.wire.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * Polls one profile until it is done or failed, within a deadline derived from its duration. A controller
 * that stops answering for a while (a restart) is waited for: the profile goes on without it.
 */
final class ProfileWatch {
    static final Duration POLL_EVERY = Duration.ofMillis(500);
    /** Beyond the profile's own duration: queueing, attaching, rendering and uploading. */
    static final Duration MARGIN = Duration.ofMinutes(3);
    private static final Duration UNKNOWN_DURATION = Duration.ofSeconds(30);

    private final ControllerApi api;
    private final ProgressDisplay display;

    ProfileWatch(ControllerApi api, ProgressDisplay display) {
        this.api = api;
        this.display = display;
    }

    /** The finished profile; a failed one, or one still running at the deadline, is a {@link CommandFailure}. */
    JsonFields await(String id) {
        String path = "/api/v1/profiles/" + PathSegment.of(id);
        long begin = System.nanoTime();
        long profilingSince = -1;
        Duration duration = null;
        String state = "queued";
        try {
            while (true) {
                Optional<String> answer = api.poll(path);
                long now = System.nanoTime();
                Duration total = duration == null ? UNKNOWN_DURATION : duration;
                double elapsed = profilingSince < 0 ? 0 : (now - profilingSince) / 1e9;
                if (answer.isEmpty()) {
                    display.update(id, "unreachable", "the controller at " + api.base() + " does not answer; waiting",
                            elapsed, total.toMillis() / 1000.0);
                } else {
                    JsonFields profile = Listing.item(answer.get());
                    if (duration == null) {
                        Duration d = Durations.parse(profile.text("duration"));
                        duration = d == null ? UNKNOWN_DURATION : d;
                        total = duration;
                    }
                    state = profile.text("state");
                    if (profilingSince < 0 && !state.equals("queued") && !state.equals("attaching")) {
                        profilingSince = now;
                    }
                    display.update(id, state, profile.text("detail"), elapsed, total.toMillis() / 1000.0);
                    if (state.equals("done")) {
                        return profile;
                    }
                    if (state.equals("failed")) {
                        String error = profile.text("error");
                        throw CommandFailure.target("profile " + id + " failed: "
                                + (error.isEmpty() ? "the controller gave no reason" : error));
                    }
                }
                if (now - begin > total.plus(MARGIN).toNanos()) {
                    throw CommandFailure.target("profile " + id + " is still " + state + " after "
                            + (now - begin) / 1_000_000_000 + " s" + (answer.isEmpty() ? " (the controller at "
                            + api.base() + " does not answer)" : "") + "; it goes on: fetch it later with"
                            + " 'pyrometer get " + id + " -o flame.html'");
                }
                Thread.sleep(POLL_EVERY.toMillis()); // poll interval; the deadline above bounds the wait
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.remote("interrupted while waiting for profile " + id + "; it goes on on the helper");
        } finally {
            display.finish();
        }
    }
}
