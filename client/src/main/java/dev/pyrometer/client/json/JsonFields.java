package dev.pyrometer.client.json;

import java.util.List;
import java.util.Map;

/** Read access to one JSON object from the API, tolerant of absent fields (older or newer controllers). */
public record JsonFields(Map<String, Object> map) {

    /** The object {@code value} must be; a non-object is an API the client does not understand. */
    @SuppressWarnings("unchecked")
    public static JsonFields of(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("expected a JSON object, got " + describe(value));
        }
        return new JsonFields((Map<String, Object>) m);
    }

    /** Every element of a JSON array of objects. */
    public static List<JsonFields> list(Object value) {
        if (!(value instanceof List<?> l)) {
            throw new IllegalArgumentException("expected a JSON array, got " + describe(value));
        }
        return l.stream().map(JsonFields::of).toList();
    }

    public boolean has(String key) {
        return map.get(key) != null;
    }

    /** The field as display text: empty when absent or null, whole numbers without ".0". */
    public String text(String key) {
        Object v = map.get(key);
        if (v == null) {
            return "";
        }
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        return v.toString();
    }

    public double number(String key, double fallback) {
        return map.get(key) instanceof Number n ? n.doubleValue() : fallback;
    }

    public boolean flag(String key) {
        return Boolean.TRUE.equals(map.get(key));
    }

    public JsonFields object(String key) {
        Object v = map.get(key);
        return v == null ? new JsonFields(Map.of()) : of(v);
    }

    public Object raw(String key) {
        return map.get(key);
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
