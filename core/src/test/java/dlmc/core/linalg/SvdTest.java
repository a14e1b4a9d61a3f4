package dlmc.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.TestSeeds;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The normalised full SVD workspace (math-spec §0.3, §8). Deterministic. */
class SvdTest {
    /** Backward-stable SVD: residuals ≤ this × d × ε_mach. */
    private static final double RESIDUAL_FACTOR = 50;

    private static double tol(int d) {
        return RESIDUAL_FACTOR * d * Math.ulp(1.0);
    }

    @Test
    void normalisedDecompositionOfRandomMatrices() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 601);
        for (int d : new int[] {1, 2, 3, 5, 8}) {
            final Svd svd = new Svd(d);
            for (int rep = 0; rep < 5; rep++) {
                final DMatrixRMaj X = new DMatrixRMaj(d, d);
                s.gaussians(X.data, 0, d * d);
                final DMatrixRMaj copy = X.copy();
                for (boolean signs : new boolean[] {false, true}) {
                    assertTrue(svd.decompose(X, signs));
                    assertArrayEquals(copy.data, X.data, 0.0, "input modified");
                    final double[] sigma = svd.sigma();
                    for (int i = 0; i + 1 < d; i++) {
                        assertTrue(sigma[i] >= sigma[i + 1], "not descending");
                    }
                    assertTrue(sigma[d - 1] >= 0);
                    assertEquals(0.0, Svd.orthogonalityResidual(svd.U()), tol(d));
                    assertEquals(0.0, Svd.orthogonalityResidual(svd.V()), tol(d));
                    assertEquals(0.0, Svd.reconstructionResidual(X, svd.U(), sigma, svd.V()), tol(d));
                    if (signs) {
                        for (int i = 0; i < d; i++) {
                            assertTrue(svd.U().get(i, i) >= 0, "U_ii >= 0 after sign normalisation");
                        }
                    }
                }
            }
        }
    }

    @Test
    void knownDiagonalCaseIsSortedAndPermuted() {
        final DMatrixRMaj X = CommonOps_DDRM.diag(0.5, -3.0, 2.0);
        final Svd svd = new Svd(3);
        assertTrue(svd.decompose(X, true));
        assertArrayEquals(new double[] {3.0, 2.0, 0.5}, svd.sigma(), 1e-15);
        // u_1 v_1ᵀ·3 must reproduce the −3 entry at (1, 1)
        assertEquals(-1.0, svd.U().get(1, 0) * svd.V().get(1, 0), 1e-15);
        final DMatrixRMaj U = new DMatrixRMaj(3, 3);
        final DMatrixRMaj V = new DMatrixRMaj(3, 3);
        final double[] sig = new double[3];
        svd.copyTo(U, sig, V);
        assertEquals(0.0, Svd.reconstructionResidual(X, U, sig, V), 1e-15);
    }

    @Test
    void residualsDetectErrorsAndFailuresAreReported() {
        final DMatrixRMaj Q = CommonOps_DDRM.identity(3);
        Q.set(0, 1, 1e-3);
        assertEquals(1e-3 * Math.sqrt(2), Svd.orthogonalityResidual(Q), 1e-8);
        final Svd svd = new Svd(2);
        final DMatrixRMaj X = CommonOps_DDRM.identity(2);
        X.set(0, 1, Double.NaN);
        assertFalse(svd.decompose(X));
        assertTrue(Double.isNaN(svd.sigma()[0]) && Double.isNaN(svd.U().get(0, 0)));
        assertThrows(IllegalArgumentException.class, () -> svd.decompose(new DMatrixRMaj(3, 3)));
        assertTrue(svd.decompose(new DMatrixRMaj(2, 2)));
        assertArrayEquals(new double[] {0, 0}, svd.sigma(), 0.0);
    }
}
