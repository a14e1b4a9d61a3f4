package dlmc.core.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dlmc.core.energy.NoEnergy;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import dlmc.core.testing.StatChecks;
import dlmc.core.testing.TestSeeds;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Oracle O3 (math-spec §7): for N = 1, 𝒜 = id, S ≡ 0 and the drift vanishes, so X_t − X_0 is
 * Euclidean Brownian motion at inverse temperature β: entries i.i.d. N(0, 2t/β). d = 2, β = 2,
 * κ = 1, entropy on (it must have no effect), E = 0, X_0 = [[1, 0.3], [0.2, 0.5]], T = 0.3.
 *
 * <p>Per scheme 4 mean z-tests, 4 variance z-tests and 6 off-diagonal covariance z-tests, each at
 * α = 1e-3/14 (Bonferroni): false-failure probability ≤ 1e-3 per scheme. matrix-em is exact in law
 * here (constant coefficients). svd-frame is not (its λ-update discretises the singular-value SDE
 * of a Ginibre BM); measured at Δt = 2e-3 its variances are within MC error of 2T/β (allowance 0).
 * svd-frame runs with its default λ-step (pair-implicit) and with {@code lambda_step: implicit}.
 */
class DlnN1ReductionTest {
    private static final double T = 0.3;
    private static final double BETA = 2;
    private static final double[][] X0 = {{1, 0.3}, {0.2, 0.5}};
    private static final int M = 20_000;
    private static final double ALPHA = 1e-3 / 14;

    static Stream<Arguments> schemes() {
        return Stream.of(Arguments.of(new MatrixEmScheme(), 0.05), Arguments.of(new SvdFrameScheme(), 2e-3),
                Arguments.of(new SvdFrameScheme(LambdaStep.IMPLICIT), 2e-3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void incrementsAreEuclideanBrownian(DlnScheme scheme, double dt) {
        final long seed = TestSeeds.seed();
        final DlnModel model = new DlnModel(2, 1, BETA, 1, true, new NoEnergy(), new DlnInitial.Matrix(X0));
        final double[][] rows = DlnEnsemble.run(scheme, model, dt, T, M, seed);
        assertEquals(0, DlnEnsemble.failures(rows), "failed paths, seed " + seed);
        final double var = 2 * T / BETA;
        final double[][] inc = new double[4][];
        for (int k = 0; k < 4; k++) {
            inc[k] = DlnEnsemble.column(rows, k);
            for (int p = 0; p < M; p++) {
                inc[k][p] -= X0[k / 2][k % 2];
            }
            final double[] ms = StatChecks.meanAndSe(inc[k]);
            StatChecks.assertWithin(scheme + " mean of dX_" + k, ms[0], ms[1], 0, 0, ALPHA);
            final double[] vs = StatChecks.varianceAndSe(inc[k]);
            StatChecks.assertWithin(scheme + " variance of dX_" + k, vs[0], vs[1], var, 0, ALPHA);
        }
        for (int a = 0; a < 4; a++) {
            for (int b = a + 1; b < 4; b++) {
                final double[] prod = new double[M];
                for (int p = 0; p < M; p++) {
                    prod[p] = inc[a][p] * inc[b][p];
                }
                // E[dX_a dX_b] = 0 (means are 0 exactly); s.e. of the product mean ≈ var/sqrt(M).
                final double[] ms = StatChecks.meanAndSe(prod);
                StatChecks.assertWithin(scheme + " covariance of dX_" + a + ", dX_" + b, ms[0], ms[1], 0, 0, ALPHA);
            }
        }
    }
}
