package dlmc.core.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.energy.RegressionEnergy;
import dlmc.core.estimate.EnsembleEstimator;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import dlmc.core.random.RandomStream;
import dlmc.core.run.DlnSimulator;
import dlmc.core.run.Observation;
import dlmc.core.run.ObservationSink;
import dlmc.core.run.SaveGrid;
import dlmc.core.run.TrajectoryResult;
import dlmc.core.run.TrajectoryRunner;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deterministic DLN flows through the engine's loop: {@link DlnSimulator} driven by
 * {@link TrajectoryRunner} over a save grid, one trajectory, with a Ginibre start drawn from the
 * trajectory's stream; and the no-allocation contract of {@code advanceTo}.
 */
class DeterministicFlowRunTest {
    private static final int D = 3;
    private static final int N = 3;
    private static final double DT = 1e-3;
    private static final SaveGrid GRID = SaveGrid.every(0.25, 2.0);

    /** Copies every observation (the runner reuses its Observation). */
    private static final class RecordingSink implements ObservationSink {
        final List<Observation> snapshots = new ArrayList<>();
        TrajectoryResult result;

        @Override
        public void snapshot(long trajectoryId, int timeIndex, Observation obs) {
            final Observation c = new Observation(obs.length());
            System.arraycopy(obs.spectrum, 0, c.spectrum, 0, obs.length());
            c.t = obs.t;
            c.entropy = obs.entropy;
            c.energy = obs.energy;
            c.freeEnergy = obs.freeEnergy;
            c.orthogonalityResidual = obs.orthogonalityResidual;
            c.balanceResidual = obs.balanceResidual;
            c.status = obs.status;
            snapshots.add(c);
        }

        @Override
        public void trajectory(TrajectoryResult r) {
            result = r;
        }
    }

    private static DlnModel model() {
        final DMatrixRMaj Phi = FlowFixtures.gaussian(D, 1.0, FlowFixtures.stream(31));
        // β = 2: the free-energy column is E − S/2; the flows themselves ignore β, κ, entropy
        return new DlnModel(D, N, 2.0, 1.0, true, new RegressionEnergy(Phi), new DlnInitial.Ginibre(1.0));
    }

    private static RecordingSink runOne(DlnScheme scheme, long id) {
        final RecordingSink sink = new RecordingSink();
        new TrajectoryRunner(new FlowFixtures.Spec(model(), scheme, DT), GRID, FlowFixtures.FIXTURE_SEED).run(id, sink);
        return sink;
    }

    @ParameterizedTest
    @ValueSource(strings = {GradientFlowScheme.NAME, ParameterFlowScheme.NAME})
    void oneTrajectoryThroughTheRunner(String name) {
        final DlnScheme scheme = name.equals(GradientFlowScheme.NAME) ? new GradientFlowScheme() : new ParameterFlowScheme();
        final RecordingSink sink = runOne(scheme, 5);
        assertEquals(Status.OK, sink.result.status());
        assertEquals(GRID.size(), sink.snapshots.size());
        assertEquals(GRID.end(), sink.result.tReached(), 0.0);
        assertEquals(Math.round(GRID.end() / DT), sink.result.steps());
        double previousEnergy = Double.POSITIVE_INFINITY;
        for (int k = 0; k < GRID.size(); k++) {
            final Observation o = sink.snapshots.get(k);
            assertEquals(GRID.time(k), o.t, 0.0);
            assertEquals(Status.OK, o.status);
            for (int i = 0; i < D; i++) {
                assertTrue(Double.isFinite(o.spectrum[i]) && o.spectrum[i] > 0, "sigma_" + (i + 1));
                if (i > 0) {
                    assertTrue(o.spectrum[i] <= o.spectrum[i - 1], "singular values descending at t = " + o.t);
                }
            }
            assertTrue(Double.isFinite(o.entropy) && Double.isFinite(o.energy) && Double.isFinite(o.freeEnergy));
            assertEquals(o.energy - o.entropy / 2.0, o.freeEnergy, 1e-12 * (1 + Math.abs(o.freeEnergy)));
            assertTrue(o.energy <= previousEnergy, "energy non-increasing over saves (O7)");
            previousEnergy = o.energy;
            assertTrue(Double.isNaN(o.orthogonalityResidual));
            if (scheme instanceof GradientFlowScheme) {
                assertTrue(Double.isNaN(o.balanceResidual));
            } else {
                // balanced start, drift O(h⁴) (observed, not enforced)
                assertTrue(o.balanceResidual <= 1e-9, "balance residual " + o.balanceResidual);
            }
        }
    }

    /** Both flows through the runner: the same spectra (O6) and the same start (same stream draws). */
    @Test
    void bothFlowsAgreeThroughTheRunner() {
        final RecordingSink g = runOne(new GradientFlowScheme(), 9);
        final RecordingSink p = runOne(new ParameterFlowScheme(), 9);
        final RecordingSink other = runOne(new GradientFlowScheme(), 10);
        for (int k = 0; k < GRID.size(); k++) {
            for (int i = 0; i < D; i++) {
                // O6 tolerance of ParameterFlowSchemeTest (O(h⁴) gap between two discretisations)
                assertEquals(g.snapshots.get(k).spectrum[i], p.snapshots.get(k).spectrum[i], 1e-9);
            }
        }
        assertTrue(g.snapshots.get(0).spectrum[0] != other.snapshots.get(0).spectrum[0],
                "another trajectory id draws another Ginibre start");
    }

    /**
     * advanceTo allocates nothing (style.md habit 4), measured with HotSpot's per-thread allocation
     * counter after a warm-up (skipped where the counter is unavailable).
     */
    @ParameterizedTest
    @ValueSource(strings = {GradientFlowScheme.NAME, ParameterFlowScheme.NAME})
    void advanceToAllocatesNothing(String name) {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean hot) || !hot.isThreadAllocatedMemorySupported()) {
            return;
        }
        hot.setThreadAllocatedMemoryEnabled(true);
        final DlnScheme scheme = name.equals(GradientFlowScheme.NAME) ? new GradientFlowScheme() : new ParameterFlowScheme();
        final RandomStream r = FlowFixtures.stream(32);
        final DMatrixRMaj X0 = FlowFixtures.gaussian(D, 1.0, r);
        final DlnModel m = FlowFixtures.regressionModel(D, N, FlowFixtures.gaussian(D, 1.0, r), X0);
        final DlnStepper s = scheme.newStepper(m, DT);
        s.reset(X0, null);
        final DMatrixRMaj X = new DMatrixRMaj(D, D);
        final double[] sigma = new double[D];
        double t = 0;
        for (int k = 0; k < 20; k++) { // warm-up: JIT, lazy class init
            t += 0.05;
            s.advanceTo(t, null);
            s.state(X, sigma);
        }
        final long tid = Thread.currentThread().getId();
        // the fewest bytes of five rounds: code still running interpreted or in C1 (a loaded machine compiles late)
        // allocates what C2's escape analysis removes, once; an allocation per step shows in every round
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < 5 && fewest > 0; round++) {
            final long before = hot.getThreadAllocatedBytes(tid);
            for (int k = 0; k < 20; k++) {
                t += 0.05;
                s.advanceTo(t, null);
            }
            fewest = Math.min(fewest, hot.getThreadAllocatedBytes(tid) - before);
        }
        assertEquals(0, fewest, "bytes allocated by 1000 steps of " + name + " (fewest of five rounds)");
    }
}
