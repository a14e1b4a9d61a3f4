package dlmc.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * Statistical assertions. Each takes the false-failure probability {@code alpha} it is allowed
 * (the caller states and Bonferroni-splits it) and puts the seed and the statistic in the failure
 * message.
 */
public final class StatChecks {
    private StatChecks() {
    }

    /** @return the two-sided z threshold whose false-failure probability is {@code alpha}. */
    public static double zThreshold(double alpha) {
        return -NormalDistribution.of(0, 1).inverseCumulativeProbability(alpha / 2);
    }

    /**
     * Asserts |estimate − expected| ≤ zThreshold(alpha)·se + allowance.
     *
     * @param allowance a deterministic bias allowance (0 for exact oracles)
     */
    public static void assertWithin(String what, double estimate, double se, double expected, double allowance,
                                    double alpha) {
        final double z = zThreshold(alpha);
        final double diff = Math.abs(estimate - expected);
        assertTrue(diff <= z * se + allowance, () -> String.format(
                "%s: estimate %.6g vs expected %.6g, |diff| = %.3g > %.2f s.e. (s.e. %.3g) + allowance %.3g; "
                        + "seed = %d (rerun with -Ddlmc.seed=%d)",
                what, estimate, expected, diff, z, se, allowance, TestSeeds.seed(), TestSeeds.seed()));
    }

    /** One-sample KS test of {@code x} against {@code cdf}; fails when p &lt; alpha. */
    public static void assertKs(String what, double[] x, DoubleUnaryOperator cdf, double alpha) {
        final KolmogorovSmirnovTest.OneResult r = KolmogorovSmirnovTest.withDefaults().test(x, cdf);
        assertTrue(r.getPValue() >= alpha, () -> String.format(
                "%s: KS D = %.5g, p = %.3g < alpha = %.3g (M = %d); seed = %d",
                what, r.getStatistic(), r.getPValue(), alpha, x.length, TestSeeds.seed()));
    }

    /**
     * One-sample KS test with a deterministic allowance for a known bias of the sampled law (a
     * measured bound on sup|F_scheme − F|): fails when D &gt; ε + allowance, ε = sqrt(log(2/alpha)/(2M))
     * from the DKW inequality P(sup|F̂_M − F_scheme| &gt; ε) ≤ 2 exp(−2Mε²) = alpha, which holds for
     * every M (no asymptotics). False-failure probability ≤ alpha when the allowance bounds the bias.
     *
     * @param x Not modified.
     */
    public static void assertKsWithin(String what, double[] x, DoubleUnaryOperator cdf, double alpha, double allowance) {
        final KolmogorovSmirnovTest.OneResult r = KolmogorovSmirnovTest.withDefaults().test(x, cdf);
        final double epsilon = Math.sqrt(Math.log(2 / alpha) / (2.0 * x.length));
        assertTrue(r.getStatistic() <= epsilon + allowance, () -> String.format(
                "%s: KS D = %.5g > DKW %.5g (alpha = %.3g) + allowance %.3g; p = %.3g (M = %d); "
                        + "seed = %d (rerun with -Ddlmc.seed=%d)",
                what, r.getStatistic(), epsilon, alpha, allowance, r.getPValue(), x.length, TestSeeds.seed(),
                TestSeeds.seed()));
    }

    /** Two-sample KS test; fails when p &lt; alpha. */
    public static void assertKs2(String what, double[] x, double[] y, double alpha) {
        final KolmogorovSmirnovTest.TwoResult r = KolmogorovSmirnovTest.withDefaults().test(x, y);
        assertTrue(r.getPValue() >= alpha, () -> String.format(
                "%s: two-sample KS D = %.5g, p = %.3g < alpha = %.3g (M = %d, %d); seed = %d",
                what, r.getStatistic(), r.getPValue(), alpha, x.length, y.length, TestSeeds.seed()));
    }

    /**
     * Two-sample KS test with a deterministic allowance for a known bias (e.g. the measured
     * O(Δt) discretisation bias of a scheme, as a KS distance): fails when
     * D &gt; {@link #ks2CriticalDistance}(alpha, |x|, |y|) + allowance. With allowance 0 this is the
     * plain test at level alpha (asymptotic critical value). The message carries D, the library's
     * p-value, the critical value, the allowance, the sample sizes and the seed.
     *
     * @param x Not modified.
     * @param y Not modified.
     */
    public static void assertKs2Within(String what, double[] x, double[] y, double alpha, double allowance) {
        final KolmogorovSmirnovTest.TwoResult r = KolmogorovSmirnovTest.withDefaults().test(x, y);
        final double critical = ks2CriticalDistance(alpha, x.length, y.length);
        assertTrue(r.getStatistic() <= critical + allowance, () -> String.format(
                "%s: two-sample KS D = %.5g > critical %.5g (alpha = %.3g) + allowance %.3g; p = %.3g (M = %d, %d); "
                        + "seed = %d (rerun with -Ddlmc.seed=%d)",
                what, r.getStatistic(), critical, alpha, allowance, r.getPValue(), x.length, y.length,
                TestSeeds.seed(), TestSeeds.seed()));
    }

    /**
     * The distance d with P(D_{m,n} &gt; d) = alpha under the null, from Kolmogorov's limit law
     * P(sqrt(mn/(m+n)) D &gt; z) ≈ 2 exp(−2z²) (the leading term; the next one, −2 exp(−8z²), is
     * below (alpha/2)⁴ and is dropped). Valid for alpha ≤ 0.05 and large samples (M ≥ 1000).
     */
    public static double ks2CriticalDistance(double alpha, int m, int n) {
        final double z = Math.sqrt(Math.log(2 / alpha) / 2);
        return z * Math.sqrt((m + (double) n) / ((double) m * n));
    }

    /** Sample mean and its standard error. */
    public static double[] meanAndSe(double[] x) {
        double m = 0;
        for (double v : x) {
            m += v;
        }
        m /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        final double var = ss / (x.length - 1);
        return new double[] {m, Math.sqrt(var / x.length)};
    }

    /**
     * Sample variance and its (asymptotic) standard error sqrt((μ4 − s⁴)/M).
     */
    public static double[] varianceAndSe(double[] x) {
        final int m = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= m;
        double s2 = 0;
        double s4 = 0;
        for (double v : x) {
            final double d = (v - mean) * (v - mean);
            s2 += d;
            s4 += d * d;
        }
        final double var = s2 / (m - 1);
        final double mu4 = s4 / m;
        return new double[] {var, Math.sqrt(Math.max(mu4 - var * var, 0) / m)};
    }
}
