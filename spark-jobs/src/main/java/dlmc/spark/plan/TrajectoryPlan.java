package dlmc.spark.plan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts trajectory ids [0, M) into contiguous chunks. The chunking depends only on M and the
 * configured chunk size, never on partitions or executors; chunks are the unit of work, of
 * deterministic aggregation (estimates are folded in chunk order) and, later, of resume.
 * Knows nothing of randomness.
 */
public final class TrajectoryPlan implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Upper bound of the automatic chunk size. */
    public static final int MAX_AUTO_CHUNK = 1024;
    /** Target number of chunks for the automatic chunk size. */
    public static final int TARGET_CHUNKS = 256;
    /**
     * Most chunks a run may have. The driver holds the list of chunk ids and the set of finished
     * checkpoints (one file per chunk under {@code _chunks/}): about 50 bytes per chunk, ~100 MB
     * here. More chunks ran out of heap (2^40 trajectories in auto chunks of 1024: 2^30 chunk ids,
     * OutOfMemoryError). With the largest {@code ensemble.chunk_size} (10^6) the largest ensemble
     * (2^40) fits.
     */
    public static final int MAX_CHUNKS = 1 << 21;

    private final long trajectories;
    private final int chunkSize;
    private final int chunks;

    /**
     * @param trajectories M ≥ 1
     * @param chunkSize    trajectories per chunk, or 0 for automatic:
     *                     clamp(ceil(M / 256), 1, 1024)
     */
    public TrajectoryPlan(long trajectories, int chunkSize) {
        this.trajectories = trajectories;
        int c = effectiveChunkSize(trajectories, chunkSize);
        this.chunkSize = c;
        long k = chunks(trajectories, c);
        if (k > MAX_CHUNKS) {
            throw new IllegalArgumentException("too many chunks: " + k + " (at most " + MAX_CHUNKS
                    + "); raise ensemble.chunk_size");
        }
        this.chunks = (int) k;
    }

    /** @return the chunk size used for M trajectories: {@code chunkSize}, or for 0 (auto) clamp(ceil(M / 256), 1, 1024) */
    public static int effectiveChunkSize(long trajectories, int chunkSize) {
        return chunkSize > 0 ? chunkSize
                : (int) Math.max(1, Math.min(MAX_AUTO_CHUNK, (trajectories + TARGET_CHUNKS - 1) / TARGET_CHUNKS));
    }

    /** @return ceil(M / chunkSize), the number of chunks of M trajectories (chunkSize ≥ 1) */
    public static long chunks(long trajectories, int chunkSize) {
        return (trajectories + chunkSize - 1) / chunkSize;
    }

    public long trajectories() {
        return trajectories;
    }

    public int chunkSize() {
        return chunkSize;
    }

    public int chunks() {
        return chunks;
    }

    /** @return the first trajectory id of chunk {@code c}. */
    public long first(int c) {
        return (long) c * chunkSize;
    }

    /** @return the number of trajectories in chunk {@code c}. */
    public int size(int c) {
        return (int) Math.min(chunkSize, trajectories - first(c));
    }

    /** @return chunk ids 0 .. chunks-1 in order. */
    public List<Integer> chunkIds() {
        List<Integer> ids = new ArrayList<>(chunks);
        for (int i = 0; i < chunks; i++) {
            ids.add(i);
        }
        return ids;
    }

    /**
     * @param requested the configured partitions (0 = auto)
     * @param parallelism Spark's default parallelism
     * @return min(chunks, requested) or, for auto, min(chunks, 4 × parallelism)
     */
    public int partitions(int requested, int parallelism) {
        int p = requested > 0 ? requested : 4 * Math.max(1, parallelism);
        return Math.max(1, Math.min(chunks, p));
    }
}
