package dlmc.core.run;

import dlmc.core.dln.OrbitEntropy;
import dlmc.core.model.DlnModel;
import dlmc.core.random.RandomStream;
import dlmc.core.scheme.DlnStepper;
import dlmc.core.scheme.Status;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * A deep linear network driven by one of its schemes. Observations (interface.md §3): spectrum =
 * singular values of X, descending; entropy = S(X) (math-spec §4.1, with c_d); energy = E(X);
 * free energy = E − S/β; the scheme's residuals. Not thread-safe.
 *
 * <p>The stepper runs on the model's clock ({@link dlmc.core.scheme.TimeChangedStepper#of} for
 * {@code metric_scale: cmv}); S, E and F are the same functions of X in either normalisation
 * (math-spec §2.1 note, §4.1: the orbit volume is measured upstairs).
 */
public final class DlnSimulator implements TrajectorySimulator {
    /**
     * A path whose largest singular value exceeds this many times its natural scale, max(1, ‖X(0)‖_F,
     * ‖∇E(0)‖_F) (the start, and the target of a regression, completion or sensing energy), is stopped
     * with {@link Status#DIVERGED} at the save time where it is seen: an explicit step too long for the
     * energy's stiffness (e.g. matrix-em at Δt = 0.05 with a confining α = 50) grows the state
     * geometrically, and before it overflows to {@link Status#NON_FINITE} its finite values would be
     * averaged in as ok. No run of the dynamics itself gets there: they confine (energies) or spread
     * like √t (Brownian motion, 10⁸ times its scale only at t ~ 10¹⁶).
     */
    public static final double DIVERGENCE_FACTOR = 1e8;

    private final DlnModel model;
    private final DlnStepper stepper;
    private final OrbitEntropy entropy;
    private final DMatrixRMaj X;
    private final double[] sigma;
    /** ‖∇E(0)‖_F: the energy's part of the natural scale (the same for every path of the model). */
    private final double energyScale;
    /** {@link #DIVERGENCE_FACTOR} × the natural scale of the current path (set by {@link #start}). */
    private double divergenceBound = Double.POSITIVE_INFINITY;

    /**
     * @param stepper a stepper of {@code model} on the model's clock, e.g.
     *                {@link dlmc.core.scheme.TimeChangedStepper#of}
     */
    public DlnSimulator(DlnModel model, DlnStepper stepper) {
        this.model = model;
        this.stepper = stepper;
        this.entropy = new OrbitEntropy(model.d(), model.depth());
        this.X = new DMatrixRMaj(model.d(), model.d());
        this.sigma = new double[model.d()];
        final DMatrixRMaj g = new DMatrixRMaj(model.d(), model.d());
        model.energy().gradient(new DMatrixRMaj(model.d(), model.d()), g);
        this.energyScale = NormOps_DDRM.normF(g);
    }

    @Override
    public int spectrumLength() {
        return model.d();
    }

    @Override
    public Status start(RandomStream stream) {
        model.initialMatrix(stream, X);
        final double scale = Math.max(1.0, Math.max(NormOps_DDRM.normF(X), energyScale));
        divergenceBound = Double.isFinite(scale) ? DIVERGENCE_FACTOR * scale : Double.POSITIVE_INFINITY;
        return stepper.reset(X, stream);
    }

    /**
     * The stepper's advance, then the divergence guard ({@link #DIVERGENCE_FACTOR}): an ok state beyond the bound is
     * {@link Status#DIVERGED}, and so is a {@link Status#RANK_DEFICIENT} one (a runaway σ_1 makes σ_d/σ_1 tiny: the
     * rank test of a scheme fires first, under the wrong name).
     */
    @Override
    public Status advanceTo(double t, RandomStream stream) {
        final Status status = stepper.advanceTo(t, stream);
        if (status.isOk() || status == Status.RANK_DEFICIENT) {
            stepper.state(X, sigma);
            if (sigma[0] > divergenceBound) {
                return Status.DIVERGED;
            }
        }
        return status;
    }

    @Override
    public void observe(Observation out) {
        stepper.state(X, out.spectrum);
        out.entropy = entropy.value(out.spectrum);
        out.energy = model.energy().value(X);
        out.freeEnergy = OrbitEntropy.freeEnergy(out.energy, out.entropy, model.beta());
        out.orthogonalityResidual = stepper.orthogonalityResidual();
        out.balanceResidual = stepper.balanceResidual();
    }

    @Override
    public long steps() {
        return stepper.steps();
    }

    @Override
    public long rejectedSteps() {
        return stepper.rejectedSteps();
    }

    @Override
    public long reorders() {
        return stepper.reorders();
    }

    @Override
    public long reflections() {
        return stepper.reflections();
    }

    @Override
    public long biasedRegimeSteps() {
        return stepper.biasedRegimeSteps();
    }
}
