package dlmc.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.junit.jupiter.api.Test;

/** Unit tests of the dense and tridiagonal symmetric eigenvalue kernels (deterministic). */
class SymmetricEigenTest {
    /** Backward-stable eigenvalues: error ≤ this × n × ε_mach × ‖A‖ (generous constant). */
    private static final double EIGEN_TOL_FACTOR = 50;

    private static double tol(int n, double norm) {
        return EIGEN_TOL_FACTOR * n * Math.ulp(1.0) * Math.max(norm, 1.0);
    }

    /** A = Q diag(d) Qᵀ with Q orthogonal from the QR of a Gaussian matrix. */
    private static DMatrixRMaj withSpectrum(double[] d, RandomStream s) {
        final int n = d.length;
        final DMatrixRMaj G = new DMatrixRMaj(n, n);
        s.gaussians(G.data, 0, n * n);
        final QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        qr.decompose(G);
        final DMatrixRMaj Q = qr.getQ(null, false);
        final DMatrixRMaj D = CommonOps_DDRM.diag(d);
        final DMatrixRMaj QD = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(Q, D, QD);
        final DMatrixRMaj A = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(QD, Q, A);
        // exact symmetry
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                A.set(j, i, A.get(i, j));
            }
        }
        return A;
    }

    @Test
    void recoversKnownSpectrumAscendingAndLeavesInputUnmodified() {
        final RandomStream s = Streams.of(1, 1);
        for (int n : new int[] {1, 2, 3, 7, 20}) {
            final double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = (n - i) * 0.7 - 2.0; // descending on purpose; distinct
            }
            final DMatrixRMaj A = withSpectrum(d, s);
            final DMatrixRMaj copy = A.copy();
            final SymmetricEigen eig = new SymmetricEigen(n);
            final double[] out = new double[n];
            for (int rep = 0; rep < 2; rep++) { // the workspace is reusable
                assertTrue(eig.eigenvalues(A, out));
                final double[] expected = d.clone();
                java.util.Arrays.sort(expected);
                assertArrayEquals(expected, out, tol(n, 2 * n), "n = " + n);
            }
            assertArrayEquals(copy.data, A.data, 0.0, "input modified, n = " + n);
            assertEquals(0.0, SymmetricEigen.symmetryResidual(A));
        }
    }

    @Test
    void rejectsWrongShapeAndReportsNonFinite() {
        final SymmetricEigen eig = new SymmetricEigen(3);
        assertThrows(IllegalArgumentException.class, () -> eig.eigenvalues(new DMatrixRMaj(2, 2), new double[3]));
        final DMatrixRMaj A = new DMatrixRMaj(3, 3);
        A.set(1, 1, Double.NaN);
        final double[] out = new double[3];
        assertFalse(eig.eigenvalues(A, out));
        assertTrue(Double.isNaN(out[0]) && Double.isNaN(out[1]) && Double.isNaN(out[2]));
    }

    @Test
    void tridiagonalQlAgreesWithEjml() {
        final RandomStream s = Streams.of(2, 2);
        for (int n : new int[] {1, 2, 3, 5, 17, 60}) {
            for (int rep = 0; rep < 5; rep++) {
                final double[] d = new double[n];
                final double[] e = new double[n];
                s.gaussians(d, 0, n);
                s.gaussians(e, 0, n - 1);
                if (rep == 1 && n > 2) {
                    e[n / 2] = 0.0; // split matrix
                }
                if (rep == 2) {
                    java.util.Arrays.fill(d, 0, n, 1.0); // equal diagonal
                }
                final DMatrixRMaj T = new DMatrixRMaj(n, n);
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    T.set(i, i, d[i]);
                    norm = Math.max(norm, Math.abs(d[i]) + 2 * Math.abs(e[i]));
                    if (i + 1 < n) {
                        T.set(i, i + 1, e[i]);
                        T.set(i + 1, i, e[i]);
                    }
                }
                final double[] ref = ejmlEigenvalues(T);
                final double[] d2 = d.clone();
                final double[] e2 = e.clone();
                SymmetricTridiagonalEigen.eigenvalues(n, d, e);
                assertArrayEquals(ref, d, tol(n, norm), "n = " + n + ", rep = " + rep);
                SymmetricTridiagonalEigen.eigenvaluesRootFree(n, d2, e2);
                assertArrayEquals(ref, d2, tol(n, norm), "root-free, n = " + n + ", rep = " + rep);
                // scaled far from 1 (the root-free variant squares e: it must rescale the block)
                for (double f : new double[] {1e200, 1e-200}) {
                    final double[] ds = new double[n];
                    final double[] es = new double[n];
                    for (int i = 0; i < n; i++) {
                        ds[i] = T.get(i, i) * f;
                        es[i] = i + 1 < n ? T.get(i, i + 1) * f : 0;
                    }
                    SymmetricTridiagonalEigen.eigenvaluesRootFree(n, ds, es);
                    for (int i = 0; i < n; i++) {
                        assertEquals(ref[i], ds[i] / f, tol(n, norm), "root-free, scale " + f + ", n = " + n);
                    }
                }
            }
        }
    }

    /** EJML's dense symmetric eigenvalues (independent reference), ascending. */
    private static double[] ejmlEigenvalues(DMatrixRMaj A) {
        final int n = A.numRows;
        final EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        assertTrue(eig.decompose(A.copy()));
        final double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = eig.getEigenvalue(i).real;
        }
        java.util.Arrays.sort(out);
        return out;
    }

    /**
     * The Householder + QL path agrees with EJML's dense solver on GOE and GUE-representation
     * matrices (n = 64, the W2 size; 2n = 128) and on matrices with zero columns below the
     * diagonal (already-tridiagonal steps, H = I), within the backward-error tolerance.
     */
    @Test
    void denseAgreesWithEjml() {
        final RandomStream s = Streams.of(3, 3);
        for (int beta : new int[] {1, 2, 4}) {
            final int n = beta == 4 ? 8 : 64;
            final int size = dlmc.core.random.GaussianEnsembles.representationSize(beta, n);
            final DMatrixRMaj H = new DMatrixRMaj(size, size);
            final SymmetricEigen eig = new SymmetricEigen(size);
            final double[] out = new double[size];
            for (int rep = 0; rep < 3; rep++) {
                dlmc.core.random.GaussianEnsembles.addIncrement(beta, n, 1.0, s, H);
                final double norm = CommonOps_DDRM.elementMaxAbs(H) * size;
                assertTrue(eig.eigenvalues(H, out));
                assertArrayEquals(ejmlEigenvalues(H), out, tol(size, norm), "beta = " + beta + ", rep = " + rep);
            }
        }
        // block-diagonal with a zero column below the diagonal: exercises the H = I branches
        final DMatrixRMaj B = new DMatrixRMaj(6, 6);
        B.set(0, 0, 2);
        B.set(1, 1, -1);
        B.set(2, 2, 3);
        B.set(2, 4, 0.5);
        B.set(4, 2, 0.5);
        B.set(3, 5, 1e-300);
        B.set(5, 3, 1e-300);
        final double[] out = new double[6];
        assertTrue(new SymmetricEigen(6).eigenvalues(B, out));
        assertArrayEquals(ejmlEigenvalues(B), out, tol(6, 4), "block-diagonal");
    }

    @Test
    void tridiagonalNonFiniteInputFailsInsteadOfLooping() {
        final double[] d = {1, Double.NaN, 2};
        final double[] e = {1, 1, 0};
        assertThrows(ArithmeticException.class, () -> SymmetricTridiagonalEigen.eigenvalues(3, d, e));
        final double[] d2 = {1, Double.NaN, 2};
        final double[] e2 = {1, 1, 0};
        assertThrows(ArithmeticException.class, () -> SymmetricTridiagonalEigen.eigenvaluesRootFree(3, d2, e2));
    }
}
