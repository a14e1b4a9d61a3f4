package dlmc.core.linalg;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Eigenvalues only of a real symmetric matrix, with a workspace reused across calls
 * (EJML procedural API: {@code DecompositionFactory_DDRM.eig(n, false, true)}, i.e.
 * Householder tridiagonalisation followed by the implicit symmetric QR algorithm).
 *
 * <p>The input is never modified: it is copied into an internal workspace first, because EJML's
 * symmetric decomposition may overwrite its input ({@code inputModified()}). EJML returns the
 * eigenvalues as {@code Complex_F64} in no particular order; the real parts are sorted ascending
 * here (for a symmetric input the imaginary parts are exactly zero).
 *
 * <p>Accuracy: backward stable; each eigenvalue is within a small multiple of ε_mach·‖A‖₂ of the
 * exact one. EJML reads the whole matrix, so the input must be symmetric (check with
 * {@link #symmetryResidual}).
 *
 * <p>Not thread-safe: one instance per task.
 */
public final class SymmetricEigen {
    private final int size;
    private final DMatrixRMaj work;
    private final EigenDecomposition_F64<DMatrixRMaj> decomposition;

    /** @param size the matrix size, {@code >= 1} */
    public SymmetricEigen(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("matrix size must be >= 1, got " + size);
        }
        this.size = size;
        this.work = new DMatrixRMaj(size, size);
        this.decomposition = DecompositionFactory_DDRM.eig(size, false, true);
    }

    /** @return the matrix size this workspace was built for. */
    public int size() {
        return size;
    }

    /**
     * Writes the eigenvalues of {@code A}, ascending, into {@code out[0..size)}.
     *
     * @param A   a real symmetric {@code size x size} matrix. Not modified.
     * @param out length at least {@code size}. Modified.
     * @return true on success; false if the input has a non-finite entry or the decomposition
     *         failed, in which case {@code out[0..size)} is filled with NaN
     * @throws IllegalArgumentException if {@code A} is not {@code size x size}
     */
    public boolean eigenvalues(DMatrixRMaj A, double[] out) {
        if (A.numRows != size || A.numCols != size) {
            throw new IllegalArgumentException("expected a " + size + "x" + size + " matrix, got "
                    + A.numRows + "x" + A.numCols);
        }
        work.setTo(A);
        // EJML's shift computation throws on NaN/Inf input: screen it first (O(size²)).
        if (!allFinite(work) || !decomposition.decompose(work)) {
            Arrays.fill(out, 0, size, Double.NaN);
            return false;
        }
        for (int i = 0; i < size; i++) {
            out[i] = decomposition.getEigenvalue(i).real;
        }
        Arrays.sort(out, 0, size);
        return true;
    }

    private static boolean allFinite(DMatrixRMaj A) {
        final double[] a = A.data;
        final int len = A.getNumElements();
        for (int i = 0; i < len; i++) {
            if (!Double.isFinite(a[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Normalised symmetry residual {@code max_ij |A_ij − A_ji| / max(max_ij |A_ij|, Double.MIN_NORMAL)}:
     * 0 for an exactly symmetric matrix; ~1e-16 is machine precision.
     *
     * @param A a square matrix. Not modified.
     */
    public static double symmetryResidual(DMatrixRMaj A) {
        final int n = A.numRows;
        double maxAbs = 0;
        double maxDiff = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                final double a = A.unsafe_get(i, j);
                maxAbs = Math.max(maxAbs, Math.abs(a));
                maxDiff = Math.max(maxDiff, Math.abs(a - A.unsafe_get(j, i)));
            }
        }
        return maxDiff / Math.max(maxAbs, Double.MIN_NORMAL);
    }
}
