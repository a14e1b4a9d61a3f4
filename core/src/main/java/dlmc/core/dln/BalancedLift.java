package dlmc.core.dln;

import dlmc.core.linalg.Svd;
import dlmc.core.random.HaarOrthogonal;
import dlmc.core.random.RandomStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Balanced lift of a full-rank end-to-end matrix to the balanced manifold 𝓜 (math-spec §1.3,
 * algorithm BalancedLift):
 * <pre>  X = Q_N Σ Q_0ᵀ (SVD, Q_N = U, Q_0 = V),  Λ = Σ^{1/N},  W_p = Q_p Λ Q_{p−1}ᵀ,  p = 1..N,</pre>
 * with free Q_1..Q_{N−1} ∈ O_d (identity by default, or Haar-random). Guarantees (§1.3):
 * W_N⋯W_1 = X; G_p = W_{p+1}ᵀW_{p+1} − W_pW_pᵀ = 0; W_{&gt;p}W_{&gt;p}ᵀ = (XXᵀ)^{(N−p)/N};
 * every W_p has singular values λ = σ^{1/N}. The choice of Q's parametrises the fibre 𝒪_X.
 *
 * <p>Indexing: arrays are 0-based, {@code W[p-1]} holds W_p (p = 1..N) and {@code Q[p-1]} holds
 * Q_p (p = 1..N−1).
 *
 * <p>Workspaces created once; the lift allocates nothing. Not thread-safe: one instance per task.
 */
public final class BalancedLift {
    /**
     * ε_rank of §1.3 step 1: X is rejected when σ_d ≤ ε_rank·σ_1. A backward-stable SVD gives σ_d
     * to an absolute error ≈ d·ε_mach·σ_1, so a ratio below ~1e-12 (≈ 4500 ε_mach) carries no
     * reliable digits and λ_d = σ_d^{1/N} would be noise amplified by the N-th root.
     */
    public static final double RANK_TOLERANCE = 1e-12;

    private final int d;
    private final int depth;
    private final Svd svd;
    private final double[] lambda;
    private final DMatrixRMaj left;
    private final DMatrixRMaj right;
    private final DMatrixRMaj QHaar;
    private final DMatrixRMaj prev;
    private final DMatrixRMaj work;

    /**
     * @param d width ≥ 1
     * @param N depth ≥ 1
     */
    public BalancedLift(int d, int N) {
        if (d < 1) {
            throw new IllegalArgumentException("width d must be >= 1, got " + d);
        }
        Kernel.checkDepth(N);
        this.d = d;
        this.depth = N;
        this.svd = new Svd(d);
        this.lambda = new double[d];
        this.left = new DMatrixRMaj(d, d);
        this.right = new DMatrixRMaj(d, d);
        this.QHaar = new DMatrixRMaj(d, d);
        this.prev = new DMatrixRMaj(d, d);
        this.work = new DMatrixRMaj(d, d);
    }

    public int width() {
        return d;
    }

    public int depth() {
        return depth;
    }

    /** Lift with Q_1 = … = Q_{N−1} = I. See {@link #lift(DMatrixRMaj, DMatrixRMaj[], DMatrixRMaj[])}. */
    public void lift(DMatrixRMaj X, DMatrixRMaj[] W) {
        lift(X, null, W);
    }

    /**
     * W ← the balanced lift of X with the given fibre coordinates.
     *
     * @param X d×d, full rank. Not modified.
     * @param Q null (all identity) or N−1 orthogonal d×d matrices Q_1..Q_{N−1} (orthogonality not
     *          checked). Not modified.
     * @param W N d×d matrices W_1..W_N. Modified.
     * @throws RankDeficientException   if σ_d ≤ {@link #RANK_TOLERANCE}·σ_1 (or X = 0)
     * @throws IllegalArgumentException if X is not finite or a shape is wrong
     */
    public void lift(DMatrixRMaj X, DMatrixRMaj[] Q, DMatrixRMaj[] W) {
        checkLayers(W);
        if (Q != null && Q.length != depth - 1) {
            throw new IllegalArgumentException("expected N-1 = " + (depth - 1) + " fibre matrices Q_1..Q_{N-1}, got "
                    + Q.length);
        }
        decompose(X);
        for (int p = 1; p <= depth; p++) {
            final DMatrixRMaj Qp = p == depth ? svd.U() : (Q == null ? null : Q[p - 1]);
            final DMatrixRMaj Qpm1 = p == 1 ? svd.V() : (Q == null ? null : Q[p - 2]);
            layer(Qp, Qpm1, W[p - 1]);
        }
    }

    /**
     * W ← the balanced lift of X with Haar-random Q_1..Q_{N−1}, drawn in order p = 1..N−1 by
     * {@code haar} (d² Gaussians each).
     *
     * @param X      d×d, full rank. Not modified.
     * @param haar   a sampler of size d
     * @param stream Modified (advanced by (N−1)d² Gaussians).
     * @param W      N d×d matrices. Modified.
     * @throws RankDeficientException if σ_d ≤ {@link #RANK_TOLERANCE}·σ_1
     */
    public void liftHaar(DMatrixRMaj X, HaarOrthogonal haar, RandomStream stream, DMatrixRMaj[] W) {
        checkLayers(W);
        if (haar.size() != d) {
            throw new IllegalArgumentException("Haar sampler of size " + haar.size() + " for width " + d);
        }
        decompose(X);
        // prev holds Q_{p−1}; W_p = Q_p Λ Q_{p−1}ᵀ
        prev.setTo(svd.V());
        for (int p = 1; p <= depth; p++) {
            if (p == depth) {
                QHaar.setTo(svd.U());
            } else {
                haar.sample(stream, QHaar);
            }
            layer(QHaar, prev, W[p - 1]);
            prev.setTo(QHaar);
        }
    }

    private void decompose(DMatrixRMaj X) {
        if (X.numRows != d || X.numCols != d) {
            throw new IllegalArgumentException("expected a " + d + "x" + d + " matrix X, got " + X.numRows + "x"
                    + X.numCols);
        }
        if (!svd.decompose(X)) {
            throw new IllegalArgumentException("X has a non-finite entry (or its SVD failed)");
        }
        final double[] s = svd.sigma();
        final double ratio = s[d - 1] / s[0];
        if (!(ratio > RANK_TOLERANCE)) {
            throw new RankDeficientException(ratio, s[d - 1], s[0], RANK_TOLERANCE);
        }
        Kernel.layerValues(s, depth, lambda);
    }

    /** out ← A Λ Bᵀ, A or B null meaning I. */
    private void layer(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj out) {
        if (A == null) {
            left.zero();
            for (int i = 0; i < d; i++) {
                left.unsafe_set(i, i, lambda[i]);
            }
        } else {
            for (int r = 0; r < d; r++) {
                for (int c = 0; c < d; c++) {
                    left.unsafe_set(r, c, A.unsafe_get(r, c) * lambda[c]);
                }
            }
        }
        if (B == null) {
            out.setTo(left);
        } else {
            CommonOps_DDRM.multTransB(left, B, out);
        }
    }

    private void checkLayers(DMatrixRMaj[] W) {
        if (W.length != depth) {
            throw new IllegalArgumentException("expected N = " + depth + " layer matrices, got " + W.length);
        }
        for (int p = 0; p < depth; p++) {
            if (W[p].numRows != d || W[p].numCols != d) {
                throw new IllegalArgumentException("layer W_" + (p + 1) + " must be " + d + "x" + d + ", got "
                        + W[p].numRows + "x" + W[p].numCols);
            }
        }
    }

    /**
     * out ← φ(W) = W_N ⋯ W_1 (math-spec §1.1), using this instance's workspace.
     *
     * @param W N d×d matrices. Not modified.
     * @param out d×d. Modified (must not be one of the W_p).
     */
    public void product(DMatrixRMaj[] W, DMatrixRMaj out) {
        checkLayers(W);
        product(W, 0, W.length, out, right);
    }

    /**
     * out ← W[to−1] ⋯ W[from] (the identity if from = to): e.g. from = p, to = N gives W_{&gt;p},
     * from = 0, to = p−1 gives W_{&lt;p} (1-based p).
     *
     * @param W    d×d matrices. Not modified.
     * @param out  d×d. Modified (must not be one of the W).
     * @param work d×d scratch. Modified.
     */
    public static void product(DMatrixRMaj[] W, int from, int to, DMatrixRMaj out, DMatrixRMaj work) {
        CommonOps_DDRM.setIdentity(out);
        for (int p = from; p < to; p++) {
            CommonOps_DDRM.mult(W[p], out, work);
            out.setTo(work);
        }
    }

    /**
     * Normalised balancedness residual of layer pair (p, p+1) (style.md habit 5):
     * ‖W_{p+1}ᵀW_{p+1} − W_pW_pᵀ‖_F / ‖W_p‖_F². 0 on 𝓜; ~1e-15 is machine precision. Allocates
     * nothing (O(d³)).
     *
     * @param W N d×d matrices. Not modified.
     * @param p 1 ≤ p ≤ N−1
     */
    public static double balancednessResidual(DMatrixRMaj[] W, int p) {
        if (p < 1 || p > W.length - 1) {
            throw new IllegalArgumentException("layer pair p must be in [1, " + (W.length - 1) + "], got " + p);
        }
        final DMatrixRMaj A = W[p];
        final DMatrixRMaj B = W[p - 1];
        final int n = A.numRows;
        double diff = 0;
        double normB = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double ata = 0;
                double bbt = 0;
                for (int k = 0; k < n; k++) {
                    ata += A.unsafe_get(k, i) * A.unsafe_get(k, j);
                    bbt += B.unsafe_get(i, k) * B.unsafe_get(j, k);
                }
                diff += (ata - bbt) * (ata - bbt);
                normB += B.unsafe_get(i, j) * B.unsafe_get(i, j);
            }
        }
        return Math.sqrt(diff) / normB;
    }

    /** @return max over p = 1..N−1 of {@link #balancednessResidual} (0 for N = 1). */
    public static double maxBalancednessResidual(DMatrixRMaj[] W) {
        double max = 0;
        for (int p = 1; p < W.length; p++) {
            max = Math.max(max, balancednessResidual(W, p));
        }
        return max;
    }
}
