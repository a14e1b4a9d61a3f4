package dlmc.spark.runner;

/**
 * What one chunk contributes to the entropy estimates of one save time (shuffled, keyed by time
 * index): its ok snapshots at that time, in ascending trajectory id (chunks are disjoint id
 * ranges, so batches sorted by their first id give all samples in id order). Sample k has id
 * {@code ids[k]} and values {@code values[offsets[k] .. offsets[k+1])}: the whole spectrum when
 * the k-NN estimate uses that trajectory ({@link EntropyStage#fullSample}), otherwise only its
 * one-point subsample ({@link EntropyStage#keep}). One object per chunk and time, not per
 * trajectory: a million trajectories shuffle as about a thousand batches. Plain class for Kryo.
 */
public final class EntropySample {
    long[] ids;
    int[] offsets;
    double[] values;

    EntropySample() {
    }

    EntropySample(long[] ids, int[] offsets, double[] values) {
        this.ids = ids;
        this.offsets = offsets;
        this.values = values;
    }

    int size() {
        return ids.length;
    }
}
