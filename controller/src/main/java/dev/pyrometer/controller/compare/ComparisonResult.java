package dev.pyrometer.controller.compare;

import dev.pyrometer.flame.Change;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A release comparison: how many profiles and samples each side merged, the ranked changes and the
 * key of the differential flame graph on disk.
 */
public record ComparisonResult(int baseProfiles, long baseSamples, int newProfiles, long newSamples,
                               List<Change> changes, String test, String flamegraphKey) {

    public JsonObject toJson(String flamegraphUrl) {
        var array = new JsonArray();
        for (Change c : changes) {
            array.add(new JsonObject().put("frame", c.frame()).put("base_self_pct", round(c.baseSelfPct()))
                    .put("new_self_pct", round(c.newSelfPct())).put("delta_pct", round(c.deltaPct()))
                    .put("base_total_pct", round(c.baseTotalPct())).put("new_total_pct", round(c.newTotalPct()))
                    .put("significant", c.significant()));
        }
        return new JsonObject()
                .put("base", new JsonObject().put("profiles", baseProfiles).put("samples", baseSamples))
                .put("new", new JsonObject().put("profiles", newProfiles).put("samples", newSamples))
                .put("test", test)
                // The test can rarely mark anything with so few replicates: clients say so rather than guess.
                .put("few_profiles", ReplicateSignificance.fewProfiles(baseProfiles, newProfiles))
                .put("changes", array).put("flamegraph", flamegraphUrl);
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
