package dlmc.core.scheme;

/**
 * Tests on a spectrum stored in a {@code double[]}: finiteness and membership of the open Weyl
 * chamber {λ_1 < ... < λ_n}. Pure functions, no allocation.
 */
final class Chamber {
    private Chamber() {
    }

    /** @return true if every entry of {@code x[0..n)} is finite. Not modified. */
    static boolean allFinite(double[] x, int n) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                return false;
            }
        }
        return true;
    }

    /** @return true if {@code x[0] < x[1] < ... < x[n-1]} (strict; NaN gives false). Not modified. */
    static boolean strictlyAscending(double[] x, int n) {
        for (int i = 1; i < n; i++) {
            if (!(x[i] > x[i - 1])) {
                return false;
            }
        }
        return true;
    }

    /** @return min_i (x[i+1] − x[i]); +∞ for n &lt; 2. Not modified. */
    static double minGap(double[] x, int n) {
        double g = Double.POSITIVE_INFINITY;
        for (int i = 1; i < n; i++) {
            g = Math.min(g, x[i] - x[i - 1]);
        }
        return g;
    }
}
