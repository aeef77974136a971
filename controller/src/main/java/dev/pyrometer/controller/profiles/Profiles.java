package dev.pyrometer.controller.profiles;

import dev.pyrometer.controller.http.ApiException;
import dev.pyrometer.controller.fleet.Fleet;
import dev.pyrometer.controller.fleet.Host;
import dev.pyrometer.controller.store.MetadataStore;
import dev.pyrometer.controller.store.ProfileRecord;
import dev.pyrometer.wire.Durations;
import dev.pyrometer.wire.ProfileIds;
import dev.pyrometer.wire.Trigger;
import dev.pyrometer.wire.JvmInfo;
import dev.pyrometer.wire.ProfileStatus;
import dev.pyrometer.wire.Protocol;
import dev.pyrometer.wire.WireMessage;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Profile lifecycle on the controller: checks a request against the fleet, records it, sends
 * {@code profile.start} to the host's helper and applies the helper's {@code profile.state} reports.
 * Confined to the event loop; the store does the disk work.
 */
public final class Profiles {
    private static final Logger LOG = Logger.getLogger(Profiles.class.getName());

    private final MetadataStore store;
    private Fleet fleet;
    /**
     * How long past its planned end an unfinished profile keeps its JVM reserved; after that a helper
     * that lost it (or a controller that died before sending the command) cannot block the JVM forever.
     */
    static final Duration RESERVATION_GRACE = Duration.ofMinutes(5);

    /** A target JVM's profile under way and when its reservation lapses. */
    private record Reservation(String profileId, Instant until) {
    }

    /** "host:pid" → profile under way: one at a time per JVM. */
    private final Map<String, Reservation> active = new HashMap<>();

    /** Told of every profile that reached done or failed (jobs wait for theirs). */
    private final java.util.List<java.util.function.Consumer<ProfileRecord>> settledListeners = new java.util.ArrayList<>();

    public Profiles(MetadataStore store) {
        this.store = store;
    }

    public void onSettled(java.util.function.Consumer<ProfileRecord> listener) {
        settledListeners.add(listener);
    }

    /** Wires the fleet in (the fleet reports states back to this object) and remembers unfinished work. */
    public Future<Void> start(Fleet fleet) {
        this.fleet = fleet;
        return store.unfinishedProfiles().map(list -> {
            list.forEach(p -> active.put(target(p.host(), p.pid()), reservation(p)));
            return null;
        });
    }

    /** A profile asked for by a person (API, UI) or a hook. */
    public Future<ProfileRecord> create(ProfileRequest req) {
        return create(req, Trigger.manual());
    }

    /** Checks, records and starts a profile; the trigger says why it is taken (manual, or the job's id). */
    public Future<ProfileRecord> create(ProfileRequest req, Trigger trigger) {
        Host host = fleet.host(req.host()).orElseThrow(() -> new ApiException(404, "host",
                "host: no host named '" + req.host() + "' has ever connected; GET /api/v1/hosts lists them"));
        if (!host.online()) {
            throw new ApiException(409, "host", "host: '" + req.host() + "' is offline (last seen " + host.lastSeen()
                    + "); its helper is not connected");
        }
        JvmInfo jvm = host.jvm(req.pid()).orElseThrow(() -> ApiException.badField("pid",
                "no JVM with pid " + req.pid() + " on host '" + req.host() + "'; GET /api/v1/jvms?host="
                        + req.host() + " lists them"));
        if (!jvm.attachable()) {
            throw new ApiException(409, "pid", "pid: JVM " + req.pid() + " on '" + req.host()
                    + "' cannot be profiled: " + jvm.notAttachableReason());
        }
        String key = target(req.host(), req.pid());
        Reservation busy = active.get(key);
        if (busy != null && busy.until().isAfter(Instant.now())) {
            throw ApiException.conflict("JVM " + req.pid() + " on '" + req.host() + "' is already being profiled ("
                    + busy.profileId() + "); wait for it to finish");
        }
        var labels = new LinkedHashMap<String, String>(req.labels());
        String app = labels.getOrDefault("app", jvm.app());
        String release = labels.getOrDefault("release", jvm.release());
        var record = new ProfileRecord(ProfileIds.next(), req.host(), req.pid(), ProfileStatus.QUEUED, null, null,
                req.event(), null, req.interval(), req.duration(), null, Instant.now(), null, null, labels, app,
                release, trigger);
        Reservation reservation = reservation(record);
        active.put(key, reservation);
        long began = System.nanoTime();
        // The record's commit is queued first, then the command goes out without waiting for it: the
        // helper attaches one disk write earlier. The store runs its work in order on one thread, so the
        // helper's reports (and a failure noted below) are applied after the record exists. The caller
        // hears 202 only once the record is on disk, so an acknowledged profile is never lost; a commit
        // that fails, or a controller that dies before it, leaves the helper a profile this controller
        // does not know: its reports are ignored, it is cancelled, and its upload (404) is dropped.
        Future<Void> saved = store.saveProfile(record);
        sendStart(host, record, req);
        LOG.fine(() -> "profile " + record.id() + ": command sent " + micros(began) + " us after the checks");
        return saved
                .onSuccess(v -> LOG.fine(() -> "profile " + record.id() + ": record committed " + micros(began)
                        + " us after the checks"))
                .onFailure(e -> {
                    active.remove(key, reservation);
                    host.session().ifPresent(s -> s.send(new WireMessage.ProfileCancel(s.nextCommandId(), record.id())));
                })
                .map(v -> record);
    }

    private static long micros(long since) {
        return (System.nanoTime() - since) / 1_000;
    }

    /**
     * Asks the profile's helper to stop early ({@code profile.cancel}); what was recorded so far is
     * still uploaded and the helper reports the states as usual.
     */
    public Future<ProfileRecord> cancel(String id) {
        return store.profile(id).compose(found -> {
            ProfileRecord p = found.orElseThrow(() -> ApiException.notFound("no profile '" + id + "'"));
            if (p.state().terminal()) {
                throw ApiException.conflict("profile " + id + " is already " + p.state().wireName());
            }
            var session = fleet.host(p.host()).flatMap(Host::session).orElseThrow(() -> ApiException.conflict(
                    "host '" + p.host() + "' is offline; its helper ends the profile by itself after " + p.duration()));
            return session.send(new WireMessage.ProfileCancel(session.nextCommandId(), id))
                    .recover(e -> Future.failedFuture(new ApiException(504, null, e.getMessage())))
                    .compose(reply -> reply.ok() ? Future.succeededFuture(p)
                            : Future.failedFuture(ApiException.conflict("helper refused: " + reply.message())));
        });
    }

    private void sendStart(Host host, ProfileRecord record, ProfileRequest req) {
        var session = host.session().orElse(null);
        if (session == null) {
            fail(record.id(), "helper of '" + host.name() + "' disconnected before the command could be sent");
            return;
        }
        var labels = new HashMap<String, String>(record.labels());
        if (record.app() != null) {
            labels.putIfAbsent("app", record.app());
        }
        if (record.release() != null) {
            labels.putIfAbsent("release", record.release());
        }
        var command = new WireMessage.ProfileStart(session.nextCommandId(), record.id(), req.pid(), req.duration(),
                req.event(), req.interval(), labels);
        session.send(command).onComplete(ar -> {
            if (ar.failed()) {
                fail(record.id(), ar.cause().getMessage());
            } else if (!ar.result().ok()) {
                fail(record.id(), "helper refused: " + ar.result().message());
            }
        });
    }

    private void fail(String id, String error) {
        store.updateProfile(id, p -> p.state().terminal() ? p : p.withState(ProfileStatus.FAILED, null, error))
                .onSuccess(p -> p.ifPresent(this::settle));
    }

    /**
     * Registers a profile a helper started by itself (a rule fired), so its states and uploads are
     * accepted. Idempotent on the id: a re-sent announcement after a reconnect changes nothing.
     */
    public void onCreated(Host host, WireMessage.ProfileCreated c) {
        var labels = new LinkedHashMap<String, String>(c.labels());
        JvmInfo jvm = host.jvm(c.pid()).orElse(null);
        String app = labels.getOrDefault("app", jvm == null ? null : jvm.app());
        String release = labels.getOrDefault("release", jvm == null ? null : jvm.release());
        Instant created = instant(c.created());
        var record = new ProfileRecord(c.profileId(), host.name(), c.pid(), ProfileStatus.QUEUED, null, null, c.event(),
                null, c.interval(), c.duration(), null, created == null ? Instant.now() : created, null, null, labels,
                app, release, c.trigger());
        store.insertProfileIfAbsent(record)
                .onSuccess(inserted -> {
                    if (inserted) {
                        // the helper runs it already: the JVM is busy whatever the controller thinks; timed from
                        // now, as the helper's clock and a late (re)announcement say nothing of when it ends
                        Duration planned = Durations.parse(c.duration());
                        active.put(target(host.name(), c.pid()), new Reservation(c.profileId(), Instant.now()
                                .plus(planned == null ? Duration.ZERO : planned).plus(RESERVATION_GRACE)));
                    }
                })
                .onFailure(e -> LOG.warning(() -> "could not record profile " + c.profileId() + " of host "
                        + host.name() + ": " + e));
    }

    /** Applies a helper's report; reports for unknown profiles or from the wrong host are ignored with a warning. */
    public void onState(String hostName, WireMessage.ProfileState s) {
        Future<Map<String, String>> artifacts = s.state() == ProfileStatus.DONE
                ? store.artifacts(s.profileId()) : Future.succeededFuture(Map.of());
        artifacts.compose(stored -> store.updateProfile(s.profileId(), p -> {
            if (!p.host().equals(hostName)) {
                LOG.warning(() -> "host " + hostName + " reported on profile " + p.id() + " of host " + p.host());
                return p;
            }
            if (p.state().terminal()) {
                return p;
            }
            if (s.state() == ProfileStatus.DONE && !stored.containsKey(Protocol.RECORDING)) {
                return p.withReport(ProfileStatus.FAILED, s.detail(), "helper reported done but "
                        + Protocol.RECORDING + " was never uploaded", null, s.samples(), null, Instant.now());
            }
            // a helper that leaves the times out still gets them, as the controller saw them
            Instant started = instant(s.started());
            if (started == null && p.started() == null && s.state() == ProfileStatus.PROFILING) {
                started = Instant.now();
            }
            Instant finished = instant(s.finished());
            if (finished == null && p.finished() == null && s.state().terminal()) {
                finished = Instant.now();
            }
            return p.withReport(s.state(), s.detail(), s.error(), s.engine(), s.samples(), started, finished);
        })).onSuccess(p -> {
            if (p.isEmpty()) {
                LOG.warning(() -> "host " + hostName + " reported on unknown profile " + s.profileId());
            }
            p.ifPresent(this::settle);
        }).onFailure(e -> LOG.warning(() -> "could not record state of " + s.profileId() + ": " + e));
    }

    private void settle(ProfileRecord p) {
        if (p.state().terminal()) {
            settledListeners.forEach(l -> l.accept(p));
            String key = target(p.host(), p.pid());
            Reservation r = active.get(key);
            if (r != null && r.profileId().equals(p.id())) {
                active.remove(key);
            }
        }
    }

    private static Reservation reservation(ProfileRecord p) {
        Duration planned = Durations.parse(p.duration());
        return new Reservation(p.id(), p.created().plus(planned == null ? Duration.ZERO : planned)
                .plus(RESERVATION_GRACE));
    }

    private static String target(String host, long pid) {
        return host + ":" + pid;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
