package dlmc.spark.runner;

/**
 * What one ok snapshot contributes to the entropy estimates of its save time (shuffled, keyed by
 * time index): the trajectory id and either the whole spectrum (n ≤ {@code estimates.knn_max_n})
 * or its deterministic eigenvalue subsample ({@link EntropyStage#keep}). Plain class for Kryo.
 */
public final class EntropySample {
    long id;
    double[] values;

    EntropySample() {
    }

    EntropySample(long id, double[] values) {
        this.id = id;
        this.values = values;
    }
}
