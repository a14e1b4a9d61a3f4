package dlmc.core.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PooledHistogramAccumulator} and {@link PooledMomentAccumulator} against direct formulas. */
class PooledAccumulatorsTest {
    /** Direct evaluation vs expanded sums: O(10) numbers, ~1e-15 relative; asked 1e-12. */
    private static final double TOL = 1e-12;

    /** Deterministic clusters of 0..6 values in [−0.5, 4.5). */
    private static List<double[]> clusters(int count) {
        List<double[]> out = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            double[] v = new double[(g * 7 + 3) % 7];
            for (int i = 0; i < v.length; i++) {
                v[i] = -0.5 + 5 * (0.5 + 0.5 * Math.sin(1.7 * g + 2.3 * i));
            }
            out.add(v);
        }
        return out;
    }

    @Test
    void histogramMatchesTheRatioEstimatorAndItsClusterRobustError() {
        List<double[]> cs = clusters(50);
        PooledHistogramAccumulator h = new PooledHistogramAccumulator(0, 4, 8);
        for (double[] v : cs) {
            h.acceptCluster(v, 0, v.length);
        }
        long total = cs.stream().mapToLong(v -> v.length).sum();
        assertEquals(total, h.values());
        assertEquals(50, h.clusters());
        assertEquals(cs.stream().filter(v -> v.length > 0).count(), h.contributingClusters());
        double sumP = 0;
        for (int b = -1; b <= 8; b++) {
            final int bin = b;
            long[] y = cs.stream().mapToLong(v -> java.util.Arrays.stream(v).filter(x -> h.binIndex(x) == bin).count())
                    .toArray();
            long yTotal = java.util.Arrays.stream(y).sum();
            double p = (double) yTotal / total;
            double ss = 0;
            for (int g = 0; g < cs.size(); g++) {
                double e = y[g] - p * cs.get(g).length;
                ss += e * e;
            }
            double se = Math.sqrt(ss * 50 / 49.0) / total;
            assertEquals(yTotal, h.count(b), "bin " + b);
            assertEquals(p, h.probability(b), TOL, "bin " + b);
            assertEquals(se, h.probabilityStandardError(b), TOL, "bin " + b);
            if (b >= 0 && b < 8) {
                assertEquals(p / 0.5, h.density(b), TOL);
                assertEquals(se / 0.5, h.densityStandardError(b), TOL);
            }
            sumP += h.probability(b);
        }
        assertEquals(1.0, sumP, TOL);
        assertTrue(h.count(-1) > 0 && h.count(8) > 0, "the fixture exercises under- and overflow");
    }

    @Test
    void momentsMatchTheRatioEstimatorsAndTheirDeltaMethodErrors() {
        List<double[]> cs = clusters(40);
        PooledMomentAccumulator m = new PooledMomentAccumulator();
        for (double[] v : cs) {
            m.acceptCluster(v, 0, v.length);
        }
        double x = 0;
        double u = 0;
        double w = 0;
        for (double[] v : cs) {
            x += v.length;
            for (double a : v) {
                u += a;
                w += a * a;
            }
        }
        double mean = u / x;
        double m2 = w / x;
        double var = m2 - mean * mean;
        double ssMean = 0;
        double ssVar = 0;
        for (double[] v : cs) {
            double ug = 0;
            double vg = 0;
            for (double a : v) {
                ug += a;
                vg += a * a;
            }
            double e = ug - mean * v.length;
            ssMean += e * e;
            double h = (vg - m2 * v.length) - 2 * mean * (ug - mean * v.length);
            ssVar += h * h;
        }
        assertEquals(mean, m.mean(), TOL);
        assertEquals(var, m.variance(), TOL);
        assertEquals(Math.sqrt(ssMean * 40 / 39.0) / x, m.meanStandardError(), TOL);
        assertEquals(Math.sqrt(ssVar * 40 / 39.0) / x, m.varianceStandardError(), TOL);
        assertEquals((long) x, m.values());
    }

    @Test
    void combineEqualsAcceptingEverything() {
        List<double[]> cs = clusters(101);
        PooledHistogramAccumulator all = new PooledHistogramAccumulator(0, 4, 8);
        PooledHistogramAccumulator a = new PooledHistogramAccumulator(0, 4, 8);
        PooledHistogramAccumulator b = new PooledHistogramAccumulator(0, 4, 8);
        PooledMomentAccumulator mAll = new PooledMomentAccumulator();
        PooledMomentAccumulator ma = new PooledMomentAccumulator();
        PooledMomentAccumulator mb = new PooledMomentAccumulator();
        for (int g = 0; g < cs.size(); g++) {
            double[] v = cs.get(g);
            all.acceptCluster(v, 0, v.length);
            mAll.acceptCluster(v, 0, v.length);
            (g % 3 == 0 ? a : b).acceptCluster(v, 0, v.length);
            (g % 3 == 0 ? ma : mb).acceptCluster(v, 0, v.length);
        }
        a.combine(b);
        ma.combine(mb);
        for (int bin = -1; bin <= 8; bin++) {
            // integer sums: bit-identical whatever the grouping
            assertEquals(all.count(bin), a.count(bin));
            assertEquals(Double.doubleToLongBits(all.probability(bin)), Double.doubleToLongBits(a.probability(bin)));
            assertEquals(Double.doubleToLongBits(all.probabilityStandardError(bin)),
                    Double.doubleToLongBits(a.probabilityStandardError(bin)));
        }
        assertEquals(all.clusters(), a.clusters());
        assertEquals(mAll.values(), ma.values());
        assertEquals(mAll.mean(), ma.mean(), TOL);
        assertEquals(mAll.variance(), ma.variance(), TOL);
        assertEquals(mAll.meanStandardError(), ma.meanStandardError(), TOL);
        assertEquals(mAll.varianceStandardError(), ma.varianceStandardError(), TOL);
        assertThrows(IllegalArgumentException.class, () -> a.combine(new PooledHistogramAccumulator(0, 4, 9)));
    }

    @Test
    void emptyAndSingleClusterBehaviour() {
        PooledHistogramAccumulator h = new PooledHistogramAccumulator(0, 4, 8);
        PooledMomentAccumulator m = new PooledMomentAccumulator();
        assertTrue(Double.isNaN(h.probability(0)) && Double.isNaN(m.mean()) && Double.isNaN(m.variance()));
        h.acceptCluster(new double[0], 0, 0);
        m.acceptCluster(new double[0], 0, 0);
        assertEquals(1, h.clusters());
        assertEquals(0, h.contributingClusters());
        assertTrue(Double.isNaN(h.probability(0)), "no value pooled");
        double[] v = {0.25, 1.25};
        h.acceptCluster(v, 0, 2);
        m.acceptCluster(v, 0, 2);
        assertEquals(0.5, h.probability(0), 0.0);
        assertEquals(0.75, m.mean(), 0.0);
        assertEquals(0.25, m.variance(), 0.0);
        assertEquals(2, m.clusters());
        assertThrows(IllegalArgumentException.class, () -> new PooledHistogramAccumulator(1, 1, 8));
        assertThrows(IndexOutOfBoundsException.class, () -> h.density(8));
    }
}
