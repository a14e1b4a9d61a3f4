package dlmc.spark.validate;

import dlmc.spark.io.HumanNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The statistical comparisons of {@code dlmc validate}, each with a stated false-failure
 * probability α (math-spec §7: "MC = Monte Carlo … tolerances … standard error"). Pure functions.
 *
 * <ul>
 *   <li>{@link #z}: an ensemble mean against its theoretical value, z = (value − theory)/s.e.,
 *       accepted when |value − theory| ≤ z_{α/2}·s.e. + allowance. With M ≥ 1000 i.i.d.
 *       trajectories the mean is normal to a good approximation (CLT) and the estimated s.e. is
 *       within a few per cent of the true one, so the false-failure probability is α (a
 *       deterministic allowance only lowers it).</li>
 *   <li>{@link #chiSquare}: a histogram of M i.i.d. values against the bin probabilities of the
 *       theoretical law, Pearson's X² with K − 1 degrees of freedom after merging neighbouring
 *       bins until every expected count is ≥ 5; accepted when the p-value is ≥ α. Asymptotic
 *       in M (the usual Cochran rule).</li>
 * </ul>
 * A check made of k statistics gives each α/k (Bonferroni), so the check as a whole fails
 * falsely with probability ≤ α.
 */
final class Comparisons {
    /** Minimum expected count per merged chi-square bin (Cochran). */
    static final double MIN_EXPECTED = 5.0;

    private Comparisons() {
    }

    /** @return the two-sided normal quantile z with P(|Z| > z) = alpha. */
    static double twoSidedQuantile(double alpha) {
        return NormalDistribution.of(0, 1).inverseSurvivalProbability(alpha / 2);
    }

    /**
     * @param name      what is compared, e.g. {@code "m2"}
     * @param value     the ensemble estimate
     * @param stdError  its standard error (&gt; 0)
     * @param theory    the exact (or reference) value
     * @param alpha     false-failure probability of this comparison
     * @param allowance a stated deterministic allowance (discretisation bias, finite n), ≥ 0
     */
    static Outcome z(String name, double value, double stdError, double theory, double alpha, double allowance) {
        double zq = twoSidedQuantile(alpha);
        double z = (value - theory) / stdError;
        boolean ok = Math.abs(value - theory) <= zq * stdError + allowance;
        String stat = String.format(Locale.ROOT, "%s z = %s (%s vs %s ± %s)", name, HumanNumbers.format("%+.2f", z), g(value),
                g(theory), g(stdError));
        String tol = allowance > 0
                ? String.format(Locale.ROOT, "|Δ| ≤ %.2f s.e. + %s (α %s)", zq, g(allowance), g(alpha))
                : String.format(Locale.ROOT, "|z| ≤ %.2f (α %s)", zq, g(alpha));
        return new Outcome(stat, tol, ok && Double.isFinite(z));
    }

    /**
     * Pearson's chi-square goodness of fit.
     *
     * @param name     what is compared
     * @param observed counts per bin (all bins of the histogram, including under- and overflow)
     * @param prob     theoretical probability of each bin (summing to 1 up to rounding)
     * @param alpha    false-failure probability
     */
    static Outcome chiSquare(String name, long[] observed, double[] prob, double alpha) {
        if (observed.length != prob.length) {
            throw new IllegalArgumentException(observed.length + " counts but " + prob.length + " probabilities");
        }
        long total = 0;
        for (long o : observed) {
            total += o;
        }
        // merge neighbouring bins (left to right) until each expected count is >= MIN_EXPECTED
        List<double[]> merged = new ArrayList<>();
        double o = 0;
        double e = 0;
        for (int k = 0; k < observed.length; k++) {
            o += observed[k];
            e += total * prob[k];
            if (e >= MIN_EXPECTED) {
                merged.add(new double[] {o, e});
                o = 0;
                e = 0;
            }
        }
        if (o > 0 || e > 0) {
            if (merged.isEmpty()) {
                merged.add(new double[] {o, e});
            } else {
                double[] last = merged.get(merged.size() - 1);
                last[0] += o;
                last[1] += e;
            }
        }
        double x2 = 0;
        for (double[] b : merged) {
            x2 += b[1] > 0 ? (b[0] - b[1]) * (b[0] - b[1]) / b[1] : (b[0] > 0 ? Double.POSITIVE_INFINITY : 0);
        }
        int dof = merged.size() - 1;
        double p = dof < 1 ? Double.NaN : ChiSquaredDistribution.of(dof).survivalProbability(x2);
        String stat = String.format(Locale.ROOT, "%s X² = %.1f, dof %d, p = %s", name, x2, dof, g(p));
        String tol = String.format(Locale.ROOT, "p ≥ %s", g(alpha));
        return new Outcome(stat, tol, p >= alpha);
    }

    /** Compact number format for the table. */
    static String g(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return HumanNumbers.format("%.2e", v);
        }
        return HumanNumbers.format("%.4g", v);
    }
}
