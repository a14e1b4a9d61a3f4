package dlmc.core.random;

import dlmc.core.linalg.SymmetricTridiagonalEigen;
import org.ejml.data.DMatrixRMaj;

/**
 * Samplers of the Gaussian β-ensembles (math-spec §5.1): the Dumitriu–Edelman tridiagonal model
 * for any β > 0, and GOE / GUE / GSE matrix increments with the D1 variances, as real symmetric
 * representations, for β = 1, 2, 4.
 *
 * <h2>Matrix increments (D1 variances, unit time)</h2>
 * A self-adjoint n×n matrix G over R (β = 1), C (β = 2) or the quaternions (β = 4) with
 * independent entries on and above the diagonal: G_ii ~ N(0, 2/β); each of the β real components
 * of G_ij (i &lt; j) ~ N(0, 1/β), so E|G_ij|² = 1. Over a time step h the increment is
 * sqrt(h)·G (math-spec §5.1, "Matrix realisation"). G is stored as a real symmetric matrix of size
 * m·n, m = {@link #multiplicity(int)}:
 * <ul>
 *   <li>β = 1: G itself (n×n);</li>
 *   <li>β = 2: G = A + iB (A symmetric, B antisymmetric) as the 2n×2n matrix
 *       [[A, −B], [B, A]] (the action of G on C^n = R^n ⊕ iR^n); every eigenvalue of G
 *       appears twice;</li>
 *   <li>β = 4: G = (q_ij), q = a + b·i + c·j + d·k, as the 4n×4n matrix whose 4×4 block (i, j)
 *       (rows 4i..4i+3, columns 4j..4j+3) is the left multiplication by q_ij on H = R⁴ in the basis
 *       (1, i, j, k): L(q) = [[a, −b, −c, −d], [b, a, −d, c], [c, d, a, −b], [d, −c, b, a]]. Since
 *       q_ji = conj(q_ij) and L(conj q) = L(q)ᵀ the result is symmetric; it commutes with right
 *       multiplication by quaternions, so every eigenvalue of G appears four times.</li>
 * </ul>
 * Traces: tr_R(rep G²) = m · Σ (eigenvalues of G)².
 *
 * <h2>Draw order (deterministic)</h2>
 * Matrix increments: the upper triangle row by row, i = 0..n−1, j = i..n−1; a diagonal entry takes
 * one Gaussian, an off-diagonal entry β Gaussians in component order (real; then i; then j, k).
 * Tridiagonal model: n Gaussians for the diagonal in index order, then the n−1 chi variates
 * T_{i,i+1}, i = 1..n−1, in index order.
 *
 * <p>Stateless; thread-safe (the streams are not).
 */
public final class GaussianEnsembles {
    private GaussianEnsembles() {
    }

    /**
     * @param beta 1, 2 or 4
     * @return the degeneracy m of every eigenvalue in the real representation: 1, 2 or 4
     * @throws IllegalArgumentException for any other β
     */
    public static int multiplicity(int beta) {
        switch (beta) {
            case 1:
                return 1;
            case 2:
                return 2;
            case 4:
                return 4;
            default:
                throw new IllegalArgumentException("matrix representation needs beta in {1, 2, 4}, got " + beta);
        }
    }

    /**
     * @return β as an int if it is exactly 1, 2 or 4
     * @throws IllegalArgumentException otherwise
     */
    public static int classicalBeta(double beta) {
        if (beta == 1.0 || beta == 2.0 || beta == 4.0) {
            return (int) beta;
        }
        throw new IllegalArgumentException("matrix representation needs beta in {1, 2, 4}, got " + beta);
    }

    /** @return m·n, the size of the real symmetric representation of an n×n GβE matrix. */
    public static int representationSize(int beta, int n) {
        return multiplicity(beta) * n;
    }

    // ------------------------------------------------------------------ tridiagonal model

    /**
     * Eigenvalues, ascending, of T/sqrt(β), T the Dumitriu–Edelman symmetric tridiagonal matrix
     * with T_ii ~ N(0, 2) and T_{i,i+1} ~ chi_{β(n−i)} (i = 1..n−1), all independent (math-spec
     * §5.1, "General-β sampler"). Their density is ∝ |van λ|^β exp(−β/4 Σ λ_i²), the law of D1 at
     * t = 1 from 0. Allocates one scratch array of length n; use the overload with a workspace in
     * hot loops.
     *
     * @param beta   any finite β &gt; 0
     * @param n      number of eigenvalues, &gt;= 1
     * @param stream draws n Gaussians then n−1 chi variates. Modified (advanced).
     * @param out    length &gt;= n. Modified.
     */
    public static void tridiagonalSpectrum(double beta, int n, RandomStream stream, double[] out) {
        tridiagonalSpectrum(beta, n, stream, out, new double[Math.max(n, 1)]);
    }

    /**
     * As {@link #tridiagonalSpectrum(double, int, RandomStream, double[])}, without allocation.
     *
     * @param work scratch, length &gt;= n. Modified.
     * @throws IllegalArgumentException if β is not a finite positive number, n &lt; 1, or an array
     *                                  is too short
     */
    public static void tridiagonalSpectrum(double beta, int n, RandomStream stream, double[] out, double[] work) {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be a finite number > 0, got " + beta);
        }
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        if (out.length < n || work.length < n) {
            throw new IllegalArgumentException("arrays too short for n = " + n + ": out " + out.length
                    + ", work " + work.length);
        }
        final double invSqrtBeta = 1.0 / Math.sqrt(beta);
        final double diagScale = Math.sqrt(2.0) * invSqrtBeta;
        stream.gaussians(out, 0, n);
        for (int i = 0; i < n; i++) {
            out[i] *= diagScale;
        }
        for (int i = 1; i < n; i++) {
            work[i - 1] = stream.chi(beta * (n - i)) * invSqrtBeta;
        }
        SymmetricTridiagonalEigen.eigenvalues(n, out, work);
    }

    // ------------------------------------------------------------------ matrix increments

    /**
     * G ← a unit-time GβE increment with D1 variances, in the real representation (class comment).
     *
     * @param G an m·n square matrix. Modified (overwritten).
     */
    public static void increment(int beta, int n, RandomStream stream, DMatrixRMaj G) {
        checkShape(beta, n, G);
        G.zero();
        addIncrement(beta, n, 1.0, stream, G);
    }

    /**
     * H ← H + coefficient · G, G a fresh unit-time GβE increment with D1 variances in the real
     * representation (class comment), drawn in the documented order. For a D1 step of length h
     * use coefficient = sqrt(h); for D2, sqrt(h/n) ({@code DysonModel.matrixScale()}). Allocates
     * nothing.
     *
     * @param H an m·n square symmetric matrix. Modified.
     * @throws IllegalArgumentException if β ∉ {1, 2, 4} or H has the wrong shape
     */
    public static void addIncrement(int beta, int n, double coefficient, RandomStream stream, DMatrixRMaj H) {
        checkShape(beta, n, H);
        final double diag = coefficient * Math.sqrt(2.0 / beta);
        final double off = coefficient * Math.sqrt(1.0 / beta);
        switch (beta) {
            case 1:
                addReal(n, diag, off, stream, H);
                break;
            case 2:
                addComplex(n, diag, off, stream, H);
                break;
            default:
                addQuaternion(n, diag, off, stream, H);
                break;
        }
    }

    private static void addReal(int n, double diag, double off, RandomStream stream, DMatrixRMaj H) {
        final double[] h = H.data;
        for (int i = 0; i < n; i++) {
            h[i * n + i] += diag * stream.gaussian();
            for (int j = i + 1; j < n; j++) {
                final double x = off * stream.gaussian();
                h[i * n + j] += x;
                h[j * n + i] += x;
            }
        }
    }

    private static void addComplex(int n, double diag, double off, RandomStream stream, DMatrixRMaj H) {
        final double[] h = H.data;
        final int s = 2 * n;
        for (int i = 0; i < n; i++) {
            final double a = diag * stream.gaussian();
            h[i * s + i] += a;
            h[(n + i) * s + n + i] += a;
            for (int j = i + 1; j < n; j++) {
                final double x = off * stream.gaussian();
                final double y = off * stream.gaussian();
                // A block (twice): A_ij = A_ji = x.
                h[i * s + j] += x;
                h[j * s + i] += x;
                h[(n + i) * s + n + j] += x;
                h[(n + j) * s + n + i] += x;
                // Lower-left block B: B_ij = y, B_ji = -y; upper-right block -B.
                h[(n + i) * s + j] += y;
                h[(n + j) * s + i] -= y;
                h[i * s + n + j] -= y;
                h[j * s + n + i] += y;
            }
        }
    }

    private static void addQuaternion(int n, double diag, double off, RandomStream stream, DMatrixRMaj H) {
        final double[] h = H.data;
        final int s = 4 * n;
        for (int i = 0; i < n; i++) {
            final double a0 = diag * stream.gaussian();
            for (int r = 0; r < 4; r++) {
                h[(4 * i + r) * s + 4 * i + r] += a0;
            }
            for (int j = i + 1; j < n; j++) {
                final double a = off * stream.gaussian();
                final double b = off * stream.gaussian();
                final double c = off * stream.gaussian();
                final double d = off * stream.gaussian();
                addQuaternionBlock(h, s, 4 * i, 4 * j, a, b, c, d);
            }
        }
    }

    /** Adds L(q) at block (row0, col0) and L(q)ᵀ at block (col0, row0); allocates nothing. */
    private static void addQuaternionBlock(double[] h, int s, int row0, int col0,
                                           double a, double b, double c, double d) {
        // L(q) = [[a, -b, -c, -d], [b, a, -d, c], [c, d, a, -b], [d, -c, b, a]]
        addPair(h, s, row0, col0, a);
        addPair(h, s, row0, col0 + 1, -b);
        addPair(h, s, row0, col0 + 2, -c);
        addPair(h, s, row0, col0 + 3, -d);
        addPair(h, s, row0 + 1, col0, b);
        addPair(h, s, row0 + 1, col0 + 1, a);
        addPair(h, s, row0 + 1, col0 + 2, -d);
        addPair(h, s, row0 + 1, col0 + 3, c);
        addPair(h, s, row0 + 2, col0, c);
        addPair(h, s, row0 + 2, col0 + 1, d);
        addPair(h, s, row0 + 2, col0 + 2, a);
        addPair(h, s, row0 + 2, col0 + 3, -b);
        addPair(h, s, row0 + 3, col0, d);
        addPair(h, s, row0 + 3, col0 + 1, -c);
        addPair(h, s, row0 + 3, col0 + 2, b);
        addPair(h, s, row0 + 3, col0 + 3, a);
    }

    /** h(row, col) += v and h(col, row) += v (row != col guaranteed by the caller's blocks). */
    private static void addPair(double[] h, int s, int row, int col, double v) {
        h[row * s + col] += v;
        h[col * s + row] += v;
    }

    /**
     * H ← the representation of diag(spectrum): every eigenvalue on m diagonal positions (β = 2:
     * i and n+i; β = 4: 4i..4i+3).
     *
     * @param spectrum length &gt;= n. Not modified.
     * @param H        an m·n square matrix. Modified (overwritten).
     */
    public static void embedDiagonal(int beta, int n, double[] spectrum, DMatrixRMaj H) {
        checkShape(beta, n, H);
        final int m = multiplicity(beta);
        H.zero();
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < m; r++) {
                // β = 2 uses blocks [A; A] (index r·n + i); β = 4 interleaves (index 4i + r).
                final int p = beta == 2 ? r * n + i : m * i + r;
                H.unsafe_set(p, p, spectrum[i]);
            }
        }
    }

    /**
     * One copy of each degenerate eigenvalue: out[k] = mean of sortedRep[m·k .. m·k + m).
     *
     * @param sortedRep the m·n eigenvalues of the representation, ascending. Not modified.
     * @param out       length &gt;= n. Modified.
     */
    public static void distinctEigenvalues(int beta, int n, double[] sortedRep, double[] out) {
        final int m = multiplicity(beta);
        for (int k = 0; k < n; k++) {
            double s = 0;
            for (int r = 0; r < m; r++) {
                s += sortedRep[m * k + r];
            }
            out[k] = s / m;
        }
    }

    /**
     * Normalised degeneracy residual: max over groups of (max − min within the group of m) divided
     * by max(max |λ|, Double.MIN_NORMAL). 0 for β = 1; ~1e-15 is machine precision.
     *
     * @param sortedRep the m·n eigenvalues of the representation, ascending. Not modified.
     */
    public static double degeneracyResidual(int beta, int n, double[] sortedRep) {
        final int m = multiplicity(beta);
        double spread = 0;
        double scale = 0;
        for (int k = 0; k < n; k++) {
            spread = Math.max(spread, sortedRep[m * k + m - 1] - sortedRep[m * k]);
            for (int r = 0; r < m; r++) {
                scale = Math.max(scale, Math.abs(sortedRep[m * k + r]));
            }
        }
        return spread / Math.max(scale, Double.MIN_NORMAL);
    }

    private static void checkShape(int beta, int n, DMatrixRMaj H) {
        final int size = representationSize(beta, n);
        if (n < 1 || H.numRows != size || H.numCols != size) {
            throw new IllegalArgumentException("expected a " + size + "x" + size + " matrix for beta = " + beta
                    + ", n = " + n + ", got " + H.numRows + "x" + H.numCols);
        }
    }
}
