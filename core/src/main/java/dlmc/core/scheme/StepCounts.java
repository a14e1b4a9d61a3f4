package dlmc.core.scheme;

/**
 * Per-trajectory step counters, the same for a scheme's stepper ({@link DlnStepper}) and for the
 * simulator that runs it ({@link dlmc.core.run.TrajectorySimulator}); the trajectories table
 * records them (data/README.md). Counted since the trajectory started.
 */
public interface StepCounts {

    /** @return accepted steps. */
    long steps();

    /** @return rejected steps. */
    long rejectedSteps();

    /**
     * @return accepted steps after which the singular values had to be re-ordered (math-spec §6.4
     *         step 6; a re-sort in §6.1's sense, counted as §6.1 asks), or −1 if the scheme does
     *         not re-order
     */
    default long reorders() {
        return -1;
    }

    /**
     * @return accepted steps at which a singular value was reflected at 0 (math-spec §6.4 step 5,
     *         §6.5), or −1 if the scheme does not reflect
     */
    default long reflections() {
        return -1;
    }

    /**
     * @return accepted steps taken from a state with λ_min &lt; (λ_1^{2N−4}·h)^{1/4}, h the step:
     *         the region near rank deficiency where math-spec §6.3 finds the matrix
     *         Euler–Maruyama scheme biased; −1 for other schemes and for depth 1
     */
    default long biasedRegimeSteps() {
        return -1;
    }
}
