package dlmc.core.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HistogramAccumulatorTest {
    /**
     * Sum-based per-bin variance vs two-pass: fractions are in [0, 1] with variance comparable to
     * mean² (see the class comment), so the cancellation costs under 2 digits; 1e-12 is ample.
     */
    private static final double TOL = 1e-12;
    private static final double LO = -1.0;
    private static final double HI = 2.0;
    private static final int BINS = 6;

    /** Trajectory j has 3 + j % 5 values spread over and beyond [LO, HI). */
    private static double[][] trajectories(int m) {
        double[][] t = new double[m][];
        for (int j = 0; j < m; j++) {
            t[j] = new double[3 + j % 5];
            for (int i = 0; i < t[j].length; i++) {
                t[j][i] = 0.5 + 1.8 * Math.sin(0.9 * j + 2.3 * i + 0.1);
            }
        }
        return t;
    }

    /** Bin by explicit edges (independent of binIndex's formula); slot 0 under, BINS + 1 over. */
    private static int slot(double x) {
        if (x < LO) {
            return 0;
        }
        if (x >= HI) {
            return BINS + 1;
        }
        double w = (HI - LO) / BINS;
        for (int b = 0; b < BINS; b++) {
            if (x < LO + (b + 1) * w) {
                return b + 1;
            }
        }
        return BINS;
    }

    private static void assertMatchesDirect(double[][] data, HistogramAccumulator h) {
        final int m = data.length;
        double[][] f = new double[BINS + 2][m];
        long[] counts = new long[BINS + 2];
        for (int j = 0; j < m; j++) {
            for (double x : data[j]) {
                f[slot(x)][j] += 1.0 / data[j].length;
                counts[slot(x)]++;
            }
        }
        assertEquals(m, h.trajectories());
        for (int s = 0; s < BINS + 2; s++) {
            double mean = 0;
            for (double v : f[s]) {
                mean += v;
            }
            mean /= m;
            double ss = 0;
            for (double v : f[s]) {
                ss += (v - mean) * (v - mean);
            }
            double se = Math.sqrt(ss / (m - 1) / m);
            int b = s - 1;
            assertEquals(counts[s], h.count(b), "count, bin " + b);
            assertEquals(mean, h.meanFraction(b), TOL, "mean fraction, bin " + b);
            assertEquals(se, h.meanFractionStandardError(b), TOL, "s.e., bin " + b);
            if (b >= 0 && b < BINS) {
                assertEquals(mean / 0.5, h.density(b), TOL, "density, bin " + b);
            }
        }
    }

    @Test
    void matchesDirectTwoPassComputation() {
        double[][] data = trajectories(200);
        HistogramAccumulator h = new HistogramAccumulator(LO, HI, BINS);
        for (double[] t : data) {
            h.acceptTrajectory(t, 0, t.length);
        }
        assertMatchesDirect(data, h);
    }

    @Test
    void combineEqualsAcceptingEverything() {
        double[][] data = trajectories(200);
        for (int split : new int[] {0, 1, 77, 200}) {
            HistogramAccumulator a = new HistogramAccumulator(LO, HI, BINS);
            HistogramAccumulator b = new HistogramAccumulator(LO, HI, BINS);
            for (int j = 0; j < data.length; j++) {
                (j < split ? a : b).acceptTrajectory(data[j], 0, data[j].length);
            }
            a.combine(b);
            assertMatchesDirect(data, a);
        }
        assertThrows(IllegalArgumentException.class,
                () -> new HistogramAccumulator(LO, HI, BINS).combine(new HistogramAccumulator(LO, HI, BINS + 1)));
    }

    @Test
    void singleValueTrajectoriesAndEdges() {
        HistogramAccumulator h = new HistogramAccumulator(0, 1, 4);
        h.acceptTrajectory(-0.1);
        h.acceptTrajectory(0.0);
        h.acceptTrajectory(0.25);
        h.acceptTrajectory(1.0);
        h.acceptTrajectory(Double.NaN);
        // exact: fractions are 0 or 1, sums of small integers
        assertEquals(0.2, h.meanFraction(-1), 0.0);
        assertEquals(1, h.count(0));
        assertEquals(1, h.count(1));
        assertEquals(2, h.count(4), "x = hi and NaN go to overflow");
        assertEquals(0.25, h.binLo(1));
        assertEquals(1.0, h.binHi(3));
        assertEquals(0.2 / 0.25, h.density(0), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new HistogramAccumulator(1, 1, 4));
    }
}
