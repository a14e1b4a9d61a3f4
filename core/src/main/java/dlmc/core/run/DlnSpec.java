package dlmc.core.run;

import dlmc.core.estimate.DlnEstimatorLayout;
import dlmc.core.estimate.DlnTheory;
import dlmc.core.estimate.EstimatorPlan;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import dlmc.core.scheme.DlnScheme;
import dlmc.core.scheme.TimeChangedStepper;
import java.util.Objects;

/**
 * A deep-linear-network experiment's simulation recipe: model, scheme and base step. Immutable
 * and thread-safe.
 *
 * <p>Time is the model's clock: for {@code metric_scale: cmv} (𝒜/N, math-spec §2.1 note) the
 * simulators run the scheme's M24 stepper with step dt/N to the times t/N
 * ({@link TimeChangedStepper}), and {@link #planEstimates} evaluates the time-dependent theory at
 * t/N ({@link DlnReferences}); save times, dt and the estimate rows stay on the model's clock.
 */
public final class DlnSpec implements SimulationSpec {
    /** Trajectories of the pilot ensemble that fixes the histogram ranges. */
    public static final int PILOT_TRAJECTORIES = 32;
    /** Histogram upper end = this factor × the largest pilot value at that time. */
    public static final double PILOT_MARGIN = 1.5;
    /** Pilot trajectory ids start here, far from the run's own ids (so the pilot is not a subsample). */
    public static final long PILOT_ID_OFFSET = 1L << 62;

    private final DlnModel model;
    private final DlnScheme scheme;
    private final double dt;

    /**
     * @throws IllegalArgumentException if dt is not finite and positive, or the scheme cannot
     *                                  integrate the model
     */
    public DlnSpec(DlnModel model, DlnScheme scheme, double dt) {
        this.model = Objects.requireNonNull(model, "model");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("scheme.dt must be a finite number > 0, got " + dt);
        }
        String reason = scheme.unsupportedReason(model);
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        this.dt = dt;
    }

    public DlnModel model() {
        return model;
    }

    public DlnScheme scheme() {
        return scheme;
    }

    /** A simulator of the model in its own normalisation ({@link TimeChangedStepper#of}). */
    @Override
    public TrajectorySimulator newSimulator() {
        return new DlnSimulator(model, TimeChangedStepper.of(scheme, model, dt));
    }

    @Override
    public int spectrumLength() {
        return model.d();
    }

    /** @return the scheme's {@link DlnScheme#warning} for the model, if any. */
    @Override
    public java.util.List<String> warnings() {
        final String w = scheme.warning(model);
        return w == null ? java.util.List.of() : java.util.List.of(w);
    }

    /**
     * Runs {@value #PILOT_TRAJECTORIES} pilot trajectories (ids from {@link #PILOT_ID_OFFSET}; one without
     * noise — an ODE flow, β = ∞ or κ = 0 — from a fixed start, whose pilots would all follow the same path) and
     * sets the histogram ranges per save time to [0, {@value #PILOT_MARGIN} × the largest pilot
     * σ] (and its N-th root for λ). Mass beyond the range is reported in the {@code _overflow} rows.
     * Then attaches the theory of {@link DlnReferences} (λ-law of math-spec §3.3 at every save time —
     * at t/N for {@code metric_scale: cmv} —, the Ornstein–Uhlenbeck law at depth 1 with an energy — for an ODE flow its noiseless form, the exact solution —, the exact solution of an ODE flow from an aligned start (N ≥ 2),
     * stationary Gibbs law of §3.5 for the {@code gibbs_} rows at the last one) where it applies.
     */
    @Override
    public EstimatorPlan planEstimates(SaveGrid grid, int bins, long seed) {
        final int k = grid.size();
        final double[] maxSigma = new double[k];
        TrajectoryRunner runner = new TrajectoryRunner(this, grid, seed);
        ObservationSink sink = new ObservationSink() {
            @Override
            public void snapshot(long id, int timeIndex, Observation obs) {
                if (obs.status.isOk()) {
                    for (double s : obs.spectrum) {
                        if (Double.isFinite(s)) {
                            maxSigma[timeIndex] = Math.max(maxSigma[timeIndex], Math.abs(s));
                        }
                    }
                }
            }

            @Override
            public void trajectory(TrajectoryResult r) {
            }
        };
        // no noise (an ODE flow, β = ∞ or κ = 0) from a fixed start: every pilot would follow the same path
        final boolean samePath = (!DlnReferences.stochastic(scheme) || Double.isInfinite(model.beta()) || model.kappa() == 0)
                && !(model.initial() instanceof DlnInitial.Ginibre);
        for (int i = 0; i < (samePath ? 1 : PILOT_TRAJECTORIES); i++) {
            runner.run(PILOT_ID_OFFSET + i, sink);
        }
        double[] sigmaHi = new double[k];
        double[] lambdaHi = new double[k];
        double fallback = 0;
        for (double m : maxSigma) {
            fallback = Math.max(fallback, m);
        }
        if (!(fallback > 0)) {
            fallback = 1.0;
        }
        for (int i = 0; i < k; i++) {
            double m = maxSigma[i] > 0 ? maxSigma[i] : fallback;
            sigmaHi[i] = PILOT_MARGIN * m;
            lambdaHi[i] = PILOT_MARGIN * Math.pow(m, 1.0 / model.depth());
        }
        final int last = k - 1;
        final DlnTheory gibbs = DlnReferences.gibbs(model, scheme, sigmaHi[last], lambdaHi[last], bins);
        final DlnEstimatorLayout layout = new DlnEstimatorLayout(grid.times(), model.d(), model.depth(), bins,
                sigmaHi, lambdaHi, DlnReferences.regular(model, scheme, grid, sigmaHi, lambdaHi, bins, seed), gibbs);
        if (gibbs == null && DlnReferences.gibbsApplies(model, scheme)) {
            layout.withWarnings(java.util.List.of(DlnReferences.gibbsNotConverged(model)));
        }
        return layout;
    }

    @Override
    public String toString() {
        return "DlnSpec[" + model + ", scheme=" + scheme.info().name() + ", dt=" + dt + "]";
    }
}
