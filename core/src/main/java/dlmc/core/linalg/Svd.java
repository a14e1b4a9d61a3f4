package dlmc.core.linalg;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Full singular value decomposition X = U diag(σ) Vᵀ of a real square d×d matrix, with a workspace
 * reused across calls (math-spec §0.3 "SVD of X", §8 "SVD"). EJML procedural API:
 * {@code DecompositionFactory_DDRM.svd(d, d, true, true, false)} (bidiagonalisation followed by
 * implicit QR, full — not compact — U and V).
 *
 * <p>Normalisation of the outputs:
 * <ul>
 *   <li>σ_1 ≥ σ_2 ≥ … ≥ σ_d ≥ 0 (descending), the columns of U and V permuted accordingly, so
 *       that X = Σ_i σ_i u_i v_iᵀ still holds column by column;</li>
 *   <li>optionally (math-spec §6.4 step 3) the signs of the columns: column i of U is negated if
 *       U_ii &lt; 0, and column i of V with it (the product u_i v_iᵀ is unchanged).</li>
 * </ul>
 *
 * <p>The input is never modified: it is copied into a workspace first, because EJML's
 * decomposition may overwrite its input ({@code inputModified()}).
 *
 * <p>Accuracy: backward stable. {@link #orthogonalityResidual} of U and V and
 * {@link #reconstructionResidual} are ~1e-15 (a small multiple of d·ε_mach) for a successful
 * decomposition; singular values carry an absolute error of order d·ε_mach·σ_1.
 *
 * <p>The getters {@link #U()}, {@link #V()}, {@link #sigma()} return the workspace's own storage,
 * valid until the next {@link #decompose} call: read, do not modify. Allocates nothing after
 * construction. Not thread-safe: one instance per task.
 */
public final class Svd {
    private final int size;
    private final DMatrixRMaj work;
    private final DMatrixRMaj U;
    private final DMatrixRMaj V;
    private final double[] sigma;
    private final SingularValueDecomposition_F64<DMatrixRMaj> decomposition;

    /** @param size the matrix size d, {@code >= 1} */
    public Svd(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("matrix size must be >= 1, got " + size);
        }
        this.size = size;
        this.work = new DMatrixRMaj(size, size);
        this.U = new DMatrixRMaj(size, size);
        this.V = new DMatrixRMaj(size, size);
        this.sigma = new double[size];
        this.decomposition = DecompositionFactory_DDRM.svd(size, size, true, true, false);
    }

    /** @return the matrix size d this workspace was built for. */
    public int size() {
        return size;
    }

    /**
     * Decomposes X without sign normalisation. See {@link #decompose(DMatrixRMaj, boolean)}.
     *
     * @param X a d×d matrix. Not modified.
     */
    public boolean decompose(DMatrixRMaj X) {
        return decompose(X, false);
    }

    /**
     * Decomposes X = U diag(σ) Vᵀ, σ descending.
     *
     * @param X              a d×d matrix. Not modified.
     * @param normaliseSigns if true, make every diagonal entry U_ii ≥ 0 by negating column i of both
     *                       U and V (math-spec §6.4 step 3)
     * @return true on success; false if X has a non-finite entry or EJML failed to converge, in
     *         which case σ, U and V are filled with NaN
     * @throws IllegalArgumentException if X is not d×d
     */
    public boolean decompose(DMatrixRMaj X, boolean normaliseSigns) {
        if (X.numRows != size || X.numCols != size) {
            throw new IllegalArgumentException("expected a " + size + "x" + size + " matrix, got "
                    + X.numRows + "x" + X.numCols);
        }
        work.setTo(X);
        if (!allFinite(work) || !decomposition.decompose(work)) {
            Arrays.fill(sigma, Double.NaN);
            Arrays.fill(U.data, 0, size * size, Double.NaN);
            Arrays.fill(V.data, 0, size * size, Double.NaN);
            return false;
        }
        decomposition.getU(U, false);
        decomposition.getV(V, false);
        System.arraycopy(decomposition.getSingularValues(), 0, sigma, 0, size);
        sortDescending();
        if (normaliseSigns) {
            normaliseSigns();
        }
        return true;
    }

    /** Selection sort (d is small) of σ, swapping the columns of U and V alongside. */
    private void sortDescending() {
        for (int i = 0; i < size - 1; i++) {
            int best = i;
            for (int j = i + 1; j < size; j++) {
                if (sigma[j] > sigma[best]) {
                    best = j;
                }
            }
            if (best != i) {
                final double t = sigma[i];
                sigma[i] = sigma[best];
                sigma[best] = t;
                swapColumns(U, i, best);
                swapColumns(V, i, best);
            }
        }
    }

    private void normaliseSigns() {
        for (int i = 0; i < size; i++) {
            if (U.unsafe_get(i, i) < 0) {
                negateColumn(U, i);
                negateColumn(V, i);
            }
        }
    }

    private static void swapColumns(DMatrixRMaj A, int a, int b) {
        final int n = A.numCols;
        final double[] x = A.data;
        for (int r = 0; r < A.numRows; r++) {
            final int ra = r * n + a;
            final int rb = r * n + b;
            final double t = x[ra];
            x[ra] = x[rb];
            x[rb] = t;
        }
    }

    private static void negateColumn(DMatrixRMaj A, int c) {
        final int n = A.numCols;
        for (int r = 0; r < A.numRows; r++) {
            A.data[r * n + c] = -A.data[r * n + c];
        }
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

    /** @return U (left singular vectors as columns) of the last decomposition. Workspace storage: do not modify. */
    public DMatrixRMaj U() {
        return U;
    }

    /** @return V (right singular vectors as columns) of the last decomposition. Workspace storage: do not modify. */
    public DMatrixRMaj V() {
        return V;
    }

    /** @return σ, descending, of the last decomposition. Workspace storage: do not modify. */
    public double[] sigma() {
        return sigma;
    }

    /**
     * Copies the last decomposition into caller-owned storage.
     *
     * @param Uout  d×d. Modified.
     * @param sOut  length ≥ d. Modified.
     * @param Vout  d×d. Modified.
     */
    public void copyTo(DMatrixRMaj Uout, double[] sOut, DMatrixRMaj Vout) {
        Uout.setTo(U);
        Vout.setTo(V);
        System.arraycopy(sigma, 0, sOut, 0, size);
    }

    /**
     * Orthogonality residual ‖QᵀQ − I‖_F of a square matrix: 0 for an exactly orthogonal matrix;
     * ~1e-15 (a small multiple of d·ε_mach) is machine precision. O(d³), allocates nothing.
     *
     * @param Q a square matrix. Not modified.
     */
    public static double orthogonalityResidual(DMatrixRMaj Q) {
        final int n = Q.numCols;
        final int m = Q.numRows;
        double sum = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double dot = 0;
                for (int r = 0; r < m; r++) {
                    dot += Q.unsafe_get(r, a) * Q.unsafe_get(r, b);
                }
                final double e = dot - (a == b ? 1.0 : 0.0);
                sum += e * e;
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * Normalised reconstruction residual ‖X − U diag(σ) Vᵀ‖_F / ‖X‖_F (0 if X = 0 and the
     * product is 0): ~1e-15 is machine precision for a backward-stable SVD. O(d³), allocates
     * nothing.
     *
     * @param X     d×d. Not modified.
     * @param U     d×d. Not modified.
     * @param sigma length ≥ d. Not modified.
     * @param V     d×d. Not modified.
     */
    public static double reconstructionResidual(DMatrixRMaj X, DMatrixRMaj U, double[] sigma, DMatrixRMaj V) {
        final int n = X.numRows;
        double diff = 0;
        double norm = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += U.unsafe_get(r, k) * sigma[k] * V.unsafe_get(c, k);
                }
                final double x = X.unsafe_get(r, c);
                diff += (x - s) * (x - s);
                norm += x * x;
            }
        }
        if (norm == 0) {
            return diff == 0 ? 0.0 : Double.POSITIVE_INFINITY;
        }
        return Math.sqrt(diff / norm);
    }
}
