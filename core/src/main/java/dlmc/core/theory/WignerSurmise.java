package dlmc.core.theory;

import org.apache.commons.statistics.distribution.GammaDistribution;

/**
 * The Wigner surmise with mean spacing 1 for β = 1, 2, 4, exactly as tabulated in math-spec §5.2:
 * <pre>
 *   β = 1:  p(s) = (π/2) s e^{−π s²/4}
 *   β = 2:  p(s) = (32/π²) s² e^{−4 s²/π}
 *   β = 4:  p(s) = 2^18/(3^6 π³) s^4 e^{−64 s²/(9π)}
 * </pre>
 * i.e. p(s) = a_β s^β e^{−b_β s²}. Since s² ~ Gamma(shape (β+1)/2, scale 1/b_β), the CDF is the
 * regularised incomplete gamma P((β+1)/2, b_β s²), E s² = (β+1)/(2 b_β) and Var = E s² − 1
 * (= 4/π, 3π/8, 45π/128 and 0.27324, 0.17810, 0.10447 in the table). It is the mean-normalised
 * exact n = 2 spacing law ({@link TwoByTwoSpacingLaw}, oracle O19). Immutable, thread-safe.
 */
public final class WignerSurmise {
    private final int beta;
    private final double a;
    private final double b;
    private final GammaDistribution sSquared;

    /**
     * @param beta 1, 2 or 4
     * @throws IllegalArgumentException for any other β
     */
    public WignerSurmise(double beta) {
        if (beta == 1.0) {
            a = Math.PI / 2;
            b = Math.PI / 4;
        } else if (beta == 2.0) {
            a = 32 / (Math.PI * Math.PI);
            b = 4 / Math.PI;
        } else if (beta == 4.0) {
            a = Math.pow(2, 18) / (Math.pow(3, 6) * Math.PI * Math.PI * Math.PI);
            b = 64 / (9 * Math.PI);
        } else {
            throw new IllegalArgumentException("Wigner surmise is tabulated for beta = 1, 2, 4 only, got " + beta);
        }
        this.beta = (int) beta;
        this.sSquared = GammaDistribution.of((beta + 1) / 2, 1 / b);
    }

    public int beta() {
        return beta;
    }

    /** @return p(s); 0 for s ≤ 0; NaN for NaN. */
    public double density(double s) {
        if (Double.isNaN(s)) {
            return Double.NaN;
        }
        if (s <= 0) {
            return 0.0;
        }
        return a * Math.pow(s, beta) * Math.exp(-b * s * s);
    }

    /** @return P(S ≤ s) = P((β+1)/2, b s²); 0 for s ≤ 0. */
    public double cdf(double s) {
        if (Double.isNaN(s)) {
            return Double.NaN;
        }
        return s <= 0 ? 0.0 : sSquared.cumulativeProbability(s * s);
    }

    /** @return 1 (the surmise is normalised to mean spacing 1). */
    public double mean() {
        return 1.0;
    }

    /** @return E s² = (β+1)/(2 b_β): 4/π, 3π/8, 45π/128. */
    public double secondMoment() {
        return (beta + 1) / (2 * b);
    }

    /** @return E s² − 1. */
    public double variance() {
        return secondMoment() - 1.0;
    }
}
