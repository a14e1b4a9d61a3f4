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
     * Overwrites {@code d} with the eigenvalues, sorted ascending, by the Pal–Walker–Kahan
     * root-free variant of the implicit QL/QR algorithm (a port of LAPACK {@code dsterf}, which
     * NumPy's {@code eigvalsh} reaches through {@code dsyevd}): the rotations are carried in
     * squared form, so a sweep costs one division per rotation and no square root. QL or QR is
     * chosen per unreduced block so as to chase the bulge from the larger end; deflation when
     * e_m² ≤ ε²·|d_m d_{m+1}| (relative, LAPACK's test). Each unreduced block is scaled into
     * [√safmin/ε², √safmax/3] first, so squaring cannot over- or underflow. Accuracy as
     * {@link #eigenvalues}: backward stable, error a small multiple of ε_mach·‖T‖; results agree
     * with it to that tolerance, not bit for bit. No allocation.
     *
     * <p>Each rotation uses LAPACK's recurrences with one reordering that shortens the serial
     * dependency chain: c = p·(1/r), s = b²·(1/r) and the next p = γ²/c = γ²·(r·(1/p)), where
     * 1/p does not wait for γ (LAPACK divides twice in a row on the chain); when r/p is not
     * finite (p zero or tiny) LAPACK's form {@code c ≠ 0 ? γ²/c : c_old·b²} is used. A
     * rounding-level change from {@code dsterf}.
     *
     * @param n number of rows, {@code n >= 1}
     * @param d the diagonal, {@code d[0..n)}. Modified: the eigenvalues, ascending.
     * @param e the off-diagonal in {@code e[0..n-1)}; length at least n. Modified (destroyed).
     * @throws ArithmeticException if the iteration does not converge within
     *                             {@link #MAX_SWEEPS_PER_EIGENVALUE}·n sweeps (non-finite input)
     */
    public static void eigenvaluesRootFree(int n, double[] d, double[] e) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        final double eps = 0.5 * Math.ulp(1.0); // LAPACK dlamch('E')
        final double eps2 = eps * eps;
        final double safmin = Double.MIN_NORMAL;
        final double ssfmax = Math.sqrt(1.0 / safmin) / 3.0;
        final double ssfmin = Math.sqrt(safmin) / eps2;
        final int maxIt = MAX_SWEEPS_PER_EIGENVALUE * n;
        int jtot = 0;
        int l1 = 0;
        e[n - 1] = 0.0;
        while (l1 < n) {
            if (l1 > 0) {
                e[l1 - 1] = 0.0;
            }
            int m;
            for (m = l1; m < n - 1; m++) {
                if (Math.abs(e[m]) <= Math.sqrt(Math.abs(d[m])) * Math.sqrt(Math.abs(d[m + 1])) * eps) {
                    e[m] = 0.0;
                    break;
                }
            }
            int l = l1;
            final int lsv = l;
            int lend = m;
            final int lendsv = lend;
            l1 = m + 1;
            if (lend == l) {
                continue;
            }
            // Scale the block l..lend.
            double anorm = 0;
            for (int i = l; i <= lend; i++) {
                anorm = Math.max(anorm, Math.abs(d[i]));
                if (i < lend) {
                    anorm = Math.max(anorm, Math.abs(e[i]));
                }
            }
            if (!Double.isFinite(anorm)) {
                throw new ArithmeticException("tridiagonal QL: non-finite entry in rows " + l + ".." + lend);
            }
            if (anorm == 0) {
                continue;
            }
            double scale = 1.0;
            if (anorm > ssfmax) {
                scale = ssfmax / anorm;
            } else if (anorm < ssfmin) {
                scale = ssfmin / anorm;
            }
            if (scale != 1.0) {
                for (int i = l; i <= lend; i++) {
                    d[i] *= scale;
                    if (i < lend) {
                        e[i] *= scale;
                    }
                }
            }
            for (int i = l; i < lend; i++) {
                e[i] = e[i] * e[i];
            }
            if (Math.abs(d[lend]) < Math.abs(d[l])) {
                lend = lsv;
                l = lendsv;
            }
            if (lend >= l) {
                // QL iteration.
                while (l <= lend) {
                    for (m = l; m < lend; m++) {
                        if (Math.abs(e[m]) <= eps2 * Math.abs(d[m] * d[m + 1])) {
                            break;
                        }
                    }
                    if (m < lend) {
                        e[m] = 0.0;
                    }
                    double p = d[l];
                    if (m == l) {
                        d[l] = p;
                        l++;
                        continue;
                    }
                    if (m == l + 1) {
                        eigen2x2(d, l, l + 1, Math.sqrt(e[l]));
                        e[l] = 0.0;
                        l += 2;
                        continue;
                    }
                    if (++jtot > maxIt) {
                        throw new ArithmeticException("root-free tridiagonal QL did not converge (n = " + n + ")");
                    }
                    final double rte = Math.sqrt(e[l]);
                    double sigma = (d[l + 1] - p) / (2.0 * rte);
                    final double r0 = hypot(sigma, 1.0);
                    sigma = p - rte / (sigma + Math.copySign(r0, sigma));
                    double c = 1.0;
                    double s = 0.0;
                    double gamma = d[m] - sigma;
                    p = gamma * gamma;
                    for (int i = m - 1; i >= l; i--) {
                        final double bb = e[i];
                        final double r = p + bb;
                        if (i != m - 1) {
                            e[i + 1] = s * r;
                        }
                        final double oldc = c;
                        final double invR = 1.0 / r;
                        final double rOverP = r * (1.0 / p); // 1/c, off the serial chain
                        c = p * invR;
                        s = bb * invR;
                        final double oldgam = gamma;
                        final double alpha = d[i];
                        gamma = c * (alpha - sigma) - s * oldgam;
                        d[i + 1] = oldgam + (alpha - gamma);
                        p = rOverP < Double.POSITIVE_INFINITY ? (gamma * gamma) * rOverP
                                : nextP(gamma, p, r, oldc, bb);
                    }
                    e[l] = s * p;
                    d[l] = sigma + gamma;
                }
            } else {
                // QR iteration.
                while (l >= lend) {
                    for (m = l; m > lend; m--) {
                        if (Math.abs(e[m - 1]) <= eps2 * Math.abs(d[m] * d[m - 1])) {
                            break;
                        }
                    }
                    if (m > lend) {
                        e[m - 1] = 0.0;
                    }
                    double p = d[l];
                    if (m == l) {
                        d[l] = p;
                        l--;
                        continue;
                    }
                    if (m == l - 1) {
                        eigen2x2(d, l, l - 1, Math.sqrt(e[l - 1]));
                        e[l - 1] = 0.0;
                        l -= 2;
                        continue;
                    }
                    if (++jtot > maxIt) {
                        throw new ArithmeticException("root-free tridiagonal QR did not converge (n = " + n + ")");
                    }
                    final double rte = Math.sqrt(e[l - 1]);
                    double sigma = (d[l - 1] - p) / (2.0 * rte);
                    final double r0 = hypot(sigma, 1.0);
                    sigma = p - rte / (sigma + Math.copySign(r0, sigma));
                    double c = 1.0;
                    double s = 0.0;
                    double gamma = d[m] - sigma;
                    p = gamma * gamma;
                    for (int i = m; i <= l - 1; i++) {
                        final double bb = e[i];
                        final double r = p + bb;
                        if (i != m) {
                            e[i - 1] = s * r;
                        }
                        final double oldc = c;
                        final double invR = 1.0 / r;
                        final double rOverP = r * (1.0 / p); // 1/c, off the serial chain
                        c = p * invR;
                        s = bb * invR;
                        final double oldgam = gamma;
                        final double alpha = d[i + 1];
                        gamma = c * (alpha - sigma) - s * oldgam;
                        d[i] = oldgam + (alpha - gamma);
                        p = rOverP < Double.POSITIVE_INFINITY ? (gamma * gamma) * rOverP
                                : nextP(gamma, p, r, oldc, bb);
                    }
                    e[l - 1] = s * p;
                    d[l] = sigma + gamma;
                }
            }
            if (scale != 1.0) {
                final double undo = 1.0 / scale;
                for (int i = lsv; i <= lendsv; i++) {
                    d[i] *= undo;
                }
            }
        }
        Arrays.sort(d, 0, n);
    }

    /**
     * The next p of a root-free rotation when r/p is not finite (p = 0 or subnormal): LAPACK's
     * {@code p = c ≠ 0 ? γ²/c : c_old·b²} with c = p/r.
     */
    private static double nextP(double gamma, double p, double r, double oldc, double bb) {
        final double c = p / r;
        return c != 0.0 ? (gamma * gamma) / c : oldc * bb;
    }

    /**
     * Eigenvalues of the symmetric 2×2 block [[a, b], [b, c]], a = d[ia], c = d[ic] (LAPACK
     * {@code dlae2}): d[ia] ← the one of larger absolute value, d[ic] ← the other.
     */
    private static void eigen2x2(double[] d, int ia, int ic, double b) {
        final double a = d[ia];
        final double c = d[ic];
        final double sm = a + c;
        final double adf = Math.abs(a - c);
        final double ab = Math.abs(b + b);
        final double acmx;
        final double acmn;
        if (Math.abs(a) > Math.abs(c)) {
            acmx = a;
            acmn = c;
        } else {
            acmx = c;
            acmn = a;
        }
        final double rt;
        if (adf > ab) {
            final double q = ab / adf;
            rt = adf * Math.sqrt(1.0 + q * q);
        } else if (adf < ab) {
            final double q = adf / ab;
            rt = ab * Math.sqrt(1.0 + q * q);
        } else {
            rt = ab * Math.sqrt(2.0);
        }
        final double rt1;
        final double rt2;
        if (sm < 0) {
            rt1 = 0.5 * (sm - rt);
            rt2 = (acmx / rt1) * acmn - (b / rt1) * b;
        } else if (sm > 0) {
            rt1 = 0.5 * (sm + rt);
            rt2 = (acmx / rt1) * acmn - (b / rt1) * b;
        } else {
            rt1 = 0.5 * rt;
            rt2 = -0.5 * rt;
        }
        d[ia] = rt1;
        d[ic] = rt2;
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
