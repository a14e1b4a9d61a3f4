package dlmc.core.estimate;

/**
 * Count, mean and central moments up to order 4 of a stream of doubles; mergeable.
 *
 * <p>Algorithm: Welford/Terriberry one-pass update in {@link #accept(double)}; Chan et al. /
 * Pébay pairwise formulas in {@link #combine(MomentAccumulator)} (P. Pébay, "Formulas for robust,
 * one-pass parallel computation of covariances and arbitrary-order statistical moments", Sandia
 * SAND2008-6212). Both are exact in exact arithmetic and numerically stable (no E[x²] − E[x]²
 * cancellation).
 *
 * <p>Empty behaviour: with no values, {@link #mean()} is NaN; {@link #variance()} and
 * {@link #standardErrorOfMean()} need 2 values, {@link #varianceStandardError()} 4, else NaN.
 * A NaN or infinite value makes every statistic NaN (callers filter). Not thread-safe; the
 * result is a deterministic function of the sequence of accept/combine calls.
 */
public final class MomentAccumulator {
    private long n;
    private double mean;
    private double m2;
    private double m3;
    private double m4;

    /** An empty accumulator. */
    public MomentAccumulator() {
    }

    /** Adds one value (Terriberry's extension of Welford's update to the 3rd and 4th moments). */
    public void accept(double x) {
        final long n1 = n;
        n++;
        final double nn = n;
        final double delta = x - mean;
        final double deltaN = delta / nn;
        final double deltaN2 = deltaN * deltaN;
        final double term1 = delta * deltaN * n1;
        mean += deltaN;
        m4 += term1 * deltaN2 * (nn * nn - 3 * nn + 3) + 6 * deltaN2 * m2 - 4 * deltaN * m3;
        m3 += term1 * deltaN * (nn - 2) - 3 * deltaN * m2;
        m2 += term1;
    }

    /**
     * Merges {@code other} into this (Pébay's pairwise formulas). {@code other} is not modified.
     * The result equals accepting other's values after this one's, up to rounding.
     */
    public void combine(MomentAccumulator other) {
        if (other.n == 0) {
            return;
        }
        if (n == 0) {
            n = other.n;
            mean = other.mean;
            m2 = other.m2;
            m3 = other.m3;
            m4 = other.m4;
            return;
        }
        final double na = n;
        final double nb = other.n;
        final double nt = na + nb;
        final double delta = other.mean - mean;
        final double d2 = delta * delta;
        final double newMean = mean + delta * (nb / nt);
        final double newM2 = m2 + other.m2 + d2 * na * nb / nt;
        final double newM3 = m3 + other.m3 + d2 * delta * na * nb * (na - nb) / (nt * nt)
                + 3 * delta * (na * other.m2 - nb * m2) / nt;
        final double newM4 = m4 + other.m4 + d2 * d2 * na * nb * (na * na - na * nb + nb * nb) / (nt * nt * nt)
                + 6 * d2 * (na * na * other.m2 + nb * nb * m2) / (nt * nt)
                + 4 * delta * (na * other.m3 - nb * m3) / nt;
        n += other.n;
        mean = newMean;
        m2 = newM2;
        m3 = newM3;
        m4 = newM4;
    }

    /** @return the number of values accepted. */
    public long count() {
        return n;
    }

    /** @return the arithmetic mean; NaN if empty. */
    public double mean() {
        return n == 0 ? Double.NaN : mean;
    }

    /** @return the unbiased sample variance Σ(x − x̄)²/(n − 1); NaN if n &lt; 2. */
    public double variance() {
        return n < 2 ? Double.NaN : m2 / (n - 1);
    }

    /** @return sqrt(variance / n), the standard error of the mean; NaN if n &lt; 2. */
    public double standardErrorOfMean() {
        return n < 2 ? Double.NaN : Math.sqrt(variance() / n);
    }

    /** @return Σ(x − x̄)²/n, the biased second central moment; NaN if empty. */
    public double secondCentralMoment() {
        return n == 0 ? Double.NaN : m2 / n;
    }

    /** @return Σ(x − x̄)³/n; NaN if empty. */
    public double thirdCentralMoment() {
        return n == 0 ? Double.NaN : m3 / n;
    }

    /** @return μ̂₄ = Σ(x − x̄)⁴/n; NaN if empty. */
    public double fourthCentralMoment() {
        return n == 0 ? Double.NaN : m4 / n;
    }

    /**
     * Standard error of the sample variance s²:
     * sqrt((μ̂₄ − s⁴ (n − 3)/(n − 1)) / n), the plug-in form of Var(s²) = (μ₄ − σ⁴(n−3)/(n−1))/n
     * (exact for iid samples with finite fourth moment). Clamped at 0 against rounding.
     *
     * @return NaN if n &lt; 4
     */
    public double varianceStandardError() {
        if (n < 4) {
            return Double.NaN;
        }
        final double s2 = variance();
        final double v = (fourthCentralMoment() - s2 * s2 * (n - 3.0) / (n - 1.0)) / n;
        return Math.sqrt(Math.max(0.0, v));
    }

    @Override
    public String toString() {
        return "MomentAccumulator[n=" + n + ", mean=" + mean() + ", variance=" + variance() + "]";
    }
}
