package dev.pyrometer.helper.rules;

import dev.pyrometer.wire.Rule;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Rules from the helper's own file ({@code serve --rules FILE}): a JSON array of objects with the wire
 * {@link Rule}'s fields, so a host profiles itself even if it never reaches a controller.
 */
public final class RuleFile {
    private RuleFile() {
    }

    /** Reads and checks every rule; throws {@link IllegalArgumentException} naming the file, the rule and the field. */
    public static List<RuleConfig> load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read rules file " + file + ": " + e.getMessage());
        }
        JsonArray array;
        try {
            array = new JsonArray(text);
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("rules file " + file + " is not a JSON array of rules: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        return parse(array, "rules file " + file);
    }

    static List<RuleConfig> parse(JsonArray array, String where) {
        List<RuleConfig> rules = new ArrayList<>();
        var ids = new HashSet<String>();
        for (int i = 0; i < array.size(); i++) {
            String at = where + ", rule #" + (i + 1);
            if (!(array.getValue(i) instanceof JsonObject o)) {
                throw new IllegalArgumentException(at + ": must be an object like {\"id\":\"hot\",\"cpu_percent\":150,"
                        + "\"for\":\"10s\",\"duration\":\"30s\",\"event\":\"cpu\",\"cooldown\":\"10m\"}");
            }
            at += o.getValue("id") instanceof String id ? " ('" + id + "')" : "";
            try {
                RuleConfig rule = RuleConfig.of(Rule.from(o.copy().put("event", o.getValue("event", "cpu"))
                        .put("cooldown", o.getValue("cooldown", "10m"))));
                if (!ids.add(rule.id())) {
                    throw new IllegalArgumentException("field 'id' '" + rule.id() + "' is used twice");
                }
                rules.add(rule);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(at + ": " + e.getMessage());
            }
        }
        return List.copyOf(rules);
    }
}
