package dlmc.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.TestSeeds;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The one-sided Jacobi SVD against the EJML-based {@link Svd} (deterministic). */
class JacobiSvdTest {
    /** Backward-stable SVD: residuals and differences ≤ this × d × ε_mach (× σ_1 for σ). */
    private static final double RESIDUAL_FACTOR = 50;

    private static double tol(int d) {
        return RESIDUAL_FACTOR * d * Math.ulp(1.0);
    }

    private static void assertValid(String what, DMatrixRMaj X, JacobiSvd j, boolean signs) {
        final int d = X.numRows;
        final double[] sigma = j.sigma();
        for (int i = 0; i + 1 < d; i++) {
            assertTrue(sigma[i] >= sigma[i + 1], what + ": not descending");
        }
        assertTrue(sigma[d - 1] >= 0, what);
        assertEquals(0.0, Svd.orthogonalityResidual(j.U()), tol(d), what + ": U");
        assertEquals(0.0, Svd.orthogonalityResidual(j.V()), tol(d), what + ": V");
        assertEquals(0.0, Svd.reconstructionResidual(X, j.U(), sigma, j.V()), tol(d), what + ": X");
        if (signs) {
            for (int i = 0; i < d; i++) {
                assertTrue(j.U().get(i, i) >= 0, what + ": U_ii >= 0");
            }
        }
    }

    /** Same σ as EJML; with distinct σ and normalised signs the same U and V. */
    private static void assertMatchesEjml(String what, DMatrixRMaj X, JacobiSvd j) {
        final int d = X.numRows;
        final Svd ref = new Svd(d);
        assertTrue(ref.decompose(X, true));
        final double s1 = Math.max(ref.sigma()[0], Double.MIN_NORMAL);
        for (int i = 0; i < d; i++) {
            assertEquals(ref.sigma()[i], j.sigma()[i], tol(d) * s1, what + ": sigma_" + i);
        }
        double minGap = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < d; i++) {
            minGap = Math.min(minGap, (ref.sigma()[i] - ref.sigma()[i + 1]) / s1);
        }
        if (minGap > 1e-3 && ref.sigma()[d - 1] > 1e-3 * s1) {
            // singular vectors are determined to ~ε/gap
            final double vTol = tol(d) / Math.min(minGap, 1.0);
            for (int k = 0; k < d * d; k++) {
                assertEquals(ref.U().data[k], j.U().data[k], vTol, what + ": U");
                assertEquals(ref.V().data[k], j.V().data[k], vTol, what + ": V");
            }
        }
    }

    @Test
    void coldAndWarmStartsAgreeWithEjml() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 611);
        for (int d : new int[] {1, 2, 3, 5, 8, 16}) {
            final JacobiSvd j = new JacobiSvd(d);
            for (int rep = 0; rep < 5; rep++) {
                final DMatrixRMaj X = new DMatrixRMaj(d, d);
                s.gaussians(X.data, 0, d * d);
                final DMatrixRMaj copy = X.copy();
                for (boolean signs : new boolean[] {false, true}) {
                    assertTrue(j.decompose(X, null, signs));
                    assertEquals(0.0, CommonOps_DDRM.elementMaxAbs(CommonOps_DDRM.subtract(X, copy, null)), 0.0);
                    assertValid("cold d=" + d, X, j, signs);
                    if (signs) {
                        assertMatchesEjml("cold d=" + d, X, j);
                    }
                }
                // warm start: a small perturbation of X, started from the V just computed
                final DMatrixRMaj V0 = j.V().copy();
                final DMatrixRMaj Y = X.copy();
                for (int k = 0; k < d * d; k++) {
                    Y.data[k] += 0.03 * s.gaussian();
                }
                assertTrue(j.decompose(Y, V0, true));
                assertValid("warm d=" + d, Y, j, true);
                assertMatchesEjml("warm d=" + d, Y, j);
                if (d == 8) {
                    assertTrue(j.sweeps() <= 4, "warm start should converge in few sweeps, used " + j.sweeps());
                }
                // warm start from the caller's own copy of V (aliasing allowed)
                final DMatrixRMaj V1 = j.V().copy();
                assertTrue(j.decompose(Y, V1, false));
                assertValid("warm alias d=" + d, Y, j, false);
                // the same from the product A = Y·V0 (decomposeProduct): the SVD of Y
                final DMatrixRMaj A = new DMatrixRMaj(d, d);
                CommonOps_DDRM.mult(Y, V0, A);
                assertTrue(j.decomposeProduct(A, V0, true));
                assertValid("product d=" + d, Y, j, true);
                assertMatchesEjml("product d=" + d, Y, j);
                // A written into the column storage (decomposeColumns): the same, bit for bit
                final double[] sigmaP = j.sigma().clone();
                final DMatrixRMaj uP = j.U().copy();
                final DMatrixRMaj vP = j.V().copy();
                for (int c = 0; c < d; c++) {
                    for (int r = 0; r < d; r++) {
                        j.columns()[c][r] = A.get(r, c);
                    }
                }
                assertTrue(j.decomposeColumns(V0, true));
                assertArrayEquals(sigmaP, j.sigma(), 0.0);
                assertArrayEquals(uP.data, j.U().data, 0.0);
                assertArrayEquals(vP.data, j.V().data, 0.0);
            }
        }
    }

    @Test
    void rankDeficientAndStructuredInputs() {
        // rank 1, zero matrix, repeated singular values, diagonal with signs, widely scaled
        final int d = 6;
        final RandomStream s = Streams.of(TestSeeds.seed(), 612);
        final double[] u = new double[d];
        final double[] v = new double[d];
        s.gaussians(u, 0, d);
        s.gaussians(v, 0, d);
        final DMatrixRMaj rank1 = new DMatrixRMaj(d, d);
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                rank1.set(r, c, u[r] * v[c]);
            }
        }
        final DMatrixRMaj identity = CommonOps_DDRM.identity(d);
        final DMatrixRMaj diag = CommonOps_DDRM.diag(0.5, -3.0, 2.0, 1e-12, -7.0, 0.0);
        final DMatrixRMaj scaled = new DMatrixRMaj(d, d);
        s.gaussians(scaled.data, 0, d * d);
        for (int c = 0; c < d; c++) {
            for (int r = 0; r < d; r++) {
                scaled.set(r, c, scaled.get(r, c) * Math.pow(1e-5, c));
            }
        }
        final JacobiSvd j = new JacobiSvd(d);
        int k = 0;
        for (DMatrixRMaj X : new DMatrixRMaj[] {rank1, new DMatrixRMaj(d, d), identity, diag, scaled}) {
            assertTrue(j.decompose(X, null, true), "case " + k);
            assertValid("case " + k, X, j, true);
            assertMatchesEjml("case " + k, X, j);
            k++;
        }
        // graded columns: Jacobi keeps relative accuracy of the small σ (EJML only absolute)
        assertTrue(j.decompose(diag, null, false));
        assertEquals(1e-12, j.sigma()[4], 1e-12 * tol(d));
    }

    @Test
    void nonFiniteFails() {
        final JacobiSvd j = new JacobiSvd(3);
        final DMatrixRMaj X = CommonOps_DDRM.identity(3);
        X.set(1, 2, Double.NaN);
        assertFalse(j.decompose(X, null, false));
        assertTrue(Double.isNaN(j.sigma()[0]) && Double.isNaN(j.U().get(0, 0)));
        final DMatrixRMaj V0 = CommonOps_DDRM.identity(3);
        V0.set(0, 0, Double.POSITIVE_INFINITY);
        assertFalse(j.decompose(CommonOps_DDRM.identity(3), V0, false));
        // a column whose squared norm overflows but that is orthogonal to the others is never
        // rotated: the failure is found when σ is formed (it used to give σ = +∞, U column 0)
        final DMatrixRMaj huge = CommonOps_DDRM.diag(1e200, 1.0, 2.0);
        assertFalse(j.decompose(huge, null, true));
        assertTrue(Double.isNaN(j.sigma()[0]) && Double.isNaN(j.V().get(0, 0)));
        // finite but large entries (squared norm < Double.MAX_VALUE) still decompose
        assertTrue(j.decompose(CommonOps_DDRM.diag(1e150, 1.0, 2.0), null, true));
        assertEquals(1e150, j.sigma()[0], 1e136);
    }
}
