package dlmc.core.dln;

import dlmc.core.linalg.JacobiSvd;
import dlmc.core.linalg.SmallProducts;
import dlmc.core.linalg.Svd;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The metric operator of the deep linear network and the metric g^N (math-spec §2.1, §2.2),
 * evaluated in the SVD basis of a point X = U diag(σ) Vᵀ:
 * <pre>
 *   𝒜_{N,X}(P)       = c · U (L ∘ UᵀPV) Vᵀ          (= c Σ_p (XXᵀ)^{(N−p)/N} P (XᵀX)^{(p−1)/N})
 *   𝒜_{N,X}^{-1}(Z)  = U ((UᵀZV) ⊘ cL) Vᵀ
 *   𝒜_{N,X}^{1/2}(P) = U (√(cL) ∘ UᵀPV) Vᵀ
 *   g^N_X(Z1, Z2)    = Σ_ij (UᵀZ1V)_ij (UᵀZ2V)_ij / (c L_ij)
 * </pre>
 * with L the kernel of {@link Kernel} (finite sum, λ = σ^{1/N}) and c = {@link MetricScale#factor}
 * (1 by default, §2.1 note). 𝒜 is Frobenius-self-adjoint and positive definite on GL_d with
 * eigenvectors u_i v_jᵀ and eigenvalues cL_ij; it is equivariant:
 * 𝒜_{N,RXSᵀ}(RPSᵀ) = R 𝒜_{N,X}(P) Sᵀ for R, S ∈ O_d.
 *
 * <p>Usage: {@link #setPoint(DMatrixRMaj)} (or {@link #setPoint(DMatrixRMaj, double[], DMatrixRMaj)}
 * when the SVD is already known) once per point, then any number of applications. Each
 * application costs four d×d products, O(d³), and allocates nothing. Rank-deficient X is
 * accepted (L stays positive while at most one σ vanishes, §2.1 "Rank-deficient X"); the inverse
 * is infinite when two σ vanish.
 *
 * <p>Outputs may alias the input matrix (the input is consumed before the output is written), but
 * never the matrices returned by the getters. Not thread-safe: one instance per task.
 */
public final class MetricOperator {
    private final int d;
    private final int depth;
    private final MetricScale scale;
    private final double factor;
    private final Svd svd;
    /** For {@link #setPointNear}; created on first use. */
    private JacobiSvd jacobi;
    private final DMatrixRMaj U;
    private final DMatrixRMaj V;
    /** Vᵀ of the current point (for U t Vᵀ). */
    private final DMatrixRMaj Vt;
    private final double[] sigma;
    private final double[] lambda;
    private final DMatrixRMaj L;
    private final DMatrixRMaj sqrtL;
    /** Whether {@link #sqrtL} belongs to the current point ({@link #sqrtKernel}). */
    private boolean sqrtReady;
    private final DMatrixRMaj t1;
    private final DMatrixRMaj t2;
    private final DMatrixRMaj t3;
    private boolean ready;

    /** An operator with the default normalisation {@link MetricScale#M24} (factor 1). */
    public MetricOperator(int d, int N) {
        this(d, N, MetricScale.DEFAULT);
    }

    /**
     * @param d     width, ≥ 1
     * @param N     depth, ≥ 1
     * @param scale the normalisation (§2.1 note)
     * @throws IllegalArgumentException if d &lt; 1 or N &lt; 1
     */
    public MetricOperator(int d, int N, MetricScale scale) {
        if (d < 1) {
            throw new IllegalArgumentException("width d must be >= 1, got " + d);
        }
        this.factor = scale.factor(N);
        this.d = d;
        this.depth = N;
        this.scale = scale;
        this.svd = new Svd(d);
        this.U = new DMatrixRMaj(d, d);
        this.V = new DMatrixRMaj(d, d);
        this.Vt = new DMatrixRMaj(d, d);
        this.sigma = new double[d];
        this.lambda = new double[d];
        this.L = new DMatrixRMaj(d, d);
        this.sqrtL = new DMatrixRMaj(d, d);
        this.t1 = new DMatrixRMaj(d, d);
        this.t2 = new DMatrixRMaj(d, d);
        this.t3 = new DMatrixRMaj(d, d);
    }

    public int width() {
        return d;
    }

    public int depth() {
        return depth;
    }

    public MetricScale scale() {
        return scale;
    }

    /** @return the constant metricScale c (1 or 1/N). */
    public double metricScale() {
        return factor;
    }

    /**
     * Sets the point X: computes its SVD (σ descending) and the kernel.
     *
     * @param X d×d. Not modified.
     * @return false if X is not finite or the SVD failed (the operator is then unusable until the
     *         next successful call)
     */
    public boolean setPoint(DMatrixRMaj X) {
        ready = svd.decompose(X);
        if (!ready) {
            return false;
        }
        svd.copyTo(U, sigma, V);
        updateKernel();
        return true;
    }

    /**
     * {@link #setPoint(DMatrixRMaj)} for a point X near the last one set (the stages and steps of an ODE
     * integrator): the SVD by the one-sided Jacobi method warm-started from the last point's V
     * ({@link JacobiSvd}; few sweeps when X moved little, against EJML's full bidiagonalisation and QR
     * iteration; measured with the rest of a point, d = 32: 153 µs against 247 µs, bench/RESULTS.md). The same point up to rounding (U, V orthogonal and X
     * reconstructed to a small multiple of d·ε_mach either way). Without a previous point, or if the
     * Jacobi sweeps fail, as {@link #setPoint(DMatrixRMaj)}.
     *
     * @param X d×d. Not modified.
     * @return as {@link #setPoint(DMatrixRMaj)}
     */
    public boolean setPointNear(DMatrixRMaj X) {
        if (!ready) {
            return setPoint(X);
        }
        if (jacobi == null) {
            jacobi = new JacobiSvd(d);
        }
        if (!jacobi.decompose(X, V, false)) {
            return setPoint(X);
        }
        U.setTo(jacobi.U());
        V.setTo(jacobi.V());
        System.arraycopy(jacobi.sigma(), 0, sigma, 0, d);
        updateKernel();
        return true;
    }

    /**
     * Sets the point X = U diag(σ) Vᵀ from a known SVD (any order of σ, as long as the columns of U
     * and V match; U, V orthogonal — not checked).
     *
     * @param Ux     d×d orthogonal. Not modified (copied).
     * @param sigmaX length d, each ≥ 0. Not modified (copied).
     * @param Vx     d×d orthogonal. Not modified (copied).
     * @throws IllegalArgumentException on a shape mismatch or a negative / non-finite σ
     */
    public void setPoint(DMatrixRMaj Ux, double[] sigmaX, DMatrixRMaj Vx) {
        if (Ux.numRows != d || Ux.numCols != d || Vx.numRows != d || Vx.numCols != d || sigmaX.length != d) {
            throw new IllegalArgumentException("expected U, V " + d + "x" + d + " and " + d + " singular values, got U "
                    + Ux.numRows + "x" + Ux.numCols + ", V " + Vx.numRows + "x" + Vx.numCols + ", "
                    + sigmaX.length + " values");
        }
        for (int i = 0; i < d; i++) {
            if (!(sigmaX[i] >= 0) || Double.isInfinite(sigmaX[i])) {
                throw new IllegalArgumentException("singular value sigma_" + (i + 1) + " must be finite and >= 0, got "
                        + sigmaX[i]);
            }
        }
        U.setTo(Ux);
        V.setTo(Vx);
        System.arraycopy(sigmaX, 0, sigma, 0, d);
        updateKernel();
        ready = true;
    }

    private void updateKernel() {
        SmallProducts.transpose(V.data, Vt.data, d);
        Kernel.layerValues(sigma, depth, lambda);
        Kernel.matrix(lambda, depth, L);
        if (factor != 1.0) {
            CommonOps_DDRM.scale(factor, L);
        }
        sqrtReady = false;
    }

    /** √(c·L) for the square-root maps, computed on their first use at a point (an ODE flow needs only L). */
    private DMatrixRMaj sqrtKernel() {
        if (!sqrtReady) {
            Kernel.sqrtMatrix(lambda, depth, sqrtL);
            if (factor != 1.0) {
                CommonOps_DDRM.scale(Math.sqrt(factor), sqrtL);
            }
            sqrtReady = true;
        }
        return sqrtL;
    }

    /** out ← 𝒜_{N,X}(P). @param P d×d. Not modified. @param out d×d. Modified (may be P). */
    public void apply(DMatrixRMaj P, DMatrixRMaj out) {
        toFrame(P);
        CommonOps_DDRM.elementMult(t2, L);
        fromFrame(out);
    }

    /** out ← 𝒜_{N,X}^{-1}(Z). @param Z d×d. Not modified. @param out d×d. Modified (may be Z). */
    public void applyInverse(DMatrixRMaj Z, DMatrixRMaj out) {
        toFrame(Z);
        CommonOps_DDRM.elementDiv(t2, L);
        fromFrame(out);
    }

    /** out ← 𝒜_{N,X}^{1/2}(P). @param P d×d. Not modified. @param out d×d. Modified (may be P). */
    public void applySqrt(DMatrixRMaj P, DMatrixRMaj out) {
        toFrame(P);
        CommonOps_DDRM.elementMult(t2, sqrtKernel());
        fromFrame(out);
    }

    /** out ← 𝒜_{N,X}^{-1/2}(Z). @param Z d×d. Not modified. @param out d×d. Modified (may be Z). */
    public void applyInverseSqrt(DMatrixRMaj Z, DMatrixRMaj out) {
        toFrame(Z);
        CommonOps_DDRM.elementDiv(t2, sqrtKernel());
        fromFrame(out);
    }

    /**
     * g^N_X(Z1, Z2) = tr(Z1ᵀ 𝒜^{-1}(Z2)) (§2.2).
     *
     * @param Z1 d×d. Not modified.
     * @param Z2 d×d. Not modified.
     */
    public double metric(DMatrixRMaj Z1, DMatrixRMaj Z2) {
        toFrame(Z1);
        t3.setTo(t2);
        toFrame(Z2);
        double s = 0;
        final int n = d * d;
        for (int k = 0; k < n; k++) {
            s += t3.data[k] * t2.data[k] / L.data[k];
        }
        return s;
    }

    /** t2 ← Uᵀ P V. */
    private void toFrame(DMatrixRMaj P) {
        if (!ready) {
            throw new IllegalStateException("no point set: call setPoint first (or the last setPoint failed)");
        }
        if (P.numRows != d || P.numCols != d) {
            throw new IllegalArgumentException("expected a " + d + "x" + d + " matrix, got " + P.numRows + "x" + P.numCols);
        }
        // SmallProducts (four independent multiply-add chains per row): ≈ 2× EJML's kernels at d = 32
        SmallProducts.multTransA(U.data, P.data, t1.data, d);
        SmallProducts.mult(t1.data, V.data, t2.data, d);
    }

    /** out ← U t2 Vᵀ. */
    private void fromFrame(DMatrixRMaj out) {
        SmallProducts.mult(U.data, t2.data, t1.data, d);
        out.reshape(d, d);
        SmallProducts.mult(t1.data, Vt.data, out.data, d);
    }

    /** @return U of the current point. Workspace storage: do not modify. */
    public DMatrixRMaj U() {
        return U;
    }

    /** @return V of the current point. Workspace storage: do not modify. */
    public DMatrixRMaj V() {
        return V;
    }

    /** @return σ of the current point (descending after {@link #setPoint(DMatrixRMaj)}). Do not modify. */
    public double[] sigma() {
        return sigma;
    }

    /** @return λ = σ^{1/N} of the current point. Do not modify. */
    public double[] lambda() {
        return lambda;
    }

    /** @return the eigenvalues c·L_ij of the operator at the current point (c = metricScale). Do not modify. */
    public DMatrixRMaj eigenvalues() {
        return L;
    }
}
