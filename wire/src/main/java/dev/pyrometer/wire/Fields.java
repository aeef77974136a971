package dev.pyrometer.wire;

import io.vertx.core.json.JsonObject;

/** Reads required fields with an error that names the field. */
final class Fields {
    private Fields() {
    }

    static String text(JsonObject o, String name) {
        Object v = o.getValue(name);
        if (!(v instanceof String s) || s.isEmpty()) {
            throw new WireFormatException("field '" + name + "' must be a non-empty string");
        }
        return s;
    }

    static long number(JsonObject o, String name) {
        Object v = o.getValue(name);
        if (!(v instanceof Number n)) {
            throw new WireFormatException("field '" + name + "' must be a number");
        }
        return n.longValue();
    }
}
