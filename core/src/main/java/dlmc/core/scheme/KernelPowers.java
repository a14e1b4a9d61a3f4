package dlmc.core.scheme;

import dlmc.core.dln.Kernel;
import org.ejml.data.DMatrixRMaj;

/**
 * The DLN kernel matrix L and its entrywise square root for a scheme step (math-spec §0.3,
 * §2.1), by the same overflow-safe scaled finite sum as {@link Kernel#matrix} and
 * {@link Kernel#sqrtMatrix} — μ = max(λ_i, λ_j), r = (min/max)², L_ij = μ^{2(N−1)} Σ_m r^m,
 * √L_ij = μ^{N−1} sqrt(Σ r^m) — but with the powers λ_i^{N−1} computed once per index, by
 * repeated squaring ({@link #pow}; d² calls of {@link Math#pow} dominated the kernel cost). Equal
 * to the {@link Kernel} values up to rounding (μ^{2(N−1)} is formed as (μ^{N−1})²).
 * Stateless; allocates nothing.
 */
final class KernelPowers {
    private KernelPowers() {
    }

    /**
     * x^n for an integer n ≥ 0 by repeated squaring (at most 2·log₂n + 1 multiplications, error a
     * few ulps; {@link Math#pow} with a double exponent costs tens of nanoseconds per call, and
     * the schemes need d integer powers λ^{N−1}, λ^{N−2}, λ^N per step).
     */
    static double pow(double x, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("exponent must be >= 0, got " + n);
        }
        double result = 1.0;
        double base = x;
        int e = n;
        while (e != 0) {
            if ((e & 1) != 0) {
                result *= base;
            }
            e >>>= 1;
            if (e != 0) {
                base *= base;
            }
        }
        return result;
    }

    /**
     * @param lambda length d, each ≥ 0. Not modified.
     * @param depth  N ≥ 1
     * @param powN1  length d. Modified: λ_i^{N−1}.
     * @param L      d×d. Modified: the kernel matrix (may be null).
     * @param sqrtL  d×d. Modified: its entrywise square root (may be null).
     */
    static void fill(double[] lambda, int depth, double[] powN1, DMatrixRMaj L, DMatrixRMaj sqrtL) {
        final int d = lambda.length;
        for (int i = 0; i < d; i++) {
            powN1[i] = pow(lambda[i], depth - 1);
        }
        final double[] l = L == null ? null : L.data;
        final double[] r = sqrtL == null ? null : sqrtL.data;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                final double v;
                final double w;
                if (depth == 1) {
                    v = 1.0;
                    w = 1.0;
                } else {
                    final int big = lambda[i] >= lambda[j] ? i : j;
                    final double mu = lambda[big];
                    if (mu == 0) {
                        v = 0.0;
                        w = 0.0;
                    } else {
                        final double q = (big == i ? lambda[j] : lambda[i]) / mu;
                        final double q2 = q * q;
                        double g = 1.0;
                        for (int m = 1; m < depth; m++) {
                            g = 1.0 + q2 * g;
                        }
                        final double p = powN1[big];
                        v = p * p * g;
                        w = p * Math.sqrt(g);
                    }
                }
                if (l != null) {
                    l[i * d + j] = v;
                    l[j * d + i] = v;
                }
                if (r != null) {
                    r[i * d + j] = w;
                    r[j * d + i] = w;
                }
            }
        }
    }
}
