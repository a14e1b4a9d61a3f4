package dlmc.core.theory;

/**
 * Exact finite-n moments of the Gaussian β-ensemble in the D2 normalisation at time t from 0
 * (math-spec §5.1: H = 𝐇_t/sqrt(n), E H_ii² = 2t/(βn), E|H_ij|² = t/n), valid for every β &gt; 0
 * (tridiagonal model) and hence for the matrix ensembles β = 1, 2, 4. m_k = (1/n) Σ λ_i^k.
 *
 * <p>Derivations (D, this file):
 * <ul>
 *   <li>m2: n² m2/t = tr(𝐇₁²) = Σ h_ii² + 2 Σ_{i&lt;j} |h_ij|², mean n·2/β + n(n−1), so
 *       E m2 = t (1 + (2/β − 1)/n) (math-spec §7 O20). Variance: h_ii² = (2/β)χ²_1 (var 8/β²),
 *       2|h_ij|² = (2/β)χ²_β (var 8/β), so Var m2 = t² [8n/β² + 4n(n−1)/β]/n⁴.</li>
 *   <li>m4: with the tridiagonal model (diagonal a_i ~ N(0, 2), off-diagonal b_i ~ chi_{k_i},
 *       k_i = β(n−i)), counting closed walks of length 4,
 *       tr T⁴ = Σ a_i⁴ + 4 Σ b_i²(a_i² + a_i a_{i+1} + a_{i+1}²) + 2 Σ b_i⁴ + 4 Σ b_i² b_{i+1}²
 *       (checked to 1e-15 on random tridiagonal matrices); taking expectations (E a⁴ = 12,
 *       E b⁴ = k(k+2)) and summing, E tr T⁴/β² = 12n/β² + 10n(n−1)/β + n(n−1)(2n−3), whence
 *       E m4 = t² [2 + (10/β − 5)/n + (3 − 10/β + 12/β²)/n²]. Checks: β = 2 gives 2 + 1/n²
 *       (GUE genus expansion), β = 1 gives 2 + 5/n + 5/n² (GOE). The O(1/n) correction to the
 *       semicircle value 2t² of math-spec §5.2 is thus t²(10/β − 5)/n.</li>
 *   <li>m6: the same count for closed walks of length 6 on the path graph (141 walks; a step
 *       either stays, weight a_j, or crosses an edge, weight b_j; E a⁶ = 120,
 *       E b⁶ = k(k+2)(k+4)), summed over the start with a computer-algebra system (SymPy) and
 *       checked against direct enumeration for n = 1..7 and five β:
 *       E tr T⁶/(β³n) = 5n³ + (44/β − 22)n² + (32 − 108/β + 128/β²)n + (−15 + 64/β − 128/β² + 120/β³),
 *       whence E m6 = t³ [5 + (44/β − 22)/n + (32 − 108/β + 128/β²)/n² + (−15 + 64/β − 128/β² + 120/β³)/n³].
 *       Checks: β = 2 gives 5 + 10/n² (GUE: E tr H⁶ = 5n⁴ + 10n², Harer–Zagier), β = 1 gives
 *       5 + 22/n + 52/n² + 41/n³ (GOE), n = 1 gives E h⁶ = 120 t³/β³ for h ~ N(0, 2t/β).</li>
 * </ul>
 */
public final class GbeMoments {
    private GbeMoments() {
    }

    /** E m2 for D2 at time t from 0 (or the OU stationary law with t = 1). */
    public static double m2Mean(double beta, int n, double t) {
        return t * (1 + (2 / beta - 1) / n);
    }

    /** Var m2 for D2 at time t from 0. */
    public static double m2Variance(double beta, int n, double t) {
        final double nn = n;
        return t * t * (8 * nn / (beta * beta) + 4 * nn * (nn - 1) / beta) / (nn * nn * nn * nn);
    }

    /** E m6 for D2 at time t from 0 (class comment). */
    public static double m6Mean(double beta, int n, double t) {
        final double nn = n;
        final double ib = 1 / beta;
        return t * t * t * (5 + (44 * ib - 22) / nn + (32 - 108 * ib + 128 * ib * ib) / (nn * nn)
                + (-15 + 64 * ib - 128 * ib * ib + 120 * ib * ib * ib) / (nn * nn * nn));
    }

    /** E m4 for D2 at time t from 0. */
    public static double m4Mean(double beta, int n, double t) {
        final double nn = n;
        return t * t * (2 + (10 / beta - 5) / nn + (3 - 10 / beta + 12 / (beta * beta)) / (nn * nn));
    }
}
