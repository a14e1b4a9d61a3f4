package dlmc.core.random;

/**
 * Factory of per-trajectory random streams. This package is the only place in dlmc where a
 * generator is created (style.md, habit 3).
 */
public final class Streams {
    private Streams() {
    }

    /**
     * @param runSeed      the run's seed ({@code ensemble.seed})
     * @param trajectoryId the trajectory id, 0 .. M-1
     * @return a fresh stream keyed by {@code (runSeed, trajectoryId)}, counter at zero
     */
    public static RandomStream of(long runSeed, long trajectoryId) {
        return new RandomStream(runSeed, trajectoryId);
    }
}
