package dlmc.core.estimate;

import java.util.Arrays;

/**
 * Fixed binning of a {@link DlnEstimator}: save times, width d, depth N, bins, and per save time
 * the upper ends of the σ and λ histograms (lower ends 0). The ranges are decided before the run
 * — by a pilot ensemble (see {@code dlmc.core.run.Pilot}) — so that accumulators merge exactly.
 * Immutable plain class.
 */
public final class DlnEstimatorLayout implements EstimatorPlan {
    private static final long serialVersionUID = 1L;
    private double[] times;
    private int d;
    private int depth;
    private int bins;
    private double[] sigmaHi;
    private double[] lambdaHi;
    /** Theory of the regular rows, one entry per save time (all NaN when none applies). */
    private DlnTheory theory;
    /** Stationary (Gibbs) theory for the {@code gibbs_} rows at the last save time, or null. */
    private DlnTheory gibbs;
    /** Plan-time warnings ({@link EstimatorPlan#warnings}): driver-side only, not serialised. */
    private transient java.util.List<String> warnings;

    /** For serialisation frameworks only. */
    private DlnEstimatorLayout() {
    }

    /**
     * A layout without theory (all theory columns NaN, no {@code gibbs_} rows).
     *
     * @throws IllegalArgumentException on inconsistent lengths or non-positive ranges
     */
    public DlnEstimatorLayout(double[] times, int d, int depth, int bins, double[] sigmaHi, double[] lambdaHi) {
        this(times, d, depth, bins, sigmaHi, lambdaHi, null, null);
    }

    /**
     * @param theory per save time (times.length entries, same d and bins), or null for none. Copied.
     * @param gibbs  one entry: the stationary law for the {@code gibbs_} rows at the last save time, or
     *               null for none. Copied.
     * @throws IllegalArgumentException on inconsistent lengths or non-positive ranges
     */
    public DlnEstimatorLayout(double[] times, int d, int depth, int bins, double[] sigmaHi, double[] lambdaHi,
            DlnTheory theory, DlnTheory gibbs) {
        if (sigmaHi.length != times.length || lambdaHi.length != times.length) {
            throw new IllegalArgumentException("one histogram range per save time expected");
        }
        for (int i = 0; i < times.length; i++) {
            if (!(sigmaHi[i] > 0) || !(lambdaHi[i] > 0) || Double.isInfinite(sigmaHi[i]) || Double.isInfinite(lambdaHi[i])) {
                throw new IllegalArgumentException("histogram ranges must be finite and > 0 at t = " + times[i]);
            }
        }
        if (bins < 1 || d < 1 || depth < 1) {
            throw new IllegalArgumentException("bins, d and depth must be >= 1");
        }
        this.times = times.clone();
        this.d = d;
        this.depth = depth;
        this.bins = bins;
        this.sigmaHi = sigmaHi.clone();
        this.lambdaHi = lambdaHi.clone();
        if (theory != null && (theory.times() != times.length || theory.d() != d || theory.bins() != bins)) {
            throw new IllegalArgumentException("theory must have one entry per save time and the same d and bins");
        }
        if (gibbs != null && (gibbs.times() != 1 || gibbs.d() != d || gibbs.bins() != bins)) {
            throw new IllegalArgumentException("gibbs theory must have one entry and the same d and bins");
        }
        this.theory = theory == null ? new DlnTheory(times.length, d, bins) : theory.copy();
        this.gibbs = gibbs == null ? null : gibbs.copy();
    }

    /** @return the theory of the regular rows (do not modify). */
    public DlnTheory theory() {
        return theory;
    }

    /** @return the stationary theory of the {@code gibbs_} rows at the last save time, or null. */
    public DlnTheory gibbs() {
        return gibbs;
    }

    /**
     * @param warnings what the plan could not do ({@link EstimatorPlan#warnings}). Copied.
     * @return this
     */
    public DlnEstimatorLayout withWarnings(java.util.List<String> warnings) {
        this.warnings = java.util.List.copyOf(warnings);
        return this;
    }

    /** @return the plan-time warnings (empty after deserialisation: they are for the driver). */
    @Override
    public java.util.List<String> warnings() {
        return warnings == null ? java.util.List.of() : warnings;
    }

    @Override
    public EnsembleEstimator newEstimator() {
        return new DlnEstimator(this);
    }

    public int size() {
        return times.length;
    }

    public double time(int i) {
        return times[i];
    }

    public int d() {
        return d;
    }

    public int depth() {
        return depth;
    }

    public int bins() {
        return bins;
    }

    public double sigmaHi(int i) {
        return sigmaHi[i];
    }

    public double lambdaHi(int i) {
        return lambdaHi[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DlnEstimatorLayout l && Arrays.equals(times, l.times) && d == l.d && depth == l.depth
                && bins == l.bins && Arrays.equals(sigmaHi, l.sigmaHi) && Arrays.equals(lambdaHi, l.lambdaHi)
                && theory.equals(l.theory) && java.util.Objects.equals(gibbs, l.gibbs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(times) * 31 + Arrays.hashCode(sigmaHi);
    }
}
