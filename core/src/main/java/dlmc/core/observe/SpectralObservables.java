package dlmc.core.observe;

/** Observables of an ascending spectrum (pure functions, no allocation). */
public final class SpectralObservables {
    private SpectralObservables() {
    }

    /**
     * Σ_{i<j} log(λ_j − λ_i) for an ascending spectrum; −∞ if two values coincide (n = 1 gives 0).
     *
     * @param ascending Not modified.
     */
    public static double logVandermonde(double[] ascending) {
        double s = 0;
        final int n = ascending.length;
        for (int i = 0; i < n; i++) {
            final double li = ascending[i];
            for (int j = i + 1; j < n; j++) {
                s += Math.log(ascending[j] - li);
            }
        }
        return s;
    }

    /** ½ Σ λ_i². */
    public static double halfSumSquares(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return 0.5 * s;
    }

    /** (1/n) Σ λ_i^k, k ≥ 1. */
    public static double moment(double[] x, int k) {
        double s = 0;
        for (double v : x) {
            s += Math.pow(v, k);
        }
        return s / x.length;
    }
}
