package dlmc.core.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.energy.ConfiningEnergy;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import dlmc.core.run.DlnSimulator;
import dlmc.core.run.Observation;
import dlmc.core.run.ObservationSink;
import dlmc.core.run.SaveGrid;
import dlmc.core.run.TrajectoryResult;
import dlmc.core.run.TrajectoryRunner;
import dlmc.core.testing.TestSeeds;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The divergence guard of {@link DlnSimulator} (found by the failure audit): an explicit step far too long for a
 * stiff confining energy grows the state geometrically; before it overflows its finite snapshots were counted ok
 * (σ_1 ≈ 4e44 at t = 0.25 for matrix-em), and the RK4 gradient flow called the runaway rank_deficient (σ_d/σ_1
 * tiny). Each such path now stops as {@link Status#DIVERGED}, and no ok snapshot lies beyond the bound; the same
 * models at a stable Δt never trip it.
 */
class DivergenceGuardTest {
    private static final SaveGrid GRID = SaveGrid.every(0.25, 1.0);

    /** Final statuses of 16 trajectories; asserts that every ok snapshot is within the bound. */
    private static Map<Status, Integer> run(DlnModel model, DlnScheme scheme, double dt, double scale) {
        final Map<Status, Integer> counts = new EnumMap<>(Status.class);
        final double bound = DlnSimulator.DIVERGENCE_FACTOR * scale;
        final TrajectoryRunner runner = new TrajectoryRunner(new FlowFixtures.Spec(model, scheme, dt), GRID, TestSeeds.seed());
        for (long id = 0; id < 16; id++) {
            final long tid = id;
            final TrajectoryResult r = runner.run(id, new ObservationSink() {
                @Override
                public void snapshot(long trajectoryId, int timeIndex, Observation obs) {
                    if (obs.status == Status.OK) {
                        assertTrue(obs.spectrum[0] <= bound, "ok snapshot beyond the bound: sigma_1 = " + obs.spectrum[0]
                                + " at t = " + obs.t + ", trajectory " + tid + ", seed " + TestSeeds.seed());
                    }
                }

                @Override
                public void trajectory(TrajectoryResult result) {
                }
            });
            counts.merge(r.status(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void matrixEmWithATooLongStepDiverges() {
        // d = 3, N = 3, α = 50, Δt = 0.05: the drift step multiplies σ by about 1 − N α σ^{4/3} Δt ≈ −6.5
        final DlnModel stiff = new DlnModel(3, 3, 2.0, 1.0, true, new ConfiningEnergy(50), new DlnInitial.Identity(1.0));
        final Map<Status, Integer> counts = run(stiff, new MatrixEmScheme(), 0.05, Math.sqrt(3));
        assertEquals(null, counts.get(Status.OK), counts + " seed " + TestSeeds.seed());
        assertTrue(counts.getOrDefault(Status.DIVERGED, 0) > 0, counts + " seed " + TestSeeds.seed());
        // the same model at a stable step: nothing diverges
        final Map<Status, Integer> stable = run(stiff, new MatrixEmScheme(), 1e-4, Math.sqrt(3));
        assertEquals(null, stable.get(Status.DIVERGED), stable.toString());
    }

    @Test
    void gradientFlowRunawayIsNotCalledRankDeficient() {
        // Ginibre scale 1.6 (σ_1 up to ≈ 5), α = 1, RK4 at Δt = 0.1: the larger starts run away
        final DlnModel model = new DlnModel(3, 3, 2.0, 1.0, true, new ConfiningEnergy(1), new DlnInitial.Ginibre(1.6));
        final Map<Status, Integer> counts = run(model, new GradientFlowScheme(), 0.1, 1.6 * 3 * 1.5);
        assertEquals(null, counts.get(Status.RANK_DEFICIENT), counts + " seed " + TestSeeds.seed());
        assertTrue(counts.getOrDefault(Status.DIVERGED, 0) > 0, counts + " seed " + TestSeeds.seed());
        assertNotEquals(null, counts.get(Status.OK), counts.toString());
    }
}
