package dlmc.core.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MomentAccumulatorTest {
    /**
     * One-pass updates vs a two-pass reference on 1000 O(1)-spread values offset by 1e3: both are
     * backward stable, observed differences are ~1e-14 relative; 1e-12 relative leaves margin.
     */
    private static final double REL_TOL = 1e-12;

    /** Deterministic, irregular test data (no generator needed): offset 1e3 to expose cancellation. */
    static double[] data(int m, double offset) {
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = offset + Math.sin(1.7 * i) * Math.exp(Math.cos(0.3 * i)) + 0.01 * i % 0.7;
        }
        return x;
    }

    /** Two-pass reference: {mean, unbiased variance, μ3, μ4} with μk = Σ(x − x̄)^k / m. */
    static double[] twoPass(double[] x, int from, int to) {
        final int m = to - from;
        double mean = 0;
        for (int i = from; i < to; i++) {
            mean += x[i];
        }
        mean /= m;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        for (int i = from; i < to; i++) {
            double d = x[i] - mean;
            s2 += d * d;
            s3 += d * d * d;
            s4 += d * d * d * d;
        }
        return new double[] {mean, s2 / (m - 1), s3 / m, s4 / m};
    }

    private static void assertRel(double expected, double actual, String what) {
        assertEquals(expected, actual, REL_TOL * Math.max(1e-300, Math.abs(expected)), what);
    }

    private static void assertMatches(double[] ref, MomentAccumulator a, double offset, String where) {
        assertRel(ref[0], a.mean(), "mean " + where);
        assertRel(ref[1], a.variance(), "variance " + where);
        // μ3 is a small difference of O(1) terms for this nearly symmetric data, so its natural
        // scale is μ2^{3/2}; and each deviation x − x̄ carries an absolute rounding of ulp(offset),
        // so both computations are only accurate to ~ε·(offset/σ) relative: condition number factor.
        double sigma = Math.sqrt(ref[1]);
        double mu3Tol = REL_TOL * Math.pow(ref[1], 1.5) * Math.max(1.0, Math.abs(offset) / sigma);
        assertEquals(ref[2], a.thirdCentralMoment(), mu3Tol, "mu3 " + where);
        assertRel(ref[3], a.fourthCentralMoment(), "mu4 " + where);
    }

    @Test
    void acceptMatchesTwoPass() {
        for (double offset : new double[] {0, 1e3}) {
            double[] x = data(1000, offset);
            MomentAccumulator a = new MomentAccumulator();
            for (double v : x) {
                a.accept(v);
            }
            assertEquals(1000, a.count());
            assertMatches(twoPass(x, 0, x.length), a, offset, "offset=" + offset);
            double[] ref = twoPass(x, 0, x.length);
            assertRel(Math.sqrt(ref[1] / 1000), a.standardErrorOfMean(), "sem");
            double expectedVarSe = Math.sqrt((ref[3] - ref[1] * ref[1] * 997.0 / 999.0) / 1000);
            assertRel(expectedVarSe, a.varianceStandardError(), "variance s.e.");
        }
    }

    @Test
    void combineEqualsAcceptingEverything() {
        double[] x = data(1000, 1e3);
        double[] ref = twoPass(x, 0, x.length);
        for (int split : new int[] {0, 1, 2, 3, 17, 500, 999, 1000}) {
            MomentAccumulator a = new MomentAccumulator();
            MomentAccumulator b = new MomentAccumulator();
            for (int i = 0; i < split; i++) {
                a.accept(x[i]);
            }
            for (int i = split; i < x.length; i++) {
                b.accept(x[i]);
            }
            a.combine(b);
            assertEquals(1000, a.count(), "counts are exact");
            assertMatches(ref, a, 1e3, "split=" + split);
        }
        // Many-way tree merge (as Spark does).
        MomentAccumulator[] parts = new MomentAccumulator[7];
        for (int p = 0; p < parts.length; p++) {
            parts[p] = new MomentAccumulator();
        }
        for (int i = 0; i < x.length; i++) {
            parts[(i * 31) % parts.length].accept(x[i]);
        }
        parts[0].combine(parts[1]);
        parts[2].combine(parts[3]);
        parts[4].combine(parts[5]);
        parts[4].combine(parts[6]);
        parts[0].combine(parts[2]);
        parts[0].combine(parts[4]);
        assertEquals(1000, parts[0].count());
        assertMatches(ref, parts[0], 1e3, "7-way");
    }

    @Test
    void emptyAndSmallBehaviour() {
        MomentAccumulator a = new MomentAccumulator();
        assertTrue(Double.isNaN(a.mean()));
        assertTrue(Double.isNaN(a.variance()));
        a.accept(2.5);
        assertEquals(2.5, a.mean());
        assertTrue(Double.isNaN(a.variance()));
        assertTrue(Double.isNaN(a.standardErrorOfMean()));
        a.combine(new MomentAccumulator());
        assertEquals(1, a.count());
        MomentAccumulator empty = new MomentAccumulator();
        empty.combine(a);
        assertEquals(2.5, empty.mean());
        assertTrue(Double.isNaN(empty.varianceStandardError()), "needs 4 values");
    }
}
