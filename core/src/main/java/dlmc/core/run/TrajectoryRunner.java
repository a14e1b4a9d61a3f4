package dlmc.core.run;

import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.scheme.Status;

/**
 * The loop: for one trajectory id, start, then advance to each save time and observe. A
 * trajectory that fails is recorded with its status; its snapshots after the failure are not
 * emitted (the last snapshot carries the failing status, with the spectrum at failure). Not
 * thread-safe: one runner per task.
 */
public final class TrajectoryRunner {
    private final TrajectorySimulator simulator;
    private final SaveGrid grid;
    private final long seed;
    private final Observation obs;
    private final RandomStream stream;

    public TrajectoryRunner(SimulationSpec spec, SaveGrid grid, long seed) {
        this.simulator = spec.newSimulator();
        this.grid = grid;
        this.seed = seed;
        this.obs = new Observation(simulator.spectrumLength());
        this.stream = Streams.of(seed, 0);
    }

    /** Runs trajectory {@code id} and reports to {@code sink}. */
    public TrajectoryResult run(long id, ObservationSink sink) {
        stream.reset(seed, id);
        Status status = simulator.start(stream);
        double tReached = 0;
        int emitted = 0;
        for (int k = 0; k < grid.size(); k++) {
            final double t = grid.time(k);
            if (k > 0 && status.isOk()) {
                status = simulator.advanceTo(t, stream);
            }
            simulator.observe(obs);
            if (status.isOk() && !allFinite(obs)) {
                status = Status.NON_FINITE;
            }
            obs.t = t;
            obs.status = status;
            sink.snapshot(id, k, obs);
            emitted++;
            if (!status.isOk()) {
                break;
            }
            tReached = t;
        }
        TrajectoryResult r = new TrajectoryResult(id, status, simulator.steps(), simulator.rejectedSteps(),
                tReached, emitted, simulator.reorders(), simulator.reflections(), simulator.biasedRegimeSteps());
        sink.trajectory(r);
        return r;
    }

    private static boolean allFinite(Observation o) {
        for (double v : o.spectrum) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
