package dlmc.core.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dlmc.core.theory.SemicircleLaw;
import org.junit.jupiter.api.Test;

class BulkUnfoldingTest {
    /** Bisection to 1e-15 of the unit quantile, then n F: differences of O(n) numbers, a few ulps of n. */
    private static final double QUANTILE_TOL = 1e-12;

    /** u with F(u) = q, by bisection (F is increasing). */
    static double quantile(double q) {
        double lo = -1;
        double hi = 1;
        for (int k = 0; k < 80; k++) {
            final double mid = 0.5 * (lo + hi);
            if (BulkUnfolding.semicircleCdf(mid) < q) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    @Test
    void cdfIsTheSemicircleCdf() {
        final SemicircleLaw law = new SemicircleLaw(3.0);
        for (double x = -3.5; x <= 3.5; x += 0.25) {
            assertEquals(law.cdf(x), BulkUnfolding.semicircleCdf(x / 3.0), 1e-15, "x = " + x);
        }
        assertEquals(0.5, BulkUnfolding.semicircleCdf(0), 0.0);
    }

    /**
     * Eigenvalues at the semicircle quantiles (i + 1/2)/n unfold to x_i = i + 1/2: every spacing is
     * 1 and the kept ones are those with i + 1/2 ∈ [n/4, 3n/4).
     */
    @Test
    void quantileSpectrumUnfoldsToUnitSpacingsInTheWindow() {
        for (int n : new int[] {4, 5, 8, 33, 64}) {
            final double r = 2 * Math.sqrt(n);
            final double[] lambda = new double[n];
            for (int i = 0; i < n; i++) {
                lambda[i] = r * quantile((i + 0.5) / n);
            }
            final double[] out = new double[n - 1];
            final int k = BulkUnfolding.bulkSpacings(lambda, r, out);
            int expected = 0;
            for (int i = 0; i < n - 1; i++) {
                if (i + 0.5 >= n / 4.0 && i + 0.5 < 3 * n / 4.0) {
                    expected++;
                }
            }
            assertEquals(expected, k, "n = " + n);
            for (int j = 0; j < k; j++) {
                assertEquals(1.0, out[j], QUANTILE_TOL, "n = " + n + " spacing " + j);
            }
        }
    }

    @Test
    void leftEndDecidesAndOutsideTheSupportIsClamped() {
        // n = 4, R = 1: window [1, 3) of x = 4 F(λ). λ = −2 (x = 0), −0.3 (x ≈ 1.6), 0.3 (x ≈ 2.4), 5 (x = 4).
        final double[] lambda = {-2, -0.3, 0.3, 5};
        final double[] out = new double[3];
        assertEquals(2, BulkUnfolding.bulkSpacings(lambda, 1.0, out));
        final double x1 = 4 * BulkUnfolding.semicircleCdf(-0.3);
        final double x2 = 4 * BulkUnfolding.semicircleCdf(0.3);
        assertEquals(x2 - x1, out[0], 1e-15);
        assertEquals(4 - x2, out[1], 1e-15, "the right end may leave the window (and the support)");
        assertThrows(IllegalArgumentException.class, () -> BulkUnfolding.bulkSpacings(lambda, 0.0, out));
        assertThrows(IllegalArgumentException.class, () -> BulkUnfolding.bulkSpacings(lambda, 1.0, new double[2]));
    }
}
