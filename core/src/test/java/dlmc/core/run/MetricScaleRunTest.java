package dlmc.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.dln.MetricScale;
import dlmc.core.energy.ConfiningEnergy;
import dlmc.core.energy.Energy;
import dlmc.core.energy.RegressionEnergy;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.scheme.DlnScheme;
import dlmc.core.scheme.DlnStepper;
import dlmc.core.scheme.GradientFlowScheme;
import dlmc.core.scheme.LambdaStep;
import dlmc.core.scheme.MatrixEmScheme;
import dlmc.core.scheme.ParameterFlowScheme;
import dlmc.core.scheme.SingularValueScheme;
import dlmc.core.scheme.Status;
import dlmc.core.scheme.SvdFrameScheme;
import dlmc.core.scheme.TimeChangedStepper;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code metric_scale: cmv} (𝒜/N, math-spec §2.1 note) is the M24 equation at time t/N
 * ({@link MetricScale}), applied once by {@link TimeChangedStepper}: through {@link DlnSpec} and
 * {@link TrajectoryRunner}, a CMV run with step Δt and save times t_k equals, bit for bit, the M24
 * run with step Δt/N and save times t_k/N from the same seed (same draws) — every observation and
 * every step counter — for each DLN scheme, with the whole RLE (confining or regression energy,
 * entropy on, κ = 1) for the stochastic ones.
 */
class MetricScaleRunTest {
    private static final int D = 3;
    private static final int N = 3;
    private static final long SEED = 2024;
    private static final int TRAJECTORIES = 3;
    /** CMV save times (the M24 run uses t_k / N). */
    private static final double[] TIMES = {0, 0.07, 0.25, 0.6};
    private static final double DT = 0.01;
    /** X(0): distinct singular values, well inside GL_3 (tamed and matrix-em are happy with it). */
    private static final double[][] X0 = {{1.2, 0.3, 0.0}, {0.1, 0.9, 0.2}, {0.0, 0.25, 0.7}};
    private static final double[][] TARGET = {{1.5, 0.2, 0.1}, {0.0, 0.8, -0.3}, {0.2, 0.1, 0.4}};

    private static DlnModel model(Energy energy, DlnInitial initial, MetricScale scale) {
        return new DlnModel(D, N, 2.0, 1.0, true, energy, initial, scale);
    }

    private static DMatrixRMaj matrix(double[][] v) {
        final DMatrixRMaj m = new DMatrixRMaj(v.length, v.length);
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                m.set(i, j, v[i][j]);
            }
        }
        return m;
    }

    static Stream<Arguments> schemes() {
        final Energy confining = new ConfiningEnergy(1.0);
        final Energy regression = new RegressionEnergy(matrix(TARGET));
        final DlnInitial fixed = new DlnInitial.Matrix(X0);
        final DlnInitial ginibre = new DlnInitial.Ginibre(1.0);
        return Stream.of(
                Arguments.of("svd-frame, pair-implicit, regression", new SvdFrameScheme(), regression, fixed),
                Arguments.of("svd-frame, pair-implicit, Ginibre start", new SvdFrameScheme(), confining, ginibre),
                Arguments.of("svd-frame, tamed", new SvdFrameScheme(LambdaStep.TAMED), confining, fixed),
                Arguments.of("matrix-em, fixed step", new MatrixEmScheme(), regression, fixed),
                Arguments.of("matrix-em, step-size rule", new MatrixEmScheme(MatrixEmScheme.SUGGESTED_EPSILON), confining, fixed),
                Arguments.of("singular-values", new SingularValueScheme(), confining, fixed),
                Arguments.of("gradient-flow", new GradientFlowScheme(), regression, ginibre),
                Arguments.of("parameter-flow", new ParameterFlowScheme(), regression, fixed));
    }

    /** One snapshot, copied (the runner reuses its Observation). */
    private record Snap(int timeIndex, double t, double[] spectrum, double entropy, double energy, double freeEnergy,
                        double orthogonality, double balance, Status status) {
    }

    private static final class Recorder implements ObservationSink {
        final List<Snap> snaps = new ArrayList<>();
        final List<TrajectoryResult> results = new ArrayList<>();

        @Override
        public void snapshot(long id, int timeIndex, Observation o) {
            snaps.add(new Snap(timeIndex, o.t, o.spectrum.clone(), o.entropy, o.energy, o.freeEnergy,
                    o.orthogonalityResidual, o.balanceResidual, o.status));
        }

        @Override
        public void trajectory(TrajectoryResult r) {
            results.add(r);
        }
    }

    private static Recorder run(DlnSpec spec, double[] times) {
        final Recorder r = new Recorder();
        final TrajectoryRunner runner = new TrajectoryRunner(spec, new SaveGrid(times), SEED);
        for (long id = 0; id < TRAJECTORIES; id++) {
            runner.run(id, r);
        }
        return r;
    }

    private static double[] divided(double[] times, int n) {
        final double[] out = new double[times.length];
        for (int k = 0; k < times.length; k++) {
            out[k] = times[k] / n;
        }
        return out;
    }

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                what + ": expected " + expected + ", got " + actual);
    }

    /** Every observation and counter equal bit for bit; the CMV rows carry the CMV clock (t_k, not t_k/N). */
    private static void assertSameRun(Recorder cmv, Recorder m24, String label) {
        assertEquals(m24.snaps.size(), cmv.snaps.size(), label + ": snapshots");
        for (int s = 0; s < cmv.snaps.size(); s++) {
            final Snap c = cmv.snaps.get(s);
            final Snap m = m24.snaps.get(s);
            final String at = label + ", snapshot " + s + " (t = " + c.t + ")";
            assertEquals(m.timeIndex, c.timeIndex, at);
            assertEquals(TIMES[c.timeIndex], c.t, 0.0, at + ": the CMV row is at the CMV save time");
            assertEquals(m.status, c.status, at);
            for (int i = 0; i < D; i++) {
                assertBits(m.spectrum[i], c.spectrum[i], at + ", sigma_" + (i + 1));
            }
            assertBits(m.entropy, c.entropy, at + ", entropy");
            assertBits(m.energy, c.energy, at + ", energy");
            assertBits(m.freeEnergy, c.freeEnergy, at + ", free energy");
            assertBits(m.orthogonality, c.orthogonality, at + ", orthogonality residual");
            assertBits(m.balance, c.balance, at + ", balance residual");
        }
        assertEquals(TRAJECTORIES, cmv.results.size());
        for (int i = 0; i < TRAJECTORIES; i++) {
            final TrajectoryResult c = cmv.results.get(i);
            final TrajectoryResult m = m24.results.get(i);
            assertEquals(m.status(), c.status(), label);
            // the steps actually taken, and the scheme's diagnostics, are those of the M24 run
            assertEquals(m.steps(), c.steps(), label + ": steps");
            assertEquals(m.rejectedSteps(), c.rejectedSteps(), label + ": rejected steps");
            assertEquals(m.reorders(), c.reorders(), label + ": reorders");
            assertEquals(m.reflections(), c.reflections(), label + ": reflections");
            assertEquals(m.biasedRegimeSteps(), c.biasedRegimeSteps(), label + ": biased-regime steps");
            assertEquals(m.snapshots(), c.snapshots(), label);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void cmvWithStepDtIsM24WithStepDtOverNAtTimesOverN(String label, DlnScheme scheme, Energy energy, DlnInitial initial) {
        final DlnModel cmv = model(energy, initial, MetricScale.CMV);
        final DlnModel m24 = model(energy, initial, MetricScale.M24);
        final Recorder c = run(new DlnSpec(cmv, scheme, DT), TIMES);
        final Recorder m = run(new DlnSpec(m24, scheme, DT / N), divided(TIMES, N));
        for (TrajectoryResult r : c.results) {
            assertEquals(Status.OK, r.status(), label + ": the comparison is meant for whole trajectories");
            assertTrue(r.steps() >= Math.round(TIMES[TIMES.length - 1] / DT), label + ": steps " + r.steps());
        }
        assertSameRun(c, m, label);

        // ... and CMV is not M24 on the same clock: at t > 0 the two differ (the time change is real)
        final Recorder same = run(new DlnSpec(m24, scheme, DT), TIMES);
        final double[] a = c.snaps.get(TIMES.length - 1).spectrum;
        final double[] b = same.snaps.get(TIMES.length - 1).spectrum;
        assertFalse(java.util.Arrays.equals(a, b), label + ": CMV at t equals M24 at t");
    }

    /** N = 1: 𝒜/N = 𝒜, t/N = t — the two normalisations give the same run on the same clock. */
    @Test
    void depthOneIsTheSameRun() {
        final DlnModel m24 = new DlnModel(D, 1, 2.0, 1.0, true, new ConfiningEnergy(1.0), new DlnInitial.Matrix(X0));
        final DlnModel cmv = m24.withMetricScale(MetricScale.CMV);
        assertEquals(MetricScale.M24, m24.metricScale());
        assertEquals(0.6, cmv.m24Time(0.6), 0.0);
        assertSameRun(run(new DlnSpec(cmv, new SvdFrameScheme(), DT), TIMES),
                run(new DlnSpec(m24, new SvdFrameScheme(), DT), TIMES), "N = 1");
    }

    /** The model's clock conversion: t / N exactly as the division rounds it; M24 is the identity. */
    @Test
    void m24TimeIsTheDivisionByN() {
        final DlnModel cmv = model(new ConfiningEnergy(1.0), new DlnInitial.Identity(1.0), MetricScale.CMV);
        for (double t : new double[] {0, 0.1, 0.7, 1.0 / 3, 4}) {
            assertBits(t / N, cmv.m24Time(t), "t = " + t);
            assertBits(t, cmv.withMetricScale(MetricScale.M24).m24Time(t), "t = " + t);
        }
        assertSame(cmv, cmv.withMetricScale(MetricScale.CMV));
        assertEquals(1.0 / N, MetricScale.CMV.factor(N), 0.0);
        assertTrue(cmv.toString().contains("metricScale=cmv"), cmv.toString());
    }

    /**
     * A scheme integrates the M24 equation only: handed a CMV model directly it refuses (rather than
     * run it on the wrong clock); {@link TimeChangedStepper#of} is the way, and is the plain M24
     * stepper for an M24 model.
     */
    @Test
    void schemesRefuseACmvModelAndTheFactoryWrapsIt() {
        final DlnModel cmv = model(new ConfiningEnergy(1.0), new DlnInitial.Matrix(X0), MetricScale.CMV);
        for (DlnScheme s : new DlnScheme[] {new SvdFrameScheme(), new MatrixEmScheme(), new SingularValueScheme(),
                new GradientFlowScheme(), new ParameterFlowScheme()}) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.newStepper(cmv, DT),
                    s.info().name());
            assertTrue(e.getMessage().contains("TimeChangedStepper"), e.getMessage());
            assertTrue(TimeChangedStepper.of(s, cmv, DT) instanceof TimeChangedStepper, s.info().name());
            assertFalse(TimeChangedStepper.of(s, cmv.withMetricScale(MetricScale.M24), DT) instanceof TimeChangedStepper);
        }
        assertThrows(IllegalArgumentException.class, () -> TimeChangedStepper.of(new SvdFrameScheme(), cmv, 0.0));
    }

    /** The adapter adds no allocation to advanceTo (svd-frame's stepper allocates nothing either). */
    @Test
    void advanceToAllocatesNothing() {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean hot) || !hot.isThreadAllocatedMemorySupported()) {
            return;
        }
        hot.setThreadAllocatedMemoryEnabled(true);
        final DlnModel cmv = model(new ConfiningEnergy(1.0), new DlnInitial.Matrix(X0), MetricScale.CMV);
        final DlnStepper s = TimeChangedStepper.of(new SvdFrameScheme(), cmv, DT);
        final RandomStream r = Streams.of(SEED, 0);
        final DMatrixRMaj x = new DMatrixRMaj(D, D);
        cmv.initialMatrix(r, x);
        assertEquals(Status.OK, s.reset(x, r));
        // rounds of 100 steps until one allocates nothing: the first ones run before the JIT has
        // compiled the kernels (svd-frame's SIMD kernel allocates every vector until C2 has
        // compiled it, which takes up to a few seconds on a busy machine)
        final long tid = Thread.currentThread().getId();
        final long start = System.nanoTime();
        double t = 0;
        long fewest = Long.MAX_VALUE;
        int rounds = 0;
        while (fewest > 0 && rounds < 5000 && System.nanoTime() - start < 60_000_000_000L) {
            final long before = hot.getThreadAllocatedBytes(tid);
            for (int k = 0; k < 20; k++) {
                t += 0.05;
                s.advanceTo(t, r);
            }
            fewest = Math.min(fewest, hot.getThreadAllocatedBytes(tid) - before);
            rounds++;
        }
        assertEquals(0, fewest, "fewest bytes allocated by 100 CMV steps in " + rounds + " rounds");
    }
}
