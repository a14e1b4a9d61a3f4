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
    // scheme diagnostics summed over the chunk's trajectories; −1 where the scheme has none
    long reorders = -1;
    long reflections = -1;
    long biasedRegimeSteps = -1;

    ChunkSummary() {
    }

    /** a + b for counts where −1 means "not counted by this scheme". */
    static long addCount(long a, long b) {
        if (b < 0) {
            return a;
        }
        return a < 0 ? b : a + b;
    }

    /** Adds {@code other} (the next chunk in order) into this one. */
    void combine(ChunkSummary other) {
        estimator.combine(other.estimator);
        for (int i = 0; i < statusCounts.length; i++) {
            statusCounts[i] += other.statusCounts[i];
        }
        steps += other.steps;
        rejected += other.rejected;
        reorders = addCount(reorders, other.reorders);
        reflections = addCount(reflections, other.reflections);
        biasedRegimeSteps = addCount(biasedRegimeSteps, other.biasedRegimeSteps);
    }
}
