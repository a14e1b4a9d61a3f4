package dlmc.spark.runner;

import dlmc.core.estimate.EnsembleEstimator;
import dlmc.core.scheme.Status;

/**
 * The driver-bound part of a chunk: its accumulators and status counts. Folded on the driver in
 * chunk order, so the merged estimates never depend on partitioning.
 */
public final class ChunkSummary {
    int chunk;
    EnsembleEstimator estimator;
    long[] statusCounts = new long[Status.values().length];
    long steps;
    long rejected;

    ChunkSummary() {
    }

    /** Adds {@code other} (the next chunk in order) into this one. */
    void combine(ChunkSummary other) {
        estimator.combine(other.estimator);
        for (int i = 0; i < statusCounts.length; i++) {
            statusCounts[i] += other.statusCounts[i];
        }
        steps += other.steps;
        rejected += other.rejected;
    }
}
