package dlmc.core.dln;

import org.ejml.data.DMatrixRMaj;

/**
 * The kernel matrix of the deep linear network (math-spec §0.3, §2.1, §8):
 * <pre>  L_ij = Σ_{k=0}^{N−1} λ_i^{2k} λ_j^{2(N−1−k)},   λ_i = σ_i^{1/N}.</pre>
 * L_ij is the eigenvalue of the metric operator 𝒜_{N,X} on u_i v_jᵀ (§2.1). It equals the divided
 * difference (σ_i² − σ_j²)/(σ_i^{2/N} − σ_j^{2/N}) for σ_i ≠ σ_j and N σ_i^{2−2/N} on the diagonal,
 * but it is evaluated here <b>only by the finite sum</b>, which has no cancellation at
 * σ_i ≈ σ_j (§0.3 "Implementation").
 *
 * <p>Overflow-safe scaling (§8): with μ = max(λ_i, λ_j) and r = (min/max)² ≤ 1,
 * L_ij = μ^{2(N−1)} Σ_{m=0}^{N−1} r^m; the sum lies in [1, N] and is evaluated by Horner's rule
 * (all terms positive: relative error ≤ N·ε_mach). Only the prefactor μ^{2(N−1)} can over- or
 * underflow; {@link #logEntry} avoids it altogether.
 *
 * <p>Conventions: λ ≥ 0; N ≥ 1 (N = 1 gives L ≡ 1). At λ_i = λ_j = 0 and N ≥ 2, L_ij = 0.
 * Cost O(N) per entry, O(d²N) per matrix.
 *
 * <p>Stateless static kernels; thread-safe; allocate nothing.
 */
public final class Kernel {
    private Kernel() {
    }

    /**
     * Layer singular values λ_i = σ_i^{1/N} (math-spec §0.3).
     *
     * @param sigma  singular values, each ≥ 0. Not modified.
     * @param N      depth, ≥ 1
     * @param lambda length ≥ sigma.length. Modified (may be {@code sigma} itself).
     */
    public static void layerValues(double[] sigma, int N, double[] lambda) {
        checkDepth(N);
        final double inv = 1.0 / N;
        for (int i = 0; i < sigma.length; i++) {
            lambda[i] = N == 1 ? sigma[i] : Math.pow(sigma[i], inv);
        }
    }

    /** Σ_{m=0}^{N−1} r^m by Horner's rule; r ∈ [0, 1]. */
    static double geometricSum(double r, int N) {
        double s = 1.0;
        for (int m = 1; m < N; m++) {
            s = 1.0 + r * s;
        }
        return s;
    }

    /**
     * L(λ_i, λ_j) by the scaled finite sum (class comment). Symmetric in its arguments.
     *
     * @param lambdaI λ_i ≥ 0
     * @param lambdaJ λ_j ≥ 0
     * @param N       depth, ≥ 1
     */
    public static double entry(double lambdaI, double lambdaJ, int N) {
        final double mu = Math.max(lambdaI, lambdaJ);
        if (N == 1) {
            return 1.0;
        }
        if (mu == 0) {
            return 0.0;
        }
        final double q = Math.min(lambdaI, lambdaJ) / mu;
        return Math.pow(mu, 2.0 * (N - 1)) * geometricSum(q * q, N);
    }

    /**
     * log L(λ_i, λ_j) = 2(N−1) log μ + log Σ_{m=0}^{N−1} r^m, without over- or underflow
     * (math-spec §8 "Keep S in log form"). −∞ if λ_i = λ_j = 0 and N ≥ 2.
     */
    public static double logEntry(double lambdaI, double lambdaJ, int N) {
        if (N == 1) {
            return 0.0;
        }
        final double mu = Math.max(lambdaI, lambdaJ);
        if (mu == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        final double q = Math.min(lambdaI, lambdaJ) / mu;
        return 2.0 * (N - 1) * Math.log(mu) + Math.log(geometricSum(q * q, N));
    }

    /**
     * ∂L(x, y)/∂x at (x, y) = (λ_i, λ_j) by its finite sum (math-spec §8):
     * <pre>  ∂_{λ_i} L_ij = Σ_{k=1}^{N−1} 2k λ_i^{2k−1} λ_j^{2(N−1−k)}
     *                = 2 λ_i μ^{2(N−2)} Σ_{k=1}^{N−1} k a^{k−1} b^{N−1−k},  a = (λ_i/μ)², b = (λ_j/μ)².</pre>
     * Partial derivative in the first argument only: on the diagonal it is N(N−1)λ^{2N−3}, half of
     * d/dλ of L(λ, λ) = Nλ^{2N−2}. 0 for N = 1.
     */
    public static double firstArgumentDerivative(double lambdaI, double lambdaJ, int N) {
        if (N == 1) {
            return 0.0;
        }
        final double mu = Math.max(lambdaI, lambdaJ);
        if (mu == 0) {
            return 0.0;
        }
        return 2.0 * lambdaI * Math.pow(mu, 2.0 * (N - 2)) * derivativeSum(lambdaI, lambdaJ, mu, N);
    }

    /** Σ_{k=1}^{N−1} k a^{k−1} b^{N−1−k} with a = (λ_i/μ)², b = (λ_j/μ)², one of them 1. Horner. */
    private static double derivativeSum(double lambdaI, double lambdaJ, double mu, int N) {
        double s = 0;
        if (lambdaI >= lambdaJ) {
            // a = 1: Σ_{m=0}^{N−2} (N−1−m) b^m, Horner from the highest power
            final double q = lambdaJ / mu;
            final double b = q * q;
            for (int m = N - 2; m >= 0; m--) {
                s = (N - 1 - m) + b * s;
            }
        } else {
            // b = 1: Σ_{k=1}^{N−1} k a^{k−1}
            final double q = lambdaI / mu;
            final double a = q * q;
            for (int k = N - 1; k >= 1; k--) {
                s = k + a * s;
            }
        }
        return s;
    }

    /**
     * ∂_{λ_i} L_ij / (2 L_ij) = (λ_i/μ²) Σ_k k a^{k−1} b^{N−1−k} / Σ_m r^m — the pair term of the
     * entropy gradient ∂S/∂λ_i (math-spec §8), free of overflow and of cancellation at λ_i = λ_j.
     * 0 for N = 1; requires max(λ_i, λ_j) &gt; 0 (NaN otherwise).
     */
    public static double halfLogDerivative(double lambdaI, double lambdaJ, int N) {
        if (N == 1) {
            return 0.0;
        }
        final double mu = Math.max(lambdaI, lambdaJ);
        final double q = Math.min(lambdaI, lambdaJ) / mu;
        return lambdaI / (mu * mu) * derivativeSum(lambdaI, lambdaJ, mu, N) / geometricSum(q * q, N);
    }

    /**
     * L ← the d×d kernel matrix of λ.
     *
     * @param lambda length d, each ≥ 0. Not modified.
     * @param N      depth ≥ 1
     * @param L      d×d. Modified.
     */
    public static void matrix(double[] lambda, int N, DMatrixRMaj L) {
        final int d = checkShape(lambda, N, L);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                final double v = entry(lambda[i], lambda[j], N);
                L.unsafe_set(i, j, v);
                L.unsafe_set(j, i, v);
            }
        }
    }

    /**
     * sqrtL ← entrywise √L_ij (the eigenvalues of 𝒜^{1/2}, math-spec §2.1), computed as
     * μ^{N−1}·sqrt(Σ r^m) (no intermediate overflow of L).
     *
     * @param lambda length d, each ≥ 0. Not modified.
     * @param sqrtL  d×d. Modified.
     */
    public static void sqrtMatrix(double[] lambda, int N, DMatrixRMaj sqrtL) {
        final int d = checkShape(lambda, N, sqrtL);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                final double v = sqrtEntry(lambda[i], lambda[j], N);
                sqrtL.unsafe_set(i, j, v);
                sqrtL.unsafe_set(j, i, v);
            }
        }
    }

    /** √L(λ_i, λ_j) = μ^{N−1} sqrt(Σ_{m=0}^{N−1} r^m). */
    public static double sqrtEntry(double lambdaI, double lambdaJ, int N) {
        if (N == 1) {
            return 1.0;
        }
        final double mu = Math.max(lambdaI, lambdaJ);
        if (mu == 0) {
            return 0.0;
        }
        final double q = Math.min(lambdaI, lambdaJ) / mu;
        return Math.pow(mu, N - 1.0) * Math.sqrt(geometricSum(q * q, N));
    }

    /**
     * D ← the matrix D_ij = ∂_{λ_i} L_ij ({@link #firstArgumentDerivative}); not symmetric.
     *
     * @param lambda length d, each ≥ 0. Not modified.
     * @param D      d×d. Modified.
     */
    public static void derivativeMatrix(double[] lambda, int N, DMatrixRMaj D) {
        final int d = checkShape(lambda, N, D);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                D.unsafe_set(i, j, firstArgumentDerivative(lambda[i], lambda[j], N));
            }
        }
    }

    private static int checkShape(double[] lambda, int N, DMatrixRMaj M) {
        checkDepth(N);
        final int d = lambda.length;
        if (M.numRows != d || M.numCols != d) {
            throw new IllegalArgumentException("expected a " + d + "x" + d + " output for " + d
                    + " layer singular values, got " + M.numRows + "x" + M.numCols);
        }
        return d;
    }

    static void checkDepth(int N) {
        if (N < 1) {
            throw new IllegalArgumentException("depth N must be >= 1, got " + N);
        }
    }
}
