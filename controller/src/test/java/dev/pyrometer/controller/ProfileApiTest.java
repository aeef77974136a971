package dev.pyrometer.controller;

import static dev.pyrometer.controller.SimulatedHelper.jvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad requests are refused with a status and a message naming the field. */
class ProfileApiTest {
    @TempDir
    static Path data;
    static RunningController controller;
    static SimulatedHelper helper;

    @BeforeAll
    static void start() {
        controller = RunningController.start(data);
        helper = SimulatedHelper.connect(controller.port, "web-1", jvm(4242, "shop", "1.4"));
        RunningController.until(() -> controller.getArray("/api/v1/jvms?host=web-1"), a -> a.size() == 1, "inventory");
    }

    @AfterAll
    static void stop() {
        helper.close();
        controller.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{bad json                                                   | body",
        "[1,2]                                                       | body",
        "{\"pid\":4242}                                              | host",
        "{\"host\":\"web-1\"}                                        | pid",
        "{\"host\":\"web-1\",\"pid\":\"4242\"}                       | pid",
        "{\"host\":\"web-1\",\"pid\":-3}                             | pid",
        "{\"host\":\"web-1\",\"pid\":4242,\"duration\":\"0s\"}       | duration",
        "{\"host\":\"web-1\",\"pid\":4242,\"duration\":\"11m\"}      | duration",
        "{\"host\":\"web-1\",\"pid\":4242,\"duration\":\"soon\"}     | duration",
        "{\"host\":\"web-1\",\"pid\":4242,\"event\":\"gpu\"}         | event",
        "{\"host\":\"web-1\",\"pid\":4242,\"interval\":\"5s\"}       | interval",
        "{\"host\":\"web-1\",\"pid\":4242,\"labels\":[\"a\"]}        | labels",
        "{\"host\":\"web-1\",\"pid\":4242,\"labels\":{\"a b\":\"c\"}} | labels",
        "{\"host\":\"web-1\",\"pid\":999}                            | pid",
    })
    void badInputIs400NamingTheField(String body, String field) {
        var r = controller.post("/api/v1/profiles", body);
        assertEquals(400, r.statusCode(), r.bodyAsString());
        JsonObject error = r.bodyAsJsonObject();
        assertEquals(field, error.getString("field"));
        assertTrue(error.getString("error").startsWith(field + ":"), error.encode());
    }

    @Test
    void jvmsShowTheirHostOnline() {
        var jvm = controller.getArray("/api/v1/jvms").getJsonObject(0);
        assertEquals("online", jvm.getString("host_status"), jvm.encode());
        assertEquals("online", controller.getArray("/api/v1/hosts").getJsonObject(0).getString("status"));
    }

    @Test
    void unknownHostIs404() {
        var r = controller.post("/api/v1/profiles", "{\"host\":\"nowhere\",\"pid\":1}");
        assertEquals(404, r.statusCode());
        assertTrue(r.bodyAsJsonObject().getString("error").contains("nowhere"));
    }

    @Test
    void unknownProfileAndUnknownEndpointAre404() {
        assertEquals(404, controller.get("/api/v1/profiles/p-nope").statusCode());
        assertEquals(404, controller.get("/api/v1/profiles/p-nope/flamegraph.html").statusCode());
        assertEquals(404, controller.get("/api/v1/jvms?host=nowhere").statusCode());
    }

    @Test
    void badListFilterIs400() {
        var r = controller.get("/api/v1/profiles?state=sleeping");
        assertEquals(400, r.statusCode());
        assertEquals("state", r.bodyAsJsonObject().getString("field"));
        assertEquals(400, controller.get("/api/v1/profiles?since=yesterday").statusCode());
    }
}
