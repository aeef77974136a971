package dev.pyrometer.controller.compare;

/**
 * Welch's unequal-variance t-test, two-sided, and Holm's step-down correction: each profile is one
 * replicate, so run-to-run variation (JIT, GC, load) counts as noise, not only sampling error.
 */
final class WelchTest {
    private WelchTest() {
    }

    /** Two-sided p-value that samples {@code a} and {@code b} have the same mean; each needs at least 2 values. */
    static double pValue(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double va = variance(a, ma) / a.length;
        double vb = variance(b, mb) / b.length;
        double se2 = va + vb;
        if (se2 == 0) {
            return ma == mb ? 1.0 : 0.0;
        }
        double t = (mb - ma) / Math.sqrt(se2);
        double df = se2 * se2 / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        return regularizedBeta(df / (df + t * t), df / 2, 0.5);
    }

    /**
     * Holm's correction: which of the hypotheses with these p-values are rejected at family-wise
     * error {@code alpha} (smallest p against alpha/m, next against alpha/(m-1), ... until one fails).
     */
    static boolean[] holm(double[] p, double alpha) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(p[x], p[y]));
        boolean[] rejected = new boolean[p.length];
        for (int rank = 0; rank < order.length; rank++) {
            if (p[order[rank]] >= alpha / (order.length - rank)) {
                break;
            }
            rejected[order[rank]] = true;
        }
        return rejected;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }

    /** I_x(a, b) by the continued fraction of Numerical Recipes (betai/betacf). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    private static double continuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 300; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 / nonZero(1 + aa * d);
            c = nonZero(1 + aa / c);
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 / nonZero(1 + aa * d);
            c = nonZero(1 + aa / c);
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-12) {
                break;
            }
        }
        return h;
    }

    private static double nonZero(double v) {
        return Math.abs(v) < 1e-300 ? 1e-300 : v;
    }

    /** Lanczos approximation of ln Γ(x), x > 0. */
    static double logGamma(double x) {
        double[] g = {76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155,
            0.1208650973866179e-2, -0.5395239384953e-5};
        double y = x;
        double tmp = x + 5.5;
        tmp -= (x + 0.5) * Math.log(tmp);
        double ser = 1.000000000190015;
        for (double c : g) {
            ser += c / ++y;
        }
        return -tmp + Math.log(2.5066282746310005 * ser / x);
    }
}
