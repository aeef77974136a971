package dev.pyrometer.flame.diff;

/**
 * Decides whether a change in a frame's self samples is more than sampling noise.
 *
 * <p>Test: a two-sided two-proportion z-test on sample counts (x₁ of n₁ in base, x₂ of n₂ in new,
 * pooled variance), with a Bonferroni correction across all frames compared: a change is
 * significant when its p-value is below {@code alpha / frames}. Profiles of the same code vary
 * from run to run more than independent samples would (JIT and GC timing move whole stacks), so a
 * change must also be at least {@code minEffectPct} percentage points of all samples and at least
 * {@code minRelative} of the larger side's share.
 */
public record Significance(double alpha, double minEffectPct, double minRelative) {

    public static Significance defaults() {
        return new Significance(0.01, 0.2, 0.2);
    }

    /** The two-sided p-value of the difference between x1/n1 and x2/n2. */
    public static double pValue(long x1, long n1, long x2, long n2) {
        if (n1 <= 0 || n2 <= 0) {
            return 1.0;
        }
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) {
            return p1 == p2 ? 1.0 : 0.0;
        }
        return erfc(Math.abs(p2 - p1) / se / Math.sqrt(2));
    }

    /** Whether the change passes the corrected test and both effect-size floors. */
    public boolean significant(long x1, long n1, long x2, long n2, double baseShare, double newShare, int frames) {
        double delta = Math.abs(newShare - baseShare);
        if (delta * 100 < minEffectPct || delta < minRelative * Math.max(baseShare, newShare)) {
            return false;
        }
        return pValue(x1, n1, x2, n2) < alpha / Math.max(1, frames);
    }

    /** Complementary error function (Numerical Recipes' Chebyshev fit, relative error under 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
