package dlmc.core.estimate;

import dlmc.core.run.Observation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ensemble estimates of deep-linear-network observations per save time (mergeable, Kryo-friendly
 * plain class; bit-identical for the same accept/combine sequence). The spectrum of an
 * observation is the singular values σ_1 ≥ … ≥ σ_d of X; the layer singular values are
 * λ_i = σ_i^{1/N} (math-spec §0.3).
 *
 * <p>Quantities (a user contract, documented in data/README.md): {@code trajectories};
 * {@code singular_value_mean} and {@code layer_singular_value_mean} for each index i = 1..d
 * (column {@code index}); {@code layer_sum_squares_mean} = E Σ λ_i²; {@code entropy_mean}
 * (S(X), §4.1), {@code energy_mean}, {@code free_energy_mean}; histograms
 * {@code singular_value_density} and {@code layer_singular_value_density} over all indices
 * (ranges fixed before the run by {@link DlnEstimatorLayout}); {@code orthogonality_residual_max}
 * and {@code balance_residual_max} (the largest residual seen at that time, NaN if the scheme
 * has none). Theory columns come from {@link DlnEstimatorLayout#theory()} (NaN where none applies);
 * when the layout carries a stationary law ({@link DlnEstimatorLayout#gibbs()}), the same estimates
 * at the last save time are repeated under the names prefixed {@code gibbs_} with the Gibbs values
 * as theory (math-spec §3.5; see {@code dlmc/estimates.md}).
 */
public final class DlnEstimator implements EnsembleEstimator {
    private static final int ENTROPY = 0;
    private static final int ENERGY = 1;
    private static final int FREE_ENERGY = 2;
    private static final int SUM_SQUARES = 3;
    private static final int SCALARS = 4;

    private DlnEstimatorLayout layout;
    private long[] trajectories;
    private MomentAccumulator[] scalars;      // time × SCALARS
    private MomentAccumulator[] sigma;        // time × d
    private MomentAccumulator[] lambda;       // time × d
    private HistogramAccumulator[] sigmaHist; // time
    private HistogramAccumulator[] lambdaHist; // time
    private double[] orthogonalityMax;
    private double[] balanceMax;
    private transient double[] scratch;

    /** For serialisation frameworks only. */
    private DlnEstimator() {
    }

    public DlnEstimator(DlnEstimatorLayout layout) {
        this.layout = layout;
        final int k = layout.size();
        final int d = layout.d();
        trajectories = new long[k];
        scalars = new MomentAccumulator[k * SCALARS];
        sigma = new MomentAccumulator[k * d];
        lambda = new MomentAccumulator[k * d];
        for (int i = 0; i < scalars.length; i++) {
            scalars[i] = new MomentAccumulator();
        }
        for (int i = 0; i < sigma.length; i++) {
            sigma[i] = new MomentAccumulator();
            lambda[i] = new MomentAccumulator();
        }
        sigmaHist = new HistogramAccumulator[k];
        lambdaHist = new HistogramAccumulator[k];
        for (int i = 0; i < k; i++) {
            sigmaHist[i] = new HistogramAccumulator(0.0, layout.sigmaHi(i), layout.bins());
            lambdaHist[i] = new HistogramAccumulator(0.0, layout.lambdaHi(i), layout.bins());
        }
        orthogonalityMax = new double[k];
        balanceMax = new double[k];
        Arrays.fill(orthogonalityMax, Double.NaN);
        Arrays.fill(balanceMax, Double.NaN);
    }

    public DlnEstimatorLayout layout() {
        return layout;
    }

    @Override
    public void accept(int timeIndex, Observation obs) {
        final int d = layout.d();
        if (timeIndex < 0 || timeIndex >= layout.size()) {
            throw new IllegalArgumentException("time index " + timeIndex + " out of [0, " + layout.size() + ")");
        }
        if (obs.length() != d) {
            throw new IllegalArgumentException("observation has " + obs.length() + " values, d = " + d);
        }
        if (!obs.status.isOk()) {
            throw new IllegalArgumentException("only ok observations are accepted, got " + obs.status.label());
        }
        if (scratch == null || scratch.length != d) {
            scratch = new double[d];
        }
        final double invN = 1.0 / layout.depth();
        double sumSquares = 0;
        for (int i = 0; i < d; i++) {
            final double s = obs.spectrum[i];
            final double l = Math.pow(s, invN);
            scratch[i] = l;
            sumSquares += l * l;
            sigma[timeIndex * d + i].accept(s);
            lambda[timeIndex * d + i].accept(l);
        }
        trajectories[timeIndex]++;
        final int s0 = timeIndex * SCALARS;
        acceptFinite(scalars[s0 + ENTROPY], obs.entropy);
        acceptFinite(scalars[s0 + ENERGY], obs.energy);
        acceptFinite(scalars[s0 + FREE_ENERGY], obs.freeEnergy);
        scalars[s0 + SUM_SQUARES].accept(sumSquares);
        sigmaHist[timeIndex].acceptTrajectory(obs.spectrum, 0, d);
        lambdaHist[timeIndex].acceptTrajectory(scratch, 0, d);
        orthogonalityMax[timeIndex] = nanMax(orthogonalityMax[timeIndex], obs.orthogonalityResidual);
        balanceMax[timeIndex] = nanMax(balanceMax[timeIndex], obs.balanceResidual);
    }

    private static void acceptFinite(MomentAccumulator m, double x) {
        if (Double.isFinite(x)) {
            m.accept(x);
        }
    }

    /** max ignoring NaN (NaN only if both are NaN); exact, so merging order never matters. */
    private static double nanMax(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        if (Double.isNaN(b)) {
            return a;
        }
        return Math.max(a, b);
    }

    @Override
    public void combine(EnsembleEstimator other) {
        if (!(other instanceof DlnEstimator o)) {
            throw new IllegalArgumentException("cannot combine a DlnEstimator with " + other.getClass().getName());
        }
        if (!layout.equals(o.layout)) {
            throw new IllegalArgumentException("cannot combine estimators with different layouts");
        }
        for (int i = 0; i < trajectories.length; i++) {
            trajectories[i] += o.trajectories[i];
            sigmaHist[i].combine(o.sigmaHist[i]);
            lambdaHist[i].combine(o.lambdaHist[i]);
            orthogonalityMax[i] = nanMax(orthogonalityMax[i], o.orthogonalityMax[i]);
            balanceMax[i] = nanMax(balanceMax[i], o.balanceMax[i]);
        }
        for (int i = 0; i < scalars.length; i++) {
            scalars[i].combine(o.scalars[i]);
        }
        for (int i = 0; i < sigma.length; i++) {
            sigma[i].combine(o.sigma[i]);
            lambda[i].combine(o.lambda[i]);
        }
    }

    /** @return ok snapshots accepted at save time {@code timeIndex}. */
    public long trajectories(int timeIndex) {
        return trajectories[timeIndex];
    }

    @Override
    public List<EstimateRow> rows() {
        List<EstimateRow> out = new ArrayList<>();
        final DlnTheory theory = layout.theory();
        final int last = layout.size() - 1;
        for (int k = 0; k < layout.size(); k++) {
            final double t = layout.time(k);
            out.add(new EstimateRow(t, "trajectories", trajectories[k], Double.NaN, Double.NaN, Double.NaN,
                    trajectories[k], Double.NaN));
            estimates(out, k, "", theory, k);
            out.add(new EstimateRow(t, "orthogonality_residual_max", orthogonalityMax[k], Double.NaN, Double.NaN,
                    Double.NaN, trajectories[k], Double.NaN));
            out.add(new EstimateRow(t, "balance_residual_max", balanceMax[k], Double.NaN, Double.NaN, Double.NaN,
                    trajectories[k], Double.NaN));
            if (k == last && layout.gibbs() != null) {
                estimates(out, k, "gibbs_", layout.gibbs(), 0);
            }
        }
        return out;
    }

    /** The means and histograms at save time k, named prefix + quantity, theory from th at index tk. */
    private void estimates(List<EstimateRow> out, int k, String prefix, DlnTheory th, int tk) {
        final int d = layout.d();
        final double t = layout.time(k);
        for (int i = 0; i < d; i++) {
            mean(out, t, prefix + "singular_value_mean", sigma[k * d + i], i + 1, th.singularValueMean(tk, i));
        }
        for (int i = 0; i < d; i++) {
            mean(out, t, prefix + "layer_singular_value_mean", lambda[k * d + i], i + 1, th.layerMean(tk, i));
        }
        final int s0 = k * SCALARS;
        mean(out, t, prefix + "layer_sum_squares_mean", scalars[s0 + SUM_SQUARES], -1, th.sumSquares(tk));
        mean(out, t, prefix + "entropy_mean", scalars[s0 + ENTROPY], -1, th.entropy(tk));
        mean(out, t, prefix + "energy_mean", scalars[s0 + ENERGY], -1, th.energy(tk));
        mean(out, t, prefix + "free_energy_mean", scalars[s0 + FREE_ENERGY], -1, th.freeEnergy(tk));
        final double[] sigmaTheory = new double[layout.bins() + 1];
        final double[] lambdaTheory = new double[layout.bins() + 1];
        for (int b = 0; b <= layout.bins(); b++) {
            sigmaTheory[b] = th.singularValueDensity(tk, b);
            lambdaTheory[b] = th.layerDensity(tk, b);
        }
        histogram(out, t, prefix + "singular_value_density", sigmaHist[k], sigmaTheory);
        histogram(out, t, prefix + "layer_singular_value_density", lambdaHist[k], lambdaTheory);
    }

    private static void mean(List<EstimateRow> out, double t, String q, MomentAccumulator m, int index,
            double theory) {
        double se = m.count() >= 2 ? m.standardErrorOfMean() : Double.NaN;
        out.add(new EstimateRow(t, q, m.count() > 0 ? m.mean() : Double.NaN, se, Double.NaN, Double.NaN, m.count(),
                theory, index));
    }

    private static void histogram(List<EstimateRow> out, double t, String q, HistogramAccumulator h,
            double[] theory) {
        for (int b = 0; b < h.bins(); b++) {
            out.add(new EstimateRow(t, q, h.density(b), h.densityStandardError(b), h.binLo(b), h.binHi(b), h.count(b),
                    theory[b]));
        }
        out.add(new EstimateRow(t, q + "_overflow", h.meanFraction(h.bins()), h.meanFractionStandardError(h.bins()),
                h.hi(), Double.POSITIVE_INFINITY, h.count(h.bins()), theory[h.bins()]));
    }

    /** @return the classes Kryo must register for this estimator. */
    public static Class<?>[] kryoClasses() {
        return new Class<?>[] {DlnEstimator.class, DlnEstimatorLayout.class, DlnTheory.class, MomentAccumulator.class,
            MomentAccumulator[].class, HistogramAccumulator.class, HistogramAccumulator[].class};
    }
}
