package dlmc.core.scheme;

/**
 * The run seed of the statistical tests: {@code -Ddlmc.seed=<long>} or {@code -Ddlmc.seed=random}
 * (time-based); default {@link #DEFAULT_SEED}. Every statistical assertion prints the seed it
 * used, so a failure can be reproduced with {@code -Ddlmc.seed=<printed value>}.
 */
final class TestSeeds {
    /** CI seed. */
    static final long DEFAULT_SEED = 20_250_611L;

    private TestSeeds() {
    }

    static long seed() {
        final String s = System.getProperty("dlmc.seed");
        if (s == null || s.isBlank()) {
            return DEFAULT_SEED;
        }
        if (s.trim().equalsIgnoreCase("random")) {
            return System.nanoTime() ^ System.currentTimeMillis() * 0x9E3779B97F4A7C15L;
        }
        return Long.parseLong(s.trim());
    }
}
