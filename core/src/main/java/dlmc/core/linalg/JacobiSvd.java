package dlmc.core.linalg;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * Full SVD X = U diag(σ) Vᵀ of a small real square d×d matrix by the one-sided (Hestenes) Jacobi
 * method, optionally warm-started from a previous right frame (math-spec §0.3 "SVD of X", §6.3,
 * §6.4 step 3). Same output conventions as {@link Svd}: σ descending, the columns of U and V
 * permuted with it, optional §6.4 sign normalisation (U_ii ≥ 0).
 *
 * <p>Algorithm: A ← X·V₀ (V₀ = I without a warm start), then sweeps of plane rotations on the
 * column pairs (p, q), p &lt; q, of A, accumulated into V, each making columns p and q
 * orthogonal: with α = ‖a_p‖², β = ‖a_q‖², γ = a_p·a_q the pair is rotated when
 * |γ| &gt; ε_mach·sqrt(αβ) (α, β recomputed at the start of each sweep and carried through its
 * rotations by α' = α − tγ, β' = β + tγ, so a pair costs one dot product). Finally σ_p = ‖a_p‖, u_p = a_p/σ_p. Convergence is quadratic once
 * the columns are nearly orthogonal, so the sweeps stop after a sweep whose largest relative
 * off-diagonal |γ|/sqrt(αβ) was below {@link #QUADRATIC_THRESHOLD} (the next sweep would see
 * O(threshold²) = O(ε_mach)) or that made no rotation at all; at most {@link #MAX_SWEEPS}.
 * Columns with σ_p = 0 get a u_p completed by Gram–Schmidt on the unit vectors, so U is always
 * orthogonal.
 *
 * <p>Why: the schemes of §6.3 and §6.4 decompose matrices that are close to diagonal in a known
 * frame — X_{k+1} in the frame V_k of X_k (matrix Euler–Maruyama), diag(s) + O(√h) (SVD frame) —
 * where the Jacobi method needs two or three sweeps instead of a full bidiagonalisation plus
 * implicit QR (EJML), and it works on flat arrays with no allocation.
 *
 * <p>Accuracy: U and V orthogonal and X reconstructed to a small multiple of d·ε_mach (see
 * {@link Svd#orthogonalityResidual}, {@link Svd#reconstructionResidual}); one-sided Jacobi
 * computes even the small singular values to high relative accuracy. The result agrees with
 * {@link Svd} (EJML) to rounding, not bit for bit; with a warm start it also depends (at the
 * rounding level, and within clusters of equal σ) on the start frame, deterministically.
 *
 * <p>The getters return the workspace's own storage, valid until the next call. Allocates nothing
 * after construction. Not thread-safe: one instance per task.
 */
public final class JacobiSvd {
    /** Sweep-level stopping threshold on max |γ|/sqrt(αβ) (quadratic convergence, class comment). */
    public static final double QUADRATIC_THRESHOLD = 1e-8;
    /** Upper bound on sweeps (a cold start at d = 8 needs 6–8). */
    public static final int MAX_SWEEPS = 60;

    private static final double EPS = Math.ulp(1.0);
    private static final double EPS2 = EPS * EPS;
    /** 2^-54: below this γ²/h² a rotation has c = 1 in floating point (see {@link #sweep}). */
    private static final double TINY = 0x1.0p-54;
    private static final double THRESHOLD2 = QUADRATIC_THRESHOLD * QUADRATIC_THRESHOLD;

    private final int d;
    /**
     * Column p of A followed by column p of V: cols[p][k] = A[k][p], cols[p][d + k] = V[k][p]. One
     * array per column pair, so a rotation of columns p and q of A and of V is one loop of length
     * 2d over two arrays at the same index.
     */
    private final double[][] cols;
    private final double[] norms;
    /** X·V0 of a warm start, row-major. */
    private final double[] product;
    private final int[] order;
    private final DMatrixRMaj U;
    private final DMatrixRMaj V;
    private final double[] sigma;
    private int sweeps;

    /** @param size the matrix size d, {@code >= 1} */
    public JacobiSvd(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("matrix size must be >= 1, got " + size);
        }
        this.d = size;
        this.cols = new double[size][2 * size];
        this.norms = new double[size];
        this.product = new double[size * size];
        this.order = new int[size];
        this.U = new DMatrixRMaj(size, size);
        this.V = new DMatrixRMaj(size, size);
        this.sigma = new double[size];
    }

    /** @return the matrix size d. */
    public int size() {
        return d;
    }

    /**
     * Decomposes X = U diag(σ) Vᵀ, σ descending.
     *
     * @param X              d×d. Not modified.
     * @param V0             a d×d orthogonal start frame (e.g. the previous V), or null for the
     *                       identity. Not modified (may be the caller's copy of {@link #V()}).
     * @param normaliseSigns if true, make every U_ii ≥ 0 by negating column i of U and V
     * @return true on success (σ, U and V are then finite); false if X (or V0) has a non-finite
     *         entry, a column norm overflows or the sweeps did not converge, in which case σ, U
     *         and V are NaN
     * @throws IllegalArgumentException if X or V0 is not d×d
     */
    public boolean decompose(DMatrixRMaj X, DMatrixRMaj V0, boolean normaliseSigns) {
        if (X.numRows != d || X.numCols != d || (V0 != null && (V0.numRows != d || V0.numCols != d))) {
            throw new IllegalArgumentException("expected " + d + "x" + d + " matrices");
        }
        final double[] x = X.data;
        if (V0 == null) {
            for (int p = 0; p < d; p++) {
                for (int k = 0; k < d; k++) {
                    cols[p][k] = x[k * d + p];
                    cols[p][d + k] = p == k ? 1.0 : 0.0;
                }
            }
        } else {
            final double[] v0 = V0.data;
            // A = X·V0 (each entry the sum over m in increasing order, as SmallProducts rounds it)
            SmallProducts.mult(x, v0, product, d);
            for (int p = 0; p < d; p++) {
                for (int k = 0; k < d; k++) {
                    cols[p][d + k] = v0[k * d + p];
                    cols[p][k] = product[k * d + p];
                }
            }
        }
        if (!allFinite(cols) || !sweep() || !finish(normaliseSigns)) {
            fail();
            return false;
        }
        return true;
    }

    /**
     * Decomposes X = A·V0ᵀ given A = X·V0 and the orthogonal start frame V0: the same as
     * {@link #decompose}(X, V0, ·) without forming X and the product X·V0, for callers that have
     * X·V0 in closed form (the matrix Euler–Maruyama step: X_{k+1}V_k = U_k(Σ_k + F_k), §6.3).
     *
     * @param A  d×d. Not modified.
     * @param V0 d×d orthogonal. Not modified (may be the caller's copy of {@link #V()}).
     * @return as {@link #decompose}
     * @throws IllegalArgumentException if A or V0 is not d×d
     */
    public boolean decomposeProduct(DMatrixRMaj A, DMatrixRMaj V0, boolean normaliseSigns) {
        if (A.numRows != d || A.numCols != d || V0.numRows != d || V0.numCols != d) {
            throw new IllegalArgumentException("expected " + d + "x" + d + " matrices");
        }
        final double[] x = A.data;
        for (int p = 0; p < d; p++) {
            for (int k = 0; k < d; k++) {
                cols[p][k] = x[k * d + p];
            }
        }
        return decomposeColumns(V0, normaliseSigns);
    }

    /**
     * The column storage of the matrix to decompose, for {@link #decomposeColumns}:
     * {@code columns()[p][k]}, k &lt; d, is entry (k, p); entries d ≤ k &lt; 2d are workspace.
     * Workspace storage, overwritten by every decomposition.
     */
    public double[][] columns() {
        return cols;
    }

    /**
     * {@link #decomposeProduct}(A, V0, ·) for an A the caller has written into {@link #columns()}
     * (column p into {@code columns()[p]}): for callers that form A entry by entry (the SVD-frame
     * step's M = diag(s) + a, §6.4 step 3), which saves the copy.
     *
     * @param V0 d×d orthogonal. Not modified (may be the caller's copy of {@link #V()}).
     * @return as {@link #decompose}
     * @throws IllegalArgumentException if V0 is not d×d
     */
    public boolean decomposeColumns(DMatrixRMaj V0, boolean normaliseSigns) {
        if (V0.numRows != d || V0.numCols != d) {
            throw new IllegalArgumentException("expected " + d + "x" + d + " matrices");
        }
        final double[] v0 = V0.data;
        for (int p = 0; p < d; p++) {
            for (int k = 0; k < d; k++) {
                cols[p][d + k] = v0[k * d + p];
            }
        }
        if (!allFinite(cols) || !sweep() || !finish(normaliseSigns)) {
            fail();
            return false;
        }
        return true;
    }

    /**
     * Finishes a decomposition whose sweeps ran elsewhere ({@link LaneJacobi}): the caller has
     * written the converged columns of A into {@code columns()[p][k]}, k &lt; d, and those of V into
     * {@code columns()[p][d + k]}. Then σ, U and V as after {@link #decompose}.
     *
     * @return false if a column norm is not finite (σ, U and V are then NaN), true otherwise
     */
    public boolean finishColumns(boolean normaliseSigns) {
        if (!finish(normaliseSigns)) {
            fail();
            return false;
        }
        return true;
    }

    /** Sets σ, U and V to NaN (the result of a failed decomposition). */
    public void invalidate() {
        fail();
    }

    /** Jacobi sweeps; false if not converged within {@link #MAX_SWEEPS} or non-finite. */
    private boolean sweep() {
        final double[][] a = cols;
        final int n = d;
        final int n2 = 2 * d;
        final double[] nrm = norms;
        for (sweeps = 1; sweeps <= MAX_SWEEPS; sweeps++) {
            // squared column norms, recomputed each sweep and updated by the rotations
            for (int p = 0; p < n; p++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += a[p][k] * a[p][k];
                }
                nrm[p] = s;
            }
            boolean large = false;
            boolean rotated = false;
            for (int p = 0; p < n - 1; p++) {
                final double[] ap0 = a[p];
                for (int q = p + 1; q < n; q++) {
                    final double[] aq0 = a[q];
                    // four partial sums: the dot product is on the serial path from one
                    // rotation to the next (a_p feeds the next pair), so its latency counts
                    double g0 = 0;
                    double g1 = 0;
                    double g2a = 0;
                    double g3 = 0;
                    int m = 0;
                    for (; m + 3 < n; m += 4) {
                        g0 += ap0[m] * aq0[m];
                        g1 += ap0[m + 1] * aq0[m + 1];
                        g2a += ap0[m + 2] * aq0[m + 2];
                        g3 += ap0[m + 3] * aq0[m + 3];
                    }
                    for (; m < n; m++) {
                        g0 += ap0[m] * aq0[m];
                    }
                    final double gamma = (g0 + g1) + (g2a + g3);
                    if (gamma == 0) {
                        continue;
                    }
                    double alpha = nrm[p];
                    double beta = nrm[q];
                    final double g2 = gamma * gamma;
                    double ab = alpha * beta;
                    if (!(g2 <= ab) || !(ab < Double.POSITIVE_INFINITY)) {
                        // |γ| ≤ sqrt(αβ) always holds for true norms: a carried norm lost its
                        // digits (a column → 0) or overflowed; recompute both
                        alpha = 0;
                        beta = 0;
                        for (int k = 0; k < n; k++) {
                            alpha += ap0[k] * ap0[k];
                            beta += aq0[k] * aq0[k];
                        }
                        ab = alpha * beta;
                        if (!(ab < Double.POSITIVE_INFINITY) || !(g2 < Double.POSITIVE_INFINITY)) {
                            return false; // NaN or overflow
                        }
                    }
                    // rotate iff |γ|/sqrt(αβ) > ε, tested without roots or divisions
                    if (g2 > EPS2 * ab) {
                        rotated = true;
                        if (g2 >= THRESHOLD2 * ab) {
                            large = true;
                        }
                        // t = γ / (h + sign(h)·sqrt(h² + γ²)), h = (β − α)/2: the smaller root of
                        // t² + 2(h/γ)t − 1 = 0 (the rotation by the smaller angle)
                        final double hh = 0.5 * (beta - alpha);
                        final double hh2 = hh * hh;
                        if (g2 < TINY * hh2 && hh2 > 1e-250 && hh2 < 1e250) {
                            // Tiny rotation (the last sweep): fl(h² + γ²) = fl(h²) (γ² is below
                            // half an ulp of it), sqrt(fl(h²)) = r = |h|, so t = γ/(2h) exactly as
                            // below, |h|/r = 1 makes c = 1, s = t: the same floating-point results
                            // without the two square roots and two divisions.
                            final double t = gamma / (hh + hh);
                            for (int k = 0; k < n2; k++) {
                                final double ap = ap0[k];
                                final double aq = aq0[k];
                                ap0[k] = ap - t * aq;
                                aq0[k] = t * ap + aq;
                            }
                            nrm[p] = Math.max(alpha - t * gamma, 0.0);
                            nrm[q] = beta + t * gamma;
                            continue;
                        }
                        // r = sqrt(h² + γ²), t = sign(h)γ/(|h| + r); c = 1/sqrt(1 + t²) by the
                        // half-angle form c = sqrt((1 + |h|/r)/2) (1 + t² = 2r/(r + |h|)), which
                        // does not wait for t: the rotation parameters are on the serial path
                        // from one pair to the next
                        final double r = Math.sqrt(hh2 + g2);
                        final double ah = Math.abs(hh);
                        final double t = Math.copySign(1.0, hh) * gamma / (ah + r);
                        final double c = Math.sqrt(0.5 + 0.5 * (ah / r));
                        final double s = c * t;
                        // columns p, q of A and of V: one loop
                        for (int k = 0; k < n2; k++) {
                            final double ap = ap0[k];
                            final double aq = aq0[k];
                            ap0[k] = c * ap - s * aq;
                            aq0[k] = s * ap + c * aq;
                        }
                        // ‖a_p'‖² = α − tγ, ‖a_q'‖² = β + tγ (Hestenes; exact in exact arithmetic)
                        nrm[p] = Math.max(alpha - t * gamma, 0.0);
                        nrm[q] = beta + t * gamma;
                    }
                }
            }
            if (!rotated || !large) {
                return true;
            }
        }
        return false;
    }

    /**
     * σ, descending order, U (normalised columns, completed where σ = 0), V, signs.
     *
     * @return false if a column norm is not finite (its square overflowed: a column exactly
     *         orthogonal to all others is never tested in the sweeps), true otherwise; on true σ,
     *         U and V are finite (the rotations of finite columns with finite norms are finite)
     */
    private boolean finish(boolean normaliseSigns) {
        final int n = d;
        for (int p = 0; p < n; p++) {
            double s = 0;
            for (int k = 0; k < n; k++) {
                s += cols[p][k] * cols[p][k];
            }
            if (!(s < Double.POSITIVE_INFINITY)) {
                return false;
            }
            norms[p] = Math.sqrt(s);
            order[p] = p;
        }
        // insertion sort of the column indices by σ, descending (stable)
        for (int i = 1; i < n; i++) {
            final int key = order[i];
            int j = i - 1;
            while (j >= 0 && norms[order[j]] < norms[key]) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = key;
        }
        final double[] u = U.data;
        final double[] vv = V.data;
        boolean incomplete = false;
        for (int i = 0; i < n; i++) {
            final int p = order[i];
            final double s = norms[p];
            sigma[i] = s;
            final double inv = s > 0 ? 1 / s : 0;
            // the sign rule U_ii ≥ 0 applied in the copy (a·(−b) = −(a·b) exactly: the same bits
            // as negating afterwards); columns with σ = 0 are completed and signed below
            final double sg = normaliseSigns && cols[p][i] * inv < 0 ? -1.0 : 1.0;
            final double scale = sg * inv;
            final double[] ap = cols[p];
            for (int k = 0; k < n; k++) {
                u[k * n + i] = ap[k] * scale;
                vv[k * n + i] = sg * ap[n + k];
            }
            incomplete |= !(s > 0);
        }
        if (incomplete) {
            completeU();
        }
        if (normaliseSigns && incomplete) {
            for (int i = 0; i < n; i++) {
                if (u[i * n + i] < 0) {
                    for (int k = 0; k < n; k++) {
                        u[k * n + i] = -u[k * n + i];
                        vv[k * n + i] = -vv[k * n + i];
                    }
                }
            }
        }
        return true;
    }

    /**
     * Columns of U with σ = 0 (zero vectors so far) ← orthonormal completion: for each, the unit
     * vector e_k (k = 0, 1, ...) with the largest remainder after two Gram–Schmidt passes against
     * the other columns.
     */
    private void completeU() {
        final int n = d;
        final double[] u = U.data;
        final double[] w = norms; // norms are no longer needed
        for (int i = 0; i < n; i++) {
            if (sigma[i] > 0) {
                continue;
            }
            double best = -1;
            int bestK = 0;
            for (int k = 0; k < n; k++) {
                final double r = remainder(k, i, w);
                if (r > best + 1e-3) {
                    best = r;
                    bestK = k;
                }
            }
            final double r = remainder(bestK, i, w);
            for (int row = 0; row < n; row++) {
                u[row * n + i] = w[row] / r;
            }
        }
    }

    /** w ← e_k orthogonalised (twice) against the columns of U other than i; @return ‖w‖. */
    private double remainder(int k, int i, double[] w) {
        final int n = d;
        final double[] u = U.data;
        Arrays.fill(w, 0, n, 0.0);
        w[k] = 1;
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < n; c++) {
                if (c == i) {
                    continue;
                }
                double dot = 0;
                for (int row = 0; row < n; row++) {
                    dot += u[row * n + c] * w[row];
                }
                for (int row = 0; row < n; row++) {
                    w[row] -= dot * u[row * n + c];
                }
            }
        }
        double s = 0;
        for (int row = 0; row < n; row++) {
            s += w[row] * w[row];
        }
        return Math.sqrt(s);
    }

    private void fail() {
        Arrays.fill(sigma, Double.NaN);
        Arrays.fill(U.data, 0, d * d, Double.NaN);
        Arrays.fill(V.data, 0, d * d, Double.NaN);
    }

    private static boolean allFinite(double[][] a) {
        for (double[] row : a) {
            for (double x : row) {
                if (!Double.isFinite(x)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @return sweeps used by the last successful decomposition (for tests and benchmarks). */
    public int sweeps() {
        return sweeps;
    }

    /** @return U of the last decomposition. Workspace storage: do not modify. */
    public DMatrixRMaj U() {
        return U;
    }

    /** @return V of the last decomposition. Workspace storage: do not modify. */
    public DMatrixRMaj V() {
        return V;
    }

    /** @return σ, descending, of the last decomposition. Workspace storage: do not modify. */
    public double[] sigma() {
        return sigma;
    }
}
