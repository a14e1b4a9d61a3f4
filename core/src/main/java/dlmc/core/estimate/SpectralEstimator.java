package dlmc.core.estimate;

import dlmc.core.run.Observation;
import dlmc.core.theory.FiniteNOnePointLaw;
import dlmc.core.theory.GbeEntropy;
import dlmc.core.theory.GbeMoments;
import dlmc.core.theory.SemicircleLaw;
import dlmc.core.theory.SineKernelSpacingLaw;
import dlmc.core.theory.SpacingRatioReference;
import dlmc.core.theory.TracyWidom;
import dlmc.core.theory.TwoByTwoSpacingLaw;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-run spectral accumulator for Dyson runs: one instance per Spark task (or per thread),
 * fed with {@link #accept(int, Observation)} for every ok snapshot, merged with
 * {@link #combine(SpectralEstimator)}, and turned into tidy rows by {@link #rows()}.
 * The statistical unit is the trajectory: every quantity is a mean over trajectories of a
 * per-trajectory statistic, and every standard error is computed across trajectories.
 *
 * <p>Quantities per save time (a user contract, also in {@code dlmc/estimates.md}):
 * <table>
 *   <caption>estimates</caption>
 *   <tr><th>quantity</th><th>value</th><th>theory</th></tr>
 *   <tr><td>{@code trajectories}</td><td>number of ok snapshots accepted at t</td><td>NaN</td></tr>
 *   <tr><td>{@code moment_k}, k = 1, 2, 4, 6</td><td>mean of (1/n)Σλ_i^k</td><td>exact finite-n
 *       GβE moments when R is known (GbeMoments); k = 1, 2 also for a given spectrum</td></tr>
 *   <tr><td>{@code density} (per bin)</td><td>mean fraction of eigenvalues in the bin / width</td>
 *       <td>when R &gt; 0: the exact finite-n one-point law's mass of the bin / width for n = 1 or
 *       β = 2, n ≤ 400 ({@link FiniteNOnePointLaw}), else the semicircle's (n → ∞)</td></tr>
 *   <tr><td>{@code density_underflow}, {@code density_overflow}</td><td>mean fraction below / above
 *       the range (likewise for every histogram quantity)</td><td>reference mass outside the range
 *       when the histogram has a theory</td></tr>
 *   <tr><td>{@code lambda_max_mean}, {@code lambda_max_variance}</td><td>mean and unbiased variance
 *       of λ_max (variance s.e. from the 4th central moment)</td><td>NaN</td></tr>
 *   <tr><td>{@code lambda_max_density} (+ _underflow/_overflow)</td><td>histogram of λ_max</td><td>NaN</td></tr>
 *   <tr><td>{@code tw_mean}, {@code tw_variance}</td><td>of n^{2/3}(λ_max/(R/2) − 2); only n ≥ 2 and
 *       R &gt; 0</td><td>TW_β table for β ∈ {1, 2, 4} (§5.2, O21)</td></tr>
 *   <tr><td>{@code spacing_mean}</td><td>mean of the trajectory's mean gap (λ_n − λ_1)/(n − 1); n ≥ 2</td>
 *       <td>n = 2, R &gt; 0: exact E s (O19)</td></tr>
 *   <tr><td>{@code spacing_density} (+ _underflow/_overflow)</td><td>n ≥ 3: histogram on [0, 4) of the
 *       gaps divided by the trajectory's mean gap; n = 2: the gap divided by the exact E s (only when
 *       R &gt; 0, else not emitted)</td><td>n = 2: mean-normalised 2×2 law (= Wigner surmise for
 *       β = 1, 2, 4)</td></tr>
 *   <tr><td>{@code spacing_ratio_mean}</td><td>mean over trajectories of the trajectory mean of
 *       r_i = min(s_i, s_{i+1})/max(s_i, s_{i+1}); n ≥ 3</td><td>n = 3, R &gt; 0, β ∈ {1, 2, 4}: exact
 *       3×3 value of Atas et al. 2013</td></tr>
 *   <tr><td>{@code unfolded_spacing_density} (+ _underflow/_overflow)</td><td>n ≥ 4 and R &gt; 0: pooled
 *       histogram on [0, 4) of the bulk spacings of the spectrum unfolded with the semicircle
 *       ({@link BulkUnfolding}); ratio estimator, cluster-robust s.e. ({@link PooledHistogramAccumulator})</td>
 *       <td>β ∈ {1, 2, 4}: the n → ∞ sine-kernel (Gaudin–Mehta) law, bin mass / width
 *       ({@link SineKernelSpacingLaw}, §5.2)</td></tr>
 *   <tr><td>{@code unfolded_spacing_mean}, {@code unfolded_spacing_variance}</td><td>n ≥ 4 and R &gt; 0:
 *       pooled mean and variance of those spacings ({@link PooledMomentAccumulator})</td><td>1 (any β:
 *       the unfolded density is 1 as n → ∞); the sine-kernel variance for β ∈ {1, 2, 4}</td></tr>
 *   <tr><td>{@code entropy_mean}</td><td>mean of the entropy column</td><td>NaN</td></tr>
 *   <tr><td>{@code energy_mean}</td><td>mean of the energy column ½Σλ²</td><td>exact finite-n
 *       (R²/8)(n − 1 + 2/β) when R is known</td></tr>
 * </table>
 * "R known" is the convention of {@link EstimatorLayout}. Per-trajectory values that are undefined
 * (a zero mean gap, a non-finite entropy such as at a zero start) are skipped for that quantity
 * only; each row's {@code count} says how many trajectories contributed. Histogram rows carry the
 * bin edges and, in {@code count}, the raw number of values in the bin.
 *
 * <p>Determinism: the state is a deterministic function of the sequence of accept/combine calls
 * (no hashing, no parallelism). Not thread-safe. Kryo: plain classes with array fields and a
 * private no-arg constructor; register {@link #kryoClasses()}.
 */
public final class SpectralEstimator implements EnsembleEstimator {
    /** Quantity names (see class comment). */
    public static final String TRAJECTORIES = "trajectories";
    public static final String MOMENT_PREFIX = "moment_";
    public static final String DENSITY = "density";
    public static final String LAMBDA_MAX_MEAN = "lambda_max_mean";
    public static final String LAMBDA_MAX_VARIANCE = "lambda_max_variance";
    public static final String LAMBDA_MAX_DENSITY = "lambda_max_density";
    public static final String TW_MEAN = "tw_mean";
    public static final String TW_VARIANCE = "tw_variance";
    public static final String SPACING_MEAN = "spacing_mean";
    public static final String SPACING_DENSITY = "spacing_density";
    public static final String SPACING_RATIO_MEAN = "spacing_ratio_mean";
    public static final String UNFOLDED_SPACING_DENSITY = "unfolded_spacing_density";
    public static final String UNFOLDED_SPACING_MEAN = "unfolded_spacing_mean";
    public static final String UNFOLDED_SPACING_VARIANCE = "unfolded_spacing_variance";
    public static final String ENTROPY_MEAN = "entropy_mean";
    public static final String ENERGY_MEAN = "energy_mean";
    /** Suffixes of the out-of-range rows of every histogram quantity. */
    public static final String UNDERFLOW = "_underflow";
    public static final String OVERFLOW = "_overflow";

    /**
     * Theory for moment_k when R > 0: exact at finite n for k = 2, 4, 6 ({@link GbeMoments}, the
     * spectrum being (R/2)·(D2 GβE at t = 1)); the semicircle (n → ∞) value otherwise (k odd: 0).
     */
    static double momentTheory(int k, double r, int n, double beta, SemicircleLaw semicircle) {
        final double half = r / 2;
        if (k == 2) {
            return half * half * GbeMoments.m2Mean(beta, n, 1.0);
        }
        if (k == 4) {
            return half * half * half * half * GbeMoments.m4Mean(beta, n, 1.0);
        }
        if (k == 6) {
            return half * half * half * half * half * half * GbeMoments.m6Mean(beta, n, 1.0);
        }
        return semicircle.moment(k);
    }

    /** Moment orders reported as moment_k. */
    private static final int[] MOMENT_ORDERS = {1, 2, 4, 6};
    // Scalar accumulator slots per time.
    private static final int M1 = 0;
    private static final int M2 = 1;
    private static final int M4 = 2;
    private static final int M6 = 3;
    private static final int LMAX = 4;
    private static final int TW = 5;
    private static final int SPACING = 6;
    private static final int RATIO = 7;
    private static final int ENTROPY = 8;
    private static final int ENERGY = 9;
    private static final int SCALARS = 10;
    // Histogram slots per time.
    private static final int H_DENSITY = 0;
    private static final int H_LMAX = 1;
    private static final int H_SPACING = 2;
    private static final int HISTOGRAMS = 3;

    private EstimatorLayout layout;
    private long[] trajectories;
    private MomentAccumulator[] scalars;
    private HistogramAccumulator[] histograms;
    /** Per time: the pooled bulk unfolded spacings (n ≥ {@link BulkUnfolding#MIN_N}, R &gt; 0). */
    private PooledHistogramAccumulator[] unfolded;
    private PooledMomentAccumulator[] unfoldedMoments;
    private transient double[] gaps;
    private transient double[] bulk;

    /** For serialisation frameworks only. */
    private SpectralEstimator() {
    }

    /** An empty estimator for {@code layout}. */
    public SpectralEstimator(EstimatorLayout layout) {
        this.layout = layout;
        final int k = layout.size();
        this.trajectories = new long[k];
        this.scalars = new MomentAccumulator[k * SCALARS];
        for (int i = 0; i < scalars.length; i++) {
            scalars[i] = new MomentAccumulator();
        }
        this.histograms = new HistogramAccumulator[k * HISTOGRAMS];
        for (int i = 0; i < k; i++) {
            histograms[i * HISTOGRAMS + H_DENSITY] = new HistogramAccumulator(layout.densityLo(i), layout.densityHi(i),
                    layout.bins());
            histograms[i * HISTOGRAMS + H_LMAX] = new HistogramAccumulator(layout.lambdaMaxLo(i), layout.lambdaMaxHi(i),
                    layout.bins());
            histograms[i * HISTOGRAMS + H_SPACING] = new HistogramAccumulator(0.0, EstimatorLayout.SPACING_HI,
                    layout.bins());
        }
        this.unfolded = new PooledHistogramAccumulator[k];
        this.unfoldedMoments = new PooledMomentAccumulator[k];
        for (int i = 0; i < k; i++) {
            unfolded[i] = new PooledHistogramAccumulator(0.0, EstimatorLayout.SPACING_HI, layout.bins());
            unfoldedMoments[i] = new PooledMomentAccumulator();
        }
    }

    /** The classes to register with Kryo (Spark {@code spark.kryo.classesToRegister}). */
    public static Class<?>[] kryoClasses() {
        return new Class<?>[] {SpectralEstimator.class, EstimatorLayout.class, MomentAccumulator.class,
            MomentAccumulator[].class, HistogramAccumulator.class, HistogramAccumulator[].class,
            PooledHistogramAccumulator.class, PooledHistogramAccumulator[].class, PooledMomentAccumulator.class,
            PooledMomentAccumulator[].class, EstimateRow.class,
            EstimateRow[].class, ArrayList.class, double[].class, long[].class, int[].class};
    }

    public EstimatorLayout layout() {
        return layout;
    }

    /**
     * Adds one ok snapshot of one trajectory at save time {@code timeIndex}. O(n) work; no
     * allocation after the first call.
     *
     * @param obs ascending spectrum of length n, status ok. Not modified.
     * @throws IllegalArgumentException if the time index is out of range, the length is not n, the
     *                                  status is not ok, or the spectrum is not ascending
     */
    @Override
    public void accept(int timeIndex, Observation obs) {
        if (timeIndex < 0 || timeIndex >= layout.size()) {
            throw new IllegalArgumentException("time index " + timeIndex + " not in [0, " + layout.size() + ")");
        }
        final int n = layout.n();
        final double[] x = obs.spectrum;
        if (x.length != n) {
            throw new IllegalArgumentException("observation has " + x.length + " eigenvalues, layout n = " + n);
        }
        if (!obs.status.isOk()) {
            throw new IllegalArgumentException("only ok observations may be accepted, got " + obs.status.label());
        }
        double p1 = 0;
        double p2 = 0;
        double p4 = 0;
        double p6 = 0;
        for (int i = 0; i < n; i++) {
            final double v = x[i];
            if (i > 0 && !(v >= x[i - 1])) {
                throw new IllegalArgumentException("spectrum must be ascending and finite: x[" + (i - 1) + "] = "
                        + x[i - 1] + ", x[" + i + "] = " + v);
            }
            final double v2 = v * v;
            final double v4 = v2 * v2;
            p1 += v;
            p2 += v2;
            p4 += v4;
            p6 += v4 * v2;
        }
        final int s = timeIndex * SCALARS;
        final int h = timeIndex * HISTOGRAMS;
        trajectories[timeIndex]++;
        scalars[s + M1].accept(p1 / n);
        scalars[s + M2].accept(p2 / n);
        scalars[s + M4].accept(p4 / n);
        scalars[s + M6].accept(p6 / n);
        histograms[h + H_DENSITY].acceptTrajectory(x, 0, n);

        final double lambdaMax = x[n - 1];
        scalars[s + LMAX].accept(lambdaMax);
        histograms[h + H_LMAX].acceptTrajectory(lambdaMax);
        final double r = layout.radius(timeIndex);
        if (n >= 2 && r > 0) {
            scalars[s + TW].accept(TracyWidom.scaled(lambdaMax, r, n));
        }
        if (n >= 2) {
            acceptSpacings(timeIndex, x, s, h);
        }
        if (unfolds(n, r)) {
            if (bulk == null || bulk.length != n - 1) {
                bulk = new double[n - 1];
            }
            final int kept = BulkUnfolding.bulkSpacings(x, r, bulk);
            unfolded[timeIndex].acceptCluster(bulk, 0, kept);
            unfoldedMoments[timeIndex].acceptCluster(bulk, 0, kept);
        }
        if (Double.isFinite(obs.entropy)) {
            scalars[s + ENTROPY].accept(obs.entropy);
        }
        if (Double.isFinite(obs.energy)) {
            scalars[s + ENERGY].accept(obs.energy);
        }
    }

    /** The unfolded bulk spacings are estimated for n ≥ {@link BulkUnfolding#MIN_N} and a known R &gt; 0. */
    private static boolean unfolds(int n, double r) {
        return n >= BulkUnfolding.MIN_N && r > 0 && r < Double.POSITIVE_INFINITY;
    }

    private void acceptSpacings(int timeIndex, double[] x, int s, int h) {
        final int n = x.length;
        final double meanGap = (x[n - 1] - x[0]) / (n - 1);
        scalars[s + SPACING].accept(meanGap);
        if (n == 2) {
            final double scale = layout.pairSpacingMean(timeIndex);
            if (scale > 0) {
                histograms[h + H_SPACING].acceptTrajectory(meanGap / scale);
            }
            return;
        }
        if (!(meanGap > 0)) {
            return;
        }
        if (gaps == null || gaps.length != n - 1) {
            gaps = new double[n - 1];
        }
        double ratioSum = 0;
        int ratios = 0;
        for (int i = 0; i < n - 1; i++) {
            gaps[i] = (x[i + 1] - x[i]) / meanGap;
            if (i > 0) {
                final double a = gaps[i - 1];
                final double b = gaps[i];
                final double big = Math.max(a, b);
                if (big > 0) {
                    ratioSum += Math.min(a, b) / big;
                    ratios++;
                }
            }
        }
        histograms[h + H_SPACING].acceptTrajectory(gaps, 0, n - 1);
        if (ratios > 0) {
            scalars[s + RATIO].accept(ratioSum / ratios);
        }
    }

    /**
     * Merges {@code other} (not modified) into this.
     *
     * @throws IllegalArgumentException if the layouts differ
     */
    @Override
    public void combine(EnsembleEstimator other) {
        if (!(other instanceof SpectralEstimator o)) {
            throw new IllegalArgumentException("cannot combine a SpectralEstimator with " + other.getClass().getName());
        }
        combine(o);
    }

    /** Adds everything {@code other} accepted. @throws IllegalArgumentException if the layouts differ */
    public void combine(SpectralEstimator other) {
        if (!layout.equals(other.layout)) {
            throw new IllegalArgumentException("cannot combine estimators with different layouts: " + layout + " vs "
                    + other.layout);
        }
        for (int i = 0; i < trajectories.length; i++) {
            trajectories[i] += other.trajectories[i];
        }
        for (int i = 0; i < scalars.length; i++) {
            scalars[i].combine(other.scalars[i]);
        }
        for (int i = 0; i < histograms.length; i++) {
            histograms[i].combine(other.histograms[i]);
        }
        for (int i = 0; i < unfolded.length; i++) {
            unfolded[i].combine(other.unfolded[i]);
            unfoldedMoments[i].combine(other.unfoldedMoments[i]);
        }
    }

    /** @return the number of snapshots accepted at time index i. */
    public long trajectories(int timeIndex) {
        return trajectories[timeIndex];
    }

    /**
     * The estimates in tidy long format, ordered by time index, then in the order of the class
     * comment, then by bin. A new mutable list each call.
     */
    @Override
    public List<EstimateRow> rows() {
        final List<EstimateRow> out = new ArrayList<>();
        final int n = layout.n();
        final double beta = layout.beta();
        // the sine-kernel law's bin masses: the same bins at every time, computed once if needed
        boolean anyUnfolded = false;
        for (int i = 0; i < layout.size(); i++) {
            anyUnfolded |= unfolds(n, layout.radius(i));
        }
        final double[] sineMass = anyUnfolded && SineKernelSpacingLaw.isAvailable(beta)
                ? sineKernelMasses(SineKernelSpacingLaw.of(beta), unfolded[0]) : null;
        for (int i = 0; i < layout.size(); i++) {
            final double t = layout.time(i);
            final double r = layout.radius(i);
            final int s = i * SCALARS;
            final int h = i * HISTOGRAMS;
            final boolean known = r >= 0; // false for NaN
            final SemicircleLaw semicircle = r > 0 ? new SemicircleLaw(r) : null;
            out.add(new EstimateRow(t, TRAJECTORIES, trajectories[i], Double.NaN, Double.NaN, Double.NaN,
                    trajectories[i], Double.NaN));
            for (int j = 0; j < MOMENT_ORDERS.length; j++) {
                final int k = MOMENT_ORDERS[j];
                // R unknown (a given spectrum): moments 1 and 2 are still exact (DysonModel.exactFirstTwoMoments)
                final double theory = !known ? (k == 1 ? layout.exactMoment1(i) : k == 2 ? layout.exactMoment2(i) : Double.NaN)
                        : semicircle == null ? 0.0 : momentTheory(k, r, n, beta, semicircle);
                mean(out, t, MOMENT_PREFIX + k, scalars[s + j], theory);
            }
            // the exact finite-n one-point law where it is known (n = 1, or β = 2 and n ≤ 400), else the
            // n → ∞ semicircle (FiniteNOnePointLaw)
            final FiniteNOnePointLaw exactDensity = FiniteNOnePointLaw.of(n, beta, r);
            histogramRows(out, t, DENSITY, histograms[h + H_DENSITY], exactDensity != null ? exactDensity::probability
                    : semicircle == null ? null : semicircle::probability);
            mean(out, t, LAMBDA_MAX_MEAN, scalars[s + LMAX], Double.NaN);
            variance(out, t, LAMBDA_MAX_VARIANCE, scalars[s + LMAX], Double.NaN);
            histogramRows(out, t, LAMBDA_MAX_DENSITY, histograms[h + H_LMAX], null);
            if (n >= 2 && r > 0) {
                final boolean tab = TracyWidom.isTabulated(beta);
                mean(out, t, TW_MEAN, scalars[s + TW], tab ? TracyWidom.mean(beta) : Double.NaN);
                variance(out, t, TW_VARIANCE, scalars[s + TW], tab ? TracyWidom.variance(beta) : Double.NaN);
            }
            if (n >= 2) {
                mean(out, t, SPACING_MEAN, scalars[s + SPACING], layout.pairSpacingMean(i));
                if (n >= 3) {
                    histogramRows(out, t, SPACING_DENSITY, histograms[h + H_SPACING], null);
                } else if (layout.pairSpacingMean(i) > 0) {
                    final TwoByTwoSpacingLaw pair = new TwoByTwoSpacingLaw(beta, r * r / 8);
                    histogramRows(out, t, SPACING_DENSITY, histograms[h + H_SPACING],
                            (lo, hi) -> pair.normalisedCdf(hi) - pair.normalisedCdf(lo));
                }
            }
            if (n >= 3) {
                final double theory = n == 3 && r > 0 ? SpacingRatioReference.surmise3x3(beta) : Double.NaN;
                mean(out, t, SPACING_RATIO_MEAN, scalars[s + RATIO], theory);
            }
            if (unfolds(n, r)) {
                pooledHistogramRows(out, t, UNFOLDED_SPACING_DENSITY, unfolded[i], sineMass);
                final PooledMomentAccumulator m = unfoldedMoments[i];
                out.add(new EstimateRow(t, UNFOLDED_SPACING_MEAN, m.mean(), m.meanStandardError(), Double.NaN,
                        Double.NaN, m.contributingClusters(), 1.0));
                out.add(new EstimateRow(t, UNFOLDED_SPACING_VARIANCE, m.variance(), m.varianceStandardError(),
                        Double.NaN, Double.NaN, m.contributingClusters(),
                        SineKernelSpacingLaw.isAvailable(beta) ? SineKernelSpacingLaw.of(beta).variance() : Double.NaN));
            }
            // β E Σ log gaps of the scaled GβE (exact at finite n, any β; GbeEntropy); none at R = 0,
            // where every trajectory's value is −∞ and the row has no estimate
            mean(out, t, ENTROPY_MEAN, scalars[s + ENTROPY],
                    known && r > 0 ? beta * GbeEntropy.meanLogVandermondeOfRadius(n, beta, r) : Double.NaN);
            mean(out, t, ENERGY_MEAN, scalars[s + ENERGY], known ? r * r / 8 * (n - 1 + 2 / beta) : 0.5 * n * layout.exactMoment2(i));
        }
        return out;
    }

    /**
     * Masses of the slots of {@code a} under the sine-kernel law: [0] underflow, [1..bins] the bins,
     * [bins + 1] overflow.
     */
    private static double[] sineKernelMasses(SineKernelSpacingLaw law, PooledHistogramAccumulator a) {
        final double[] mass = new double[a.bins() + 2];
        mass[0] = law.probability(Double.NEGATIVE_INFINITY, a.lo());
        for (int b = 0; b < a.bins(); b++) {
            mass[b + 1] = law.probability(a.binLo(b), a.binHi(b));
        }
        mass[a.bins() + 1] = law.probability(a.hi(), Double.POSITIVE_INFINITY);
        return mass;
    }

    /** Rows of a pooled histogram; {@code mass} as {@link #sineKernelMasses} or null (no theory). */
    private static void pooledHistogramRows(List<EstimateRow> out, double t, String q, PooledHistogramAccumulator a,
            double[] mass) {
        final double width = a.binWidth();
        for (int b = 0; b < a.bins(); b++) {
            out.add(new EstimateRow(t, q, a.density(b), a.densityStandardError(b), a.binLo(b), a.binHi(b), a.count(b),
                    mass == null ? Double.NaN : mass[b + 1] / width));
        }
        out.add(new EstimateRow(t, q + UNDERFLOW, a.probability(-1), a.probabilityStandardError(-1),
                Double.NEGATIVE_INFINITY, a.lo(), a.count(-1), mass == null ? Double.NaN : mass[0]));
        out.add(new EstimateRow(t, q + OVERFLOW, a.probability(a.bins()), a.probabilityStandardError(a.bins()),
                a.hi(), Double.POSITIVE_INFINITY, a.count(a.bins()), mass == null ? Double.NaN : mass[a.bins() + 1]));
    }

    /** Probability of [lo, hi) under a reference law. */
    private interface BinMass {
        double of(double lo, double hi);
    }

    private static void mean(List<EstimateRow> out, double t, String q, MomentAccumulator a, double theory) {
        out.add(new EstimateRow(t, q, a.mean(), a.standardErrorOfMean(), Double.NaN, Double.NaN, a.count(), theory));
    }

    private static void variance(List<EstimateRow> out, double t, String q, MomentAccumulator a, double theory) {
        out.add(new EstimateRow(t, q, a.variance(), a.varianceStandardError(), Double.NaN, Double.NaN, a.count(),
                theory));
    }

    private static void histogramRows(List<EstimateRow> out, double t, String q, HistogramAccumulator a,
            BinMass theory) {
        final double width = a.binWidth();
        for (int b = 0; b < a.bins(); b++) {
            final double lo = a.binLo(b);
            final double hi = a.binHi(b);
            out.add(new EstimateRow(t, q, a.density(b), a.densityStandardError(b), lo, hi, a.count(b),
                    theory == null ? Double.NaN : theory.of(lo, hi) / width));
        }
        out.add(new EstimateRow(t, q + UNDERFLOW, a.meanFraction(-1), a.meanFractionStandardError(-1),
                Double.NEGATIVE_INFINITY, a.lo(), a.count(-1),
                theory == null ? Double.NaN : theory.of(Double.NEGATIVE_INFINITY, a.lo())));
        out.add(new EstimateRow(t, q + OVERFLOW, a.meanFraction(a.bins()), a.meanFractionStandardError(a.bins()),
                a.hi(), Double.POSITIVE_INFINITY, a.count(a.bins()),
                theory == null ? Double.NaN : theory.of(a.hi(), Double.POSITIVE_INFINITY)));
    }
}
