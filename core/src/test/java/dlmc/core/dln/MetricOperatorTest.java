package dlmc.core.dln;

import static dlmc.core.dln.DlnFixtures.distF;
import static dlmc.core.dln.DlnFixtures.dot;
import static dlmc.core.dln.DlnFixtures.normF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.linalg.Svd;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.TestSeeds;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Oracles O1, O2, O22 (operator part) of math-spec §7 for the metric operator (§2.1, §2.2). */
class MetricOperatorTest {
    private static final double EPS = Math.ulp(1.0);
    /** SVD-basis evaluation: a few d×d products of O(1) orthogonal factors: ~10·d·ε relative. */
    private static final double SPECTRAL_TOL = 200 * EPS;
    /**
     * O1 tolerance of the naive sum-of-powers form (math-spec §7 O1): fractional powers through
     * eigendecompositions of XXᵀ lose ε_mach·κ(X)²; 10³·ε_mach·κ².
     */
    private static double naiveTol(double kappa) {
        return 1e3 * EPS * kappa * kappa;
    }
    /** O2: 10⁻¹² relative (math-spec §7 O2). */
    private static final double O2_TOL = 1e-12;

    private static final int[][] CASES = {{1, 1}, {1, 4}, {2, 1}, {2, 2}, {2, 3}, {3, 3}, {3, 4}, {4, 5}};

    private static double[] sigmas(int d) {
        final double[] s = new double[d];
        for (int i = 0; i < d; i++) {
            s[i] = 2.5 / (1 + 1.3 * i); // 2.5, 1.09, 0.69, 0.51: distinct, κ ≤ 5
        }
        return s;
    }

    @Test
    void o1EigenvectorsAndEigenvaluesAreUiVjAndL() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 101);
        for (int[] c : CASES) {
            final int d = c[0];
            final int N = c[1];
            final double[] sigma = sigmas(d);
            final DMatrixRMaj X = DlnFixtures.withSingularValues(sigma, s);
            final MetricOperator A = new MetricOperator(d, N);
            assertTrue(A.setPoint(X));
            final DMatrixRMaj out = new DMatrixRMaj(d, d);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    final DMatrixRMaj E = DlnFixtures.outer(A.U(), i, A.V(), j);
                    final double Lij = Kernel.entry(Math.pow(sigma[i], 1.0 / N), Math.pow(sigma[j], 1.0 / N), N);
                    // spectral form
                    A.apply(E, out);
                    assertEquals(Lij, dot(E, out), SPECTRAL_TOL * Lij, msg(d, N, i, j));
                    CommonOps_DDRM.addEquals(out, -Lij, E);
                    assertEquals(0.0, normF(out), SPECTRAL_TOL * Lij, msg(d, N, i, j));
                    // naive sum-of-powers definition
                    final DMatrixRMaj naive = DlnFixtures.naiveApply(X, N, E);
                    assertEquals(Lij, dot(E, naive), naiveTol(DlnFixtures.condition(sigma)) * Lij, msg(d, N, i, j));
                    CommonOps_DDRM.addEquals(naive, -Lij, E);
                    assertEquals(0.0, normF(naive), naiveTol(DlnFixtures.condition(sigma)) * Lij, msg(d, N, i, j));
                }
            }
            assertEquals(0.0, Svd.orthogonalityResidual(A.U()), 10 * d * EPS);
        }
    }

    @Test
    void o1SpectralFormEqualsNaiveFormOnRandomArguments() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 102);
        for (int[] c : CASES) {
            final int d = c[0];
            final int N = c[1];
            final double[] sigma = sigmas(d);
            final DMatrixRMaj X = DlnFixtures.withSingularValues(sigma, s);
            final MetricOperator A = new MetricOperator(d, N);
            A.setPoint(X);
            final DMatrixRMaj P = DlnFixtures.gaussian(d, s);
            final DMatrixRMaj out = new DMatrixRMaj(d, d);
            A.apply(P, out);
            final DMatrixRMaj naive = DlnFixtures.naiveApply(X, N, P);
            assertEquals(0.0, distF(out, naive), naiveTol(DlnFixtures.condition(sigma)) * normF(naive), msg(d, N, -1, -1));
        }
    }

    @Test
    void o2SelfAdjointInverseAndSquareRoot() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 103);
        for (int[] c : CASES) {
            final int d = c[0];
            final int N = c[1];
            // bounded condition: the round trips lose ε_mach·max L/min L, which the 1e-12 budget
            // covers for κ(X) ≤ 5 but not for an arbitrary Gaussian X
            final DMatrixRMaj X = DlnFixtures.withSingularValues(sigmas(d), s);
            final MetricOperator A = new MetricOperator(d, N);
            A.setPoint(X);
            final DMatrixRMaj P = DlnFixtures.gaussian(d, s);
            final DMatrixRMaj Q = DlnFixtures.gaussian(d, s);
            final DMatrixRMaj AP = new DMatrixRMaj(d, d);
            final DMatrixRMaj AQ = new DMatrixRMaj(d, d);
            A.apply(P, AP);
            A.apply(Q, AQ);
            final double scale = normF(AP) * normF(Q) + normF(P) * normF(AQ);
            assertEquals(dot(P, AQ), dot(AP, Q), O2_TOL * scale, msg(d, N, -1, -1));
            assertTrue(dot(P, AP) > 0, "positive definite");
            // A^{-1} A = id, with output aliasing the input
            final DMatrixRMaj back = AP.copy();
            A.applyInverse(back, back);
            assertEquals(0.0, distF(back, P), O2_TOL * normF(P), msg(d, N, -1, -1));
            // (A^{1/2})² = A
            final DMatrixRMaj h = new DMatrixRMaj(d, d);
            A.applySqrt(P, h);
            A.applySqrt(h, h);
            assertEquals(0.0, distF(h, AP), O2_TOL * normF(AP), msg(d, N, -1, -1));
            // A^{-1/2} A^{1/2} = id
            A.applySqrt(P, h);
            A.applyInverseSqrt(h, h);
            assertEquals(0.0, distF(h, P), O2_TOL * normF(P), msg(d, N, -1, -1));
            // metric g(Z1, Z2) = tr(Z1ᵀ A^{-1} Z2), symmetric
            final DMatrixRMaj AinvQ = new DMatrixRMaj(d, d);
            A.applyInverse(Q, AinvQ);
            assertEquals(dot(P, AinvQ), A.metric(P, Q), O2_TOL * normF(P) * normF(AinvQ));
            assertEquals(A.metric(Q, P), A.metric(P, Q), O2_TOL * normF(P) * normF(AinvQ));
        }
    }

    @Test
    void depthOneIsIdentityAndMetricScaleDividesByN() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 104);
        final DMatrixRMaj X = DlnFixtures.gaussian(3, s);
        final DMatrixRMaj P = DlnFixtures.gaussian(3, s);
        final MetricOperator one = new MetricOperator(3, 1);
        one.setPoint(X);
        final DMatrixRMaj out = new DMatrixRMaj(3, 3);
        one.apply(P, out);
        assertEquals(0.0, distF(out, P), SPECTRAL_TOL * normF(P));
        assertEquals(dot(P, P), one.metric(P, P), SPECTRAL_TOL * dot(P, P));

        final MetricOperator m24 = new MetricOperator(3, 4);
        final MetricOperator cmv = new MetricOperator(3, 4, MetricScale.CMV);
        assertEquals(1.0, m24.metricScale());
        assertEquals(0.25, cmv.metricScale());
        assertEquals(MetricScale.M24, MetricScale.DEFAULT);
        m24.setPoint(X);
        cmv.setPoint(X);
        final DMatrixRMaj a = new DMatrixRMaj(3, 3);
        final DMatrixRMaj b = new DMatrixRMaj(3, 3);
        m24.apply(P, a);
        cmv.apply(P, b);
        CommonOps_DDRM.scale(0.25, a);
        assertEquals(0.0, distF(a, b), SPECTRAL_TOL * normF(a));
        assertEquals(4 * m24.metric(P, P), cmv.metric(P, P), 1e-13 * cmv.metric(P, P)); // g^CMV = N g^N
        m24.applySqrt(P, a);
        cmv.applySqrt(P, b);
        CommonOps_DDRM.scale(0.5, a);
        assertEquals(0.0, distF(a, b), SPECTRAL_TOL * normF(a));
    }

    @Test
    void o22EquivarianceUnderOrthogonalFrames() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 105);
        for (int[] c : CASES) {
            final int d = c[0];
            final int N = c[1];
            final DMatrixRMaj X = DlnFixtures.withSingularValues(sigmas(d), s);
            final DMatrixRMaj P = DlnFixtures.gaussian(d, s);
            final DMatrixRMaj R = DlnFixtures.haar(d, s);
            final DMatrixRMaj S = DlnFixtures.haar(d, s);
            final MetricOperator A = new MetricOperator(d, N);
            A.setPoint(X);
            final DMatrixRMaj AP = new DMatrixRMaj(d, d);
            A.apply(P, AP);
            final DMatrixRMaj lhs = new DMatrixRMaj(d, d);
            A.setPoint(rotate(R, X, S));
            A.apply(rotate(R, P, S), lhs);
            final DMatrixRMaj rhs = rotate(R, AP, S);
            assertEquals(0.0, distF(lhs, rhs), O2_TOL * normF(rhs), msg(d, N, -1, -1));
            final MetricOperator B = new MetricOperator(d, N);
            B.setPoint(X);
            assertEquals(B.metric(P, P), A.metric(rotate(R, P, S), rotate(R, P, S)), O2_TOL * B.metric(P, P));
        }
    }

    @Test
    void setPointFromKnownSvdAndFailures() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 106);
        final DMatrixRMaj X = DlnFixtures.gaussian(3, s);
        final Svd svd = new Svd(3);
        svd.decompose(X, true);
        final MetricOperator a = new MetricOperator(3, 3);
        final MetricOperator b = new MetricOperator(3, 3);
        a.setPoint(X);
        b.setPoint(svd.U(), svd.sigma(), svd.V());
        final DMatrixRMaj P = DlnFixtures.gaussian(3, s);
        final DMatrixRMaj pa = new DMatrixRMaj(3, 3);
        final DMatrixRMaj pb = new DMatrixRMaj(3, 3);
        a.apply(P, pa);
        b.apply(P, pb);
        assertEquals(0.0, distF(pa, pb), SPECTRAL_TOL * normF(pa));
        final MetricOperator c = new MetricOperator(3, 3);
        assertThrows(IllegalStateException.class, () -> c.apply(P, pa));
        final DMatrixRMaj bad = X.copy();
        bad.set(0, 0, Double.NaN);
        assertFalse(c.setPoint(bad));
        assertThrows(IllegalStateException.class, () -> c.apply(P, pa));
        assertThrows(IllegalArgumentException.class, () -> b.setPoint(svd.U(), new double[] {1, -1, 0}, svd.V()));
        assertThrows(IllegalArgumentException.class, () -> a.apply(new DMatrixRMaj(2, 2), pa));
    }

    /**
     * setPointNear (warm-started Jacobi SVD) along a path of nearby points, through a near-collision of two
     * singular values, gives the operator of setPoint (EJML) to rounding; a non-finite point fails and leaves
     * the operator unusable; without a previous point it is setPoint.
     */
    @Test
    void setPointNearAgreesWithSetPointAlongAPath() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 107);
        for (int[] c : new int[][] {{3, 3}, {8, 4}, {16, 2}}) {
            final int d = c[0];
            final int N = c[1];
            final double[] sigma = sigmas(d);
            sigma[d - 1] = sigma[d - 2] * (1 + 1e-9); // nearly equal pair
            final DMatrixRMaj X = DlnFixtures.withSingularValues(sigma, s);
            final DMatrixRMaj step = DlnFixtures.gaussian(d, s);
            CommonOps_DDRM.scale(1e-3, step);
            final MetricOperator near = new MetricOperator(d, N);
            final MetricOperator cold = new MetricOperator(d, N);
            final DMatrixRMaj P = DlnFixtures.gaussian(d, s);
            final DMatrixRMaj pn = new DMatrixRMaj(d, d);
            final DMatrixRMaj pc = new DMatrixRMaj(d, d);
            for (int k = 0; k < 50; k++) {
                assertTrue(near.setPointNear(X), msg(d, N, -1, -1));
                assertTrue(cold.setPoint(X), msg(d, N, -1, -1));
                for (int i = 0; i < d; i++) {
                    assertEquals(cold.sigma()[i], near.sigma()[i], 50 * d * EPS * cold.sigma()[0], msg(d, N, i, i) + " k=" + k);
                }
                assertEquals(0.0, Svd.orthogonalityResidual(near.U()), 50 * d * EPS, msg(d, N, -1, -1));
                assertEquals(0.0, Svd.orthogonalityResidual(near.V()), 50 * d * EPS, msg(d, N, -1, -1));
                near.apply(P, pn);
                cold.apply(P, pc);
                assertEquals(0.0, distF(pn, pc), SPECTRAL_TOL * d * normF(pc), msg(d, N, -1, -1) + " k=" + k);
                CommonOps_DDRM.addEquals(X, step);
            }
            final DMatrixRMaj bad = X.copy();
            bad.set(0, 0, Double.NaN);
            assertFalse(near.setPointNear(bad));
            assertThrows(IllegalStateException.class, () -> near.apply(P, pn));
            assertTrue(near.setPointNear(X)); // no previous point now: as setPoint
            near.apply(P, pn);
            cold.setPoint(X);
            cold.apply(P, pc);
            assertEquals(0.0, distF(pn, pc), SPECTRAL_TOL * d * normF(pc), msg(d, N, -1, -1));
        }
    }

    static DMatrixRMaj rotate(DMatrixRMaj R, DMatrixRMaj X, DMatrixRMaj S) {
        final int d = X.numRows;
        final DMatrixRMaj t = new DMatrixRMaj(d, d);
        final DMatrixRMaj out = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(R, X, t);
        CommonOps_DDRM.multTransB(t, S, out);
        return out;
    }

    private static String msg(int d, int N, int i, int j) {
        return "d=" + d + " N=" + N + (i >= 0 ? " (i,j)=(" + i + "," + j + ")" : "") + " seed=" + TestSeeds.seed();
    }
}
