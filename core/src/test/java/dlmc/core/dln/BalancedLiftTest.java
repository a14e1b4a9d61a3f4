package dlmc.core.dln;

import static dlmc.core.dln.DlnFixtures.distF;
import static dlmc.core.dln.DlnFixtures.normF;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.linalg.Svd;
import dlmc.core.random.HaarOrthogonal;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.TestSeeds;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;

/** Oracles O4 (balanced lift, §1.3) and O9 (Riemannian submersion, §2.4) of math-spec §7. */
class BalancedLiftTest {
    /** O4: 10⁻¹² ‖X‖ (math-spec §7 O4); observed ~1e-15. */
    private static final double O4_TOL = 1e-12;
    /**
     * Fractional powers of XXᵀ through an eigendecomposition (reference side of O4): relative
     * error ε_mach·κ(X)² with a 10³ safety factor, as in O1.
     */
    private static final double POWER_TOL_FACTOR = 1e3;
    /** O9: 10⁻¹² (linear algebra, math-spec §7 O9). */
    private static final double O9_TOL = 1e-12;
    /**
     * Numerical rank: singular values of the linearised constraints below this × the largest are
     * zero. Exact zeros come out at ~1e-15 (ε_mach × entries of size ‖W‖²); the true non-zero ones
     * are ≥ ~1e-2 here (σ ∈ [0.5, 2]); the gap is asserted too.
     */
    private static final double RANK_TOL = 1e-10;
    private static final double RANK_GAP = 1e-5;

    private static final int[][] CASES = {{1, 1}, {1, 3}, {2, 1}, {2, 2}, {2, 3}, {3, 2}, {3, 3}, {3, 4}, {4, 5}};

    private static double[] sigmas(int d) {
        final double[] s = new double[d];
        for (int i = 0; i < d; i++) {
            s[i] = 2.0 / (1 + 0.9 * i);
        }
        return s;
    }

    @Test
    void o4LiftIdentitiesWithIdentityAndHaarFibreCoordinates() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 201);
        for (int[] c : CASES) {
            final int d = c[0];
            final int N = c[1];
            final double[] sigma = sigmas(d);
            final DMatrixRMaj X = DlnFixtures.withSingularValues(sigma, s);
            final BalancedLift lift = new BalancedLift(d, N);
            final DMatrixRMaj[] W = DlnFixtures.layers(d, N);
            for (int variant = 0; variant < 3; variant++) {
                if (variant == 0) {
                    lift.lift(X, W);
                } else if (variant == 1) {
                    lift.liftHaar(X, new HaarOrthogonal(d), s, W);
                } else {
                    final DMatrixRMaj[] Q = new DMatrixRMaj[N - 1];
                    for (int p = 0; p < N - 1; p++) {
                        Q[p] = DlnFixtures.haar(d, s);
                    }
                    lift.lift(X, Q, W);
                }
                checkLift(X, sigma, N, W, lift, "d=" + d + " N=" + N + " variant=" + variant);
            }
        }
    }

    private static void checkLift(DMatrixRMaj X, double[] sigma, int N, DMatrixRMaj[] W, BalancedLift lift, String msg) {
        final int d = X.numRows;
        final double normX = normF(X);
        final DMatrixRMaj prod = new DMatrixRMaj(d, d);
        lift.product(W, prod);
        assertEquals(0.0, distF(prod, X), O4_TOL * normX, msg + " product");
        assertEquals(0.0, BalancedLift.maxBalancednessResidual(W), O4_TOL, msg + " G_p");
        final double kappa = DlnFixtures.condition(sigma);
        final DMatrixRMaj XXt = new DMatrixRMaj(d, d);
        final DMatrixRMaj XtX = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(X, X, XXt);
        CommonOps_DDRM.multTransA(X, X, XtX);
        final DMatrixRMaj work = new DMatrixRMaj(d, d);
        final DMatrixRMaj Wgt = new DMatrixRMaj(d, d);
        final DMatrixRMaj Wlt = new DMatrixRMaj(d, d);
        final DMatrixRMaj gram = new DMatrixRMaj(d, d);
        final Svd svd = new Svd(d);
        final double[] lambda = new double[d];
        Kernel.layerValues(sigma, N, lambda);
        for (int p = 1; p <= N; p++) {
            BalancedLift.product(W, p, N, Wgt, work);
            BalancedLift.product(W, 0, p - 1, Wlt, work);
            CommonOps_DDRM.multTransB(Wgt, Wgt, gram);
            final DMatrixRMaj ref = DlnFixtures.psdPower(XXt, (N - p) / (double) N);
            final double tol = POWER_TOL_FACTOR * Math.ulp(1.0) * kappa * kappa * normF(ref);
            assertEquals(0.0, distF(gram, ref), tol, msg + " W_{>p}W_{>p}^T, p=" + p);
            CommonOps_DDRM.multTransA(Wlt, Wlt, gram);
            final DMatrixRMaj ref2 = DlnFixtures.psdPower(XtX, (p - 1) / (double) N);
            assertEquals(0.0, distF(gram, ref2), POWER_TOL_FACTOR * Math.ulp(1.0) * kappa * kappa * normF(ref2),
                    msg + " W_{<p}^T W_{<p}, p=" + p);
            svd.decompose(W[p - 1]);
            for (int i = 0; i < d; i++) {
                assertEquals(lambda[i], svd.sigma()[i], O4_TOL * lambda[0], msg + " singular values of W_" + p);
            }
        }
    }

    @Test
    void depthOneAndWidthOneSpecialCases() {
        final DMatrixRMaj x = new DMatrixRMaj(new double[][] {{-8.0}});
        final BalancedLift lift = new BalancedLift(1, 3);
        final DMatrixRMaj[] W = DlnFixtures.layers(1, 3);
        lift.lift(x, W);
        double prod = 1;
        for (DMatrixRMaj w : W) {
            assertEquals(2.0, Math.abs(w.get(0, 0)), 1e-15);
            prod *= w.get(0, 0);
        }
        assertEquals(-8.0, prod, 1e-14, "sign of x carried by the layers (2^{N-1} patterns, §1.3)");
        final RandomStream s = Streams.of(TestSeeds.seed(), 202);
        final DMatrixRMaj X = DlnFixtures.gaussian(3, s);
        final DMatrixRMaj[] W1 = DlnFixtures.layers(3, 1);
        new BalancedLift(3, 1).lift(X, W1);
        assertEquals(0.0, distF(W1[0], X), O4_TOL * normF(X));
        assertEquals(0.0, BalancedLift.maxBalancednessResidual(W1));
    }

    @Test
    void rankDeficientInputIsRejectedNamingTheRatio() {
        final double[] sigma = {1.0, 1e-14};
        final DMatrixRMaj X = DlnFixtures.withSingularValues(sigma, Streams.of(TestSeeds.seed(), 203));
        final BalancedLift lift = new BalancedLift(2, 3);
        final RankDeficientException e = assertThrows(RankDeficientException.class,
                () -> lift.lift(X, DlnFixtures.layers(2, 3)));
        assertTrue(e.getMessage().contains("sigma_d/sigma_1"), e.getMessage());
        assertTrue(e.ratio() < BalancedLift.RANK_TOLERANCE);
        assertThrows(RankDeficientException.class, () -> lift.lift(new DMatrixRMaj(2, 2), DlnFixtures.layers(2, 3)));
        final DMatrixRMaj nan = X.copy();
        nan.set(1, 1, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> lift.lift(nan, DlnFixtures.layers(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> lift.lift(X, DlnFixtures.layers(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> lift.lift(X, new DMatrixRMaj[] {X}, DlnFixtures.layers(2, 3)));
        // just above the tolerance is accepted
        lift.lift(DlnFixtures.withSingularValues(new double[] {1.0, 1e-9}, Streams.of(TestSeeds.seed(), 204)),
                DlnFixtures.layers(2, 3));
    }

    @Test
    void balancednessResidualIsNormalisedAndDetectsImbalance() {
        final DMatrixRMaj[] W = {CommonOps_DDRM.diag(2.0, 2.0), CommonOps_DDRM.diag(1.0, 1.0)};
        // G_1 = W_2ᵀW_2 − W_1W_1ᵀ = I − 4I = −3I, ‖·‖_F = 3√2, ‖W_1‖_F² = 8
        assertEquals(3 * Math.sqrt(2) / 8, BalancedLift.balancednessResidual(W, 1), 1e-15);
        final DMatrixRMaj[] scaled = {CommonOps_DDRM.diag(20.0, 20.0), CommonOps_DDRM.diag(10.0, 10.0)};
        assertEquals(BalancedLift.balancednessResidual(W, 1), BalancedLift.balancednessResidual(scaled, 1), 1e-15,
                "scale-invariant");
        assertThrows(IllegalArgumentException.class, () -> BalancedLift.balancednessResidual(W, 2));
    }

    // ------------------------------------------------------------------ O9

    /** dφ(Ẇ) = Σ_p W_{>p} Ẇ_p W_{<p}. */
    private static DMatrixRMaj dphi(DMatrixRMaj[] W, DMatrixRMaj[] Wdot) {
        final int d = W[0].numRows;
        final int N = W.length;
        final DMatrixRMaj out = new DMatrixRMaj(d, d);
        final DMatrixRMaj a = new DMatrixRMaj(d, d);
        final DMatrixRMaj b = new DMatrixRMaj(d, d);
        final DMatrixRMaj t = new DMatrixRMaj(d, d);
        final DMatrixRMaj work = new DMatrixRMaj(d, d);
        for (int p = 1; p <= N; p++) {
            BalancedLift.product(W, p, N, a, work);
            BalancedLift.product(W, 0, p - 1, b, work);
            CommonOps_DDRM.mult(a, Wdot[p - 1], t);
            CommonOps_DDRM.multAdd(t, b, out);
        }
        return out;
    }

    /** Linearised constraints dG_p(Ẇ) = Ẇ_{p+1}ᵀW_{p+1} + W_{p+1}ᵀẆ_{p+1} − Ẇ_pW_pᵀ − W_pẆ_pᵀ, upper triangles. */
    private static double[] dG(DMatrixRMaj[] W, DMatrixRMaj[] Wdot) {
        final int d = W[0].numRows;
        final int N = W.length;
        final double[] out = new double[(N - 1) * d * (d + 1) / 2];
        final DMatrixRMaj g = new DMatrixRMaj(d, d);
        final DMatrixRMaj t = new DMatrixRMaj(d, d);
        int k = 0;
        for (int p = 1; p < N; p++) {
            CommonOps_DDRM.multTransA(Wdot[p], W[p], g);
            CommonOps_DDRM.multTransA(W[p], Wdot[p], t);
            CommonOps_DDRM.addEquals(g, t);
            CommonOps_DDRM.multTransB(Wdot[p - 1], W[p - 1], t);
            CommonOps_DDRM.subtractEquals(g, t);
            CommonOps_DDRM.multTransB(W[p - 1], Wdot[p - 1], t);
            CommonOps_DDRM.subtractEquals(g, t);
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    out[k++] = g.get(i, j);
                }
            }
        }
        return out;
    }

    private static DMatrixRMaj[] unitTangent(int d, int N, int index) {
        final DMatrixRMaj[] V = DlnFixtures.layers(d, N);
        V[index / (d * d)].data[index % (d * d)] = 1.0;
        return V;
    }

    /** Number of singular values of J above RANK_TOL·max, asserting a clear gap. */
    private static int numericalRank(DMatrixRMaj J, String msg) {
        final SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(J.numRows, J.numCols, false, false, true);
        assertTrue(svd.decompose(J.copy()));
        final double[] sv = Arrays.copyOf(svd.getSingularValues(), svd.numberOfSingularValues());
        Arrays.sort(sv);
        final double max = sv[sv.length - 1];
        int rank = 0;
        double smallestNonZero = Double.POSITIVE_INFINITY;
        double largestZero = 0;
        for (double v : sv) {
            if (v > RANK_TOL * max) {
                rank++;
                smallestNonZero = Math.min(smallestNonZero, v);
            } else {
                largestZero = Math.max(largestZero, v);
            }
        }
        assertTrue(smallestNonZero > RANK_GAP * max, msg + ": no clear rank gap, smallest kept " + smallestNonZero / max);
        return rank;
    }

    @Test
    void o9RiemannianSubmersionAndDimensions() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 205);
        for (int d = 1; d <= 3; d++) {
            for (int N = 1; N <= 4; N++) {
                final String msg = "d=" + d + " N=" + N + " seed=" + TestSeeds.seed();
                final double[] sigma = sigmas(d);
                final DMatrixRMaj X = DlnFixtures.withSingularValues(sigma, s);
                final DMatrixRMaj[] W = DlnFixtures.layers(d, N);
                new BalancedLift(d, N).liftHaar(X, new HaarOrthogonal(d), s, W);
                final MetricOperator A = new MetricOperator(d, N);
                A.setPoint(X);

                // horizontal lift of a random Z: Ẇ_p = W_{>p}ᵀ A^{-1}(Z) W_{<p}ᵀ
                final DMatrixRMaj Z = DlnFixtures.gaussian(d, s);
                final DMatrixRMaj Y = new DMatrixRMaj(d, d);
                A.applyInverse(Z, Y);
                final DMatrixRMaj[] Wdot = DlnFixtures.layers(d, N);
                final DMatrixRMaj a = new DMatrixRMaj(d, d);
                final DMatrixRMaj b = new DMatrixRMaj(d, d);
                final DMatrixRMaj t = new DMatrixRMaj(d, d);
                final DMatrixRMaj work = new DMatrixRMaj(d, d);
                double norm2 = 0;
                for (int p = 1; p <= N; p++) {
                    BalancedLift.product(W, p, N, a, work);
                    BalancedLift.product(W, 0, p - 1, b, work);
                    CommonOps_DDRM.multTransA(a, Y, t);
                    CommonOps_DDRM.multTransB(t, b, Wdot[p - 1]);
                    norm2 += DlnFixtures.dot(Wdot[p - 1], Wdot[p - 1]);
                }
                final double g = A.metric(Z, Z);
                assertEquals(g, norm2, O9_TOL * g, msg + " |W'|^2 = g(Z,Z)");
                assertEquals(0.0, distF(dphi(W, Wdot), Z), O9_TOL * normF(Z), msg + " dphi(lift) = Z");
                if (N > 1) {
                    double constraint = 0;
                    for (double v : dG(W, Wdot)) {
                        constraint = Math.max(constraint, Math.abs(v));
                    }
                    assertEquals(0.0, constraint, O9_TOL * normF(Z) * 10, msg + " lift tangent to M");
                    // horizontal: orthogonal to the orbit directions δW_p = K W_p, δW_{p+1} = −W_{p+1} K
                    for (int p = 1; p < N; p++) {
                        for (int i = 0; i < d; i++) {
                            for (int j = i + 1; j < d; j++) {
                                final DMatrixRMaj K = new DMatrixRMaj(d, d);
                                K.set(i, j, 1);
                                K.set(j, i, -1);
                                CommonOps_DDRM.mult(K, W[p - 1], a);
                                CommonOps_DDRM.mult(W[p], K, b);
                                final double ip = DlnFixtures.dot(a, Wdot[p - 1]) - DlnFixtures.dot(b, Wdot[p]);
                                assertEquals(0.0, ip, O9_TOL * Math.sqrt(norm2) * 10, msg + " horizontal");
                            }
                        }
                    }
                }

                // dimensions by numerical rank of the linearised constraints
                final int n = N * d * d;
                final int nc = (N - 1) * d * (d + 1) / 2;
                final DMatrixRMaj J = new DMatrixRMaj(nc + d * d, n);
                for (int col = 0; col < n; col++) {
                    final DMatrixRMaj[] e = unitTangent(d, N, col);
                    final double[] cg = dG(W, e);
                    for (int r = 0; r < nc; r++) {
                        J.set(r, col, cg[r]);
                    }
                    final DMatrixRMaj dp = dphi(W, e);
                    for (int r = 0; r < d * d; r++) {
                        J.set(nc + r, col, dp.data[r]);
                    }
                }
                final int dimTM;
                if (nc == 0) {
                    dimTM = n;
                } else {
                    final DMatrixRMaj Jc = CommonOps_DDRM.extract(J, 0, nc, 0, n);
                    dimTM = n - numericalRank(Jc, msg + " constraints");
                }
                final int dimVertical = n - numericalRank(J, msg + " constraints + dphi");
                assertEquals(d * d + (N - 1) * d * (d - 1) / 2, dimTM, msg + " dim TM");
                assertEquals((N - 1) * d * (d - 1) / 2, dimVertical, msg + " dim ker dphi ∩ TM");
            }
        }
    }

    @Test
    void haarLiftIsReproducibleFromTheStream() {
        final DMatrixRMaj X = DlnFixtures.gaussian(3, Streams.of(TestSeeds.seed(), 206));
        final DMatrixRMaj[] a = DlnFixtures.layers(3, 4);
        final DMatrixRMaj[] b = DlnFixtures.layers(3, 4);
        new BalancedLift(3, 4).liftHaar(X, new HaarOrthogonal(3), Streams.of(7, 7), a);
        new BalancedLift(3, 4).liftHaar(X, new HaarOrthogonal(3), Streams.of(7, 7), b);
        for (int p = 0; p < 4; p++) {
            assertArrayEquals(a[p].data, b[p].data, 0.0);
        }
    }
}
