package dev.pyrometer.client.json;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request body built from options: what the user left out is not sent, so the controller's defaults apply. */
public final class JsonBody {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** Adds {@code field} unless {@code value} is null or an empty map. */
    public JsonBody with(String field, Object value) {
        if (value != null && !(value instanceof Map<?, ?> m && m.isEmpty())) {
            fields.put(field, value instanceof JsonBody nested ? nested.fields : value);
        }
        return this;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public String toJson() {
        return JsonWriter.write(fields);
    }
}
