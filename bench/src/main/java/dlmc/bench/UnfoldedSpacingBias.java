package dlmc.bench;

import dlmc.core.estimate.BulkUnfolding;
import dlmc.core.estimate.EstimatorLayout;
import dlmc.core.estimate.PooledHistogramAccumulator;
import dlmc.core.estimate.PooledMomentAccumulator;
import dlmc.core.random.GaussianEnsembles;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.theory.SemicircleLaw;
import dlmc.core.theory.SineKernelSpacingLaw;
import dlmc.core.theory.WignerSurmise;
import java.util.Locale;

/**
 * Finite-n bias of {@code unfolded_spacing_density}, {@code _mean} and {@code _variance} against
 * the n → ∞ sine-kernel law, and the calibration of their cluster-robust standard errors, on exact
 * samples: REPS independent ensembles of M GβE spectra (tridiagonal model = D1 at t = 1 from 0,
 * R = 2 sqrt n, math-spec §5.1), unfolded and windowed exactly as the estimator does
 * ({@link BulkUnfolding}, 32 bins on [0, 4)). Ensemble r uses seed 4242 + r, sample i stream id i.
 * With {@code both} as fifth argument, a spacing is kept only when both ends lie in the window (the
 * rule the estimator does not use; for comparison).
 *
 * <p>Prints, for all REPS·M samples pooled: every bin's Δ = density − theory with its z, the
 * largest |Δ|, X² = Σ z² over the non-empty bins (and the same X² against the Wigner surmise); the mean and the variance minus theory with their
 * s.e.; and, for REPS ≥ 2, the spread (sd over the ensembles) of the mean and variance estimates
 * against the mean reported s.e. The numbers behind the allowance of {@code UnfoldedSpacingStatTest}
 * ({@code core/src/main/resources/dlmc/estimates.md}).
 *
 * <pre>
 * mvn -q -B -o -DskipTests package -pl bench -am
 * java -cp bench/target/dlmc-bench.jar:$(cat bench/target/bench-classpath.txt) dlmc.bench.UnfoldedSpacingBias N BETA M REPS [both]
 * </pre>
 */
public final class UnfoldedSpacingBias {
    private static final int BINS = 32;

    private UnfoldedSpacingBias() {
    }

    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: UnfoldedSpacingBias N BETA M REPS [both]");
            System.exit(2);
        }
        final int n = Integer.parseInt(args[0]);
        final double beta = Double.parseDouble(args[1]);
        final int m = Integer.parseInt(args[2]);
        final int reps = Integer.parseInt(args[3]);
        final boolean both = args.length > 4 && args[4].equals("both");
        final double r = 2 * Math.sqrt(n);
        final SemicircleLaw semicircle = new SemicircleLaw(r);
        final SineKernelSpacingLaw law = SineKernelSpacingLaw.of(beta);
        final PooledHistogramAccumulator total = new PooledHistogramAccumulator(0, EstimatorLayout.SPACING_HI, BINS);
        final PooledMomentAccumulator totalMoments = new PooledMomentAccumulator();
        final double[] x = new double[n];
        final double[] work = new double[n];
        final double[] bulk = new double[n - 1];
        double[] means = new double[reps];
        double[] vars = new double[reps];
        double seMean = 0;
        double seVar = 0;
        for (int rep = 0; rep < reps; rep++) {
            final PooledMomentAccumulator moments = new PooledMomentAccumulator();
            for (int i = 0; i < m; i++) {
                final RandomStream stream = Streams.of(4242 + rep, i);
                GaussianEnsembles.tridiagonalSpectrum(beta, n, stream, x, work);
                final int k = both ? bothEnds(x, semicircle, bulk) : BulkUnfolding.bulkSpacings(x, r, bulk);
                total.acceptCluster(bulk, 0, k);
                moments.acceptCluster(bulk, 0, k);
            }
            means[rep] = moments.mean();
            vars[rep] = moments.variance();
            seMean += moments.meanStandardError() / reps;
            seVar += moments.varianceStandardError() / reps;
            totalMoments.combine(moments);
        }
        final double width = total.binWidth();
        final WignerSurmise surmise = new WignerSurmise(beta);
        double chi2 = 0;
        double chi2Surmise = 0;
        int bins = 0;
        double maxAbs = 0;
        int maxBin = -1;
        System.out.printf(Locale.ROOT, "n=%d beta=%s M=%d REPS=%d rule=%s: %d spacings from %d spectra%n", n, beta, m,
                reps, both ? "both-ends" : "left-end", total.values(), total.clusters());
        for (int b = 0; b < BINS; b++) {
            final double theory = law.probability(total.binLo(b), total.binHi(b)) / width;
            final double d = total.density(b) - theory;
            final double z = d / total.densityStandardError(b);
            if (total.count(b) > 0) {
                chi2 += z * z;
                final double zs = (total.density(b) - (surmise.cdf(total.binHi(b)) - surmise.cdf(total.binLo(b))) / width)
                        / total.densityStandardError(b);
                chi2Surmise += zs * zs;
                bins++;
            }
            if (Math.abs(d) > maxAbs) {
                maxAbs = Math.abs(d);
                maxBin = b;
            }
            System.out.printf(Locale.ROOT, "  bin [%.3f, %.3f): %.5f theory %.5f delta %+.5f se %.5f z %+.2f%n",
                    total.binLo(b), total.binHi(b), total.density(b), theory, d, total.densityStandardError(b), z);
        }
        System.out.printf(Locale.ROOT, "  max |delta| %.5f in bin %d; X^2 = %.1f over %d bins; overflow %.2e (theory %.2e)%n",
                maxAbs, maxBin, chi2, bins, total.probability(BINS), law.tail(EstimatorLayout.SPACING_HI));
        System.out.printf(Locale.ROOT, "  X^2 against the Wigner surmise = %.1f over the same bins%n", chi2Surmise);
        System.out.printf(Locale.ROOT, "  mean - 1 = %+.5f +- %.5f; variance - %.5f = %+.5f +- %.5f%n",
                totalMoments.mean() - 1, totalMoments.meanStandardError(), law.variance(),
                totalMoments.variance() - law.variance(), totalMoments.varianceStandardError());
        if (reps >= 2) {
            System.out.printf(Locale.ROOT, "  per ensemble: mean spread %.5f vs mean s.e. %.5f (ratio %.3f); variance spread %.5f"
                    + " vs mean s.e. %.5f (ratio %.3f)%n", sd(means), seMean, sd(means) / seMean, sd(vars), seVar,
                    sd(vars) / seVar);
        }
    }

    /** Spacings with both ends in [n/4, 3n/4) (comparison rule). */
    private static int bothEnds(double[] x, SemicircleLaw semicircle, double[] out) {
        final int n = x.length;
        int k = 0;
        for (int i = 0; i < n - 1; i++) {
            final double a = n * semicircle.cdf(x[i]);
            final double b = n * semicircle.cdf(x[i + 1]);
            if (a >= BulkUnfolding.WINDOW_LO * n && b < BulkUnfolding.WINDOW_HI * n) {
                out[k++] = b - a;
            }
        }
        return k;
    }

    private static double sd(double[] v) {
        double mean = 0;
        for (double a : v) {
            mean += a / v.length;
        }
        double ss = 0;
        for (double a : v) {
            ss += (a - mean) * (a - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }
}
