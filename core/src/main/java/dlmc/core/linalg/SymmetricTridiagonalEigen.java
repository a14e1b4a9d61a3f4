package dlmc.core.linalg;

import java.util.Arrays;

/**
 * Eigenvalues (no vectors) of a real symmetric tridiagonal matrix by the implicit QL algorithm
 * with Wilkinson-type shifts (EISPACK {@code tql1}; Numerical Recipes 3rd ed. §11.4
 * {@code tqli} without the eigenvector update). Cost O(n²), no allocation.
 *
 * <p>Deflation criterion: an off-diagonal entry e_m is set to zero when
 * {@code |e_m| <= DEFLATION_TOLERANCE * (|d_m| + |d_{m+1}|)}, so each eigenvalue is exact to a
 * small multiple of ε_mach·‖T‖ (backward stable).
 *
 * <p>Stateless; thread-safe.
 */
public final class SymmetricTridiagonalEigen {
    /** Relative size below which an off-diagonal entry is treated as zero: ε_mach. */
    public static final double DEFLATION_TOLERANCE = Math.ulp(1.0);
    /** QL sweeps allowed per eigenvalue before giving up (typically 1–3 are used). */
    public static final int MAX_SWEEPS_PER_EIGENVALUE = 60;

    private SymmetricTridiagonalEigen() {
    }

    /**
     * Overwrites {@code d} with the eigenvalues, sorted ascending.
     *
     * @param n number of rows, {@code n >= 1}
     * @param d the diagonal, {@code d[0..n)}. Modified: the eigenvalues, ascending.
     * @param e the off-diagonal in {@code e[0..n-1)} ({@code e[i] = T[i][i+1]}); length at least
     *          n ({@code e[n-1]} is used as scratch). Modified (destroyed).
     * @throws ArithmeticException if an eigenvalue does not converge within
     *                             {@link #MAX_SWEEPS_PER_EIGENVALUE} sweeps (non-finite input)
     */
    public static void eigenvalues(int n, double[] d, double[] e) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        e[n - 1] = 0.0;
        for (int l = 0; l < n; l++) {
            int sweeps = 0;
            int m;
            do {
                for (m = l; m < n - 1; m++) {
                    final double dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
                    if (Math.abs(e[m]) <= DEFLATION_TOLERANCE * dd) {
                        break;
                    }
                }
                if (m != l) {
                    if (++sweeps > MAX_SWEEPS_PER_EIGENVALUE) {
                        throw new ArithmeticException("tridiagonal QL did not converge for eigenvalue " + l
                                + " of n = " + n + " (d[l] = " + d[l] + ", e[l] = " + e[l] + ")");
                    }
                    // Wilkinson-type shift from the leading 2x2 block.
                    double g = (d[l + 1] - d[l]) / (2.0 * e[l]);
                    double r = hypot(g, 1.0);
                    g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
                    double s = 1.0;
                    double c = 1.0;
                    double p = 0.0;
                    int i;
                    boolean underflow = false;
                    for (i = m - 1; i >= l; i--) {
                        final double f = s * e[i];
                        final double b = c * e[i];
                        r = hypot(f, g);
                        e[i + 1] = r;
                        if (r == 0.0) {
                            // Recover from underflow: deflate and restart this eigenvalue.
                            d[i + 1] -= p;
                            e[m] = 0.0;
                            underflow = true;
                            break;
                        }
                        s = f / r;
                        c = g / r;
                        g = d[i + 1] - p;
                        r = (d[i] - g) * s + 2.0 * c * b;
                        p = s * r;
                        d[i + 1] = g + p;
                        g = c * r - b;
                    }
                    if (underflow) {
                        continue;
                    }
                    d[l] -= p;
                    e[l] = g;
                    e[m] = 0.0;
                }
            } while (m != l);
        }
        Arrays.sort(d, 0, n);
    }

    /**
     * sqrt(a² + b²): the plain formula when a² + b² is a finite normal number (error ≤ 1 ulp),
     * {@link Math#hypot} (slow, but free of overflow and underflow) otherwise.
     */
    private static double hypot(double a, double b) {
        final double s = a * a + b * b;
        if (s >= Double.MIN_NORMAL && s < Double.POSITIVE_INFINITY) {
            return Math.sqrt(s);
        }
        return Math.hypot(a, b);
    }
}
