package dlmc.core.linalg;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * Eigenvalues only of a real symmetric matrix, with a workspace reused across calls: Householder
 * reduction to tridiagonal form on a flat row-major copy (lower triangle only; LAPACK
 * {@code dsytd2} / EISPACK {@code tred1}), followed by the root-free QL/QR algorithm
 * {@link SymmetricTridiagonalEigen#eigenvaluesRootFree} (LAPACK {@code dsterf}; no eigenvectors
 * are formed). Cost ≈ (4/3)n³ flops for the
 * reduction plus O(n²) for QL; allocates nothing after construction.
 *
 * <p>The input is never modified. Only its lower triangle (diagonal included) is read, so the
 * input must be symmetric (check with {@link #symmetryResidual}). The eigenvalues are returned
 * sorted ascending.
 *
 * <p>Accuracy: backward stable (each Householder reflection and each QL rotation is orthogonal
 * to working precision); each eigenvalue is within a small multiple of n·ε_mach·‖A‖₂ of the
 * exact one. The results agree with EJML's dense symmetric eigensolver
 * ({@code DecompositionFactory_DDRM.eig(n, false, true)}, used before issue 6) to that
 * tolerance, not bit for bit.
 *
 * <p>Not thread-safe: one instance per task.
 */
public final class SymmetricEigen {
    private final int size;
    private final double[] a;
    private final double[] v;
    private final double[] w;
    private final double[] vPending;
    private final double[] wPending;
    private final double[] e;

    /** @param size the matrix size, {@code >= 1} */
    public SymmetricEigen(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("matrix size must be >= 1, got " + size);
        }
        this.size = size;
        this.a = new double[size * size];
        this.v = new double[size];
        this.w = new double[size];
        this.vPending = new double[size];
        this.wPending = new double[size];
        this.e = new double[size];
    }

    /** @return the matrix size this workspace was built for. */
    public int size() {
        return size;
    }

    /**
     * Writes the eigenvalues of {@code A}, ascending, into {@code out[0..size)}.
     *
     * @param A   a real symmetric {@code size x size} matrix (lower triangle read). Not modified.
     * @param out length at least {@code size}. Modified.
     * @return true on success; false if the input has a non-finite entry or the QL iteration
     *         failed, in which case {@code out[0..size)} is filled with NaN
     * @throws IllegalArgumentException if {@code A} is not {@code size x size}
     */
    public boolean eigenvalues(DMatrixRMaj A, double[] out) {
        if (A.numRows != size || A.numCols != size) {
            throw new IllegalArgumentException("expected a " + size + "x" + size + " matrix, got "
                    + A.numRows + "x" + A.numCols);
        }
        System.arraycopy(A.data, 0, a, 0, size * size);
        if (!allFinite(A)) {
            Arrays.fill(out, 0, size, Double.NaN);
            return false;
        }
        tridiagonalise(out);
        try {
            SymmetricTridiagonalEigen.eigenvaluesRootFree(size, out, e);
        } catch (ArithmeticException notConverged) {
            Arrays.fill(out, 0, size, Double.NaN);
            return false;
        }
        return true;
    }

    /**
     * Householder reduction of the lower triangle of {@link #a} to T = QᵀAQ: d ← diag(T),
     * {@link #e}[0..n−1) ← the sub-diagonal. Step k annihilates a[k+2..n), column k, with
     * H = I − τ v vᵀ (v_0 = 1, LAPACK {@code dlarfg} convention) and updates the trailing block
     * A₂₂ ← H A₂₂ H by the symmetric rank-2 update A₂₂ − v wᵀ − w vᵀ, p = τ A₂₂ v,
     * w = p − (τ/2)(pᵀv) v.
     *
     * <p>The update of step k is kept pending (v, w) and fused into step k+1: its column k+1
     * first, then, row by row, the update of row i immediately followed by that row's share of
     * the next p = τ A₂₂ v, so the trailing block is read once per step instead of twice. Each
     * entry and each sum is formed by the same operations in the same order as with a separate
     * update pass (bit-identical).
     */
    private void tridiagonalise(double[] d) {
        final int n = size;
        final double[] a = this.a;
        double[] v = this.v;
        double[] w = this.w;
        double[] vp = this.vPending; // the pending update (zero: none)
        double[] wp = this.wPending;
        Arrays.fill(vp, 0.0);
        Arrays.fill(wp, 0.0);
        for (int k = 0; k < n - 2; k++) {
            // Pending update of column k, rows k..n.
            final double vpk = vp[k];
            final double wpk = wp[k];
            for (int i = k; i < n; i++) {
                a[i * n + k] -= vp[i] * wpk + wp[i] * vpk;
            }
            d[k] = a[k * n + k];
            final int r0 = k + 1;
            // x = a[r0..n), column k; scale by its largest entry to avoid over/underflow.
            double scale = 0;
            for (int i = r0; i < n; i++) {
                scale = Math.max(scale, Math.abs(a[i * n + k]));
            }
            double tailSq = 0;
            double inv = 0;
            if (scale != 0) {
                inv = 1.0 / scale;
                for (int i = r0 + 1; i < n; i++) {
                    final double x = a[i * n + k] * inv;
                    tailSq += x * x;
                }
            }
            final double alpha = a[r0 * n + k];
            if (tailSq == 0) {
                // Already tridiagonal in this column: H = I. Apply the pending update now.
                e[k] = scale == 0 ? 0 : alpha;
                for (int i = r0; i < n; i++) {
                    final int row = i * n;
                    final double vi = vp[i];
                    final double wi = wp[i];
                    for (int j = r0; j <= i; j++) {
                        a[row + j] -= vi * wp[j] + wi * vp[j];
                    }
                }
                Arrays.fill(vp, 0.0);
                Arrays.fill(wp, 0.0);
                continue;
            }
            final double as = alpha * inv;
            final double beta = -Math.copySign(Math.sqrt(as * as + tailSq), as) * scale;
            final double tau = (beta - alpha) / beta;
            final double f = 1.0 / (alpha - beta);
            v[r0] = 1.0;
            for (int i = r0 + 1; i < n; i++) {
                v[i] = a[i * n + k] * f;
            }
            e[k] = beta;
            for (int i = r0; i < n; i++) {
                w[i] = 0;
            }
            // Row i of A₂₂: the pending update, then p = τ A₂₂ v from the lower triangle.
            for (int i = r0; i < n; i++) {
                final int row = i * n;
                final double vi = v[i];
                final double vpi = vp[i];
                final double wpi = wp[i];
                double s = 0;
                for (int j = r0; j < i; j++) {
                    final double aij = a[row + j] - (vpi * wp[j] + wpi * vp[j]);
                    a[row + j] = aij;
                    s += aij * v[j];
                    w[j] += aij * vi;
                }
                final double aii = a[row + i] - (vpi * wp[i] + wpi * vp[i]);
                a[row + i] = aii;
                w[i] += s + aii * vi;
            }
            double pv = 0;
            for (int i = r0; i < n; i++) {
                w[i] *= tau;
                pv += w[i] * v[i];
            }
            final double c = 0.5 * tau * pv;
            for (int i = r0; i < n; i++) {
                w[i] -= c * v[i];
            }
            // (v, w) becomes the pending update; entries below r0 are never read again.
            final double[] tv = vp;
            vp = v;
            v = tv;
            final double[] tw = wp;
            wp = w;
            w = tw;
        }
        // The last pending update, on the trailing 2x2 block.
        for (int i = Math.max(n - 2, 0); i < n; i++) {
            final int row = i * n;
            for (int j = Math.max(n - 2, 0); j <= i; j++) {
                a[row + j] -= vp[i] * wp[j] + wp[i] * vp[j];
            }
        }
        if (n >= 2) {
            d[n - 2] = a[(n - 2) * n + n - 2];
            e[n - 2] = a[(n - 1) * n + n - 2];
        }
        d[n - 1] = a[(n - 1) * n + n - 1];
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
