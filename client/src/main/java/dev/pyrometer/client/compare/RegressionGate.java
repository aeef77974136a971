package dev.pyrometer.client.compare;

import dev.pyrometer.client.json.JsonFields;
import java.util.List;

/**
 * The CI gate of {@code compare --fail-on-regression}: a frame fails it when its self time grew by more
 * than {@code maxPoints} percentage points and the controller found the change significant.
 */
record RegressionGate(double maxPoints) {

    List<JsonFields> offenders(List<JsonFields> changes) {
        return changes.stream()
                .filter(c -> c.flag("significant") && c.number("delta_pct", 0) > maxPoints)
                .toList();
    }
}
