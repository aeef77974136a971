package dev.pyrometer.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every example of docs/protocol.md survives encode → decode; bad frames name what is wrong. */
class WireCodecTest {

    @Test
    void everyMessageRoundTrips() {
        var jvm = new JvmInfo(4242, 1L, "app", "com.shop.Main", "17.0.15", 81234, 197.5, 512_000_000L, true, true,
                null, "shop", "1.4");
        List<WireMessage> messages = List.of(
                new WireMessage.Hello("web-7", "0.1.0", "5c2e", 2, 25769803776L),
                new WireMessage.Inventory(List.of(jvm)),
                new WireMessage.Heartbeat("2026-11-22T02:40:00Z"),
                new WireMessage.ProfileState("p-1", ProfileStatus.PROFILING, "attached in 212 ms", "cpu", 2990L,
                        "2026-11-22T02:40:00Z", null, null),
                new WireMessage.Reply("c-17", false, "JVM 4242 is already being profiled"),
                new WireMessage.Error("telemetry", "unknown message type 'telemetry'"),
                new WireMessage.ProfileStart("c-17", "p-1", 4242, "30s", "cpu", "10ms", Map.of("app", "shop")),
                new WireMessage.ProfileCancel("c-18", "p-1"),
                new WireMessage.Ping("c-19"),
                new WireMessage.RulesSet("c-20", List.of(new Rule("r-1", 90, "10s", "30s", "cpu", "10ms", "10m", null,
                        false)), 1),
                new WireMessage.ProfileCreated(ProfileIds.next(), 4242, "cpu", "30s", "10ms",
                        Map.of("app", "shop", "release", "1.4"), Trigger.rule("r-1", 187.5), "2026-11-22T02:40:00Z"));
        for (WireMessage m : messages) {
            assertEquals(m, WireCodec.decode(WireCodec.encode(m)), m.type());
        }
    }

    @Test
    void protocolExamplesParse() {
        var hello = (WireMessage.Hello) WireCodec.decode("{\"type\":\"hello\",\"host\":\"web-7\",\"helper_version\":\"0.1.0\","
                + "\"boot_id\":\"5c2e\",\"cores\":2,\"mem_total_bytes\":25769803776}");
        assertEquals(25769803776L, hello.memTotalBytes());
        var state = (WireMessage.ProfileState) WireCodec.decode(
                "{\"type\":\"profile.state\",\"profile_id\":\"p-1\",\"state\":\"done\",\"samples\":3}");
        assertEquals(ProfileStatus.DONE, state.state());
        assertNull(state.error());
    }

    @Test
    void rulesAndHelperMadeProfilesParseAsDocumented() {
        var set = (WireMessage.RulesSet) WireCodec.decode("{\"type\":\"rules.set\",\"id\":\"c-20\",\"rules\":[{\"id\":\"r-1\","
                + "\"cpu_percent\":90,\"for\":\"10s\",\"duration\":\"30s\",\"event\":\"cpu\",\"interval\":\"10ms\","
                + "\"cooldown\":\"10m\",\"app\":null,\"lookback\":false}],\"max_concurrent\":1}");
        assertEquals(90.0, set.rules().get(0).cpuPercent());
        assertEquals("10s", set.rules().get(0).forDuration());
        var created = (WireMessage.ProfileCreated) WireCodec.decode("{\"type\":\"profile.created\","
                + "\"profile_id\":\"p-01JDQ4ZC8M3K6W0E5TQ4R7B2XN\",\"pid\":4242,\"event\":\"cpu\",\"duration\":\"30s\","
                + "\"interval\":\"10ms\",\"labels\":{\"app\":\"shop\",\"release\":\"1.4\"},\"trigger\":{\"kind\":\"rule\","
                + "\"rule\":\"r-1\",\"observed_cpu_percent\":187.5},\"created\":\"2026-11-22T02:40:00Z\"}");
        assertEquals(187.5, created.trigger().observedCpuPercent());
        assertTrue(ProfileIds.valid(created.profileId()));
        assertTrue(assertThrows(WireFormatException.class, () -> WireCodec.decode("{\"type\":\"profile.created\","
                + "\"profile_id\":\"p-1\",\"pid\":1,\"event\":\"cpu\",\"duration\":\"30s\",\"created\":\"x\","
                + "\"trigger\":{\"kind\":\"cron\"}}")).getMessage().contains("kind"));
    }

    @Test
    void profileIdsHaveOneShape() {
        for (int i = 0; i < 100; i++) {
            assertTrue(ProfileIds.valid(ProfileIds.next()));
        }
        assertTrue(!ProfileIds.valid("p-1") && !ProfileIds.valid("../etc") && !ProfileIds.valid(null));
    }

    @Test
    void badFramesNameTheProblem() {
        assertTrue(assertThrows(WireFormatException.class, () -> WireCodec.decode("not json")).getMessage().contains("JSON"));
        assertTrue(assertThrows(WireFormatException.class, () -> WireCodec.decode("{}")).getMessage().contains("type"));
        var unknown = assertThrows(WireCodec.UnknownTypeException.class, () -> WireCodec.decode("{\"type\":\"x\"}"));
        assertEquals("x", unknown.unknownType());
        assertTrue(assertThrows(WireFormatException.class,
                () -> WireCodec.decode("{\"type\":\"profile.start\",\"id\":\"c\",\"profile_id\":\"p\",\"pid\":\"1\"}"))
                .getMessage().contains("pid"));
        assertTrue(assertThrows(WireFormatException.class,
                () -> WireCodec.decode("{\"type\":\"profile.state\",\"profile_id\":\"p\",\"state\":\"sleeping\"}"))
                .getMessage().contains("sleeping"));
    }

    @Test
    void durations() {
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMillis(10), Durations.parse("10ms"));
        assertEquals(Duration.ofNanos(500_000), Durations.parse("500us"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertNull(Durations.parse("soon"));
        assertNull(Durations.parse("-1s"));
    }
}
