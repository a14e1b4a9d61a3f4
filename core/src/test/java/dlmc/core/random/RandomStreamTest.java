package dlmc.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.junit.jupiter.api.Test;

/** {@link RandomStream#chi} draws exactly what Commons RNG's gamma sampler draws (deterministic). */
class RandomStreamTest {
    @Test
    void chiIsBitIdenticalToCommonsGammaSampler() {
        final double[] ks = {0.3, 1, 1.5, 1.999, 2, 3, 7.5, 63, 127, 1000};
        for (long id = 0; id < 20; id++) {
            final RandomStream a = Streams.of(7, id);
            final RandomStream b = Streams.of(7, id);
            for (int rep = 0; rep < 200; rep++) {
                for (double k : ks) {
                    final double expected = Math.sqrt(AhrensDieterMarsagliaTsangGammaSampler.of(b.provider(), 0.5 * k, 2.0).sample());
                    assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(a.chi(k)),
                            "k = " + k + ", id = " + id + ", rep = " + rep);
                    // the streams stay aligned for the other draws
                    assertEquals(b.gaussian(), a.gaussian(), 0.0);
                }
            }
        }
    }

    @Test
    void chiRejectsBadDegreesOfFreedom() {
        final RandomStream s = Streams.of(1, 1);
        assertThrows(IllegalArgumentException.class, () -> s.chi(0));
        assertThrows(IllegalArgumentException.class, () -> s.chi(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> s.chi(Double.POSITIVE_INFINITY));
    }
}
