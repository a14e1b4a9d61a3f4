package dlmc.spark.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.spark.runner.RunJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks can fail: the same experiment and the same comparison code, given a wrong theory
 * (wrong β or time), report FAIL and exit 1, while the right theory passes. The wrong theories
 * are far off (the β = 2 law against β = 1 samples: X² ≈ 600 at 4000 samples; E s off by 10 %
 * at s.e. 0.8 %; the GUE entropies against GOE samples: tens of s.e.), so they fail with
 * probability ≈ 1; the two right ones are evaluated at level 5e-4 each, so the test fails falsely
 * with probability ≤ 1e-3 (fixed seed of the experiment).
 */
class WrongTheoryTest {
    /** Level of each evaluation; only the two right theories (O19, k-NN entropy) can fail falsely: 2 × 5e-4 = 1e-3. */
    private static final double LEVEL = 5e-4;

    @Test
    void wrongBetaFails(@TempDir Path root) throws Exception {
        // shares the embedded session of the other spark-jobs tests when one exists
        SparkSession spark = SparkSession.builder().config(RunJob.sparkConf(new SparkConf()).setMaster("local[2]")
                .setAppName("dlmc-tests").set("spark.sql.shuffle.partitions", "2")).getOrCreate();
        List<ValidationCheck> checks = List.of(
                new ValidationCheck("O19", "wrong beta", "o19-matrix-b1.yaml", Catalogue.twoByTwoSpacing(2, 0.0)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ValidateCommand.parse(new String[] {"--out", root.toString()}).execute(checks,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        String table = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, table);
        assertTrue(table.lines().anyMatch(l -> l.matches("O19\\s+FAIL\\s+wrong beta\\s.*p = .*")), table);
        assertTrue(table.contains("0 of 1 checks passed"), table);

        // the same run, the same comparison code, the right theory (beta = 1) and other wrong ones
        Path runDir;
        try (Stream<Path> s = Files.list(root.resolve("validate-o19-matrix-b1"))) {
            runDir = s.findFirst().orElseThrow();
        }
        RunEstimates est = RunEstimates.read(spark, runDir.toString());
        Outcome right = Catalogue.twoByTwoSpacing(1, 0.0).evaluate(est, LEVEL);
        assertTrue(right.passed(), right.statistic());
        Outcome wrongTime = Catalogue.twoByTwoSpacing(1, 0.2).evaluate(est, LEVEL); // E s off by sqrt(1.2)
        assertFalse(wrongTime.passed(), wrongTime.statistic());
        Outcome beta4 = Catalogue.twoByTwoSpacing(4, 0.0).evaluate(est, LEVEL);
        assertFalse(beta4.passed(), beta4.statistic());

        // the entropy checks on the same run (n = 2, beta = 1, M = 4000): the exact GOE joint
        // entropy passes (3.077 +- 0.017 vs 3.054; tolerance 0.02 + 3.29 x 1.3 s.e.; measured
        // n = 2 bias at M = 1e4 below 0.003); the GUE / GSE theories are 0.64 / 1.30 nats lower
        // and fail, and so does the GUE one-point theory (1.734 vs 1.972 +- 0.007)
        Outcome knn = Catalogue.spectrumEntropy(1, 2, Catalogue.KNN_N3_ALLOWANCE).evaluate(est, LEVEL);
        assertTrue(knn.passed(), knn.statistic());
        Outcome knnBeta2 = Catalogue.spectrumEntropy(2, 2, Catalogue.KNN_N3_ALLOWANCE).evaluate(est, LEVEL);
        assertFalse(knnBeta2.passed(), knnBeta2.statistic());
        Outcome knnBeta4 = Catalogue.spectrumEntropy(4, 2, Catalogue.KNN_N3_ALLOWANCE).evaluate(est, LEVEL);
        assertFalse(knnBeta4.passed(), knnBeta4.statistic());
        Outcome density = Catalogue.densityEntropy(2, Catalogue.DENSITY_ALLOWANCE).evaluate(est, LEVEL);
        assertFalse(density.passed(), density.statistic());
        assertTrue(density.statistic().startsWith("H 1pt"), density.statistic());
    }

    /**
     * SK: the GUE n = 64 run of validate (2000 spectra; measured Var s = 0.1798 ± 0.0011) passes
     * against its own β's sine-kernel law at level 5e-4 (the only false-failure source of this
     * test) and fails against the GOE / GSE laws (variances 0.2855 / 0.1041: about 100 and 70 s.e.
     * off) and the Poisson law (variance 1).
     */
    @Test
    void sineKernelCheckRejectsTheOtherLaws(@TempDir Path root) throws Exception {
        SparkSession spark = SparkSession.builder().config(RunJob.sparkConf(new SparkConf()).setMaster("local[2]")
                .setAppName("dlmc-tests").set("spark.sql.shuffle.partitions", "2")).getOrCreate();
        List<ValidationCheck> checks = List.of(new ValidationCheck("SK", "GOE law on GUE samples", "sk-gue-n64.yaml",
                Catalogue.sineKernelSpacing(1.0, Catalogue.SK_GUE_N64_MEAN_ALLOWANCE, Catalogue.SK_GUE_N64_VARIANCE_ALLOWANCE)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ValidateCommand.parse(new String[] {"--out", root.toString()}).execute(checks,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        String table = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, table);
        assertTrue(table.lines().anyMatch(l -> l.matches("SK\\s+FAIL\\s+GOE law on GUE samples\\s.*Var s z = .*")), table);

        Path runDir;
        try (Stream<Path> s = Files.list(root.resolve("validate-sk-gue-n64"))) {
            runDir = s.findFirst().orElseThrow();
        }
        RunEstimates est = RunEstimates.read(spark, runDir.toString());
        Outcome right = Catalogue.sineKernelSpacing(2.0, Catalogue.SK_GUE_N64_MEAN_ALLOWANCE,
                Catalogue.SK_GUE_N64_VARIANCE_ALLOWANCE).evaluate(est, LEVEL);
        assertTrue(right.passed(), right.statistic());
        Outcome gse = Catalogue.sineKernelSpacing(4.0, Catalogue.SK_GUE_N64_MEAN_ALLOWANCE,
                Catalogue.SK_GUE_N64_VARIANCE_ALLOWANCE).evaluate(est, LEVEL);
        assertFalse(gse.passed(), gse.statistic());
        RunEstimates.Estimate v = est.scalar("unfolded_spacing_variance", est.lastTime(), -1);
        assertFalse(Comparisons.z("Var s (Poisson)", v.value(), v.stdError(), 1.0, LEVEL, 0).passed());
    }

    /**
     * O8 (deterministic, no false failures): the aligned-flow run of validate passes against its logistic
     * closed form and fails against a wrong target value (φ_3 = 0.6 instead of 0.5) and a wrong depth's
     * time scale (the start 0.2 instead of 0.1).
     */
    @Test
    void alignedFlowCheckRejectsAWrongSolution(@TempDir Path root) throws Exception {
        SparkSession spark = SparkSession.builder().config(RunJob.sparkConf(new SparkConf()).setMaster("local[2]")
                .setAppName("dlmc-tests").set("spark.sql.shuffle.partitions", "2")).getOrCreate();
        List<ValidationCheck> checks = List.of(new ValidationCheck("O8", "aligned flow", "o8-aligned-flow.yaml",
                Catalogue.alignedLogistic(new double[] {2, 1, 0.5}, 0.1, Catalogue.ALIGNED_TOLERANCE)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ValidateCommand.parse(new String[] {"--out", root.toString()}).execute(checks,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        String table = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, table);
        assertTrue(table.lines().anyMatch(l -> l.matches("O8\\s+PASS\\s+aligned flow\\s.*max \\|sigma_i - logistic\\| = .*")), table);
        Path runDir;
        try (Stream<Path> s = Files.list(root.resolve("validate-o8-aligned-flow"))) {
            runDir = s.findFirst().orElseThrow();
        }
        RunEstimates est = RunEstimates.read(spark, runDir.toString());
        assertFalse(Catalogue.alignedLogistic(new double[] {2, 1, 0.6}, 0.1, Catalogue.ALIGNED_TOLERANCE)
                .evaluate(est, LEVEL).passed());
        assertFalse(Catalogue.alignedLogistic(new double[] {2, 1, 0.5}, 0.2, Catalogue.ALIGNED_TOLERANCE)
                .evaluate(est, LEVEL).passed());
    }

    @Test
    void comparisonsAcceptTheTruthAndRejectAShift() {
        assertTrue(Comparisons.z("x", 1.003, 0.001, 1.0, 1e-3, 0).passed()); // z = 3 < 3.29
        assertFalse(Comparisons.z("x", 1.004, 0.001, 1.0, 1e-3, 0).passed()); // z = 4
        assertTrue(Comparisons.z("x", 1.004, 0.001, 1.0, 1e-3, 0.001).passed()); // allowance
        long[] fair = {250, 250, 250, 250};
        double[] p = {0.25, 0.25, 0.25, 0.25};
        Outcome ok = Comparisons.chiSquare("u", fair, p, 1e-3);
        assertTrue(ok.passed() && ok.statistic().contains("X² = 0.0, dof 3"), ok.statistic());
        assertFalse(Comparisons.chiSquare("u", new long[] {300, 250, 250, 200}, p, 1e-3).passed()); // X² = 20
        // bins with expected counts below 5 are merged into the next: 2 bins left, dof 1
        Outcome merged = Comparisons.chiSquare("u", new long[] {1, 2, 497, 500}, new double[] {0.002, 0.002, 0.496, 0.5}, 1e-3);
        assertTrue(merged.statistic().contains("dof 1"), merged.statistic());
    }

    @Test
    void gibbsQuadratureMatchesAnIndependentComputation() {
        // NumPy, 200-point Gauss-Legendre in (lambda1, u = lambda2/lambda1) on [0, 4] (math-spec §7 O16, N = 2, c = 1)
        // (the O16 reference of validate is core's DlnGibbsLaw: d = 2, N = 2, β = 2, κ = 1, α = 1, c = βα/2 = 1)
        dlmc.core.theory.DlnGibbsLaw q = new dlmc.core.theory.DlnGibbsLaw(2, 2, 2.0, 1.0, 1.0, true);
        assertEquals(0.345312891, q.layerMeans()[1], 1e-8);
        assertEquals(1.157038797, q.sumSquaresMean(), 1e-8);
        assertEquals(0.962097437, q.layerMeans()[0], 1e-8);
    }
}
