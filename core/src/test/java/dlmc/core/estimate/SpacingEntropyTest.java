package dlmc.core.estimate;

import static dlmc.core.testing.StatChecks.assertWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.random.GaussianEnsembles;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.TestSeeds;
import dlmc.core.theory.GbeEntropy;
import dlmc.core.theory.GueOnePointEntropy;
import java.util.Arrays;
import org.apache.commons.numbers.gamma.Digamma;
import org.junit.jupiter.api.Test;

/**
 * {@link SpacingEntropy}: the formula against a direct implementation, and the one-point entropy
 * of GβE spectra against exact values: n = 1 (a Gaussian) for β = 1, 2, 4, and β = 2 for
 * n = 2, 3, 5 ({@link GueOnePointEntropy}, the Hermite-kernel density).
 */
class SpacingEntropyTest {
    /** Trajectories per statistical case (N = M·n values). */
    private static final int M = 10_000;
    /**
     * Bias allowance: measured mean(Ĥ) − H over 100 independent ensembles of M = 10⁴ was 0.0007
     * (n = 1), 0.0012 (n = 2), 0.0008 (n = 3), 0.0005 (n = 5), each ± 0.0006; allowance 0.003.
     */
    private static final double BIAS_ALLOWANCE = 0.003;
    /** Measured spread / reported s.e. was 0.88–1.10 over those ensembles. */
    private static final double SE_INFLATION = 1.25;
    /** Family-wise false-failure probability ≤ 1e-3: 6 cases at 1e-4 each. */
    private static final double ALPHA = 1e-4;

    @Test
    void matchesDirectFormula() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 3);
        final int n = 1000;
        final double[] x = new double[n];
        s.gaussians(x, 0, n);
        final int[] cluster = new int[n];
        for (int i = 0; i < n; i++) {
            cluster[i] = i / 4;
        }
        final SpacingEntropy est = new SpacingEntropy();
        final double got = est.estimate(x, cluster, n, n / 4);
        final int m = est.spacing();
        assertEquals(10, m); // round(cbrt(1000))
        final double[] y = x.clone();
        Arrays.sort(y);
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            final double c = i <= m ? 1 + (i - 1.0) / m : i > n - m ? 1 + (double) (n - i) / m : 2.0;
            sum += Math.log(n * (y[Math.min(i + m, n) - 1] - y[Math.max(i - m, 1) - 1]) / (c * m));
        }
        final double expected = sum / n + Math.log(2.0 * m) - Digamma.value(2.0 * m) + Digamma.value(n + 1.0) - Math.log(n);
        assertEquals(expected, got, 1e-12);
        assertTrue(est.stdError() > 0);
        assertTrue(Double.isNaN(est.estimate(x, cluster, 2, 1)));
        assertEquals(Double.NEGATIVE_INFINITY, est.estimate(new double[50], new int[50], 50, 1));
        assertThrows(IllegalArgumentException.class, () -> est.estimate(x, cluster, n, 3));
    }

    /**
     * Order statistics and the cluster-robust standard error against a direct implementation with a
     * stable comparison sort (ties by input order, −0.0 tied with 0.0 as under {@code <}) on
     * values with ties, signed zeros, negatives and extreme magnitudes: the value and the standard
     * error agree exactly (the standard error depends on which cluster each tied order statistic
     * belongs to).
     */
    @Test
    void matchesStableComparisonSortWithTies() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 4);
        final int n = 5000;
        final double[] x = new double[n];
        final double[] u = new double[3 * n];
        for (int i = 0; i < u.length; i++) {
            u[i] = s.uniform();
        }
        final double[] g = new double[n];
        s.gaussians(g, 0, n);
        final double[] atoms = {1.5, -2.25, 1e300, -1e300, 1e-300, -7.0};
        for (int i = 0; i < n; i++) {
            // a quarter of the values from a few atoms (tie groups of size ≤ 2, so no spacing is 0)
            x[i] = u[i] < 0.25 ? atoms[(int) (u[n + i] * atoms.length)] * (1 + (i % 500)) : g[i] * 1e3;
        }
        // keep tie groups of size ≤ 2: value v and its first repeat only
        final java.util.Map<Double, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            final double key = x[i] == 0 ? 0.0 : x[i];
            final int c = seen.merge(key, 1, Integer::sum);
            if (c > 2) {
                x[i] = g[i] * 1e3 + 0.5;
            }
        }
        final int[] cluster = new int[n];
        for (int i = 0; i < n; i++) {
            cluster[i] = (int) (u[2 * n + i] * 37);
            if (x[i] == 0) {
                x[i] = 0.25 + i;
            }
        }
        // one signed-zero tie, +0.0 first in input order, in different clusters
        x[10] = 0.0;
        x[20] = -0.0;
        cluster[10] = 1;
        cluster[20] = 2;
        final SpacingEntropy est = new SpacingEntropy();
        final double got = est.estimate(x, cluster, n, 37);
        final int m = est.spacing();

        final java.util.List<Integer> order = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort((a, b) -> x[a] < x[b] ? -1 : x[a] > x[b] ? 1 : 0); // List.sort is stable
        final double logN = Math.log(n);
        final double[] sums = new double[37];
        final int[] counts = new int[37];
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            final double hi = x[order.get(Math.min(i + m, n) - 1)];
            final double lo = x[order.get(Math.max(i - m, 1) - 1)];
            final double c = i <= m ? 1 + (i - 1.0) / m : i > n - m ? 1 + (double) (n - i) / m : 2.0;
            final double term = logN + Math.log((hi - lo) / (c * m));
            sum += term;
            sums[cluster[order.get(i - 1)]] += term;
            counts[cluster[order.get(i - 1)]]++;
        }
        final double mean = sum / n;
        final double expected = mean + (Math.log(2.0 * m) - Digamma.value(2.0 * m) + Digamma.value(n + 1.0) - logN);
        int used = 0;
        double ss = 0;
        for (int c = 0; c < 37; c++) {
            if (counts[c] > 0) {
                used++;
                final double e = sums[c] - mean * counts[c];
                ss += e * e;
            }
        }
        final double expectedSe = Math.sqrt(ss * used / (used - 1.0)) / n;
        assertTrue(Double.isFinite(expected), "no zero spacing in the test data");
        assertEquals(expected, got, 0.0);
        assertEquals(expectedSe, est.stdError(), 0.0);
        // the workspaces are reused: a second call gives the same value
        final double again = est.estimate(x, cluster, n, 37);
        assertEquals(got, again, 0.0);
    }

    @Test
    void oneEigenvalueIsGaussianForEveryBeta() {
        for (double beta : new double[] {1, 2, 4}) {
            check(1, beta, GbeEntropy.ordered(1, beta, GbeEntropy.d1Scale(beta, 1.0)));
        }
    }

    @Test
    void gueOnePointDensityEntropy() {
        for (int n : new int[] {2, 3, 5}) {
            // β = 2, D1 at t = 1: scale sqrt(2t/β) = 1
            check(n, 2.0, GueOnePointEntropy.scaled(n, GbeEntropy.d1Scale(2.0, 1.0)));
        }
    }

    private static void check(int n, double beta, double exact) {
        final long seed = TestSeeds.seed();
        final double[] values = new double[M * n];
        final int[] cluster = new int[M * n];
        final double[] out = new double[n];
        final double[] work = new double[n];
        final RandomStream s = Streams.of(seed, 0);
        for (int i = 0; i < M; i++) {
            s.reset(seed, 1L << 50 | (long) n << 40 | (long) beta << 32 | i);
            GaussianEnsembles.tridiagonalSpectrum(beta, n, s, out, work);
            for (int j = 0; j < n; j++) {
                values[i * n + j] = out[j];
                cluster[i * n + j] = i;
            }
        }
        final SpacingEntropy est = new SpacingEntropy();
        final double h = est.estimate(values, cluster, M * n, M);
        assertWithin("spacing entropy of the one-point law, n = " + n + ", beta = " + beta, h,
                SE_INFLATION * est.stdError(), exact, BIAS_ALLOWANCE, ALPHA);
    }
}
