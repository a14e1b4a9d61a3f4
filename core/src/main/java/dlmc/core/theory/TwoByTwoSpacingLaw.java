package dlmc.core.theory;

import org.apache.commons.statistics.distribution.NakagamiDistribution;

/**
 * Exact law of the spacing s = λ₂ − λ₁ of D1 Dyson Brownian motion with n = 2 started from equal
 * eigenvalues, at time t, for any β &gt; 0 (math-spec §5.2 "Exact 2×2 spacing law", oracle O19):
 * <pre>  β s²/(4t) ~ χ²_{β+1},   density ∝ s^β e^{−β s²/(8t)}.</pre>
 * Equivalently s is Nakagami(μ = (β+1)/2, Ω = E s² = 4t(β+1)/β), which is how it is evaluated
 * (Commons Statistics). Mean E s = Γ(μ + 1/2)/Γ(μ) · sqrt(Ω/μ).
 *
 * <p>The same law holds, with t replaced by the effective D1 time τ = R²/8, for every n = 2
 * Gaussian β-ensemble of semicircle radius R (D2, OU, GβE start; see {@code EstimatorLayout}).
 *
 * <p>The mean-normalised spacing x = s / E s has density E s · f(x E s), independent of t; for
 * β = 1, 2, 4 it is exactly the {@link WignerSurmise}. Immutable, thread-safe.
 */
public final class TwoByTwoSpacingLaw {
    private final double beta;
    private final double t;
    private final NakagamiDistribution law;
    private final double mean;

    /**
     * @param beta Dyson index, finite and &gt; 0
     * @param t    D1 time, finite and &gt; 0
     * @throws IllegalArgumentException otherwise
     */
    public TwoByTwoSpacingLaw(double beta, double t) {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be finite and > 0, got " + beta);
        }
        if (!(t > 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("t must be finite and > 0, got " + t);
        }
        this.beta = beta;
        this.t = t;
        this.law = NakagamiDistribution.of((beta + 1) / 2, 4 * t * (beta + 1) / beta);
        this.mean = law.getMean();
    }

    public double beta() {
        return beta;
    }

    public double time() {
        return t;
    }

    /** @return the density of s; 0 for s ≤ 0 (f(0) = 0 since β &gt; 0); NaN for NaN. */
    public double density(double s) {
        if (Double.isNaN(s)) {
            return Double.NaN;
        }
        return s <= 0 ? 0.0 : law.density(s);
    }

    /** @return P(s' ≤ s) = P_{χ²_{β+1}}(β s²/(4t)); 0 for s ≤ 0. */
    public double cdf(double s) {
        if (Double.isNaN(s)) {
            return Double.NaN;
        }
        return s <= 0 ? 0.0 : law.cumulativeProbability(s);
    }

    /** @return E s = Γ((β+2)/2)/Γ((β+1)/2) · sqrt(8t/β). */
    public double mean() {
        return mean;
    }

    /** @return E s² = 4t(β+1)/β (mean of χ²_{β+1} is β+1). */
    public double secondMoment() {
        return 4 * t * (beta + 1) / beta;
    }

    /** @return the density of x = s / E s at x. */
    public double normalisedDensity(double x) {
        return mean * density(x * mean);
    }

    /** @return P(s / E s ≤ x). */
    public double normalisedCdf(double x) {
        return cdf(x * mean);
    }

    /** @return E (s / E s)² = E s² / (E s)². */
    public double normalisedSecondMoment() {
        return secondMoment() / (mean * mean);
    }
}
