package dlmc.core.testing;

/**
 * The run seed of statistical tests: {@code -Ddlmc.seed=N} (a long), {@code -Ddlmc.seed=random}
 * (time-based, printed in every failure message), or {@link #DEFAULT} when unset (CI).
 */
public final class TestSeeds {
    /** Fixed CI seed. */
    public static final long DEFAULT = 20260415L;

    private static final long SEED = resolve(System.getProperty("dlmc.seed"));

    private TestSeeds() {
    }

    /** @return the seed of this test JVM (the same for every call). */
    public static long seed() {
        return SEED;
    }

    static long resolve(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        if (value.trim().equals("random")) {
            return System.nanoTime() ^ System.currentTimeMillis() * 0x9E3779B97F4A7C15L;
        }
        return Long.parseLong(value.trim());
    }
}
