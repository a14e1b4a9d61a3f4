package dlmc.core.run;

import dlmc.core.random.RandomStream;
import dlmc.core.scheme.Status;
import dlmc.core.scheme.StepCounts;

/**
 * One model + scheme pair, ready to integrate trajectories one after another. Created once per
 * task (it owns the workspaces); not thread-safe. Its {@link StepCounts} count from {@link #start}.
 */
public interface TrajectorySimulator extends StepCounts {

    /** @return the length of the observed spectrum. */
    int spectrumLength();

    /**
     * Draws the initial state at t = 0 from {@code stream} (its first draws).
     *
     * @return OK, or why the initial state is not admissible (the runner records it as the
     *         trajectory's status after observing the initial state)
     */
    Status start(RandomStream stream);

    /** Advances to {@code t} (> current time). */
    Status advanceTo(double t, RandomStream stream);

    /**
     * Fills {@code out} with the observables of the current state ({@code out.t} and
     * {@code out.status} are set by the runner).
     */
    void observe(Observation out);
}
