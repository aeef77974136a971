package dev.pyrometer.client.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client's small JSON reader and writer, on what the API sends and what the client posts. */
class JsonTest {

    @Test
    void readsEveryKindOfValue() {
        Object v = JsonReader.parse(" {\"a\":[1,-2.5e1,true,false,null],\"s\":\"q\\\"\\\\\\/\\n\\u00e9\",\"o\":{}} ");
        var f = JsonFields.of(v);
        assertEquals(List.of(1L, -25.0, true, false), ((List<?>) f.raw("a")).subList(0, 4));
        assertEquals("q\"\\/\né", f.text("s"));
        assertEquals(Map.of(), f.raw("o"));
        assertEquals("", f.text("missing"));
    }

    @Test
    void writesWhatItReads() {
        var body = new LinkedHashMap<String, Object>();
        body.put("host", "web \"7\"\n");
        body.put("pid", 4242L);
        body.put("cpu_percent", 90.5);
        body.put("labels", Map.of("k", "v"));
        body.put("ids", List.of("p-1", "p-2"));
        body.put("ctl", "\u0001");
        String json = JsonWriter.write(body);
        assertEquals("{\"host\":\"web \\\"7\\\"\\n\",\"pid\":4242,\"cpu_percent\":90.5,\"labels\":{\"k\":\"v\"},"
                + "\"ids\":[\"p-1\",\"p-2\"],\"ctl\":\"\\u0001\"}", json);
        assertEquals(body, JsonReader.parse(json));
    }

    @Test
    void wholeNumbersReadAsIntegersInTables() {
        var f = JsonFields.of(JsonReader.parse("{\"n\":3.0,\"m\":3.25}"));
        assertEquals("3", f.text("n"));
        assertEquals("3.25", f.text("m"));
    }

    @Test
    void badJsonSaysWhere() {
        var e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\"a\":1,}"));
        assertTrue(e.getMessage().startsWith("bad JSON at offset 7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("[1] x"));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("\"open"));
        assertThrows(IllegalArgumentException.class, () -> JsonFields.list(JsonReader.parse("{}")));
    }
}
