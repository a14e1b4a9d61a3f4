package dlmc.core.random;

import static dlmc.core.testing.StatChecks.assertKs;
import static dlmc.core.testing.StatChecks.assertWithin;

import dlmc.core.testing.TestSeeds;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/**
 * Statistical tests of the Dumitriu–Edelman sampler (math-spec §5.1), for β = 0.5, 1, 2, 3, 4.
 * Seed: {@code -Ddlmc.seed} (see {@link TestSeeds}).
 */
class TridiagonalSamplerStatTest {
    private static final double[] BETAS = {0.5, 1, 2, 3, 4};
    /** Family-wise false-failure probability of each test method (Bonferroni over the β values). */
    private static final double FAMILY_ALPHA = 1e-3;

    /**
     * E Σλ² = E tr(T²)/β = [Σ E T_ii² + 2 Σ E T_{i,i+1}²]/β = [2n + 2 Σ_{i<n} β(n−i)]/β
     * = 2n/β + n(n−1), and Var Σλ² = [n·Var(2χ²_1) + Σ Var(2χ²_{β(n−i)})]/β²
     * = [8n + 4βn(n−1)]/β² (exact), so the z-test uses the exact standard error.
     * False-failure probability ≤ 1e-3 (5 two-sided z-tests at alpha = 2e-4 each, |z| ≤ 3.72;
     * the normal approximation of a mean of M = 4000 sums of chi-squares is accurate to far better
     * than that level).
     */
    @Test
    void sumOfSquaresHasExactMean() {
        final long seed = TestSeeds.seed();
        final int n = 12;
        final int m = 4000;
        final double[] lambda = new double[n];
        final double[] work = new double[n];
        for (int b = 0; b < BETAS.length; b++) {
            final double beta = BETAS[b];
            final RandomStream s = Streams.of(seed, 0);
            double sum = 0;
            for (int k = 0; k < m; k++) {
                s.reset(seed, (long) b << 32 | k);
                GaussianEnsembles.tridiagonalSpectrum(beta, n, s, lambda, work);
                for (double v : lambda) {
                    sum += v * v;
                }
            }
            final double mean = sum / m;
            final double expected = 2.0 * n / beta + n * (n - 1.0);
            final double var = (8.0 * n + 4.0 * beta * n * (n - 1.0)) / (beta * beta);
            assertWithin("E sum lambda^2, beta = " + beta + ", n = " + n, mean, Math.sqrt(var / m), expected, 0,
                    FAMILY_ALPHA / BETAS.length);
        }
    }

    /**
     * n = 2 spacing law (math-spec §5.2 O19): for T = [[a, c], [c, b]], β s²/4 = ((a−b)/2)² + c²
     * = χ²_1 + χ²_β = χ²_{β+1}, exactly. One-sample KS per β, M = 10 000; false-failure
     * probability ≤ 1e-3 (5 tests at alpha = 2e-4 each).
     */
    @Test
    void twoByTwoSpacingIsChiSquared() {
        final long seed = TestSeeds.seed();
        final int m = 10_000;
        final double[] lambda = new double[2];
        final double[] work = new double[2];
        for (int b = 0; b < BETAS.length; b++) {
            final double beta = BETAS[b];
            final RandomStream s = Streams.of(seed, 0);
            final double[] x = new double[m];
            for (int k = 0; k < m; k++) {
                s.reset(seed, 1L << 40 | (long) b << 32 | k);
                GaussianEnsembles.tridiagonalSpectrum(beta, 2, s, lambda, work);
                final double sp = lambda[1] - lambda[0];
                x[k] = beta * sp * sp / 4;
            }
            final ChiSquaredDistribution chi2 = ChiSquaredDistribution.of(beta + 1);
            assertKs("beta s^2/4 ~ chi2(beta+1), beta = " + beta, x, chi2::cumulativeProbability,
                    FAMILY_ALPHA / BETAS.length);
        }
    }
}
