package dev.pyrometer.controller.compare;

import dev.pyrometer.flame.model.FlameTree;
import java.util.HashMap;
import java.util.Map;

/** One profile's self time per frame name, as a share of that profile's own samples. */
final class FrameShares {
    private FrameShares() {
    }

    static Map<String, Double> of(FlameTree tree) {
        var shares = new HashMap<String, Double>();
        long samples = tree.samples();
        if (samples == 0) {
            return shares;
        }
        for (int node = 1; node < tree.size(); node++) {
            long self = tree.self(node);
            if (self > 0) {
                shares.merge(tree.frames().name(tree.frame(node)), (double) self / samples, Double::sum);
            }
        }
        return shares;
    }
}
