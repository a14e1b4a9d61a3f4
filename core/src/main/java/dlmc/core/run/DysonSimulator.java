package dlmc.core.run;

import dlmc.core.model.DysonModel;
import dlmc.core.observe.SpectralObservables;
import dlmc.core.random.RandomStream;
import dlmc.core.scheme.DysonStepper;
import dlmc.core.scheme.Status;

/** A Dyson model driven by one of its schemes. Not thread-safe. */
public final class DysonSimulator implements TrajectorySimulator {
    private final DysonModel model;
    private final DysonStepper stepper;
    private final double[] lambda0;

    public DysonSimulator(DysonModel model, DysonStepper stepper) {
        this.model = model;
        this.stepper = stepper;
        this.lambda0 = new double[model.n()];
    }

    @Override
    public int spectrumLength() {
        return model.n();
    }

    @Override
    public Status start(RandomStream stream) {
        model.initialSpectrum(stream, lambda0);
        stepper.reset(lambda0);
        return Status.OK;
    }

    @Override
    public Status advanceTo(double t, RandomStream stream) {
        return stepper.advanceTo(t, stream);
    }

    @Override
    public void observe(Observation out) {
        stepper.spectrum(out.spectrum);
        out.entropy = SpectralObservables.logVandermonde(out.spectrum) * model.beta();
        out.energy = SpectralObservables.halfSumSquares(out.spectrum);
    }

    @Override
    public long steps() {
        return stepper.steps();
    }

    @Override
    public long rejectedSteps() {
        return stepper.rejectedSteps();
    }
}
