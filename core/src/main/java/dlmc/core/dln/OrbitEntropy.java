package dlmc.core.dln;

import org.ejml.data.DMatrixRMaj;

/**
 * Boltzmann entropy of the group orbit 𝒪_X = φ^{-1}(X) ∩ 𝓜 (math-spec §4.1, §4.2, §3.4, §8):
 * <pre>
 *   S(X) = log vol(𝒪_X) = (N−1) log c_d + ½ Σ_{i&lt;j} log L_ij,     λ = σ^{1/N},
 *   c_d  = vol(O_d) in the Frobenius metric ⟨A, B⟩ = tr(AᵀB)
 *        = 2 · 2^{d(d−1)/4} · Π_{k=1}^{d−1} vol(S^k),   vol(S^k) = 2π^{(k+1)/2}/Γ((k+1)/2),
 * </pre>
 * volume measured in the metric induced on 𝒪_X ⊂ Mat_d^N by the Frobenius product. c_1 = 2
 * (O_1 = {±1} with counting measure), so d = 1 gives S = (N−1) log 2; N = 1 gives S = 0.
 *
 * <p>Gradients (pair terms from {@link Kernel#halfLogDerivative}, stable at λ_i = λ_j):
 * <pre>
 *   ∂S/∂λ_i = Σ_{j≠i} ∂_{λ_i}L_ij / (2 L_ij)
 *   ∂S/∂σ_i = ∂S/∂λ_i · λ_i^{1−N}/N                         (dλ/dσ = σ^{1/N−1}/N)
 *   ∇S      = U diag(∂S/∂σ) Vᵀ                              (Frobenius gradient)
 *   grad_{g^N} S = 𝒜_{N,X}(∇S) = U diag(s) Vᵀ,  s_i = N σ_i^{2−2/N} ∂S/∂σ_i = λ_i^{N−1} ∂S/∂λ_i
 * </pre>
 * The Riemannian gradient is for {@link MetricScale#M24} (factor 1); multiply by
 * {@link MetricScale#factor} for another normalisation. S does not depend on the metric scale.
 * S is a symmetric function of σ: inputs need not be sorted. Requires σ_i &gt; 0 for the
 * gradients (λ_i^{1−N} in ∂S/∂σ); S itself is finite while at most one σ vanishes.
 *
 * <p>Workspace: one array of length d; methods allocate nothing. Not thread-safe.
 */
public final class OrbitEntropy {
    private final int d;
    private final int depth;
    private final double logGroupVolumeTerm;
    private final double[] lambda;
    private final double[] grad;

    /**
     * @param d width ≥ 1
     * @param N depth ≥ 1
     */
    public OrbitEntropy(int d, int N) {
        if (d < 1) {
            throw new IllegalArgumentException("width d must be >= 1, got " + d);
        }
        Kernel.checkDepth(N);
        this.d = d;
        this.depth = N;
        this.logGroupVolumeTerm = (N - 1) * logOrthogonalGroupVolume(d);
        this.lambda = new double[d];
        this.grad = new double[d];
    }

    public int width() {
        return d;
    }

    public int depth() {
        return depth;
    }

    /**
     * log c_d, c_d = vol(O_d) in the Frobenius metric (class comment; math-spec §4.1).
     *
     * @param d ≥ 1
     */
    public static double logOrthogonalGroupVolume(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("width d must be >= 1, got " + d);
        }
        double s = Math.log(2.0) + d * (d - 1) / 4.0 * Math.log(2.0);
        for (int k = 1; k <= d - 1; k++) {
            s += logSphereVolume(k);
        }
        return s;
    }

    /** log vol(S^k) = log 2 + ((k+1)/2) log π − log Γ((k+1)/2), by the exact recursion on half-integers. */
    static double logSphereVolume(int k) {
        return Math.log(2.0) + (k + 1) / 2.0 * Math.log(Math.PI) - logGammaHalf(k + 1);
    }

    /** log Γ(m/2) for m ≥ 1 by Γ(x+1) = xΓ(x), Γ(1/2) = √π, Γ(1) = 1. */
    private static double logGammaHalf(int m) {
        double x = (m % 2 == 0) ? 1.0 : 0.5;
        double s = (m % 2 == 0) ? 0.0 : 0.5 * Math.log(Math.PI);
        while (x < m / 2.0) {
            s += Math.log(x);
            x += 1.0;
        }
        return s;
    }

    /**
     * S(X) from the singular values of X.
     *
     * @param sigma length d, each ≥ 0. Not modified.
     */
    public double value(double[] sigma) {
        checkLength(sigma);
        Kernel.layerValues(sigma, depth, lambda);
        return valueFromLayerValues(lambda);
    }

    /**
     * S from λ = σ^{1/N}: (N−1) log c_d + ½ Σ_{i&lt;j} log L_ij with log L by {@link Kernel#logEntry}.
     *
     * @param lambdaX length d, each ≥ 0. Not modified.
     */
    public double valueFromLayerValues(double[] lambdaX) {
        checkLength(lambdaX);
        double s = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                s += Kernel.logEntry(lambdaX[i], lambdaX[j], depth);
            }
        }
        return logGroupVolumeTerm + 0.5 * s;
    }

    /**
     * out ← ∂S/∂λ_i, i = 1..d.
     *
     * @param lambdaX length d, each &gt; 0. Not modified.
     * @param out     length d. Modified (may be {@code lambdaX}).
     */
    public void gradientLayerValues(double[] lambdaX, double[] out) {
        checkLength(lambdaX);
        java.util.Arrays.fill(grad, 0.0);
        if (depth > 1) {
            // Both pair terms of {@link Kernel#halfLogDerivative} at once, with the same floating-point
            // operations (bit-identical to summing halfLogDerivative(λ_i, λ_j) over j = 0, 1, ...):
            // μ, q and Σ r^m are shared; the larger value's term has a = 1 (Σ (N−1−m) b^m), the
            // smaller one's b = 1 (Σ k a^{k−1}), both with q² (= 1 at a tie, where both sums are
            // the same exact integer N(N−1)/2).
            for (int i = 0; i < d; i++) {
                final double li = lambdaX[i];
                for (int j = i + 1; j < d; j++) {
                    final double lj = lambdaX[j];
                    final double mu = Math.max(li, lj);
                    final double q = Math.min(li, lj) / mu;
                    final double r = q * q;
                    final double g = Kernel.geometricSum(r, depth);
                    final double mu2 = mu * mu;
                    double sBig = 0;
                    for (int m = depth - 2; m >= 0; m--) {
                        sBig = (depth - 1 - m) + r * sBig;
                    }
                    double sSmall = 0;
                    for (int k = depth - 1; k >= 1; k--) {
                        sSmall = k + r * sSmall;
                    }
                    final boolean iBig = li >= lj;
                    grad[i] += li / mu2 * (iBig ? sBig : sSmall) / g;
                    grad[j] += lj / mu2 * (lj >= li ? sBig : sSmall) / g;
                }
            }
        }
        System.arraycopy(grad, 0, out, 0, d);
    }

    /**
     * out ← ∂S/∂σ_i = ∂S/∂λ_i · λ_i^{1−N}/N.
     *
     * @param sigma length d, each &gt; 0. Not modified.
     * @param out   length d. Modified (may be {@code sigma}).
     */
    public void gradientSigma(double[] sigma, double[] out) {
        checkLength(sigma);
        Kernel.layerValues(sigma, depth, lambda);
        gradientLayerValues(lambda, out);
        for (int i = 0; i < d; i++) {
            out[i] *= Math.pow(lambda[i], 1.0 - depth) / depth;
        }
    }

    /**
     * out ← s_i = N σ_i^{2−2/N} ∂S/∂σ_i = λ_i^{N−1} ∂S/∂λ_i, the diagonal of grad_{g^N} S in the SVD
     * frame (§3.4; metric scale 1).
     *
     * @param sigma length d, each &gt; 0. Not modified.
     * @param out   length d. Modified (may be {@code sigma}).
     */
    public void riemannianCoefficients(double[] sigma, double[] out) {
        checkLength(sigma);
        Kernel.layerValues(sigma, depth, lambda);
        gradientLayerValues(lambda, out);
        for (int i = 0; i < d; i++) {
            out[i] *= Math.pow(lambda[i], depth - 1.0);
        }
    }

    /**
     * out ← ∇S = U diag(∂S/∂σ) Vᵀ (Frobenius gradient).
     *
     * @param U     d×d orthogonal. Not modified.
     * @param sigma length d, each &gt; 0, matching the columns of U and V. Not modified.
     * @param V     d×d orthogonal. Not modified.
     * @param out   d×d. Modified (must not be U or V).
     */
    public void frobeniusGradient(DMatrixRMaj U, double[] sigma, DMatrixRMaj V, DMatrixRMaj out) {
        gradientSigma(sigma, grad);
        frame(U, grad, V, out);
    }

    /**
     * out ← grad_{g^N} S = U diag(s) Vᵀ (§3.4, metric scale 1).
     *
     * @param U     d×d orthogonal. Not modified.
     * @param sigma length d, each &gt; 0, matching the columns of U and V. Not modified.
     * @param V     d×d orthogonal. Not modified.
     * @param out   d×d. Modified (must not be U or V).
     */
    public void riemannianGradient(DMatrixRMaj U, double[] sigma, DMatrixRMaj V, DMatrixRMaj out) {
        riemannianCoefficients(sigma, grad);
        frame(U, grad, V, out);
    }

    /** out ← U diag(c) Vᵀ. */
    private void frame(DMatrixRMaj U, double[] c, DMatrixRMaj V, DMatrixRMaj out) {
        if (U.numRows != d || U.numCols != d || V.numRows != d || V.numCols != d || out.numRows != d
                || out.numCols != d) {
            throw new IllegalArgumentException("U, V and out must be " + d + "x" + d);
        }
        for (int r = 0; r < d; r++) {
            for (int col = 0; col < d; col++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += U.unsafe_get(r, k) * c[k] * V.unsafe_get(col, k);
                }
                out.unsafe_set(r, col, s);
            }
        }
    }

    /**
     * Free energy F_β = E − S/β (math-spec §3.4, §4.3); β = +∞ gives E.
     *
     * @param energy  E(X)
     * @param entropy S(X)
     * @param beta    inverse temperature &gt; 0 (may be +∞)
     */
    public static double freeEnergy(double energy, double entropy, double beta) {
        if (!(beta > 0)) {
            throw new IllegalArgumentException("beta must be > 0 (or +infinity), got " + beta);
        }
        return Double.isInfinite(beta) ? energy : energy - entropy / beta;
    }

    /**
     * The depth-independent part of the large-N expansion (math-spec §4.2):
     * S_∞(σ) = ½ Σ_{i&lt;j} log m_log(σ_i², σ_j²), m_log(a, b) = (a − b)/(log a − log b), m_log(a, a) = a;
     * S(X) = (N−1) log c_d + d(d−1)/4 log N + S_∞(σ) + O(1/N).
     *
     * @param sigma length ≥ 1, each &gt; 0. Not modified.
     */
    public static double largeDepthLimit(double[] sigma) {
        double s = 0;
        for (int i = 0; i < sigma.length; i++) {
            for (int j = i + 1; j < sigma.length; j++) {
                s += Math.log(logarithmicMean(sigma[i] * sigma[i], sigma[j] * sigma[j]));
            }
        }
        return 0.5 * s;
    }

    /** m_log(a, b) = (a − b)/(log a − log b), evaluated as b·(t − 1)/log t, t = a/b, with a series near t = 1. */
    static double logarithmicMean(double a, double b) {
        final double t = a / b;
        final double u = t - 1.0;
        if (Math.abs(u) < 1e-4) {
            // (t−1)/log t = 1 + u/2 − u²/12 + u³/24 + O(u⁴)
            return b * (1.0 + u / 2.0 - u * u / 12.0 + u * u * u / 24.0);
        }
        return b * u / Math.log(t);
    }

    private void checkLength(double[] x) {
        if (x.length != d) {
            throw new IllegalArgumentException("expected " + d + " singular values, got " + x.length);
        }
    }
}
