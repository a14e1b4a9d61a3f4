package dlmc.core.dln;

import static dlmc.core.dln.DlnFixtures.distF;
import static dlmc.core.dln.DlnFixtures.normF;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dlmc.core.linalg.Svd;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.TestSeeds;
import java.util.function.ToDoubleFunction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Oracles O12 (Brownian drift = Laplace–Beltrami drift, math-spec §3.2) and O13 (generator on the
 * singular values, §3.3) by finite differences of the geometry layer's own operators.
 */
class BrownianDriftTest {
    /**
     * O12: central differences with h = 1e-5 of 𝒜 and log det 𝒜: truncation O(h²)·|∂³𝒜| ≈ 1e-10,
     * rounding ε_mach·|𝒜|/h ≈ 1e-10·|L|; math-spec §7 quotes ~1e-8 agreement. Relative to ‖b‖.
     */
    private static final double O12_STEP = 1e-5;
    private static final double O12_TOL = 1e-8;
    /**
     * O13: fourth-order five-point second differences with h = 2e-3: truncation h⁴|f⁽⁶⁾|/90 ≈ 2e-13·|f⁽⁶⁾|,
     * rounding ≈ 3ε_mach|f|/h² ≈ 2e-10 per direction, summed over d² directions weighted by L_kl ≤ ~10.
     * First derivatives: central, h = 1e-6. math-spec §7 quotes ~1e-6 with a 2nd-order stencil.
     */
    private static final double O13_STEP = 2e-3;
    private static final double O13_TOL = 1e-6;
    private static final double GRAD_STEP = 1e-6;
    private static final double GRAD_TOL = 1e-8;

    private static final int[][] CASES = {{2, 2}, {2, 3}, {3, 2}, {3, 3}, {3, 4}};

    private static double[] sigmas(int d) {
        final double[] s = new double[d];
        for (int i = 0; i < d; i++) {
            s[i] = 2.5 / (1 + 1.3 * i);
        }
        return s;
    }

    private static double logDetA(MetricOperator A, DMatrixRMaj X) {
        A.setPoint(X);
        final double[] lambda = A.lambda();
        double s = 0;
        for (double li : lambda) {
            for (double lj : lambda) {
                s += Kernel.logEntry(li, lj, A.depth());
            }
        }
        return s;
    }

    @Test
    void o12BrownianDriftIsDivergenceMinusHalfALogDetGradient() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 401);
        for (int[] c : CASES) {
            final int d = c[0];
            final int N = c[1];
            final String msg = "d=" + d + " N=" + N + " seed=" + TestSeeds.seed();
            final DMatrixRMaj X = DlnFixtures.withSingularValues(sigmas(d), s);
            final MetricOperator A = new MetricOperator(d, N);
            final DMatrixRMaj div = new DMatrixRMaj(d, d);
            final DMatrixRMaj gradLogDet = new DMatrixRMaj(d, d);
            final DMatrixRMaj ap = new DMatrixRMaj(d, d);
            final DMatrixRMaj am = new DMatrixRMaj(d, d);
            for (int r = 0; r < d; r++) {
                for (int col = 0; col < d; col++) {
                    final DMatrixRMaj E = DlnFixtures.unit(d, r, col);
                    final DMatrixRMaj Xp = DlnFixtures.plus(X, O12_STEP, E);
                    final DMatrixRMaj Xm = DlnFixtures.plus(X, -O12_STEP, E);
                    // (div 𝒜)^a = Σ_c ∂_c 𝒜^{ca} = Σ_c ∂_c ⟨E_a, 𝒜(E_c)⟩
                    A.setPoint(Xp);
                    A.apply(E, ap);
                    A.setPoint(Xm);
                    A.apply(E, am);
                    CommonOps_DDRM.addEquals(div, 1.0 / (2 * O12_STEP), ap);
                    CommonOps_DDRM.addEquals(div, -1.0 / (2 * O12_STEP), am);
                    gradLogDet.set(r, col, (logDetA(A, Xp) - logDetA(A, Xm)) / (2 * O12_STEP));
                }
            }
            A.setPoint(X);
            final DMatrixRMaj b = new DMatrixRMaj(d, d);
            A.apply(gradLogDet, b);
            CommonOps_DDRM.scale(-0.5, b);
            CommonOps_DDRM.addEquals(b, div);
            // closed form (N−1) U Σ^{1−2/N} Vᵀ, and (N−1)(XXᵀ)^{−1/N} X from eigendecompositions
            final DMatrixRMaj closed = new DMatrixRMaj(d, d);
            final double[] sig = A.sigma();
            for (int r = 0; r < d; r++) {
                for (int col = 0; col < d; col++) {
                    double v = 0;
                    for (int k = 0; k < d; k++) {
                        v += A.U().get(r, k) * (N - 1) * Math.pow(sig[k], 1 - 2.0 / N) * A.V().get(col, k);
                    }
                    closed.set(r, col, v);
                }
            }
            final DMatrixRMaj XXt = new DMatrixRMaj(d, d);
            CommonOps_DDRM.multTransB(X, X, XXt);
            final DMatrixRMaj naive = new DMatrixRMaj(d, d);
            CommonOps_DDRM.mult(N - 1.0, DlnFixtures.psdPower(XXt, -1.0 / N), X, naive);
            assertEquals(0.0, distF(closed, naive), 1e-12 * normF(closed), msg + " closed forms");
            assertEquals(0.0, distF(b, closed), O12_TOL * normF(closed), msg + " b = div A − ½ A ∇log det A");
        }
    }

    /** ∂_a ∂_b f contracted with 𝒜^{ab} = Σ_kl L_kl D²f[u_k v_lᵀ] by the five-point stencil. */
    private static double secondOrderPart(ToDoubleFunction<DMatrixRMaj> f, DMatrixRMaj X, MetricOperator A) {
        final int d = X.numRows;
        final double f0 = f.applyAsDouble(X);
        final double h = O13_STEP;
        double sum = 0;
        for (int k = 0; k < d; k++) {
            for (int l = 0; l < d; l++) {
                final DMatrixRMaj E = DlnFixtures.outer(A.U(), k, A.V(), l);
                final double fp1 = f.applyAsDouble(DlnFixtures.plus(X, h, E));
                final double fm1 = f.applyAsDouble(DlnFixtures.plus(X, -h, E));
                final double fp2 = f.applyAsDouble(DlnFixtures.plus(X, 2 * h, E));
                final double fm2 = f.applyAsDouble(DlnFixtures.plus(X, -2 * h, E));
                final double second = (-fp2 + 16 * fp1 - 30 * f0 + 16 * fm1 - fm2) / (12 * h * h);
                sum += A.eigenvalues().get(k, l) * second;
            }
        }
        return sum;
    }

    private static DMatrixRMaj gradientFD(ToDoubleFunction<DMatrixRMaj> f, DMatrixRMaj X) {
        final int d = X.numRows;
        final DMatrixRMaj g = new DMatrixRMaj(d, d);
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                final DMatrixRMaj E = DlnFixtures.unit(d, r, c);
                g.set(r, c, (f.applyAsDouble(DlnFixtures.plus(X, GRAD_STEP, E))
                        - f.applyAsDouble(DlnFixtures.plus(X, -GRAD_STEP, E))) / (2 * GRAD_STEP));
            }
        }
        return g;
    }

    @Test
    void o13GeneratorOnSingularValuesMatchesTheSigmaAndLambdaDrifts() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 402);
        final double beta = 2.0;
        for (int[] c : CASES) {
            final int d = c[0];
            final int N = c[1];
            final double[] sigma = sigmas(d);
            final DMatrixRMaj X = DlnFixtures.withSingularValues(sigma, s);
            final MetricOperator A = new MetricOperator(d, N);
            A.setPoint(X);
            // b_BM = (N−1)/β U Σ^{1−2/N} Vᵀ (§3.2)
            final DMatrixRMaj bBM = new DMatrixRMaj(d, d);
            for (int r = 0; r < d; r++) {
                for (int col = 0; col < d; col++) {
                    double v = 0;
                    for (int k = 0; k < d; k++) {
                        v += A.U().get(r, k) * (N - 1) / beta * Math.pow(sigma[k], 1 - 2.0 / N) * A.V().get(col, k);
                    }
                    bBM.set(r, col, v);
                }
            }
            for (int i = 0; i < d; i++) {
                final String msg = "d=" + d + " N=" + N + " i=" + i + " seed=" + TestSeeds.seed();
                final int index = i;
                final Svd svd = new Svd(d);
                final ToDoubleFunction<DMatrixRMaj> sigmaI = Y -> {
                    svd.decompose(Y);
                    return svd.sigma()[index];
                };
                final ToDoubleFunction<DMatrixRMaj> lambdaI = Y -> Math.pow(sigmaI.applyAsDouble(Y), 1.0 / N);

                // ∇σ_i = u_i v_iᵀ and ⟨∇σ_i, 𝒜∇σ_i⟩ = N σ_i^{2−2/N}
                final DMatrixRMaj grad = gradientFD(sigmaI, X);
                final DMatrixRMaj uv = DlnFixtures.outer(A.U(), i, A.V(), i);
                assertEquals(0.0, distF(grad, uv), GRAD_TOL, msg + " grad sigma_i");
                final DMatrixRMaj Ag = new DMatrixRMaj(d, d);
                A.apply(grad, Ag);
                final double qv = N * Math.pow(sigma[i], 2 - 2.0 / N);
                assertEquals(qv, DlnFixtures.dot(grad, Ag), GRAD_TOL * qv * 10, msg + " quadratic variation");

                // generator 𝓛f = (1/β) Σ 𝒜^{ab} ∂_a∂_b f + ⟨b_BM, ∇f⟩ on f = σ_i vs §3.3
                final double generator = secondOrderPart(sigmaI, X, A) / beta + DlnFixtures.dot(bBM, grad);
                double interaction = 0;
                double interactionL = 0;
                double lambdaDrift = 0;
                final double li = Math.pow(sigma[i], 1.0 / N);
                for (int j = 0; j < d; j++) {
                    if (j != i) {
                        interaction += 2 * sigma[i] / (Math.pow(sigma[i], 2.0 / N) - Math.pow(sigma[j], 2.0 / N));
                        interactionL += 2 * sigma[i] * A.eigenvalues().get(i, j) / (sigma[i] * sigma[i] - sigma[j] * sigma[j]);
                        final double lj = Math.pow(sigma[j], 1.0 / N);
                        lambdaDrift += 2 * li / (li * li - lj * lj);
                    }
                }
                assertEquals(interaction, interactionL, 1e-12 * Math.abs(interaction), msg + " interaction forms (§3.3)");
                final double sigmaDrift = ((N - 1) * Math.pow(sigma[i], 1 - 2.0 / N) + interaction) / beta;
                assertEquals(sigmaDrift, generator, O13_TOL * Math.max(1, Math.abs(sigmaDrift)), msg + " sigma drift");

                // on f = λ_i = σ_i^{1/N}: the additive-noise λ-SDE drift (1/(βN)) Σ 2λ_i/(λ_i² − λ_j²) (§3.3 box)
                final double genLambda = secondOrderPart(lambdaI, X, A) / beta
                        + DlnFixtures.dot(bBM, gradientFD(lambdaI, X));
                final double expectedLambda = lambdaDrift / (beta * N);
                assertEquals(expectedLambda, genLambda, O13_TOL * Math.max(1, Math.abs(expectedLambda)), msg + " lambda drift");
            }
        }
    }
}
