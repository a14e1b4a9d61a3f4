package dlmc.core.scheme;

import dlmc.core.dln.MetricScale;
import dlmc.core.model.DlnModel;
import dlmc.core.random.RandomStream;
import org.ejml.data.DMatrixRMaj;

/**
 * Runs a deep-linear-network model in the CMV normalisation 𝒜/N ({@link MetricScale#CMV},
 * math-spec §2.1 note) with a scheme written for M24 (𝒜): the M24 stepper of the same model with
 * step Δt/N, advanced to t/N whenever the experiment's clock says t. Exact, for every scheme and
 * the whole Riemannian Langevin equation (energy, entropy, Brownian drift and noise), because every
 * term of §3.4 is proportional to 𝒜 and S is the same function in both conventions, so that
 * X^CMV(t) has the law of X^M24(t/N) (§2.1 conversion; the argument in full in {@link MetricScale}).
 * The schemes' formulas are not touched: this is the one place where the time change is applied
 * ({@link #of}, used by {@code dlmc.core.run.DlnSpec}).
 *
 * <p>Bit for bit: a CMV trajectory with step Δt and save times t_k is the M24 trajectory with step
 * Δt/N and save times t_k/N (same seed, hence the same draws), both quotients rounded as the
 * division by N ({@link MetricScale#m24Time}). The step counters are those of the M24 stepper: the
 * steps actually taken (as many as Δt-steps over the CMV interval); its step-size rules (matrix-em's
 * ε cap, svd-frame's near-pair threshold, the biased-region test of {@link StepCounts#biasedRegimeSteps})
 * see the M24 step Δt/N, which is what they are stated for. Allocates nothing after construction.
 * Not thread-safe.
 */
public final class TimeChangedStepper implements DlnStepper {
    private final DlnStepper m24;
    private final MetricScale scale;
    private final int depth;

    private TimeChangedStepper(DlnStepper m24, MetricScale scale, int depth) {
        this.m24 = m24;
        this.scale = scale;
        this.depth = depth;
    }

    /**
     * The stepper for {@code model} in its own normalisation: {@code scheme.newStepper(model, dt)}
     * for {@link MetricScale#M24}; for {@link MetricScale#CMV} the scheme's stepper of the M24 model
     * with step dt/N behind the time change t → t/N.
     *
     * @param dt the base step on the model's clock, finite and &gt; 0
     * @throws IllegalArgumentException if the scheme refuses the model or dt
     */
    public static DlnStepper of(DlnScheme scheme, DlnModel model, double dt) {
        final MetricScale scale = model.metricScale();
        if (scale == MetricScale.M24) {
            return scheme.newStepper(model, dt);
        }
        Steps.checkDt(dt);
        final int depth = model.depth();
        return new TimeChangedStepper(scheme.newStepper(model.withMetricScale(MetricScale.M24), scale.m24Time(dt, depth)),
                scale, depth);
    }

    /** @return the M24 stepper that does the work (its clock runs at t/N). */
    public DlnStepper m24Stepper() {
        return m24;
    }

    @Override
    public Status reset(DMatrixRMaj X0, RandomStream stream) {
        return m24.reset(X0, stream);
    }

    /** Advances the M24 stepper to {@link MetricScale#m24Time}(tTo) = tTo / N. */
    @Override
    public Status advanceTo(double tTo, RandomStream stream) {
        return m24.advanceTo(scale.m24Time(tTo, depth), stream);
    }

    @Override
    public void state(DMatrixRMaj X, double[] sigma) {
        m24.state(X, sigma);
    }

    @Override
    public double orthogonalityResidual() {
        return m24.orthogonalityResidual();
    }

    @Override
    public double balanceResidual() {
        return m24.balanceResidual();
    }

    @Override
    public long steps() {
        return m24.steps();
    }

    @Override
    public long rejectedSteps() {
        return m24.rejectedSteps();
    }

    @Override
    public long reorders() {
        return m24.reorders();
    }

    @Override
    public long reflections() {
        return m24.reflections();
    }

    @Override
    public long biasedRegimeSteps() {
        return m24.biasedRegimeSteps();
    }
}
