package dlmc.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.core.source64.Philox4x64;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

/** {@link PhiloxSource} and {@link RandomStream} reproduce Commons RNG's Philox4x64 exactly (deterministic). */
class PhiloxSourceTest {
    private static final long[][] KEYS = {{0, 0}, {1, 0}, {1, 1}, {-1, -1}, {0x9E3779B97F4A7C15L, 42}, {123456789, 1L << 62}};

    @Test
    void longsMatchCommonsPhilox() {
        for (long[] k : KEYS) {
            final Philox4x64 ref = new Philox4x64(new long[] {k[0], k[1], 0, 0, 0, 0});
            final PhiloxSource src = new PhiloxSource(k[0], k[1]);
            for (int i = 0; i < 20_000; i++) {
                assertEquals(ref.nextLong(), src.nextLong(), "key " + k[0] + "," + k[1] + " draw " + i);
            }
            // derived draws share the LongProvider logic (nextInt caches half a long)
            for (int i = 0; i < 1000; i++) {
                assertEquals(ref.nextInt(), src.nextInt());
                assertEquals(ref.nextDouble(), src.nextDouble(), 0.0);
                assertEquals(ref.nextBoolean(), src.nextBoolean());
            }
            // re-keying gives the fresh sequence of the new key
            src.rekey(k[1], k[0]);
            final Philox4x64 ref2 = new Philox4x64(new long[] {k[1], k[0], 0, 0, 0, 0});
            for (int i = 0; i < 1000; i++) {
                assertEquals(ref2.nextLong(), src.nextLong());
            }
        }
    }

    @Test
    void streamGaussiansMatchCommonsAfterReset() {
        final RandomStream s = Streams.of(5, 0);
        for (long id = 0; id < 50; id++) {
            s.reset(5, id);
            s.uniform(); // leave some sub-word state behind before the next reset
            s.reset(5, id);
            final Philox4x64 ref = new Philox4x64(new long[] {5, id, 0, 0, 0, 0});
            final ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(ref);
            for (int i = 0; i < 2000; i++) {
                assertEquals(g.sample(), s.gaussian(), 0.0, "id " + id + " draw " + i);
            }
            assertEquals(ref.nextDouble(), s.uniform(), 0.0);
        }
    }
}
