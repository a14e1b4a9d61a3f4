package dlmc.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The edit distance and the "did you mean" choice behind the configuration errors. */
class SpellingTest {

    @Test
    void distanceCountsASwapAsOneEdit() {
        assertEquals(0, Spelling.distance("time", "time"));
        assertEquals(1, Spelling.distance("tiem", "time"));
        assertEquals(1, Spelling.distance("normalisation", "normalization"));
        assertEquals(2, Spelling.distance("gbe", "g"));
        assertEquals(4, Spelling.distance("", "auto"));
    }

    @Test
    void valueSuggestionIsTheUniqueNearMiss() {
        assertEquals("svd-frame", Spelling.closestValue("svd_frame", List.of("svd-frame", "matrix-em")));
        assertEquals("d2", Spelling.closestValue("D2", List.of("d1", "d2", "ou")));
        assertNull(Spelling.closestValue("d7", List.of("d1", "d2", "ou")), "tie between d1 and d2");
        assertNull(Spelling.closestValue("runge-kutta", List.of("exact", "euler-maruyama", "implicit")));
    }

    @Test
    void keySuggestionAllowsMoreEditsForLongerKeys() {
        assertEquals("seed", Spelling.closestKey("sed", List.of("trajectories", "seed", "partitions")));
        assertEquals("density_entropy_max_values",
                Spelling.closestKey("density_entropy_maxvalue", List.of("entropy", "density_entropy_max_values")));
        assertNull(Spelling.closestKey("colour", List.of("type", "beta", "n")));
        assertNull(Spelling.oneEditFrom("dt", List.of("n", "beta")));
    }
}
