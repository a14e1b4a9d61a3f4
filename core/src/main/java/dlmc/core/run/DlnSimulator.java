package dlmc.core.run;

import dlmc.core.dln.OrbitEntropy;
import dlmc.core.model.DlnModel;
import dlmc.core.random.RandomStream;
import dlmc.core.scheme.DlnStepper;
import dlmc.core.scheme.Status;
import org.ejml.data.DMatrixRMaj;

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
    private final DlnModel model;
    private final DlnStepper stepper;
    private final OrbitEntropy entropy;
    private final DMatrixRMaj X;

    /**
     * @param stepper a stepper of {@code model} on the model's clock, e.g.
     *                {@link dlmc.core.scheme.TimeChangedStepper#of}
     */
    public DlnSimulator(DlnModel model, DlnStepper stepper) {
        this.model = model;
        this.stepper = stepper;
        this.entropy = new OrbitEntropy(model.d(), model.depth());
        this.X = new DMatrixRMaj(model.d(), model.d());
    }

    @Override
    public int spectrumLength() {
        return model.d();
    }

    @Override
    public Status start(RandomStream stream) {
        model.initialMatrix(stream, X);
        return stepper.reset(X, stream);
    }

    @Override
    public Status advanceTo(double t, RandomStream stream) {
        return stepper.advanceTo(t, stream);
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
