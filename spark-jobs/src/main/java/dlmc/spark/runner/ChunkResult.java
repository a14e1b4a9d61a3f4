package dlmc.spark.runner;

/**
 * Everything one chunk of trajectories produced, in columnar arrays (Kryo-friendly plain class,
 * no records: stack.md pitfall 1). Lives in Spark's block store between the write stages.
 */
public final class ChunkResult {
    int chunk;
    int n;
    // snapshots table, one entry per (trajectory, save time)
    int snapshotCount;
    long[] snapId;
    int[] snapTimeIndex;
    double[] snapT;
    double[] spectra; // snapshotCount * n, row-major
    double[] entropy;
    double[] energy;
    byte[] snapStatus;
    double[] freeEnergy;
    double[] orthogonality;
    double[] balance;
    // trajectories table
    int trajectoryCount;
    long[] trajId;
    byte[] trajStatus;
    long[] steps;
    long[] rejected;
    double[] tReached;
    int[] snapshotsEmitted;
    // scheme diagnostics, −1 where the scheme has none (TrajectoryResult): written as null
    long[] reorders;
    long[] reflections;
    long[] biasedRegimeSteps;
    // entropy samples of the ok snapshots (EntropyStage), one per (trajectory, save time), when
    // estimates.entropy is on: ids, time indices and values[offset[k], offset[k + 1])
    int entropyCount;
    long[] entropyId;
    int[] entropyTimeIndex;
    int[] entropyOffset;
    double[] entropyValues;
    // ensemble estimates of this chunk
    ChunkSummary summary;

    ChunkResult() {
    }
}
