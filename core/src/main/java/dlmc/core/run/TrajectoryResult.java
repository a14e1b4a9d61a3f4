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
 */
public record TrajectoryResult(long trajectoryId, Status status, long steps, long rejectedSteps,
                               double tReached, int snapshots) {
}
