package dlmc.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.testing.StatChecks;
import dlmc.core.testing.TestSeeds;
import org.junit.jupiter.api.Test;

/**
 * {@link LambdaLawReference}: the sampled E Σλ² against the closed form E‖Y_{t/N}‖² of math-spec
 * §3.3 (each a two-sided z-test at α = 1e-3/(number of tests in the method), Bonferroni: false-failure
 * probability ≤ 1e-3 per method), exactness at t = 0, and the d ≥ 3 singular values. (Plan-time cost:
 * DlnReferencesTest.)
 */
class LambdaLawReferenceTest {
    private static final double[] TIMES = {0, 0.1, 0.5, 1, 2};

    private static double[] ranges(double v) {
        final double[] r = new double[TIMES.length];
        java.util.Arrays.fill(r, v);
        return r;
    }

    @Test
    void sampledSumOfSquaresMatchesTheClosedForm() {
        final long seed = TestSeeds.seed();
        // {d, N, β, κ, start, E Σλ(0)²}: λ(0) fixed, or λ(0)^N the singular values of a Ginibre
        // matrix with i.i.d. N(0, scale²) entries (N = 1: E‖G‖² = d² scale²)
        final Object[][] cases = {
            {2, 3, 2.0, 1.0, LambdaLawReference.Start.fixed(new double[] {1, 0.5}), 1 + 0.25},
            {3, 2, 1.0, 0.5, LambdaLawReference.Start.fixed(new double[] {1.2, 0.7, 0.1}), 1.44 + 0.49 + 0.01},
            {2, 1, 2.0, 1.0, LambdaLawReference.Start.ginibre(0.3), 4 * 0.09},
            {3, 1, 1.5, 2.0, LambdaLawReference.Start.ginibre(1.0), 9 * 1.0}};
        final double alpha = 1e-3 / (cases.length * (TIMES.length - 1));
        for (Object[] c : cases) {
            final int d = (Integer) c[0];
            final int n = (Integer) c[1];
            final double beta = (Double) c[2];
            final double kappa = (Double) c[3];
            final LambdaLawReference.Start start = (LambdaLawReference.Start) c[4];
            final double sumSq0 = (Double) c[5];
            final LambdaLawReference ref = new LambdaLawReference(d, n, beta, kappa, start, TIMES, ranges(3),
                    ranges(3), 32, 20_000, seed);
            for (int k = 0; k < TIMES.length; k++) {
                // math-spec §3.3: λ(t) has the law of the singular values of Y_{t/N}, Y Euclidean
                // matrix BM at inverse temperature β/κ, so E Σλ² = E‖Y_0‖² + d²·2κ(t/N)/β
                final double exact = sumSq0 + d * d * 2 * kappa * (TIMES[k] / n) / beta;
                assertEquals(exact, LambdaLawReference.exactSumSquares(d, n, beta, kappa, start, TIMES[k]),
                        1e-14 * exact, "closed form d=" + d + " N=" + n + " t=" + TIMES[k]);
                if (k == 0 && start.isFixed()) {
                    assertEquals(exact, ref.sumSquaresMean(k), 1e-10 * exact);
                    assertTrue(ref.sumSquaresStandardError(k) < 1e-6 * exact);
                    continue;
                }
                StatChecks.assertWithin("d=" + d + " N=" + n + " t=" + TIMES[k] + " E sum lambda^2 (seed " + seed + ")",
                        ref.sumSquaresMean(k), ref.sumSquaresStandardError(k), exact, 0, alpha);
            }
        }
    }

    @Test
    void fixedStartIsAPointMassAtTimeZero() {
        final LambdaLawReference ref = new LambdaLawReference(2, 2, 2, 1,
                LambdaLawReference.Start.fixed(new double[] {0.49, 1.21}), TIMES, ranges(2), ranges(2), 10, 100, 1);
        assertEquals(1.21, ref.layerMean(0, 0), 1e-13);
        assertEquals(0.49, ref.layerMean(0, 1), 1e-13);
        assertEquals(1.21 * 1.21, ref.singularValueMean(0, 0), 1e-13);
        final double[] mass = ref.layerBinMasses(0);
        // 0.49 in bin [0.4, 0.6), 1.21 in [1.2, 1.4): half of the pooled mass each
        assertEquals(0.5, mass[2], 0);
        assertEquals(0.5, mass[6], 0);
        assertTrue(ref.layerMean(4, 0) > ref.layerMean(4, 1));
    }

    /** The d ≥ 3 path (one-sided Jacobi) against EJML's SVD on random and nearly singular matrices. */
    @Test
    void jacobiSingularValuesAgreeWithEjml() {
        final dlmc.core.random.RandomStream stream = dlmc.core.random.Streams.of(3, 0);
        for (int d = 3; d <= 5; d++) {
            final dlmc.core.linalg.Svd svd = new dlmc.core.linalg.Svd(d);
            for (int m = 0; m < 200; m++) {
                final org.ejml.data.DMatrixRMaj y = new org.ejml.data.DMatrixRMaj(d, d);
                stream.gaussians(y.data, 0, d * d);
                if (m % 2 == 1) { // rank-one perturbation of a rank-deficient matrix
                    for (int j = 0; j < d; j++) {
                        y.data[j] = y.data[d + j] + 1e-9 * y.data[j];
                    }
                }
                assertTrue(svd.decompose(y));
                final double[] expected = svd.sigma().clone();
                final double[] got = new double[d];
                LambdaLawReference.jacobiSingularValues(y.copy(), got);
                for (int i = 0; i < d; i++) {
                    assertEquals(expected[i], got[i], 1e-13 * expected[0], "d=" + d + " m=" + m + " i=" + i);
                }
            }
        }
    }
}
