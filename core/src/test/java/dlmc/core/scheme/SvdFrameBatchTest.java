package dlmc.core.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dlmc.core.energy.ConfiningEnergy;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.TestSeeds;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SVD-frame stepper takes the steps of a spectral energy in batches (one step per SIMD lane of
 * the rotations' SVD): the result must be the same bits as taking them one by one, also when a
 * step of a batch fails (deterministic).
 */
class SvdFrameBatchTest {
    private static final int D = 5;
    private static final double[][] X0 = {
        {1.4, 0.1, 0.0, 0.2, 0.0}, {0.0, 1.1, 0.3, 0.0, 0.1}, {0.2, 0.0, 0.9, 0.0, 0.0},
        {0.0, 0.1, 0.0, 0.6, 0.2}, {0.1, 0.0, 0.0, 0.0, 0.3}};

    private static SvdFrameStepper stepper(LambdaStep step, RandomStream stream) {
        final DlnModel m = new DlnModel(D, 3, 2, 1, true, new ConfiningEnergy(1), new DlnInitial.Matrix(X0));
        final SvdFrameStepper s = (SvdFrameStepper) new SvdFrameScheme(step).newStepper(m, 0.01);
        assertEquals(Status.OK, s.reset(new DMatrixRMaj(X0), stream));
        return s;
    }

    /** X, σ, λ and the counts, as raw bits. */
    private static String state(SvdFrameStepper s) {
        final DMatrixRMaj X = new DMatrixRMaj(D, D);
        final double[] sigma = new double[D];
        s.state(X, sigma);
        final StringBuilder b = new StringBuilder();
        for (double v : X.data) {
            b.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(' ');
        }
        for (double v : sigma) {
            b.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(' ');
        }
        for (double v : s.layerValues()) {
            b.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(' ');
        }
        return b.append("steps ").append(s.steps()).append(" reorders ").append(s.reorders())
                .append(" reflections ").append(s.reflections()).toString();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(LambdaStep.class)
    void advanceToInBatchesIsTheStepsOneByOne(LambdaStep step) {
        final double[] times = {0.0137, 0.05, 0.31415, 0.32, 1.0};
        final SvdFrameStepper batched = stepper(step, null);
        final SvdFrameStepper single = stepper(step, null);
        final RandomStream a = Streams.of(TestSeeds.seed(), 11);
        final RandomStream b = Streams.of(TestSeeds.seed(), 11);
        final double[] dB = new double[D * D];
        double t = 0;
        for (double target : times) {
            assertEquals(Status.OK, batched.advanceTo(target, a));
            while (t < target) {
                final double h = Steps.next(t, target, 0.01);
                b.gaussians(dB, 0, D * D);
                for (int k = 0; k < D * D; k++) {
                    dB[k] *= Math.sqrt(h);
                }
                assertEquals(Status.OK, single.stepWithIncrement(h, dB));
                t = h == target - t ? target : t + h;
            }
            assertEquals(state(single), state(batched), "seed " + TestSeeds.seed() + ", " + step + ", t = " + target);
        }
        assertEquals(a.gaussian(), b.gaussian(), 0.0, "the same draws were used");
    }

    /**
     * A non-finite increment in step 2 of a batch of 4: on the diagonal the λ-update fails, off
     * the diagonal the rotations' SVD fails after the λ-updates of steps 2 and 3 ran (they are undone).
     */
    @Test
    void aFailedStepInsideABatchLeavesTheStateBeforeIt() {
        for (boolean diagonal : new boolean[] {true, false}) {
            final RandomStream r = Streams.of(TestSeeds.seed(), 12);
            final double[] h = {0.01, 0.01, 0.01, 0.004};
            final double[] dB = new double[4 * D * D];
            r.gaussians(dB, 0, dB.length);
            for (int k = 0; k < dB.length; k++) {
                dB[k] *= 0.1;
            }
            dB[2 * D * D + (diagonal ? D + 1 : 3)] = Double.NaN;
            final SvdFrameStepper batched = stepper(LambdaStep.PAIR_IMPLICIT, null);
            final SvdFrameStepper single = stepper(LambdaStep.PAIR_IMPLICIT, null);
            final Status got = batched.stepsWithIncrements(h, dB);
            Status expected = Status.OK;
            for (int b = 0; b < 4 && expected.isOk(); b++) {
                expected = single.stepWithIncrement(h[b], Arrays.copyOfRange(dB, b * D * D, (b + 1) * D * D));
            }
            assertEquals(Status.NON_FINITE, expected, "diagonal " + diagonal);
            assertEquals(expected, got, "diagonal " + diagonal);
            assertEquals(2, batched.steps(), "diagonal " + diagonal);
            assertEquals(state(single), state(batched), "diagonal " + diagonal);
        }
    }
}
