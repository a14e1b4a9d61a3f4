package dlmc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.theory.GbeEntropy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entropy rows of the estimates table (RunJob stage 3b): present with the exact GβE theory
 * for a GOE zero start, within tolerance of it, computed after a shuffle (a stage with shuffle
 * writes whose name is the keyed flatMapToPair), and validated configuration.
 */
class EntropyEstimatesTest {
    @BeforeAll
    static void spark() {
        SparkTestSession.get();
    }

    /**
     * GOE (β = 1), n = 3, D1 from zero, exact matrix scheme, M = 2000 trajectories, saves at
     * t = 0, 0.5, 1. At t = 1 the spectrum is the GOE D1 law (R = 2 sqrt(3)): the k-NN estimate
     * must be within 0.03 (bias allowance: the measured n = 3 bias was −0.006 to −0.015 at
     * M = 10⁴, −0.014 to −0.024 at M = 10⁴ with 5 runs; dlmc/estimates.md) + 4.9 × 1.25 s.e. (s.e.
     * inflated for its measured calibration); false-failure ≤ 1e-6 for the z part.
     * The one-point estimate has no exact theory for β = 1, n = 3 (theory NaN).
     * 20 chunks of 100 in 8 partitions (the auto size would make 250 chunks of 8, each with its
     * checkpoint file: about 1.5 s more per run, nothing more checked).
     */
    @Test
    void goeZeroStartRowsMatchTheory(@TempDir Path out) throws Exception {
        List<String> stages = Collections.synchronizedList(new ArrayList<>());
        SparkListener listener = new SparkListener() {
            @Override
            public void onStageCompleted(SparkListenerStageCompleted e) {
                if (e.stageInfo().taskMetrics().shuffleWriteMetrics().bytesWritten() > 0) {
                    stages.add(e.stageInfo().name());
                }
            }
        };
        SparkTestSession.get().sparkContext().addSparkListener(listener);
        try {
            ConfigErrorsTest.Result r = ConfigErrorsTest.run("run",
                    RunJobTest.ROOT.resolve("conf/experiments/goe-d1.yaml").toString(), "--out", out.toString(),
                    "--trajectories", "2000", "--set", "model.n=3", "--set", "observe.snapshots=false", "--set", "time.save_every=0.5",
                    "--set", "ensemble.chunk_size=100", "--run-id", "h", "--quiet");
            assertEquals(0, r.code(), r.err());
        } finally {
            SparkTestSession.get().sparkContext().listenerBus().waitUntilEmpty();
            SparkTestSession.get().sparkContext().removeSparkListener(listener);
        }
        assertTrue(stages.stream().anyMatch(s -> s.contains("flatMapToPair")), "shuffle-writing stages: " + stages);

        Path run = out.resolve("goe-d1/h");
        String q = "SELECT time_index, quantity, value, std_error, count, theory FROM "
                + ParquetReader.table(run, "estimates")
                + " WHERE quantity IN ('spectrum_entropy_knn', 'spectral_density_entropy') ORDER BY 1, 2";
        List<String> rows = ParquetReader.rows(q);
        assertEquals(6, rows.size(), rows.toString());
        // t = 0 from zero: a point mass, entropy −∞ and theory −∞ for the joint law
        assertTrue(rows.get(1).startsWith("0|spectrum_entropy_knn|-Infinity"), rows.toString());
        final double exact = GbeEntropy.orderedOfRadius(3, 1.0, 2 * Math.sqrt(3));
        String[] last = rows.get(5).split("\\|");
        assertEquals("spectrum_entropy_knn", last[1]);
        assertEquals(2000, Long.parseLong(last[4]));
        assertEquals(exact, Double.parseDouble(last[5]), 1e-12);
        final double value = Double.parseDouble(last[2]);
        final double se = Double.parseDouble(last[3]);
        assertTrue(Math.abs(value - exact) <= 0.03 + 4.9 * 1.25 * se, "knn " + value + " ± " + se + " vs " + exact);
        String[] density = rows.get(4).split("\\|");
        assertEquals("spectral_density_entropy", density[1]);
        assertEquals("NULL", density[5].toUpperCase(java.util.Locale.ROOT));
    }

    @Test
    void knnCapIsValidated(@TempDir Path out) {
        ConfigErrorsTest.Result r = ConfigErrorsTest.run("run",
                RunJobTest.ROOT.resolve("conf/experiments/goe-d1.yaml").toString(), "--out", out.toString(),
                "--trajectories", "4", "--set", "estimates.knn_max_n=99", "--run-id", "bad", "--quiet");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("estimates.knn_max_n"), r.err());
    }

    /** estimates.knn_max_points: M = 2000, cap 150 → stride 14 → ids 0, 14, …, 1988: 143 points. */
    @Test
    void knnUsesAtMostKnnMaxPointsTrajectories(@TempDir Path out) throws Exception {
        ConfigErrorsTest.Result r = ConfigErrorsTest.run("run",
                RunJobTest.ROOT.resolve("conf/experiments/goe-d1.yaml").toString(), "--out", out.toString(),
                "--trajectories", "2000", "--set", "model.n=3", "--set", "observe.snapshots=false",
                "--set", "estimates.knn_max_points=150", "--set", "ensemble.chunk_size=500", "--run-id", "c", "--quiet");
        assertEquals(0, r.code(), r.err());
        List<String> rows = ParquetReader.rows("SELECT count FROM " + ParquetReader.table(out.resolve("goe-d1/c"), "estimates")
                + " WHERE quantity = 'spectrum_entropy_knn' ORDER BY time_index");
        assertFalse(rows.isEmpty());
        for (String c : rows) {
            assertEquals(143, Long.parseLong(c), rows.toString());
        }
        ConfigErrorsTest.Result bad = ConfigErrorsTest.run("run",
                RunJobTest.ROOT.resolve("conf/experiments/goe-d1.yaml").toString(), "--out", out.toString(),
                "--trajectories", "4", "--set", "estimates.knn_max_points=5", "--run-id", "bad", "--quiet");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("estimates.knn_max_points"), bad.err());
    }
}
