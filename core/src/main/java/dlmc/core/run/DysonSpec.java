package dlmc.core.run;

import dlmc.core.model.DysonModel;
import dlmc.core.scheme.DysonScheme;
import java.util.Objects;

/**
 * A Dyson experiment's simulation recipe: model, scheme and base step. Immutable and
 * thread-safe; {@link #newSimulator()} builds the per-task workspaces.
 */
public final class DysonSpec implements SimulationSpec {
    private final DysonModel model;
    private final DysonScheme scheme;
    private final double dt;

    /**
     * @param dt the base (maximum) step, finite and &gt; 0 (exact schemes ignore it)
     * @throws IllegalArgumentException if dt is not finite and positive, or the scheme cannot
     *                                  integrate the model (its {@code unsupportedReason})
     */
    public DysonSpec(DysonModel model, DysonScheme scheme, double dt) {
        this.model = Objects.requireNonNull(model, "model");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("scheme.dt must be a finite number > 0, got " + dt);
        }
        final String reason = scheme.unsupportedReason(model);
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        this.dt = dt;
    }

    public DysonModel model() {
        return model;
    }

    public DysonScheme scheme() {
        return scheme;
    }

    public double dt() {
        return dt;
    }

    @Override
    public TrajectorySimulator newSimulator() {
        return new DysonSimulator(model, scheme.newStepper(model, dt));
    }

    @Override
    public dlmc.core.estimate.EstimatorPlan planEstimates(SaveGrid grid, int bins, long seed) {
        return dlmc.core.estimate.EstimatorLayout.forDyson(model, grid, bins);
    }

    @Override
    public int spectrumLength() {
        return model.n();
    }

    @Override
    public String toString() {
        return "DysonSpec[" + model + ", scheme=" + scheme.info().name() + ", dt=" + dt + "]";
    }
}
