package dev.pyrometer.flame;

/**
 * How one frame (by name, all its places in the tree together) changed between base and new, in
 * percent of each side's samples; {@code significant} is the verdict of {@link dev.pyrometer.flame.diff.Significance}.
 */
public record Change(String frame, double baseSelfPct, double newSelfPct, double deltaPct,
                     double baseTotalPct, double newTotalPct, boolean significant) {
}
