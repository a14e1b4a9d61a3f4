package dlmc.core.testing;

import dlmc.core.run.Observation;
import dlmc.core.run.ObservationSink;
import dlmc.core.run.TrajectoryResult;

/** Keeps spectra[trajectory][timeIndex][] for trajectories 0..M−1 (copies, as the contract asks). */
public final class CollectingSink implements ObservationSink {
    public final double[][][] spectra;
    public final TrajectoryResult[] results;

    public CollectingSink(int trajectories, int times) {
        this.spectra = new double[trajectories][times][];
        this.results = new TrajectoryResult[trajectories];
    }

    @Override
    public void snapshot(long trajectoryId, int timeIndex, Observation obs) {
        spectra[(int) trajectoryId][timeIndex] = obs.spectrum.clone();
    }

    @Override
    public void trajectory(TrajectoryResult result) {
        results[(int) result.trajectoryId()] = result;
    }
}
