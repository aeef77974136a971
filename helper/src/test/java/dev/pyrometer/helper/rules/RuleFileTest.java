package dev.pyrometer.helper.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code --rules} file: read with defaults, or refused with the rule and the field named. */
class RuleFileTest {
    @TempDir
    Path dir;

    @Test
    void readsRulesWithDefaults() throws Exception {
        Path file = Files.writeString(dir.resolve("rules.json"), """
                [{"id":"hot","cpu_percent":150,"for":"10s","duration":"30s"},
                 {"id":"shop","cpu_percent":300,"for":"5s","duration":"20s","event":"wall","cooldown":"1h",
                  "app":"shop","lookback":true}]""");
        List<RuleConfig> rules = RuleFile.load(file);
        assertEquals(2, rules.size());
        assertEquals("cpu", rules.get(0).wire().event());
        assertEquals(Duration.ofMinutes(10), rules.get(0).cooldown());
        assertEquals(120.0, rules.get(0).rearmPercent(), 1e-9);
        assertTrue(rules.get(1).wire().lookback());
        assertTrue(rules.get(1).matches("shop") && !rules.get(1).matches("billing"));
    }

    @Test
    void namesTheRuleAndTheFieldThatIsWrong() throws Exception {
        assertEquals("rules file " + dir.resolve("a.json") + ", rule #2 ('b'): field 'for' must be a duration from"
                        + " 1s to 1h like 30s or 10m, got 'soon'",
                refusal("a.json", "[{\"id\":\"a\",\"cpu_percent\":50,\"for\":\"1s\",\"duration\":\"5s\"},"
                        + "{\"id\":\"b\",\"cpu_percent\":50,\"for\":\"soon\",\"duration\":\"5s\"}]"));
        assertTrue(refusal("b.json", "[{\"id\":\"a\",\"cpu_percent\":0.5,\"for\":\"1s\",\"duration\":\"5s\"}]")
                .contains("field 'cpu_percent' must be from 1 to 6400"));
        assertTrue(refusal("c.json", "[{\"id\":\"a\",\"cpu_percent\":50,\"for\":\"1s\",\"duration\":\"5m\","
                + "\"cooldown\":\"1m\"}]").contains("field 'cooldown' must be a duration from 5m"));
        assertTrue(refusal("d.json", "[{\"id\":\"a\",\"cpu_percent\":50,\"for\":\"1s\",\"duration\":\"5s\","
                + "\"event\":\"rm -rf\"}]").contains("field 'event' must be one of"));
        assertTrue(refusal("e.json", "{\"id\":\"a\"}").contains("is not a JSON array of rules"));
        assertTrue(refusal("f.json", "[{\"cpu_percent\":50,\"for\":\"1s\",\"duration\":\"5s\"}]").contains("'id'"));
        assertTrue(refusal("g.json", "[{\"id\":\"a\",\"cpu_percent\":50,\"for\":\"1s\",\"duration\":\"5s\"},"
                + "{\"id\":\"a\",\"cpu_percent\":60,\"for\":\"1s\",\"duration\":\"5s\"}]").contains("used twice"));
    }

    private String refusal(String name, String json) throws Exception {
        Path file = Files.writeString(dir.resolve(name), json);
        return assertThrows(IllegalArgumentException.class, () -> RuleFile.load(file)).getMessage();
    }
}
