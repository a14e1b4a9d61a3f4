package dlmc.core.theory;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * Exact differential entropy (nats) of the eigenvalue law of the Gaussian β-ensemble, for any
 * β &gt; 0 and n ≥ 1.
 *
 * <p>Standard form: weight w(x) = exp(−Σx_i²/2) |Δ(x)|^β on R^n (unordered eigenvalues), with
 * Mehta's integral (Selberg family)
 * <pre>
 *   log Z_{n,β} = (n/2) log 2π + Σ_{k=1}^{n} [log Γ(1 + kβ/2) − log Γ(1 + β/2)].
 * </pre>
 * With p = w/Z, H = −E log p = log Z + E[Σx²]/2 − β E log|Δ|. Both expectations follow from Z:
 * E log|Δ| = ∂_β log Z = Σ_k [(k/2) ψ(1 + kβ/2) − ½ ψ(1 + β/2)], and the scaling x → x/√s of
 * ∫|Δ|^β e^{−sΣx²/2} gives E Σx² = n + βn(n−1)/2 (D, this file). Hence
 * <pre>
 *   H_unordered = log Z + ½(n + βn(n−1)/2) − β ∂_β log Z.
 * </pre>
 * The ordered eigenvalues (λ_1 ≤ … ≤ λ_n, the Weyl chamber) have density n!·p, so
 * H_ordered = H_unordered − log n!. A scaled spectrum λ = s·x has entropy H + n log s.
 *
 * <p>dlmc normalisations (math-spec §5.1): D1 at time t from 0 has density
 * ∝ |Δ(λ)|^β exp(−β Σλ²/(4t)), i.e. λ = sqrt(2t/β)·x; a spectrum that is exactly a scaled GβE with
 * semicircle radius R ({@code DysonModel.semicircleRadius}, D1/D2/OU from zero or a GβE start) is
 * D1 at the effective time τ = R²/(4n), so s = sqrt(2τ/β) = R/sqrt(2nβ). R = 0 (a point mass)
 * gives −∞.
 *
 * <p>n = 1: H = ½ log(2πe) + log s (the Gaussian). Stateless, thread-safe.
 */
public final class GbeEntropy {
    private GbeEntropy() {
    }

    /**
     * @return log Z_{n,β} of the standard weight exp(−Σx²/2)|Δ|^β over R^n (unordered)
     * @throws IllegalArgumentException if n &lt; 1 or β is not finite and &gt; 0
     */
    public static double logPartition(int n, double beta) {
        check(n, beta);
        double s = 0.5 * n * Math.log(2 * Math.PI);
        final double g1 = LogGamma.value(1 + beta / 2);
        for (int k = 1; k <= n; k++) {
            s += LogGamma.value(1 + k * beta / 2) - g1;
        }
        return s;
    }

    /** @return ∂_β log Z_{n,β} = E log|Δ(x)| under the standard law (digamma sum, class comment). */
    public static double dLogPartitionDBeta(int n, double beta) {
        check(n, beta);
        final double p1 = Digamma.value(1 + beta / 2);
        double s = 0;
        for (int k = 1; k <= n; k++) {
            s += 0.5 * k * Digamma.value(1 + k * beta / 2) - 0.5 * p1;
        }
        return s;
    }

    /** @return the entropy of the unordered standard law (weight exp(−Σx²/2)|Δ|^β). */
    public static double standardUnordered(int n, double beta) {
        final double nn = n;
        return logPartition(n, beta) + 0.5 * (nn + beta * nn * (nn - 1) / 2) - beta * dLogPartitionDBeta(n, beta);
    }

    /**
     * @param scale s ≥ 0 with λ = s·x, x the standard law; s = 0 gives −∞
     * @return the entropy of the unordered spectrum λ
     */
    public static double unordered(int n, double beta, double scale) {
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be finite and >= 0, got " + scale);
        }
        return standardUnordered(n, beta) + n * Math.log(scale);
    }

    /** @return the entropy of the ordered spectrum λ = s·x (unordered − log n!). */
    public static double ordered(int n, double beta, double scale) {
        return unordered(n, beta, scale) - LogGamma.value(n + 1.0);
    }

    /** @return s = sqrt(2t/β): D1 at time t ≥ 0 from 0 (math-spec §5.1) is s·x. */
    public static double d1Scale(double beta, double t) {
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("t must be finite and >= 0, got " + t);
        }
        return Math.sqrt(2 * t / beta);
    }

    /**
     * @param radius semicircle radius R ≥ 0 of a spectrum that is exactly a scaled GβE
     *               ({@code DysonModel.semicircleRadius}); effective D1 time τ = R²/(4n)
     * @return s = R/sqrt(2nβ)
     */
    public static double scaleOfRadius(int n, double beta, double radius) {
        if (!(radius >= 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("radius must be finite and >= 0, got " + radius);
        }
        return radius / Math.sqrt(2.0 * n * beta);
    }

    /**
     * E Σ_{i&lt;j} log|λ_j − λ_i| of a spectrum that is exactly a scaled GβE with semicircle radius R:
     * with λ = s·x (s = {@link #scaleOfRadius}) it is (n(n−1)/2) log s + E log|Δ(x)|, the second term
     * ∂_β log Z_{n,β} (class comment). β times it is the mean of the Dyson runs' {@code entropy}
     * column (interface.md; β Σ_{i&lt;j} log(λ_j − λ_i)), exact at finite n for any β &gt; 0.
     *
     * @return the mean log-Vandermonde; 0 for n = 1 (no pairs), −∞ at R = 0 for n ≥ 2
     */
    public static double meanLogVandermondeOfRadius(int n, double beta, double radius) {
        final double s = scaleOfRadius(n, beta, radius);
        if (n == 1) {
            check(n, beta);
            return 0;
        }
        return 0.5 * n * (n - 1.0) * Math.log(s) + dLogPartitionDBeta(n, beta);
    }

    /** @return the entropy of the ordered spectrum with semicircle radius R (−∞ at R = 0). */
    public static double orderedOfRadius(int n, double beta, double radius) {
        return ordered(n, beta, scaleOfRadius(n, beta, radius));
    }

    private static void check(int n, double beta) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be finite and > 0, got " + beta);
        }
    }
}
