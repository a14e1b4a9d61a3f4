package dlmc.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.run.Observation;
import dlmc.core.run.ObservationSink;
import dlmc.core.run.SaveGrid;
import dlmc.core.run.SimulationSpec;
import dlmc.core.run.TrajectoryResult;
import dlmc.core.run.TrajectoryRunner;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Runs trajectories {@code firstId .. firstId + m − 1} of a spec through {@link TrajectoryRunner}
 * (one runner per thread; each trajectory depends only on (seed, id), so the result does not
 * depend on the parallel schedule) and keeps the spectrum at the last save time.
 */
public final class EnsembleSampler {
    private EnsembleSampler() {
    }

    /**
     * @return spectra[k] = the ascending spectrum of trajectory firstId + k at {@code grid.end()}
     * @throws AssertionError naming the seed, the id and the status if any trajectory fails
     */
    public static double[][] finalSpectra(SimulationSpec spec, SaveGrid grid, long seed, long firstId, int m) {
        final double[][] out = new double[m][];
        final int last = grid.size() - 1;
        final AtomicReference<TrajectoryResult> failure = new AtomicReference<>();
        final ThreadLocal<TrajectoryRunner> runners = ThreadLocal.withInitial(() -> new TrajectoryRunner(spec, grid, seed));
        IntStream.range(0, m).parallel().forEach(k -> runners.get().run(firstId + k, new ObservationSink() {
            @Override
            public void snapshot(long trajectoryId, int timeIndex, Observation obs) {
                if (timeIndex == last) {
                    out[k] = obs.spectrum.clone();
                }
            }

            @Override
            public void trajectory(TrajectoryResult result) {
                if (!result.status().isOk()) {
                    failure.compareAndSet(null, result);
                }
            }
        }));
        assertTrue(failure.get() == null, () -> "trajectory failed: " + failure.get() + " in " + spec + ", seed = "
                + seed);
        return out;
    }
}
