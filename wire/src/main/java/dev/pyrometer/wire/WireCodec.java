package dev.pyrometer.wire;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/** Turns one text frame into a {@link WireMessage} and back. */
public final class WireCodec {
    private WireCodec() {
    }

    public static String encode(WireMessage message) {
        return message.toJson().encode();
    }

    /**
     * Parses a frame.
     *
     * @throws WireFormatException on bad JSON, a missing field, or an unknown {@code type}
     *     (then {@link UnknownTypeException}, so the receiver can answer with an {@code error} naming it)
     */
    public static WireMessage decode(String frame) {
        JsonObject o;
        try {
            o = new JsonObject(frame);
        } catch (DecodeException | ClassCastException e) {
            throw new WireFormatException("frame is not a JSON object");
        }
        String type = o.getString("type");
        if (type == null) {
            throw new WireFormatException("field 'type' is missing");
        }
        return switch (type) {
            case WireMessage.Hello.TYPE -> WireMessage.Hello.from(o);
            case WireMessage.Inventory.TYPE -> WireMessage.Inventory.from(o);
            case WireMessage.Heartbeat.TYPE -> new WireMessage.Heartbeat(o.getString("sent"));
            case WireMessage.ProfileState.TYPE -> WireMessage.ProfileState.from(o);
            case WireMessage.Reply.TYPE -> new WireMessage.Reply(Fields.text(o, "re"), o.getBoolean("ok", false),
                    o.getString("message"));
            case WireMessage.Error.TYPE -> new WireMessage.Error(o.getString("re"), o.getString("message"));
            case WireMessage.ProfileStart.TYPE -> WireMessage.ProfileStart.from(o);
            case WireMessage.ProfileCancel.TYPE -> new WireMessage.ProfileCancel(Fields.text(o, "id"),
                    Fields.text(o, "profile_id"));
            case WireMessage.ProfileCreated.TYPE -> WireMessage.ProfileCreated.from(o);
            case WireMessage.RulesSet.TYPE -> WireMessage.RulesSet.from(o);
            case WireMessage.Ping.TYPE -> new WireMessage.Ping(Fields.text(o, "id"));
            default -> throw new UnknownTypeException(type);
        };
    }

    /** A well-formed frame whose {@code type} this version does not know. */
    public static final class UnknownTypeException extends WireFormatException {
        private final String type;

        public UnknownTypeException(String type) {
            super("unknown message type '" + type + "'");
            this.type = type;
        }

        public String unknownType() {
            return type;
        }
    }
}
