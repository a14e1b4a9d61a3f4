package dlmc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole path experiment file → Spark → Parquet, on the shared embedded session: every example
 * of conf/experiments runs (small), the output is read back with DuckDB, and the content does not
 * depend on the number of partitions.
 */
class RunJobTest {
    static final Path ROOT = Path.of(System.getProperty("dlmc.repo.root", "..")).toAbsolutePath().normalize();

    @BeforeAll
    static void spark() {
        SparkTestSession.get();
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve("conf/experiments"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleRunsSmall(Path example, @TempDir Path out) throws Exception {
        long m = 24;
        ConfigErrorsTest.Result r = ConfigErrorsTest.run("run", example.toString(), "--out", out.toString(),
                "--trajectories", Long.toString(m), "--run-id", "small", "--quiet");
        assertEquals(0, r.code(), "exit code; stderr: " + r.err());
        String name = example.getFileName().toString().replace(".yaml", "");
        Path run = out.resolve(name).resolve("small");
        assertTrue(Files.exists(run.resolve("_SUCCESS")), "_SUCCESS in " + run);
        assertTrue(Files.exists(run.resolve("manifest.json")));
        assertTrue(r.out().contains("trajectories " + m + " ok, 0 failed"), r.out());

        double trajectories = ParquetReader.scalar("SELECT count(*) FROM " + ParquetReader.table(run, "trajectories")
                + " WHERE status = 'ok'");
        assertEquals(m, trajectories);
        double saves = ParquetReader.scalar("SELECT count(DISTINCT time_index) FROM " + ParquetReader.table(run, "estimates"));
        double snaps = ParquetReader.scalar("SELECT count(*) FROM " + ParquetReader.table(run, "snapshots"));
        assertEquals(m * saves, snaps, "one snapshot per (trajectory, save time)");
        // Dyson spectra are ascending eigenvalues, DLN spectra descending singular values (interface.md §3)
        boolean dln = Files.readString(example).contains("type: dln");
        double misordered = ParquetReader.scalar("SELECT count(*) FROM " + ParquetReader.table(run, "snapshots")
                + " WHERE " + (dln ? "list_reverse_sort(spectrum)" : "list_sort(spectrum)") + " <> spectrum");
        assertEquals(0, misordered, dln ? "spectra are descending" : "spectra are ascending");
        double counted = ParquetReader.scalar("SELECT max(value) FROM " + ParquetReader.table(run, "estimates")
                + " WHERE quantity = 'trajectories'");
        assertEquals(m, counted);
        String manifest = Files.readString(run.resolve("manifest.json"));
        assertTrue(manifest.contains("\"status_counts\""), manifest);
        assertTrue(manifest.contains("PHILOX_4X64"), manifest);
        if (Files.readString(example).contains("type: svd-frame")) {
            assertTrue(manifest.contains("\"lambda_step\" : \"pair-implicit\""), "the default lambda_step: " + manifest);
        }
        // DLN runs state their metric normalisation (math-spec §2.1, §9 item 4); the default m24 is not
        // written into config / config_yaml (so the default run id of an existing experiment is unchanged)
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest);
        assertEquals(dln ? "m24" : "", json.path("metric_scale").asText(""), "metric_scale: " + manifest);
        assertTrue(json.path("config").path("model").path("metric_scale").isMissingNode(), manifest);
        assertFalse(json.path("config_yaml").asText().contains("metric_scale"), manifest);
        // no example uses a scheme with a known bias on its model: the list is there and empty
        assertTrue(manifest.contains("\"warnings\" : [ ]"), manifest);
    }

    /**
     * matrix-em with depth N ≥ 2 (math-spec §6.3's bias near rank deficiency): the run says so on
     * stderr, even with --quiet, and in its manifest.
     */
    @Test
    void matrixEmWithDepthTwoOrMoreWarns(@TempDir Path out) throws Exception {
        Path example = ROOT.resolve("conf/experiments/dln-langevin-confining.yaml");
        ConfigErrorsTest.Result r = ConfigErrorsTest.run("run", example.toString(), "--out", out.toString(),
                "--trajectories", "8", "--set", "scheme.type=matrix-em", "--set", "time.t_end=1.0",
                "--run-id", "em", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("[dlmc] warning: scheme matrix-em (math-spec 6.3) is biased"), r.err());
        String manifest = Files.readString(out.resolve("dln-langevin-confining/em/manifest.json"));
        assertTrue(manifest.contains("\"warnings\" : [ \"scheme matrix-em (math-spec 6.3) is biased"), manifest);
        // the per-trajectory count of steps in §6.3's biased region; no re-order / reflection columns
        Path run = out.resolve("dln-langevin-confining/em");
        String traj = ParquetReader.table(run, "trajectories");
        assertEquals(8, ParquetReader.scalar("SELECT count(*) FROM " + traj + " WHERE biased_regime_steps BETWEEN 0 AND steps"
                + " AND reorders IS NULL AND reflections IS NULL"));
        assertDiagnosticTotal(manifest, "biased_regime_steps_total", ParquetReader.scalar("SELECT sum(biased_regime_steps) FROM " + traj));
        assertTrue(manifest.contains("\"reorders_total\" : null"), manifest);
    }

    /**
     * {@code model.metric_scale: cmv} (math-spec §2.1 note): runs, the manifest's config echo and
     * config_yaml contain the key and the manifest states it; the steps per trajectory are those
     * actually taken (the m24 stepper's, step dt/N to t/N: t/dt of them).
     */
    @Test
    void cmvMetricScaleRunsAndIsRecorded(@TempDir Path out) throws Exception {
        Path example = ROOT.resolve("conf/experiments/dln-langevin-confining.yaml");
        ConfigErrorsTest.Result r = ConfigErrorsTest.run("run", example.toString(), "--out", out.toString(),
                "--trajectories", "8", "--set", "model.metric_scale=cmv", "--set", "time.t_end=1.0",
                "--run-id", "cmv", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("trajectories 8 ok, 0 failed"), r.out());
        Path run = out.resolve("dln-langevin-confining/cmv");
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readString(run.resolve("manifest.json")));
        assertEquals("cmv", json.path("metric_scale").asText(), json.toString());
        assertEquals("cmv", json.path("config").path("model").path("metric_scale").asText(), "the config echo: " + json);
        assertTrue(json.path("config_yaml").asText().contains("  metric_scale: cmv\n"), json.toString());
        // dt = 0.001 on the CMV clock to t = 1: 1000 steps of dt/N = 1/3000 to t/N = 1/3
        String traj = ParquetReader.table(run, "trajectories");
        assertEquals(8, ParquetReader.scalar("SELECT count(*) FROM " + traj + " WHERE steps BETWEEN 1000 AND 1001"
                + " AND t_reached = 1.0"));
        assertEquals(List.of("0.0", "1.0"), ParquetReader.rows("SELECT DISTINCT t FROM " + ParquetReader.table(run, "estimates")
                + " ORDER BY 1"), "the estimate rows are on the CMV clock");
    }

    /** The manifest's total of a scheme diagnostic equals the sum over the trajectories table. */
    static void assertDiagnosticTotal(String manifest, String key, double sum) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\" : ([0-9]+)").matcher(manifest);
        assertTrue(m.find(), key + " missing or null: " + manifest);
        assertEquals((long) sum, Long.parseLong(m.group(1)), key);
    }

    /** svd-frame's tamed λ-step (math-spec §6.4 step 4) from a random start: runs, and the manifest says so. */
    @Test
    void tamedLambdaStepRunsAndIsRecorded(@TempDir Path out) throws Exception {
        Path example = ROOT.resolve("conf/experiments/dln-langevin-confining.yaml");
        ConfigErrorsTest.Result r = ConfigErrorsTest.run("run", example.toString(), "--out", out.toString(),
                "--trajectories", "8", "--set", "scheme.lambda_step=tamed", "--set", "model.initial={type: ginibre, scale: 1.0}",
                "--set", "time.t_end=1.0", "--run-id", "tamed", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("trajectories 8 ok, 0 failed"), r.out());
        String manifest = Files.readString(out.resolve("dln-langevin-confining/tamed/manifest.json"));
        assertTrue(manifest.contains("\"lambda_step\" : \"tamed\""), manifest);
        // the λ-update's re-orders and reflections (§6.4 steps 5–6) per trajectory; no biased-region count
        String traj = ParquetReader.table(out.resolve("dln-langevin-confining/tamed"), "trajectories");
        assertEquals(8, ParquetReader.scalar("SELECT count(*) FROM " + traj + " WHERE reorders BETWEEN 0 AND steps"
                + " AND reflections BETWEEN 0 AND steps AND biased_regime_steps IS NULL"));
        assertDiagnosticTotal(manifest, "reorders_total", ParquetReader.scalar("SELECT sum(reorders) FROM " + traj));
        assertDiagnosticTotal(manifest, "reflections_total", ParquetReader.scalar("SELECT sum(reflections) FROM " + traj));
        assertTrue(manifest.contains("\"biased_regime_steps_total\" : null"), manifest);
    }

    /**
     * A depth-1 DLN has S ≡ 0, so the free-energy theory −S/β is −0.0: the summary prints it as 0,
     * never "-0.0000" (the estimates table keeps the value as computed).
     */
    @Test
    void summaryPrintsNoNegativeZero(@TempDir Path out) throws Exception {
        Path config = ROOT.resolve("spark-jobs/src/main/resources/dlmc/validate/o3-dln-n1.yaml");
        ConfigErrorsTest.Result r = ConfigErrorsTest.run("run", config.toString(), "--out", out.toString(),
                "--trajectories", "8", "--set", "scheme.dt=0.05", "--run-id", "n1", "--quiet");
        assertEquals(0, r.code(), r.err());
        String line = r.out().lines().filter(l -> l.trim().startsWith("free_energy_mean")).findFirst().orElseThrow();
        assertTrue(line.endsWith("theory 0.0000"), line);
        assertFalse(r.out().contains("-0.0000"), r.out());
    }

    /**
     * dln-gradient-flow at depth 1 (E = ½‖X − Φ‖²): the RK4 flow is compared with the exact solution of
     * dX/dt = −(X − Φ) on every printed row, and the summary gives the largest gap (RK4: ≈ 1e-14); at
     * its own depth 3 its start is not aligned with its target and there is no theory. dln-aligned-learning
     * (depth 3, aligned): the exact solution of O8 on every row.
     */
    @Test
    void depthOneGradientFlowIsComparedWithItsExactSolution(@TempDir Path out) throws Exception {
        Path example = ROOT.resolve("conf/experiments/dln-gradient-flow.yaml");
        for (int depth : new int[] {1, 3}) {
            ConfigErrorsTest.Result r = ConfigErrorsTest.run("run", example.toString(), "--out", out.toString(),
                    "--set", "model.depth=" + depth, "--set", "time.t_end=1", "--set", "time.save_every=0.5",
                    "--run-id", "gf" + depth, "--quiet");
            assertEquals(0, r.code(), r.err());
            String sv = r.out().lines().filter(l -> l.trim().startsWith("singular_value_mean[1]")).findFirst().orElseThrow();
            assertEquals(depth == 1, sv.contains("theory"), sv);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("largest \\|value - theory\\| above (\\S+) at this time, the integrator's error")
                    .matcher(r.out());
            assertEquals(depth == 1, m.find(), r.out());
            assertEquals(depth == 3, r.out().contains("(no theory: a flow without noise has its exact solution attached at depth 1"),
                    r.out());
            if (depth == 1) {
                assertTrue(Double.parseDouble(m.group(1)) < 1e-10, r.out());
            }
        }
        // dln-aligned-learning (depth 3, diagonal target, identity start): the aligned flow's exact solution (O8)
        ConfigErrorsTest.Result r = ConfigErrorsTest.run("run", ROOT.resolve("conf/experiments/dln-aligned-learning.yaml").toString(),
                "--out", out.toString(), "--set", "time.t_end=3", "--run-id", "aligned", "--quiet");
        assertEquals(0, r.code(), r.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("largest \\|value - theory\\| above (\\S+) at this time, the integrator's error")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Double.parseDouble(m.group(1)) < 1e-10, r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith("entropy_mean") && l.contains("theory")), r.out());
        assertFalse(r.out().contains("nearly aligned"), r.out());
        // one path: the k-NN entropy (needs k + 1 points) is named as undefined, not printed as NaN
        assertTrue(r.out().contains("  (undefined for one trajectory: spectrum_entropy_knn)"), r.out());
        assertFalse(r.out().contains("NaN"), r.out());
        // the target given with a rounding-size off-diagonal entry: no theory, and the summary says why
        r = ConfigErrorsTest.run("run", ROOT.resolve("conf/experiments/dln-aligned-learning.yaml").toString(),
                "--out", out.toString(), "--set", "time.t_end=0.5", "--set",
                "model.energy.target=[[2.0, 0.0, 0.0], [0.0, 1.0, 1e-7], [0.0, 0.0, 0.5]]", "--run-id", "nearly", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(no theory: a flow without noise"), r.out());
        m = java.util.regex.Pattern.compile("the start is nearly aligned: its off-diagonal part in the common SVD basis is (\\S+) of its norm")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        // the smaller of the two bases: the target's, whose U and V turn in the (2, 3) plane by θ_U ≈ e·b/(a² − b²)
        // and θ_V ≈ e·a/(a² − b²) (a = 1, b = 0.5, e = 1e-7), so UᵀX(0)V has off-diagonal 0.01·(θ_V − θ_U), against
        // ‖X(0)‖_F = 0.01·√3 (the target in the identity's basis would give e / ‖Φ‖_F = 4.4e-8)
        assertEquals(1e-7 * 0.5 / 0.75 / Math.sqrt(3), Double.parseDouble(m.group(1)), 0.01e-8, r.out());
    }

    @Test
    void contentDoesNotDependOnPartitions(@TempDir Path out) throws Exception {
        Path example = ROOT.resolve("conf/experiments/beta3-sde.yaml");
        for (String p : List.of("1", "4")) {
            ConfigErrorsTest.Result r = ConfigErrorsTest.run("run", example.toString(), "--out", out.toString(),
                    "--trajectories", "37", "--partitions", p, "--set", "ensemble.chunk_size=5",
                    "--run-id", "p" + p, "--quiet");
            assertEquals(0, r.code(), r.err());
        }
        Path one = out.resolve("beta3-sde/p1");
        Path four = out.resolve("beta3-sde/p4");
        String snap = "SELECT trajectory_id, time_index, t, spectrum, entropy, energy, lambda_max, status FROM %s ORDER BY 1, 2";
        List<String> a = ParquetReader.rows(String.format(snap, ParquetReader.table(one, "snapshots")));
        List<String> b = ParquetReader.rows(String.format(snap, ParquetReader.table(four, "snapshots")));
        assertEquals(37 * 3, a.size());
        assertEquals(a, b, "snapshots with 1 and 4 partitions");
        // Dyson schemes have none of the DLN scheme diagnostics
        assertEquals(37, ParquetReader.scalar("SELECT count(*) FROM " + ParquetReader.table(one, "trajectories")
                + " WHERE reorders IS NULL AND reflections IS NULL AND biased_regime_steps IS NULL"));
        String est = "SELECT time_index, quantity, bin_lo, value, std_error, bin_hi, count, theory FROM %s ORDER BY 1, 2, 3";
        List<String> ea = ParquetReader.rows(String.format(est, ParquetReader.table(one, "estimates")));
        List<String> eb = ParquetReader.rows(String.format(est, ParquetReader.table(four, "estimates")));
        assertFalse(ea.isEmpty());
        assertEquals(ea, eb, "estimates with 1 and 4 partitions");
        String traj = "SELECT trajectory_id, status, steps, rejected_steps, t_reached FROM %s ORDER BY 1";
        assertEquals(ParquetReader.rows(String.format(traj, ParquetReader.table(one, "trajectories"))),
                ParquetReader.rows(String.format(traj, ParquetReader.table(four, "trajectories"))));
    }

    @Test
    void existingRunDirectoryIsRefused(@TempDir Path out) {
        Path example = ROOT.resolve("conf/experiments/goe-d1.yaml");
        String[] args = {"run", example.toString(), "--out", out.toString(), "--trajectories", "4", "--run-id", "twice", "--quiet"};
        assertEquals(0, ConfigErrorsTest.run(args).code());
        ConfigErrorsTest.Result again = ConfigErrorsTest.run(args);
        assertEquals(2, again.code(), again.err());
        assertTrue(again.err().contains("already exists"), again.err());
    }

    @Test
    void failedTrajectoriesAreRecordedWithTheirStatus(@TempDir Path out) throws Exception {
        // With epsilon = 0.001 the gap rule (math-spec §6.1-2) caps the steps near 1e-7 (gaps of
        // order 0.1), so 1000 steps per save interval cannot reach t = 0.5 (500 steps of dt = 0.001
        // would): every trajectory stops with status step_limit; the run still succeeds and reports them.
        Path example = ROOT.resolve("conf/experiments/beta3-sde.yaml");
        ConfigErrorsTest.Result r = ConfigErrorsTest.run("run", example.toString(), "--out", out.toString(),
                "--trajectories", "6", "--set", "scheme.max_steps=1000", "--set", "scheme.epsilon=0.001",
                "--run-id", "fail", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("trajectories 0 ok, 6 failed (step_limit 6)"), r.out());
        // the summary shows the last save time with estimates (t = 0), not a column of NaN at t_end
        assertTrue(r.out().contains("estimates at t = 0.0000, the last save time with accepted trajectories (all had failed by "
                + "t = 0.50000;"), r.out());
        assertTrue(r.out().contains("  moment_2  ") && !r.out().contains("moment_2                     NaN"), r.out());
        Path run = out.resolve("beta3-sde/fail");
        assertEquals(6, ParquetReader.scalar("SELECT count(*) FROM " + ParquetReader.table(run, "trajectories")
                + " WHERE status = 'step_limit' AND t_reached = 0"));
        // the initial snapshot (ok) and the failing one (step_limit) are kept; nothing after it
        assertEquals(List.of("0|ok|6", "1|step_limit|6"), ParquetReader.rows("SELECT time_index, status, count(*) FROM "
                + ParquetReader.table(run, "snapshots") + " GROUP BY 1, 2 ORDER BY 1, 2"));
        // failed snapshots never enter the estimates: nothing is accepted after t = 0
        assertEquals(List.of("0|6", "1|0", "2|0"), ParquetReader.rows("SELECT time_index, CAST(value AS BIGINT) FROM "
                + ParquetReader.table(run, "estimates") + " WHERE quantity = 'trajectories' ORDER BY 1"));
        assertTrue(Files.readString(run.resolve("manifest.json")).contains("\"step_limit\" : 6"));
    }

    /** The summary says that spectrum_entropy_knn is biased beyond its s.e. for n > 3 where it shows its theory; the row is computed up to n = 4 by default. */
    @Test
    void knnEntropyBiasIsNotedInTheSummaryForNAbove3(@TempDir Path out) throws Exception {
        Path example = ROOT.resolve("conf/experiments/beta3-sde.yaml");
        for (int n : new int[] {3, 5}) {
            ConfigErrorsTest.Result r = ConfigErrorsTest.run("run", example.toString(), "--out", out.toString(),
                    "--trajectories", "12", "--set", "model.n=" + n, "--set", "time.t_end=0.01", "--set", "time.save_every=0.01",
                    "--set", "estimates.knn_max_n=5", "--run-id", "knn" + n, "--quiet");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("  spectrum_entropy_knn ") && r.out().contains("theory"), r.out());
            assertEquals(n > 3, r.out().contains("(spectrum_entropy_knn: the k-NN estimate of an n-dimensional entropy is biased"),
                    r.out());
        }
        // the default cap (estimates.knn_max_n = 4): no k-NN row at n = 5, one at n = 4
        for (int n : new int[] {4, 5}) {
            ConfigErrorsTest.Result r = ConfigErrorsTest.run("run", example.toString(), "--out", out.toString(),
                    "--trajectories", "12", "--set", "model.n=" + n, "--set", "time.t_end=0.01", "--set", "time.save_every=0.01",
                    "--run-id", "default" + n, "--quiet");
            assertEquals(0, r.code(), r.err());
            assertEquals(n <= 4, r.out().contains("  spectrum_entropy_knn "), r.out());
        }
    }

    @Test
    void snapshotsOffWritesTrajectoriesAndEstimatesOnly(@TempDir Path out) throws Exception {
        Path example = ROOT.resolve("conf/experiments/gue-ou.yaml");
        ConfigErrorsTest.Result r = ConfigErrorsTest.run("run", example.toString(), "--out", out.toString(),
                "--trajectories", "12", "--set", "observe.snapshots=false", "--run-id", "nosnap", "--quiet");
        assertEquals(0, r.code(), r.err());
        Path run = out.resolve("gue-ou/nosnap");
        assertFalse(Files.exists(run.resolve("snapshots")), "no snapshots table");
        assertTrue(Files.exists(run.resolve("_SUCCESS")));
        assertEquals(12, ParquetReader.scalar("SELECT count(*) FROM " + ParquetReader.table(run, "trajectories")));
        assertEquals(12, ParquetReader.scalar("SELECT max(value) FROM " + ParquetReader.table(run, "estimates")
                + " WHERE quantity = 'trajectories'"));
    }
}
