package dlmc.spark.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The --resume mismatch message names the keys that differ, with both values. */
class ConfigDifferencesTest {
    @Test
    void namesTheDifferingKeysInOrder() {
        String before = "name: x\nmodel: {type: dyson, n: 8, beta: 2}\nensemble: {trajectories: 100000, seed: 1}\n";
        assertEquals("ensemble.trajectories was 100000, is now 2000",
                RunJob.configDifferences(before, before.replace("100000", "2000")));
        assertEquals("ensemble.seed was 1, is now 2; model.beta was 2, is now 4",
                RunJob.configDifferences(before, before.replace("seed: 1", "seed: 2").replace("beta: 2", "beta: 4")));
        assertEquals("ensemble.chunk_size was absent, is now 10",
                RunJob.configDifferences(before, before.replace("seed: 1}", "seed: 1, chunk_size: 10}")));
        assertEquals("a was 1, is now 2; b was 1, is now 2; c was 1, is now 2; and 1 more",
                RunJob.configDifferences("{a: 1, b: 1, c: 1, d: 1}", "{a: 2, b: 2, c: 2, d: 2}"));
        assertEquals("the same keys and values, written differently", RunJob.configDifferences("{a: 1}", "a: 1\n"));
    }
}
