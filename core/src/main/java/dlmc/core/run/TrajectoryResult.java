package dlmc.core.run;

import dlmc.core.scheme.Status;

/**
 * Summary of one finished (or stopped) trajectory: the {@code trajectories} table row.
 *
 * @param trajectoryId  0 .. M-1
 * @param status        ok, or why it stopped
 * @param steps         accepted steps
 * @param rejectedSteps rejected steps
 * @param tReached      last time the state was valid (t_end when ok)
 * @param snapshots     number of snapshots emitted
 * @param reorders      steps after which the values were re-ordered; −1 if the scheme does not re-order
 * @param reflections   steps with a reflection at 0; −1 if the scheme does not reflect
 * @param biasedRegimeSteps steps in math-spec §6.3's biased region (matrix-em, N ≥ 2); −1 otherwise
 */
public record TrajectoryResult(long trajectoryId, Status status, long steps, long rejectedSteps,
                               double tReached, int snapshots, long reorders, long reflections,
                               long biasedRegimeSteps) {
}
