package dev.pyrometer.client.profiles;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.client.connect.ControllerApi;
import dev.pyrometer.client.connect.PathSegment;
import dev.pyrometer.client.json.JsonFields;
import dev.pyrometer.client.output.Listing;
import dev.pyrometer.wire.Durations;
import java.time.Duration;

/** Polls one profile until it is done or failed, within a deadline derived from its duration. */
final class ProfileWatch {
    static final Duration POLL_EVERY = Duration.ofMillis(500);
    /** Beyond the profile's own duration: queueing, attaching, rendering and uploading. */
    static final Duration MARGIN = Duration.ofMinutes(3);

    private final ControllerApi api;
    private final ProgressDisplay display;

    ProfileWatch(ControllerApi api, ProgressDisplay display) {
        this.api = api;
        this.display = display;
    }

    /** Returns the finished profile; a failed one, or one still running at the deadline, is a {@link CommandFailure}. */
    JsonFields await(String id) {
        long begin = System.nanoTime();
        long profilingSince = -1;
        JsonFields profile = null;
        Duration duration = null;
        long deadline = Long.MAX_VALUE;
        try {
            while (true) {
                profile = Listing.item(api.get("/api/v1/profiles/" + PathSegment.of(id)));
                if (duration == null) {
                    duration = Durations.parse(profile.text("duration"));
                    duration = duration == null ? Duration.ofSeconds(30) : duration;
                    deadline = begin + duration.plus(MARGIN).toNanos();
                }
                String state = profile.text("state");
                long now = System.nanoTime();
                if (profilingSince < 0 && !state.equals("queued") && !state.equals("attaching")) {
                    profilingSince = now;
                }
                double elapsed = profilingSince < 0 ? 0 : (now - profilingSince) / 1e9;
                display.update(id, state, profile.text("detail"), elapsed, duration.toMillis() / 1000.0);
                if (state.equals("done")) {
                    return profile;
                }
                if (state.equals("failed")) {
                    display.finish();
                    String error = profile.text("error");
                    throw CommandFailure.target("profile " + id + " failed: "
                            + (error.isEmpty() ? "the controller gave no reason" : error));
                }
                if (now - deadline > 0) {
                    throw CommandFailure.target("profile " + id + " is still " + state + " after "
                            + (now - begin) / 1_000_000_000 + " s; it goes on: fetch it later with"
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
