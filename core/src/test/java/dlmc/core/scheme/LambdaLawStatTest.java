package dlmc.core.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.energy.NoEnergy;
import dlmc.core.linalg.Svd;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.StatChecks;
import dlmc.core.testing.TestSeeds;
import java.util.Arrays;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Oracle O15 (math-spec §3.3 equivalence theorem, §7): for g^N-Brownian motion (E = 0, entropy
 * off, κ = 1) the layer singular values λ(T) = σ(X_T)^{1/N} have the law of the singular values
 * of Λ_0 + sqrt(2/β) sqrt(T/N) G, G Ginibre, Λ_0 = diag(σ(X_0)^{1/N}) (exact samples, drawn here
 * with the stream key (seed + 1, id)).
 *
 * <p>Cases: (d, N, β) = (2, 3, 2), X_0 = [[1, 0.3], [0.2, 0.5]], T = 0.5 (the §7.1 run) and
 * (3, 2, 1), X_0 = [[1, 0.2, 0], [0.1, 0.7, 0.3], [0, −0.2, 0.4]], T = 0.2.
 * <ul>
 *   <li>svd-frame with the default (pair-implicit) and with the implicit λ-step (Δt = 1e-3, M = 6000;
 *       the same test: pair-implicit approximates the implicit step) and singular-values (Δt = 1e-3, M = 20000): two-sample KS of
 *       each ordered λ_k against 4M exact samples, each at α = 1e-3/d: false-failure probability
 *       ≤ 1e-3 per scheme and case (the O(Δt) bias is below the KS resolution ≈ 1.7/sqrt(M)).</li>
 *   <li>svd-frame with {@code lambda_step: tamed} (§6.4 step 4 as written, explicit interaction):
 *       Δt = 2.5e-4, M = 6000, the same KS test with the allowance {@link #TAMED_KS_ALLOWANCE}
 *       added to the critical distance (false failure ≤ 1e-3 per case as long as the bias, as a KS
 *       distance, is below the allowance). Measured (seed 11, M = 40 000 against 160 000 exact
 *       samples; the sampling noise of D alone is ≈ 0.005): D = 0.0029, 0.0115 (first case) and
 *       0.0165, 0.0042, 0.0198 (second) at Δt = 1e-3; 0.0031, 0.0080 and 0.0071, 0.0048, 0.0064 at
 *       2.5e-4; 0.0047, 0.0032 and 0.0081, 0.0029, 0.0067 at 1e-4 — for the implicit step
 *       at 1e-3: 0.0061, 0.0072 and 0.0066, 0.0053, 0.0048. The explicit interaction's error
 *       near collisions shrinks like sqrt(Δt) (see GibbsStatTest), hence the smaller step.</li>
 *   <li>matrix-em (Δt = 1e-3, M = 6000, first case only; see
 *       {@link #matrixEmIsBiasedAtTheLowerQuartileWhenLambdaMinIsSmall} for the second): only quantiles p ≥ 0.25 (§6.3 bias warning): the fraction
 *       of scheme samples below the exact p-quantile q̂_p (from the 4M exact samples) is z-tested
 *       against p with s.e. sqrt(p(1−p)(1/M + 1/(4M))), p ∈ {0.25, 0.5, 0.75, 0.9}, each at
 *       α = 1e-3/(4d) (≤ 1e-3 per case), plus the allowance {@link #EM_QUANTILE_ALLOWANCE} for the
 *       measured O(Δt) bias.</li>
 * </ul>
 */
class LambdaLawStatTest {
    private static final double DT = 1e-3;
    /** Step of svd-frame's tamed λ-step: its bias shrinks only like sqrt(Δt) (class comment). */
    private static final double TAMED_DT = 2.5e-4;
    /** KS-distance allowance for the tamed λ-step's bias at {@link #TAMED_DT} (measured ≤ 0.008). */
    private static final double TAMED_KS_ALLOWANCE = 0.01;
    /** Allowance in probability units for matrix-em's O(Δt) bias at quantiles ≥ 0.25 (measured ≤ 0.01). */
    private static final double EM_QUANTILE_ALLOWANCE = 0.015;
    private static final double[] PROBABILITIES = {0.25, 0.5, 0.75, 0.9};

    static Stream<Arguments> cases() {
        final double[][] x2 = {{1, 0.3}, {0.2, 0.5}};
        final double[][] x3 = X3;
        Stream.Builder<Arguments> b = Stream.builder();
        for (Object[] c : new Object[][] {{2, 3, 2.0, x2, 0.5}, {3, 2, 1.0, x3, 0.2}}) {
            b.add(Arguments.of(new SvdFrameScheme(), 6000, c[0], c[1], c[2], c[3], c[4], DT));
            b.add(Arguments.of(new SvdFrameScheme(LambdaStep.TAMED), 6000, c[0], c[1], c[2], c[3], c[4], TAMED_DT));
            b.add(Arguments.of(new SvdFrameScheme(LambdaStep.IMPLICIT), 6000, c[0], c[1], c[2], c[3], c[4], DT));
            b.add(Arguments.of(new SingularValueScheme(), 20_000, c[0], c[1], c[2], c[3], c[4], DT));
        }
        b.add(Arguments.of(new MatrixEmScheme(), 6000, 2, 3, 2.0, x2, 0.5, DT));
        return b.build();
    }

    static final double[][] X3 = {{1, 0.2, 0}, {0.1, 0.7, 0.3}, {0, -0.2, 0.4}};

    /**
     * Spec finding (math-spec §7 O15 / §6.3): "compare at quantiles ≥ 0.25" is not enough in general.
     * For (d, N, β) = (3, 2, 1), X_0 = X3, T = 0.2, Δt = 1e-3, matrix-em puts only ≈ 0.197 of its
     * mass below the exact lower quartile of λ_3 (measured, seed 20260415: 8.4 s.e. off; quantiles
     * 0.05/0.25/0.5: 0.066/0.186/0.344 vs exact 0.033/0.162/0.332; at Δt = 2.5e-4: 0.048/0.166/0.328).
     * Asserted: the same quartile comparison rejects at z &gt; 4 (the measured z is ≈ 8.4 ± 1, so
     * this assertion fails falsely with probability ≈ P(N(8.4, 1) &lt; 4) ≈ 1e-5). The upper
     * quantiles of λ_3 (≥ 0.5) and all quantiles ≥ 0.25 of λ_1, λ_2 pass.
     */
    @org.junit.jupiter.api.Test
    void matrixEmIsBiasedAtTheLowerQuartileWhenLambdaMinIsSmall() {
        final long seed = TestSeeds.seed();
        final int M = 6000;
        final DlnModel model = new DlnModel(3, 2, 1.0, 1, false, new NoEnergy(), new DlnInitial.Matrix(X3));
        final double[][] rows = DlnEnsemble.run(new MatrixEmScheme(), model, DT, 0.2, M, seed);
        assertEquals(0, DlnEnsemble.failures(rows), "failed paths, seed " + seed);
        final double[][] exact = exactLayerValues(X3, 2, 1.0, 0.2, 4 * M, seed + 1);
        final double[] ref = DlnEnsemble.column(exact, 2);
        Arrays.sort(ref);
        final double q = ref[(int) Math.floor(0.25 * (ref.length - 1))];
        int below = 0;
        for (int p = 0; p < M; p++) {
            if (Math.sqrt(rows[p][9 + 2]) <= q) {
                below++;
            }
        }
        final double frac = (double) below / M;
        final double z = (0.25 - frac) / Math.sqrt(0.25 * 0.75 * (1.0 / M + 1.0 / ref.length));
        final int b2 = below;
        assertTrue(z > 4, () -> "matrix-em lambda_3: fraction below the exact lower quartile " + (double) b2 / M
                + " (z = " + z + "), expected a bias z > 4; seed " + seed);
    }

    @ParameterizedTest(name = "{0} d={2} N={3} beta={4} dt={7}")
    @MethodSource("cases")
    void layerValuesHaveTheEuclideanLaw(DlnScheme scheme, int M, int d, int N, double beta, double[][] x0,
                                        double T, double dt) {
        final long seed = TestSeeds.seed();
        final DlnModel model = new DlnModel(d, N, beta, 1, false, new NoEnergy(), new DlnInitial.Matrix(x0));
        final double[][] rows = DlnEnsemble.run(scheme, model, dt, T, M, seed);
        assertEquals(0, DlnEnsemble.failures(rows), scheme + ": failed paths, seed " + seed);
        final double[][] exact = exactLayerValues(x0, N, beta, T, 4 * M, seed + 1);
        for (int k = 0; k < d; k++) {
            final double[] lam = DlnEnsemble.column(rows, d * d + k);
            for (int p = 0; p < M; p++) {
                lam[p] = Math.pow(lam[p], 1.0 / N);
            }
            final double[] ref = DlnEnsemble.column(exact, k);
            final String what = scheme + " d=" + d + " N=" + N + " lambda_" + (k + 1);
            if (scheme instanceof MatrixEmScheme) {
                quantileTest(what, lam, ref, 1e-3 / (4 * d));
            } else if (scheme instanceof SvdFrameScheme f && f.lambdaStep() == LambdaStep.TAMED) {
                StatChecks.assertKs2Within(what, lam, ref, 1e-3 / d, TAMED_KS_ALLOWANCE);
            } else {
                StatChecks.assertKs2(what, lam, ref, 1e-3 / d);
            }
        }
    }

    /** Fractions of x below the exact p-quantiles, z-tested (class comment). */
    private static void quantileTest(String what, double[] x, double[] ref, double alpha) {
        final double[] sorted = ref.clone();
        Arrays.sort(sorted);
        for (double p : PROBABILITIES) {
            final double q = sorted[(int) Math.floor(p * (sorted.length - 1))];
            int below = 0;
            for (double v : x) {
                if (v <= q) {
                    below++;
                }
            }
            final double frac = (double) below / x.length;
            final double se = Math.sqrt(p * (1 - p) * (1.0 / x.length + 1.0 / ref.length));
            StatChecks.assertWithin(what + " P(lambda <= exact q_" + p + ")", frac, se, p, EM_QUANTILE_ALLOWANCE, alpha);
        }
    }

    /** Rows of sorted (descending) singular values of Λ_0 + sqrt(2/β) sqrt(T/N) G. */
    static double[][] exactLayerValues(double[][] x0, int N, double beta, double T, int count, long seed) {
        final int d = x0.length;
        final Svd svd = new Svd(d);
        assertTrue(svd.decompose(new DMatrixRMaj(x0)));
        final double[] lambda0 = svd.sigma().clone();
        for (int i = 0; i < d; i++) {
            lambda0[i] = Math.pow(lambda0[i], 1.0 / N);
        }
        final double scale = Math.sqrt(2 / beta) * Math.sqrt(T / N);
        final double[][] out = new double[count][];
        final DMatrixRMaj Y = new DMatrixRMaj(d, d);
        final RandomStream stream = Streams.of(seed, 0);
        for (int m = 0; m < count; m++) {
            stream.reset(seed, m);
            stream.gaussians(Y.data, 0, d * d);
            for (int k = 0; k < d * d; k++) {
                Y.data[k] *= scale;
            }
            for (int i = 0; i < d; i++) {
                Y.add(i, i, lambda0[i]);
            }
            assertTrue(svd.decompose(Y));
            out[m] = svd.sigma().clone();
        }
        return out;
    }
}
