package dlmc.core.run;

/** Receives the snapshots and the final summary of trajectories. */
public interface ObservationSink {

    /**
     * One snapshot. {@code obs} is reused by the caller after return: copy what you keep.
     *
     * @param timeIndex index into the save grid
     */
    void snapshot(long trajectoryId, int timeIndex, Observation obs);

    /** The end of one trajectory. */
    void trajectory(TrajectoryResult result);
}
