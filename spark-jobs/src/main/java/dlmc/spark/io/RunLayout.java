package dlmc.spark.io;

/** Names inside a run directory {@code <out>/<name>/<run_id>/} (interface.md §3). */
public final class RunLayout {
    public static final String SNAPSHOTS = "snapshots";
    public static final String ESTIMATES = "estimates";
    public static final String TRAJECTORIES = "trajectories";
    public static final String MANIFEST = "manifest.json";
    public static final String SUCCESS = "_SUCCESS";
    /** Chunk checkpoints of a run in progress (deleted on completion; kept for --resume). */
    public static final String CHUNKS = "_chunks";
    /** The effective experiment of a run in progress, compared on --resume. */
    public static final String CHUNKS_CONFIG = "config.yaml";

    private RunLayout() {
    }
}
