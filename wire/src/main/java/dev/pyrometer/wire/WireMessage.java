package dev.pyrometer.wire;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Every message of docs/protocol.md as a record; {@link WireCodec} turns frames into these and back.
 */
public sealed interface WireMessage {

    /** The value of the frame's {@code type} field. */
    String type();

    /** This message as the JSON object sent in one text frame. */
    JsonObject toJson();

    // ---- helper -> controller -------------------------------------------------------------

    /** First frame after every (re)connect: who the helper is. */
    record Hello(String host, String helperVersion, String bootId, int cores, long memTotalBytes)
            implements WireMessage {
        public static final String TYPE = "hello";

        public String type() {
            return TYPE;
        }

        public JsonObject toJson() {
            return new JsonObject().put("type", TYPE).put("host", host).put("helper_version", helperVersion)
                    .put("boot_id", bootId).put("cores", cores).put("mem_total_bytes", memTotalBytes);
        }

        static Hello from(JsonObject o) {
            return new Hello(Fields.text(o, "host"), o.getString("helper_version"), o.getString("boot_id"),
                    o.getInteger("cores", 0), o.getLong("mem_total_bytes", 0L));
        }
    }

    /** The JVMs on the helper's host, complete each time (not a delta). */
    record Inventory(List<JvmInfo> jvms) implements WireMessage {
        public static final String TYPE = "inventory";

        public Inventory {
            jvms = List.copyOf(jvms);
        }

        public String type() {
            return TYPE;
        }

        public JsonObject toJson() {
            var array = new JsonArray();
            jvms.forEach(j -> array.add(j.toJson()));
            return new JsonObject().put("type", TYPE).put("jvms", array);
        }

        static Inventory from(JsonObject o) {
            JsonArray array = o.getJsonArray("jvms");
            if (array == null) {
                throw new WireFormatException("inventory: field 'jvms' is missing");
            }
            var list = new java.util.ArrayList<JvmInfo>(array.size());
            for (int i = 0; i < array.size(); i++) {
                list.add(JvmInfo.from(array.getJsonObject(i)));
            }
            return new Inventory(list);
        }
    }

    /** Sent every {@link Protocol#HEARTBEAT_INTERVAL}; any frame counts as a sign of life. */
    record Heartbeat(String sent) implements WireMessage {
        public static final String TYPE = "heartbeat";

        public String type() {
            return TYPE;
        }

        public JsonObject toJson() {
            return new JsonObject().put("type", TYPE).put("sent", sent);
        }
    }

    /** A profile moved to a new state on the helper. */
    record ProfileState(String profileId, ProfileStatus state, String detail, String engine, Long samples,
                        String started, String finished, String error) implements WireMessage {
        public static final String TYPE = "profile.state";

        public String type() {
            return TYPE;
        }

        public JsonObject toJson() {
            return new JsonObject().put("type", TYPE).put("profile_id", profileId).put("state", state.wireName())
                    .put("detail", detail).put("engine", engine).put("samples", samples)
                    .put("started", started).put("finished", finished).put("error", error);
        }

        static ProfileState from(JsonObject o) {
            return new ProfileState(Fields.text(o, "profile_id"), ProfileStatus.parse(Fields.text(o, "state")),
                    o.getString("detail"), o.getString("engine"), o.getLong("samples"), o.getString("started"),
                    o.getString("finished"), o.getString("error"));
        }
    }

    /** A profile the helper started by itself (a rule fired); sent before that profile's first {@code profile.state}. */
    record ProfileCreated(String profileId, long pid, String event, String duration, String interval,
                          Map<String, String> labels, Trigger trigger, String created) implements WireMessage {
        public static final String TYPE = "profile.created";

        public ProfileCreated {
            labels = Map.copyOf(labels);
        }

        public String type() {
            return TYPE;
        }

        public JsonObject toJson() {
            return new JsonObject().put("type", TYPE).put("profile_id", profileId).put("pid", pid).put("event", event)
                    .put("duration", duration).put("interval", interval)
                    .put("labels", new JsonObject(new java.util.LinkedHashMap<>(labels)))
                    .put("trigger", trigger.toJson()).put("created", created);
        }

        static ProfileCreated from(JsonObject o) {
            var labels = new java.util.LinkedHashMap<String, String>();
            o.getJsonObject("labels", new JsonObject()).forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
            return new ProfileCreated(Fields.text(o, "profile_id"), Fields.number(o, "pid"), Fields.text(o, "event"),
                    Fields.text(o, "duration"), o.getString("interval"), labels, Trigger.from(o.getJsonObject("trigger")),
                    Fields.text(o, "created"));
        }
    }

    /** The helper's answer to the controller command whose {@code id} is {@code re}. */
    record Reply(String re, boolean ok, String message) implements WireMessage {
        public static final String TYPE = "reply";

        public String type() {
            return TYPE;
        }

        public JsonObject toJson() {
            return new JsonObject().put("type", TYPE).put("re", re).put("ok", ok).put("message", message);
        }
    }

    /** Either side's answer to a frame it could not understand; the connection stays open. */
    record Error(String re, String message) implements WireMessage {
        public static final String TYPE = "error";

        public String type() {
            return TYPE;
        }

        public JsonObject toJson() {
            return new JsonObject().put("type", TYPE).put("re", re).put("message", message);
        }
    }

    // ---- controller -> helper -------------------------------------------------------------

    /** A command from the controller; each carries an {@code id} the helper's {@link Reply} names. */
    sealed interface Command extends WireMessage {
        String id();
    }

    /** Start profiling one JVM; duration and interval use {@link Durations} syntax. */
    record ProfileStart(String id, String profileId, long pid, String duration, String event, String interval,
                        Map<String, String> labels) implements Command {
        public static final String TYPE = "profile.start";

        public ProfileStart {
            labels = Map.copyOf(labels);
        }

        public String type() {
            return TYPE;
        }

        public JsonObject toJson() {
            return new JsonObject().put("type", TYPE).put("id", id).put("profile_id", profileId).put("pid", pid)
                    .put("duration", duration).put("event", event).put("interval", interval)
                    .put("labels", new JsonObject(new java.util.LinkedHashMap<>(labels)));
        }

        static ProfileStart from(JsonObject o) {
            var labels = new java.util.LinkedHashMap<String, String>();
            JsonObject l = o.getJsonObject("labels", new JsonObject());
            l.forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
            return new ProfileStart(Fields.text(o, "id"), Fields.text(o, "profile_id"), Fields.number(o, "pid"),
                    Fields.text(o, "duration"), Fields.text(o, "event"), o.getString("interval"), labels);
        }
    }

    /** Stop a running profile early; what was recorded so far is still uploaded. */
    record ProfileCancel(String id, String profileId) implements Command {
        public static final String TYPE = "profile.cancel";

        public String type() {
            return TYPE;
        }

        public JsonObject toJson() {
            return new JsonObject().put("type", TYPE).put("id", id).put("profile_id", profileId);
        }
    }

    /**
     * The complete set of rules this helper evaluates (replaces the previous set; empty clears it);
     * {@code maxConcurrent} caps how many rule-started profiles run at once on the host.
     */
    record RulesSet(String id, List<Rule> rules, int maxConcurrent) implements Command {
        public static final String TYPE = "rules.set";

        public RulesSet {
            rules = List.copyOf(rules);
        }

        public String type() {
            return TYPE;
        }

        public JsonObject toJson() {
            var array = new JsonArray();
            rules.forEach(r -> array.add(r.toJson()));
            return new JsonObject().put("type", TYPE).put("id", id).put("rules", array)
                    .put("max_concurrent", maxConcurrent);
        }

        static RulesSet from(JsonObject o) {
            JsonArray array = o.getJsonArray("rules");
            if (array == null) {
                throw new WireFormatException("rules.set: field 'rules' is missing");
            }
            var list = new java.util.ArrayList<Rule>(array.size());
            for (int i = 0; i < array.size(); i++) {
                list.add(Rule.from(array.getJsonObject(i)));
            }
            return new RulesSet(Fields.text(o, "id"), list, o.getInteger("max_concurrent", 1));
        }
    }

    /** Liveness probe and round-trip measurement; the helper replies {@code ok}. */
    record Ping(String id) implements Command {
        public static final String TYPE = "ping";

        public String type() {
            return TYPE;
        }

        public JsonObject toJson() {
            return new JsonObject().put("type", TYPE).put("id", id);
        }
    }
}
