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
    /**
     * Bias of spectrum_entropy_knn for the ordered GOE spectrum at n = 3, M = 2000, k = 4, measured
     * over 1000 independent ensembles of exact samples ({@code dlmc.bench.KnnBias 3 1 2000 1000}):
     * −0.0113 ± 0.0010 (β = 2: −0.0235, β = 4: −0.0301; at M = 10⁴, β = 1: −0.0064 ± 0.0010);
     * 0.015 ≥ 0.0113 + 3 × 0.0010.
     */
    static final double KNN_ALLOWANCE = 0.015;
    /**
     * Spread of the estimate over those 1000 ensembles / its mean reported s.e.: 1.154 (relative
     * uncertainty ≈ 1/sqrt(2000) = 2.2 %); 1.25 ≥ 1.154 × (1 + 3 × 0.022).
     */
    static final double KNN_SE_FACTOR = 1.25;

    @BeforeAll
    static void spark() {
        SparkTestSession.get();
    }

    /**
     * GOE (β = 1), n = 3, D1 from zero, exact matrix scheme, M = 2000 trajectories, saves at
     * t = 0, 0.5, 1. At t = 1 the spectrum is the GOE D1 law (R = 2 sqrt(3)): the k-NN estimate
     * must be within {@link #KNN_ALLOWANCE} + 3.29 × {@link #KNN_SE_FACTOR} s.e. of the exact
     * entropy (two-sided z-test, false-failure probability ≤ 1e-3 at the experiment's seed 42, with
     * the bias allowance and the s.e. factor measured at this n, β and M).
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
        final double tolerance = KNN_ALLOWANCE + 3.29 * KNN_SE_FACTOR * se;
        assertTrue(Math.abs(value - exact) <= tolerance, "spectrum_entropy_knn at t = 1: " + value + " ± " + se + " vs exact "
                + exact + ": |Δ| = " + Math.abs(value - exact) + " > " + tolerance + " (seed 42 of goe-d1.yaml, M = 2000)");
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
