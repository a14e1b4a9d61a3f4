package dlmc.core.run;

import dlmc.core.random.RandomStream;
import dlmc.core.scheme.Status;

/**
 * One model + scheme pair, ready to integrate trajectories one after another. Created once per
 * task (it owns the workspaces); not thread-safe.
 */
public interface TrajectorySimulator {

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

    /** @return accepted steps since {@link #start}. */
    long steps();

    /** @return rejected steps since {@link #start}. */
    long rejectedSteps();

    /** @return re-ordering steps since {@link #start}, −1 if the scheme does not re-order ({@link dlmc.core.scheme.DlnStepper#reorders}). */
    default long reorders() {
        return -1;
    }

    /** @return steps with a reflection at 0 since {@link #start}, −1 if none can happen ({@link dlmc.core.scheme.DlnStepper#reflections}). */
    default long reflections() {
        return -1;
    }

    /** @return steps in math-spec §6.3's biased region since {@link #start}, −1 if not counted ({@link dlmc.core.scheme.DlnStepper#biasedRegimeSteps}). */
    default long biasedRegimeSteps() {
        return -1;
    }
}
