package dlmc.core.scheme;

import dlmc.core.random.RandomStream;

/**
 * Advances one Dyson trajectory between save times. Created once per task by a
 * {@link DysonScheme}; holds all workspaces, so {@link #advanceTo} allocates nothing.
 * Not thread-safe.
 */
public interface DysonStepper {

    /**
     * Starts a trajectory at t = 0 from the given spectrum.
     *
     * @param spectrum0 ascending eigenvalues, length n. Not modified.
     */
    void reset(double[] spectrum0);

    /**
     * Advances the state from the current time to {@code tTo} (> current time), drawing only
     * from {@code stream}. On failure the state is left as it was at the failure and the status
     * returned; the caller stops the trajectory.
     */
    Status advanceTo(double tTo, RandomStream stream);

    /**
     * Writes the current eigenvalues, ascending, into {@code out} (length n).
     * For matrix schemes this is where the eigen-decomposition happens.
     *
     * @param out Modified.
     */
    void spectrum(double[] out);

    /** @return accepted steps since {@link #reset}. */
    long steps();

    /** @return rejected (halved) steps since {@link #reset}. */
    long rejectedSteps();
}
