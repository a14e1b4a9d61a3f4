package dlmc.core.estimate;

import dlmc.core.model.DysonModel;
import dlmc.core.model.InitialCondition;
import dlmc.core.run.SaveGrid;
import dlmc.core.theory.TwoByTwoSpacingLaw;
import java.util.Arrays;

/**
 * What a {@link SpectralEstimator} estimates: the save times, n, β, the number of bins and the
 * per-time histogram ranges, plus the optional theory (semicircle radius R per time, NaN when
 * unknown). Two estimators can be combined only if their layouts are equal.
 *
 * <p>Theory convention: a finite R &gt; 0 means the spectrum at that time is exactly a scaled
 * Gaussian β-ensemble centred at 0, with effective D1 time τ = R²/(4n) (math-spec §5.1: D1 from 0
 * has R = 2 sqrt(n t); D2 and OU are D1 rescaled), which is what {@code DysonModel.semicircleRadius}
 * returns for zero and GβE starts. R = 0 means all eigenvalues at 0; NaN means no closed form.
 *
 * <p>Immutable after construction (fields are not final only so that Kryo's FieldSerializer can
 * restore them); getters return copies. Thread-safe.
 */
public final class EstimatorLayout implements EstimatorPlan {
    private static final long serialVersionUID = 1L;
    /** Spacing histograms (gaps over the mean gap) cover [0, SPACING_HI). */
    public static final double SPACING_HI = 4.0;
    /**
     * Edge window in Tracy–Widom units, n^{2/3}(λ/(R/2) − 2) ∈ [TW_WINDOW_LO, TW_WINDOW_HI]·w with
     * w = max(1, sqrt(2/β)): the TW_1 density is below e^{-9} outside [−8, 6].
     */
    public static final double TW_WINDOW_LO = -8.0;
    public static final double TW_WINDOW_HI = 6.0;
    /** Fallback ranges: number of noise standard deviations sqrt(σ² t) added on each side. */
    public static final double NOISE_SDS = 4.0;
    /** Fallback ranges: relative margin added on each side. */
    public static final double MARGIN = 0.05;

    private double[] times;
    private int n;
    private double beta;
    private int bins;
    private double[] densityLo;
    private double[] densityHi;
    private double[] lambdaMaxLo;
    private double[] lambdaMaxHi;
    private double[] radius;
    private double[] pairSpacingMean;
    /** Per-time exact E m1, E m2 (DysonModel.exactFirstTwoMoments), NaN when not given. */
    private double[] exactMoment1;
    private double[] exactMoment2;

    /** For serialisation frameworks only. */
    private EstimatorLayout() {
    }

    /**
     * @param times       save times (copied)
     * @param n           eigenvalues per observation, ≥ 1
     * @param beta        Dyson index, &gt; 0
     * @param bins        bins per histogram, ≥ 1
     * @param densityLo   per-time lower edge of the eigenvalue histogram (copied)
     * @param densityHi   per-time upper edge, &gt; densityLo (copied)
     * @param lambdaMaxLo per-time lower edge of the λ_max histogram (copied)
     * @param lambdaMaxHi per-time upper edge (copied)
     * @param radius      per-time semicircle radius, NaN when unknown (copied); may be null = all NaN
     * @throws IllegalArgumentException on any inconsistency, naming the offending value
     */
    public EstimatorLayout(double[] times, int n, double beta, int bins, double[] densityLo, double[] densityHi,
            double[] lambdaMaxLo, double[] lambdaMaxHi, double[] radius) {
        this(times, n, beta, bins, densityLo, densityHi, lambdaMaxLo, lambdaMaxHi, radius, null, null);
    }

    /**
     * As the constructor above, plus the exact first two moments per time, which give
     * {@code moment_1}, {@code moment_2} and {@code energy_mean} a theory value where R is unknown
     * (a given spectrum; {@link DysonModel#exactFirstTwoMoments}).
     *
     * @param moment1 per-time E (1/n) Σλ, NaN when unknown (copied); may be null = all NaN
     * @param moment2 per-time E (1/n) Σλ², NaN when unknown (copied); may be null = all NaN
     */
    public EstimatorLayout(double[] times, int n, double beta, int bins, double[] densityLo, double[] densityHi,
            double[] lambdaMaxLo, double[] lambdaMaxHi, double[] radius, double[] moment1, double[] moment2) {
        final int k = times.length;
        final double[] e1 = moment1 == null ? filled(k, Double.NaN) : moment1;
        final double[] e2 = moment2 == null ? filled(k, Double.NaN) : moment2;
        if (e1.length != k || e2.length != k) {
            throw new IllegalArgumentException("per-time moment arrays must have " + k + " entries");
        }
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be finite and > 0, got " + beta);
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        double[] r = radius == null ? filled(k, Double.NaN) : radius;
        if (densityLo.length != k || densityHi.length != k || lambdaMaxLo.length != k || lambdaMaxHi.length != k
                || r.length != k) {
            throw new IllegalArgumentException("per-time arrays must all have " + k + " entries");
        }
        for (int i = 0; i < k; i++) {
            checkRange("density", i, densityLo[i], densityHi[i]);
            checkRange("lambda_max", i, lambdaMaxLo[i], lambdaMaxHi[i]);
            if (r[i] < 0 || r[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("radius at time index " + i + " must be >= 0, finite or NaN, got "
                        + r[i]);
            }
        }
        this.times = times.clone();
        this.n = n;
        this.beta = beta;
        this.bins = bins;
        this.densityLo = densityLo.clone();
        this.densityHi = densityHi.clone();
        this.lambdaMaxLo = lambdaMaxLo.clone();
        this.lambdaMaxHi = lambdaMaxHi.clone();
        this.radius = r.clone();
        this.exactMoment1 = e1.clone();
        this.exactMoment2 = e2.clone();
        this.pairSpacingMean = new double[k];
        for (int i = 0; i < k; i++) {
            // n = 2 Gaussian ensemble: exact spacing law with τ = R²/8 (math-spec §5.2, O19).
            pairSpacingMean[i] = n == 2 && r[i] > 0 ? new TwoByTwoSpacingLaw(beta, r[i] * r[i] / 8).mean() : Double.NaN;
        }
    }

    private static void checkRange(String what, int i, double lo, double hi) {
        if (!(lo < hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException(what + " range at time index " + i + " must be finite with lo < hi, got ["
                    + lo + ", " + hi + ")");
        }
    }

    /**
     * The layout of a Dyson run: ranges from theory where R is known, with margins; fallbacks
     * otherwise (class comment of {@link SpectralEstimator}, and {@code dlmc/estimates.md}).
     *
     * <ul>
     *   <li>R &gt; 0: eigenvalues in ±(R/2)(2 + 6w n^{−2/3}); λ_max in
     *       [(R/2)(2 − 8w n^{−2/3}), (R/2)(2 + 6w n^{−2/3})], w = max(1, sqrt(2/β)) (TW window,
     *       generous for small n);</li>
     *   <li>R = 0 (zero start, t = 0): the ranges of the nearest save time with R &gt; 0, else [−1, 1];</li>
     *   <li>R unknown (given spectrum): free-convolution bound a·[min, max] ± (R_add + 4 sqrt(σ² τ))
     *       plus 5 % margin, a = e^{−θt}, τ = t (D1, D2) or 1 − e^{−t} (OU), R_add = 2 sqrt(n c τ)
     *       the radius the noise alone would reach (c the interaction), σ² the noise variance;
     *       λ_max in [a·max − 4 sqrt(σ² τ) − margin, upper eigenvalue edge].</li>
     * </ul>
     *
     * @param bins bins per histogram, ≥ 1
     * @throws IllegalArgumentException if bins &lt; 1
     */
    @Override
    public EnsembleEstimator newEstimator() {
        return new SpectralEstimator(this);
    }

    public static EstimatorLayout forDyson(DysonModel model, SaveGrid grid, int bins) {
        final int k = grid.size();
        final int n = model.n();
        final double beta = model.beta();
        final double[] times = grid.times();
        final double[] radius = new double[k];
        final double[] dLo = new double[k];
        final double[] dHi = new double[k];
        final double[] mLo = new double[k];
        final double[] mHi = new double[k];
        final double w = Math.max(1.0, Math.sqrt(2.0 / beta));
        final double edge = Math.pow(n, -2.0 / 3);
        for (int i = 0; i < k; i++) {
            radius[i] = model.semicircleRadius(times[i]);
        }
        for (int i = 0; i < k; i++) {
            final double r = radius[i];
            if (r > 0) {
                final double half = r / 2 * (2 + TW_WINDOW_HI * w * edge);
                dLo[i] = -half;
                dHi[i] = half;
                mLo[i] = r / 2 * (2 + TW_WINDOW_LO * w * edge);
                mHi[i] = half;
            } else if (r == 0) {
                double ref = nearestPositive(radius, i);
                final double half = ref > 0 ? ref / 2 * (2 + TW_WINDOW_HI * w * edge) : 1.0;
                dLo[i] = -half;
                dHi[i] = half;
                mLo[i] = -half;
                mHi[i] = half;
            } else {
                fallback(model, times[i], i, dLo, dHi, mLo, mHi);
            }
        }
        final double[] e1 = new double[k];
        final double[] e2 = new double[k];
        for (int i = 0; i < k; i++) {
            final double[] m = model.exactFirstTwoMoments(times[i]);
            e1[i] = m[0];
            e2[i] = m[1];
        }
        return new EstimatorLayout(times, n, beta, bins, dLo, dHi, mLo, mHi, radius, e1, e2);
    }

    private static double nearestPositive(double[] radius, int i) {
        for (int d = 1; d < radius.length; d++) {
            if (i + d < radius.length && radius[i + d] > 0) {
                return radius[i + d];
            }
            if (i - d >= 0 && radius[i - d] > 0) {
                return radius[i - d];
            }
        }
        return Double.NaN;
    }

    private static void fallback(DysonModel model, double t, int i, double[] dLo, double[] dHi, double[] mLo,
            double[] mHi) {
        double min;
        double max;
        if (model.initial() instanceof InitialCondition.Spectrum s) {
            double[] v = s.values();
            min = v[0];
            max = v[v.length - 1];
        } else {
            min = 0;
            max = 0;
        }
        final double theta = model.confinement();
        final double a = Math.exp(-theta * t);
        final double tau = theta > 0 ? -Math.expm1(-t) : t;
        final double rAdd = 2 * Math.sqrt(model.n() * model.interaction() * tau);
        final double sd = Math.sqrt(model.noiseVariance() * tau);
        double lo = a * min - rAdd - NOISE_SDS * sd;
        double hi = a * max + rAdd + NOISE_SDS * sd;
        final double margin = hi > lo ? MARGIN * (hi - lo) : Math.max(0.5, MARGIN * Math.abs(hi));
        dLo[i] = lo - margin;
        dHi[i] = hi + margin;
        mLo[i] = a * max - NOISE_SDS * sd - margin;
        mHi[i] = hi + margin;
    }

    private static double[] filled(int k, double v) {
        double[] a = new double[k];
        Arrays.fill(a, v);
        return a;
    }

    /** @return the number of save times. */
    public int size() {
        return times.length;
    }

    public double time(int i) {
        return times[i];
    }

    public double[] times() {
        return times.clone();
    }

    public int n() {
        return n;
    }

    public double beta() {
        return beta;
    }

    public int bins() {
        return bins;
    }

    public double densityLo(int i) {
        return densityLo[i];
    }

    public double densityHi(int i) {
        return densityHi[i];
    }

    public double lambdaMaxLo(int i) {
        return lambdaMaxLo[i];
    }

    public double lambdaMaxHi(int i) {
        return lambdaMaxHi[i];
    }

    /** @return the semicircle radius at time index i; NaN if unknown. */
    public double radius(int i) {
        return radius[i];
    }

    /** @return the exact E (1/n) Σλ at time index i (any start; {@link DysonModel#exactFirstTwoMoments}); NaN if not given. */
    public double exactMoment1(int i) {
        return exactMoment1[i];
    }

    /** @return the exact E (1/n) Σλ² at time index i; NaN if not given. */
    public double exactMoment2(int i) {
        return exactMoment2[i];
    }

    /** @return for n = 2 with R &gt; 0, the exact mean spacing E s (τ = R²/8); else NaN. */
    public double pairSpacingMean(int i) {
        return pairSpacingMean[i];
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EstimatorLayout)) {
            return false;
        }
        EstimatorLayout l = (EstimatorLayout) o;
        return n == l.n && bins == l.bins && Double.compare(beta, l.beta) == 0 && Arrays.equals(times, l.times)
                && Arrays.equals(densityLo, l.densityLo) && Arrays.equals(densityHi, l.densityHi)
                && Arrays.equals(lambdaMaxLo, l.lambdaMaxLo) && Arrays.equals(lambdaMaxHi, l.lambdaMaxHi)
                && Arrays.equals(radius, l.radius) && Arrays.equals(exactMoment1, l.exactMoment1)
                && Arrays.equals(exactMoment2, l.exactMoment2);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(times) + n) + bins;
    }

    @Override
    public String toString() {
        return "EstimatorLayout[times=" + Arrays.toString(times) + ", n=" + n + ", beta=" + beta + ", bins=" + bins + "]";
    }
}
