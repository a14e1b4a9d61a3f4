package dlmc.core.dln;

import static dlmc.core.dln.DlnFixtures.distF;
import static dlmc.core.dln.DlnFixtures.normF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.linalg.Svd;
import dlmc.core.random.HaarOrthogonal;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.TestSeeds;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Oracles O10, O11, O22 (entropy part) of math-spec §7 and the entropy gradients (§4.1, §4.2, §3.4, §8). */
class OrbitEntropyTest {
    private static final double EPS = Math.ulp(1.0);
    /** O10: ratio 1 ± 10⁻¹² (math-spec §7 O10). */
    private static final double O10_TOL = 1e-12;
    /**
     * Central differences with relative step h = 1e-6 of an O(1) smooth function: truncation
     * h²|f'''|/6 ≈ 1e-12, rounding ε|f|/h ≈ 1e-10 (S carries (N−1) log c_d ≈ 10 as an offset);
     * margin ×100.
     */
    private static final double FD_STEP = 1e-6;
    private static final double FD_TOL = 1e-8;

    /** Γ(m/2) exactly on half-integers (test-side, independent of the main code's log form). */
    private static double gammaHalf(int m) {
        double x = (m % 2 == 0) ? 1.0 : 0.5;
        double g = (m % 2 == 0) ? 1.0 : Math.sqrt(Math.PI);
        while (x < m / 2.0) {
            g *= x;
            x += 1;
        }
        return g;
    }

    @Test
    void groupVolumeMatchesMuirheadAndTheSpecTable() {
        // Independent derivation: Muirhead (1982) Thm 2.1.15, vol(O(d)) = 2^d π^{d²/2} / Γ_d(d/2) for the
        // measure ∧_{i>j} q_iᵀdq_j, i.e. the metric ½tr(AᵀB); Frobenius multiplies lengths by √2, hence the
        // volume by 2^{dim/2} = 2^{d(d−1)/4}. Γ_d(a) = π^{d(d−1)/4} Π_{i=1}^d Γ(a − (i−1)/2).
        for (int d = 1; d <= 8; d++) {
            double multiGamma = Math.pow(Math.PI, d * (d - 1) / 4.0);
            for (int i = 1; i <= d; i++) {
                multiGamma *= gammaHalf(d - (i - 1)); // Γ(d/2 − (i−1)/2) = Γ((d − i + 1)/2)
            }
            final double muirhead = Math.pow(2, d) * Math.pow(Math.PI, d * d / 2.0) / multiGamma;
            final double frobenius = Math.pow(2, d * (d - 1) / 4.0) * muirhead;
            assertEquals(Math.log(frobenius), OrbitEntropy.logOrthogonalGroupVolume(d), 1e-13 * Math.max(1, Math.log(frobenius)),
                    "d=" + d);
        }
        // c_1 = 2 (counting measure on O_1 = {±1}); c_2 = 4√2π (two circles of Frobenius length 2π√2)
        assertEquals(2.0, Math.exp(OrbitEntropy.logOrthogonalGroupVolume(1)), 4 * EPS);
        assertEquals(4 * Math.sqrt(2) * Math.PI, Math.exp(OrbitEntropy.logOrthogonalGroupVolume(2)), 1e-14 * 20);
        assertEquals(32 * Math.sqrt(2) * Math.PI * Math.PI, Math.exp(OrbitEntropy.logOrthogonalGroupVolume(3)), 1e-12 * 500);
        // the rounded values printed in math-spec §4.1
        assertEquals(17.7715, Math.exp(OrbitEntropy.logOrthogonalGroupVolume(2)), 1e-4);
        assertEquals(446.647, Math.exp(OrbitEntropy.logOrthogonalGroupVolume(3)), 1e-3);
        assertEquals(24936.73, Math.exp(OrbitEntropy.logOrthogonalGroupVolume(4)), 1e-2);
        assertEquals(2.62523e6, Math.exp(OrbitEntropy.logOrthogonalGroupVolume(5)), 0.00001e6);
        assertEquals(4.60461e8, Math.exp(OrbitEntropy.logOrthogonalGroupVolume(6)), 0.00001e8);
    }

    @Test
    void o10EntropyIsLogVolumeFromTheGramDeterminantOfOrbitTangents() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 301);
        final int[][] cases = {{2, 2}, {3, 2}, {3, 3}, {4, 5}, {2, 6}};
        final double[][] sigmas = {{2.0, 0.7}, {3.0, 1.2, 0.4}, {3.0, 1.2, 0.4}, {3.0, 1.5, 0.7, 0.3}, {1.9, 0.35}};
        for (int c = 0; c < cases.length; c++) {
            final int d = cases[c][0];
            final int N = cases[c][1];
            final double[] sigma = sigmas[c];
            final DMatrixRMaj X = DlnFixtures.withSingularValues(sigma, s);
            final DMatrixRMaj[] W = DlnFixtures.layers(d, N);
            new BalancedLift(d, N).liftHaar(X, new HaarOrthogonal(d), s, W);
            // tangent vectors of (R_1..R_{N−1}) ↦ (R_p W_p R_{p−1}ᵀ) at R = I along a Frobenius-orthonormal
            // basis K = (E_ij − E_ji)/√2 of o(d) in each factor: δW_p = K W_p, δW_{p+1} = −W_{p+1} K.
            final int m = (N - 1) * d * (d - 1) / 2;
            final DMatrixRMaj T = new DMatrixRMaj(N * d * d, m);
            int col = 0;
            final DMatrixRMaj t = new DMatrixRMaj(d, d);
            for (int p = 1; p < N; p++) {
                for (int i = 0; i < d; i++) {
                    for (int j = i + 1; j < d; j++) {
                        final DMatrixRMaj K = new DMatrixRMaj(d, d);
                        K.set(i, j, Math.sqrt(0.5));
                        K.set(j, i, -Math.sqrt(0.5));
                        CommonOps_DDRM.mult(K, W[p - 1], t);
                        for (int k = 0; k < d * d; k++) {
                            T.set((p - 1) * d * d + k, col, t.data[k]);
                        }
                        CommonOps_DDRM.mult(W[p], K, t);
                        for (int k = 0; k < d * d; k++) {
                            T.set(p * d * d + k, col, -t.data[k]);
                        }
                        col++;
                    }
                }
            }
            final DMatrixRMaj gram = new DMatrixRMaj(m, m);
            CommonOps_DDRM.multTransA(T, T, gram);
            final double logVolume = (N - 1) * OrbitEntropy.logOrthogonalGroupVolume(d)
                    + 0.5 * Math.log(CommonOps_DDRM.det(gram));
            final double S = new OrbitEntropy(d, N).value(sigma);
            assertEquals(1.0, Math.exp(logVolume - S), O10_TOL, "d=" + d + " N=" + N + " seed=" + TestSeeds.seed());
            // the same through the square-root-free form printed by the slides would be off by a factor
            // vol·Π L^{1/2}: confirm the square root is right (§4.1 discrepancy flag)
            double halfSumLogL = 0;
            final double[] lambda = new double[d];
            Kernel.layerValues(sigma, N, lambda);
            for (int i = 0; i < d; i++) {
                for (int j = i + 1; j < d; j++) {
                    halfSumLogL += 0.5 * Math.log(Kernel.entry(lambda[i], lambda[j], N));
                }
            }
            assertTrue(Math.abs(logVolume - ((N - 1) * OrbitEntropy.logOrthogonalGroupVolume(d) + 2 * halfSumLogL)) > 0.1,
                    "without the square root the volume would not match");
        }
    }

    @Test
    void o11Limits() {
        final double[] sigma3 = {2.5, 1.1, 0.3};
        assertEquals(0.0, new OrbitEntropy(3, 1).value(sigma3), 0.0, "N = 1: the fibre is a point");
        for (int N = 1; N <= 7; N++) {
            assertEquals((N - 1) * Math.log(2), new OrbitEntropy(1, N).value(new double[] {0.37}), 1e-15 * N,
                    "d = 1: 2^{N-1} sign patterns, c_1 = 2");
        }
        // N = 2: S = log c_d + ½ Σ_{i<j} log(σ_i + σ_j), also for S(cX)
        for (double scale : new double[] {1.0, 0.01, 100.0}) {
            final double[] s = {2.5 * scale, 1.1 * scale, 0.3 * scale};
            final double expected = OrbitEntropy.logOrthogonalGroupVolume(3)
                    + 0.5 * (Math.log(s[0] + s[1]) + Math.log(s[0] + s[2]) + Math.log(s[1] + s[2]));
            assertEquals(expected, new OrbitEntropy(3, 2).value(s), 1e-14 * Math.abs(expected) + 1e-14);
        }
        // N → ∞: R(N) = S − (N−1) log c_d − d(d−1)/4 log N − S_∞ = c_1/N + O(1/N²) with (expansion of
        // σ^{2/N} to second order) c_1 = −½ Σ_{i<j} log(σ_i σ_j). Check N·R(N) → c_1 with error ≤ C/N.
        double c1 = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                c1 -= 0.5 * Math.log(sigma3[i] * sigma3[j]);
            }
        }
        double previousError = Double.POSITIVE_INFINITY;
        for (int N : new int[] {100, 1000, 10000}) {
            final double R = new OrbitEntropy(3, N).value(sigma3) - (N - 1) * OrbitEntropy.logOrthogonalGroupVolume(3)
                    - 3 * 2 / 4.0 * Math.log(N) - OrbitEntropy.largeDepthLimit(sigma3);
            final double error = Math.abs(N * R - c1);
            // O(1/N) remainder: the second-order coefficient is O((log σ)²) ≈ 5 here
            assertTrue(error < 10.0 / N, "N=" + N + ": N·R = " + N * R + " vs " + c1);
            assertTrue(error < previousError);
            previousError = error;
        }
        // large-N form still finite for N where λ^{2N} overflows
        assertTrue(Double.isFinite(new OrbitEntropy(3, 100_000).value(new double[] {1e300, 1.0, 1e-300})));
    }

    @Test
    void o22InvarianceUnderOrthogonalFrames() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 302);
        final Svd svd = new Svd(3);
        final OrbitEntropy S = new OrbitEntropy(3, 4);
        for (int rep = 0; rep < 5; rep++) {
            final DMatrixRMaj X = DlnFixtures.gaussian(3, s);
            svd.decompose(X);
            final double s0 = S.value(svd.sigma());
            svd.decompose(MetricOperatorTest.rotate(DlnFixtures.haar(3, s), X, DlnFixtures.haar(3, s)));
            assertEquals(s0, S.value(svd.sigma()), 1e-13 * Math.abs(s0));
        }
    }

    @Test
    void gradientsAgreeWithFiniteDifferencesAndClosedForms() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 303);
        for (int[] c : new int[][] {{2, 2}, {3, 3}, {3, 5}, {4, 2}}) {
            final int d = c[0];
            final int N = c[1];
            final String msg = "d=" + d + " N=" + N;
            final OrbitEntropy S = new OrbitEntropy(d, N);
            final double[] sigma = new double[d];
            for (int i = 0; i < d; i++) {
                sigma[i] = 2.2 / (1 + i) + 0.1;
            }
            final double[] lambda = new double[d];
            Kernel.layerValues(sigma, N, lambda);
            final double[] gS = new double[d];
            final double[] gL = new double[d];
            final double[] coef = new double[d];
            S.gradientSigma(sigma, gS);
            S.gradientLayerValues(lambda, gL);
            S.riemannianCoefficients(sigma, coef);
            for (int i = 0; i < d; i++) {
                final double hs = FD_STEP * sigma[i];
                final double[] p = sigma.clone();
                final double[] m = sigma.clone();
                p[i] += hs;
                m[i] -= hs;
                assertEquals((S.value(p) - S.value(m)) / (2 * hs), gS[i], FD_TOL * Math.max(1, Math.abs(gS[i])), msg);
                final double hl = FD_STEP * lambda[i];
                final double[] pl = lambda.clone();
                final double[] ml = lambda.clone();
                pl[i] += hl;
                ml[i] -= hl;
                assertEquals((S.valueFromLayerValues(pl) - S.valueFromLayerValues(ml)) / (2 * hl), gL[i],
                        FD_TOL * Math.max(1, Math.abs(gL[i])), msg);
                // closed forms of §4.2 (∂S/∂σ) and §3.4 (s_i), well conditioned for these separated σ
                double closedGrad = 0;
                double closedS = 0;
                for (int j = 0; j < d; j++) {
                    if (j != i) {
                        final double a = Math.pow(sigma[i], 2.0 / N) - Math.pow(sigma[j], 2.0 / N);
                        final double b = sigma[i] * sigma[i] - sigma[j] * sigma[j];
                        closedGrad += sigma[i] / b - Math.pow(sigma[i], 2.0 / N - 1) / N / a;
                        closedS += N * Math.pow(sigma[i], 3 - 2.0 / N) / b - sigma[i] / a;
                    }
                }
                assertEquals(closedGrad, gS[i], 1e-12 * Math.max(1, Math.abs(closedGrad)), msg);
                assertEquals(closedS, coef[i], 1e-12 * Math.max(1, Math.abs(closedS)), msg);
                assertEquals(N * Math.pow(sigma[i], 2 - 2.0 / N) * gS[i], coef[i], 1e-13 * Math.max(1, Math.abs(coef[i])), msg);
            }

            // Frobenius gradient vs finite differences of X ↦ S(σ(X)); Riemannian gradient = 𝒜(∇S)
            final DMatrixRMaj X = DlnFixtures.withSingularValues(sigma, s);
            final Svd svd = new Svd(d);
            svd.decompose(X);
            final DMatrixRMaj grad = new DMatrixRMaj(d, d);
            S.frobeniusGradient(svd.U(), svd.sigma(), svd.V(), grad);
            final Svd svd2 = new Svd(d);
            for (int r = 0; r < d; r++) {
                for (int col = 0; col < d; col++) {
                    final DMatrixRMaj E = DlnFixtures.unit(d, r, col);
                    svd2.decompose(DlnFixtures.plus(X, FD_STEP, E));
                    final double fp = S.value(svd2.sigma());
                    svd2.decompose(DlnFixtures.plus(X, -FD_STEP, E));
                    final double fm = S.value(svd2.sigma());
                    assertEquals((fp - fm) / (2 * FD_STEP), grad.get(r, col), FD_TOL * Math.max(1, normF(grad)), msg);
                }
            }
            final MetricOperator A = new MetricOperator(d, N);
            A.setPoint(X);
            final DMatrixRMaj Agrad = new DMatrixRMaj(d, d);
            A.apply(grad, Agrad);
            final DMatrixRMaj rgrad = new DMatrixRMaj(d, d);
            S.riemannianGradient(svd.U(), svd.sigma(), svd.V(), rgrad);
            assertEquals(0.0, distF(Agrad, rgrad), 1e-13 * normF(rgrad), msg);
        }
    }

    @Test
    void gradientIsSmoothThroughCollisions() {
        // the closed forms have removable singularities at σ_i = σ_j (§3.4); the finite-sum form has none
        final OrbitEntropy S = new OrbitEntropy(3, 4);
        final double[] equal = {1.3, 1.3, 0.5};
        final double[] near = {1.3 * (1 + 1e-11), 1.3, 0.5};
        final double[] ge = new double[3];
        final double[] gn = new double[3];
        S.gradientSigma(equal, ge);
        S.gradientSigma(near, gn);
        for (int i = 0; i < 3; i++) {
            assertTrue(Double.isFinite(ge[i]));
            // derivative of the gradient is O(1): a 1.3e-11 move changes it by ~1e-11
            assertEquals(ge[i], gn[i], 1e-9, "i=" + i);
        }
        assertEquals(S.value(equal), S.value(near), 1e-10);
    }

    @Test
    void layerGradientIsTheSumOfThePairTermsBitForBit() {
        // gradientLayerValues evaluates both terms of a pair at once; it must equal the plain sum
        // of Kernel.halfLogDerivative over j = 0, 1, ... exactly (same floating-point operations),
        // also at ties and with a zero value
        final RandomStream s = Streams.of(TestSeeds.seed(), 304);
        for (int N = 1; N <= 5; N++) {
            for (int d = 1; d <= 6; d++) {
                final OrbitEntropy S = new OrbitEntropy(d, N);
                for (int rep = 0; rep < 20; rep++) {
                    final double[] lambda = new double[d];
                    for (int i = 0; i < d; i++) {
                        lambda[i] = rep % 4 == 0 && i > 0 ? lambda[i - 1] : 0.1 + 2 * s.uniform();
                    }
                    if (rep % 5 == 1) {
                        lambda[d - 1] = 0.0;
                    }
                    final double[] g = new double[d];
                    S.gradientLayerValues(lambda, g);
                    for (int i = 0; i < d; i++) {
                        double expected = 0;
                        for (int j = 0; j < d; j++) {
                            if (j != i) {
                                expected += Kernel.halfLogDerivative(lambda[i], lambda[j], N);
                            }
                        }
                        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(g[i]),
                                "N=" + N + " d=" + d + " i=" + i + " lambda=" + java.util.Arrays.toString(lambda)
                                        + " expected " + expected + " got " + g[i] + " seed=" + TestSeeds.seed());
                    }
                }
            }
        }
    }

    @Test
    void freeEnergyAndArgumentChecks() {
        assertEquals(1.5 - 4.0 / 2.0, OrbitEntropy.freeEnergy(1.5, 4.0, 2.0), 0.0);
        assertEquals(1.5, OrbitEntropy.freeEnergy(1.5, 4.0, Double.POSITIVE_INFINITY), 0.0);
        assertThrows(IllegalArgumentException.class, () -> OrbitEntropy.freeEnergy(1, 1, 0.0));
        assertThrows(IllegalArgumentException.class, () -> OrbitEntropy.freeEnergy(1, 1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new OrbitEntropy(3, 2).value(new double[2]));
        assertThrows(IllegalArgumentException.class, () -> new OrbitEntropy(0, 2));
        assertThrows(IllegalArgumentException.class, () -> new OrbitEntropy(2, 0));
    }
}
