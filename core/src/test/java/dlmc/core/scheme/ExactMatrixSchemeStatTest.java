package dlmc.core.scheme;

import static dlmc.core.testing.StatChecks.assertKs;
import static dlmc.core.testing.StatChecks.assertKs2;
import static dlmc.core.testing.StatChecks.assertWithin;
import static dlmc.core.testing.StatChecks.meanAndSe;

import dlmc.core.model.DysonModel;
import dlmc.core.model.InitialCondition;
import dlmc.core.model.Normalization;
import dlmc.core.observe.SpectralObservables;
import dlmc.core.random.GaussianEnsembles;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.run.DysonSpec;
import dlmc.core.run.SaveGrid;
import dlmc.core.run.TrajectoryRunner;
import dlmc.core.testing.CollectingSink;
import dlmc.core.theory.GbeMoments;
import dlmc.core.testing.TestSeeds;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/**
 * Statistical oracles for the exact matrix scheme (math-spec §7 O19, O20; §5.1 OU stationarity),
 * run through {@link DysonSpec} and {@link TrajectoryRunner}. Seed: {@code -Ddlmc.seed}. Each
 * test method's family-wise false-failure probability is ≤ {@link #FAMILY_ALPHA} (Bonferroni).
 */
class ExactMatrixSchemeStatTest {
    private static final double FAMILY_ALPHA = 1e-3;
    private static final double[] BETAS = {1, 2, 4};
    private static final ExactMatrixScheme SCHEME = new ExactMatrixScheme();

    private static CollectingSink run(DysonModel model, double[] times, int m, long seed) {
        final CollectingSink sink = new CollectingSink(m, times.length);
        final TrajectoryRunner runner = new TrajectoryRunner(new DysonSpec(model, SCHEME, 0.1), new SaveGrid(times), seed);
        for (int id = 0; id < m; id++) {
            runner.run(id, sink);
        }
        return sink;
    }

    /**
     * O19: D1 from H_0 = 0, n = 2: β s²/(4t) ~ χ²_{β+1} exactly, at both save times t = 0.2 and
     * t = 0.7 (the second after two increments). One-sample KS, M = 20 000; 6 tests at
     * alpha = 1e-3/6 each ⇒ false-failure probability ≤ 1e-3.
     */
    @Test
    void o19TwoByTwoSpacing() {
        final long seed = TestSeeds.seed();
        final double[] times = {0, 0.2, 0.7};
        final int m = 20_000;
        for (double beta : BETAS) {
            final CollectingSink sink = run(new DysonModel(beta, 2, Normalization.D1, new InitialCondition.Zero()),
                    times, m, seed ^ (long) beta);
            final ChiSquaredDistribution chi2 = ChiSquaredDistribution.of(beta + 1);
            for (int k = 1; k < times.length; k++) {
                final double t = times[k];
                final double[] x = new double[m];
                for (int id = 0; id < m; id++) {
                    final double s = sink.spectra[id][k][1] - sink.spectra[id][k][0];
                    x[id] = beta * s * s / (4 * t);
                }
                assertKs("O19 beta s^2/(4t) ~ chi2(beta+1), beta = " + beta + ", t = " + t, x,
                        chi2::cumulativeProbability, FAMILY_ALPHA / 6);
            }
        }
    }

    /**
     * O20: D2 from 0, n = 16, t = 1.5 (two increments: 0 → 0.5 → 1.5), M = 2000.
     * E m2 = t(1 + (2/β−1)/n) with its exact variance; E m4 = t²[2 + (10/β−5)/n
     * + (3 − 10/β + 12/β²)/n²] (exact, derived in {@link GbeMoments}; its O(1/n) deviation from the
     * semicircle value 2t² is t²(10/β − 5)/n) and E m6 (exact, {@link GbeMoments#m6Mean}) with the
     * sample standard errors. 9 two-sided z-tests at alpha = 1e-3/9 ⇒ false-failure probability
     * ≤ 1e-3 (normal approximation of a mean of 2000 i.i.d. values with finite moments).
     */
    @Test
    void o20SemicircleMomentsFromZero() {
        final long seed = TestSeeds.seed();
        final int n = 16;
        final int m = 2000;
        final double[] times = {0, 0.5, 1.5};
        final double t = times[2];
        for (double beta : BETAS) {
            final CollectingSink sink = run(new DysonModel(beta, n, Normalization.D2, new InitialCondition.Zero()),
                    times, m, seed + 31 * (long) beta);
            final double[] m2 = new double[m];
            final double[] m4 = new double[m];
            final double[] m6 = new double[m];
            for (int id = 0; id < m; id++) {
                m2[id] = SpectralObservables.moment(sink.spectra[id][2], 2);
                m4[id] = SpectralObservables.moment(sink.spectra[id][2], 4);
                m6[id] = SpectralObservables.moment(sink.spectra[id][2], 6);
            }
            final double[] a = meanAndSe(m2);
            assertWithin("O20 E m2, D2 from 0, beta = " + beta + ", n = " + n + ", t = " + t, a[0],
                    Math.sqrt(GbeMoments.m2Variance(beta, n, t) / m), GbeMoments.m2Mean(beta, n, t), 0,
                    FAMILY_ALPHA / 9);
            final double[] b = meanAndSe(m4);
            assertWithin("O20 E m4, D2 from 0, beta = " + beta + ", n = " + n + ", t = " + t, b[0], b[1],
                    GbeMoments.m4Mean(beta, n, t), 0, FAMILY_ALPHA / 9);
            final double[] c = meanAndSe(m6);
            assertWithin("E m6, D2 from 0, beta = " + beta + ", n = " + n + ", t = " + t, c[0], c[1],
                    GbeMoments.m6Mean(beta, n, t), 0, FAMILY_ALPHA / 9);
        }
    }

    /**
     * D2-OU started from its stationary law (gbe at time 1): the law at t = 0.5 and t = 2 equals
     * the initial law. Compared with fresh tridiagonal samples (other trajectory ids) by
     * two-sample KS on λ_max and on m2, plus a z-test of E m2 = 1 + (2/β−1)/n with its exact
     * variance. n = 8, M = 3000; per β 6 tests, 18 in all, each at alpha = 1e-3/18 ⇒
     * false-failure probability ≤ 1e-3.
     */
    @Test
    void ouStationaryLawIsPreserved() {
        final long seed = TestSeeds.seed();
        final int n = 8;
        final int m = 3000;
        final double[] times = {0, 0.5, 2.0};
        final double alpha = FAMILY_ALPHA / 18;
        for (double beta : BETAS) {
            final CollectingSink sink = run(new DysonModel(beta, n, Normalization.OU, new InitialCondition.Gbe(1.0)),
                    times, m, seed - 7 * (long) beta);
            // reference: fresh GβE samples in the D2 scaling (t = 1), ids disjoint from the run's
            final double[] refMax = new double[m];
            final double[] refM2 = new double[m];
            final double[] lambda = new double[n];
            final double[] work = new double[n];
            final RandomStream s = Streams.of(seed, 0);
            for (int k = 0; k < m; k++) {
                s.reset(seed - 7 * (long) beta, (1L << 41) + k);
                GaussianEnsembles.tridiagonalSpectrum(beta, n, s, lambda, work);
                for (int i = 0; i < n; i++) {
                    lambda[i] /= Math.sqrt(n);
                }
                refMax[k] = lambda[n - 1];
                refM2[k] = SpectralObservables.moment(lambda, 2);
            }
            for (int k = 1; k < times.length; k++) {
                final double[] max = new double[m];
                final double[] m2 = new double[m];
                for (int id = 0; id < m; id++) {
                    max[id] = sink.spectra[id][k][n - 1];
                    m2[id] = SpectralObservables.moment(sink.spectra[id][k], 2);
                }
                final String at = ", beta = " + beta + ", n = " + n + ", t = " + times[k];
                assertKs2("OU stationarity lambda_max" + at, max, refMax, alpha);
                assertKs2("OU stationarity m2" + at, m2, refM2, alpha);
                assertWithin("OU stationary E m2" + at, meanAndSe(m2)[0],
                        Math.sqrt(GbeMoments.m2Variance(beta, n, 1.0) / m), GbeMoments.m2Mean(beta, n, 1.0), 0, alpha);
            }
        }
    }
}
