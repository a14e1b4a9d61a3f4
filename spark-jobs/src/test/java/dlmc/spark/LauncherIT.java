package dlmc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's path: {@code ./dlmc run conf/experiments/goe-d1.yaml} (the README example) as a
 * separate process through the launcher script, after {@code package}; its Parquet is read back
 * with DuckDB, not Spark.
 */
class LauncherIT {
    static final Path ROOT = RunJobTest.ROOT;

    record Proc(int code, String out, String err) {
    }

    static Proc launch(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("dlmc").toString());
        cmd.addAll(List.of(args));
        Path o = dir.resolve("stdout.txt");
        Path e = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile())
                .redirectOutput(o.toFile()).redirectError(e.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("launcher timed out");
        }
        return new Proc(p.exitValue(), Files.readString(o, StandardCharsets.UTF_8), Files.readString(e, StandardCharsets.UTF_8));
    }

    /** The first run after a build starts a detached class-data archive writer: none may outlive the tests. */
    @org.junit.jupiter.api.AfterAll
    static void awaitArchiveWriters() throws Exception {
        ClassDataArchiveIT.awaitWriters();
    }

    @Test
    void readmeExampleRunsThroughTheLauncher(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("runs");
        Proc p = launch(dir, "run", "conf/experiments/goe-d1.yaml", "--out", out.toString(), "--run-id", "readme");
        assertEquals(0, p.code, "stderr: " + p.err);
        assertTrue(p.out.contains("trajectories 2000 ok, 0 failed"), p.out);
        assertTrue(p.out.contains("moment_2"), p.out);
        Path run = out.resolve("goe-d1/readme");
        assertTrue(Files.exists(run.resolve("_SUCCESS")));
        double m2 = ParquetReader.scalar("SELECT value FROM " + ParquetReader.table(run, "estimates")
                + " WHERE quantity = 'moment_2' AND t = 1.0");
        double direct = ParquetReader.scalar("SELECT avg(list_aggregate(list_transform(spectrum, lambda x: x * x), 'avg')) FROM "
                + ParquetReader.table(run, "snapshots") + " WHERE t = 1.0");
        // The job's estimate and DuckDB's own average over the snapshots agree to rounding.
        assertEquals(direct, m2, 1e-9 * Math.abs(direct));
    }

    static java.util.stream.Stream<String> dlnExamples() throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(ROOT.resolve("conf/experiments"))) {
            return s.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("dln-")).sorted().toList().stream();
        }
    }

    /** Every deep-linear-network example runs through {@code ./dlmc run} at small size. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("dlnExamples")
    void dlnExampleRunsThroughTheLauncher(String example, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("runs");
        Proc p = launch(dir, "run", "conf/experiments/" + example, "--out", out.toString(), "--trajectories", "6",
                "--run-id", "small", "--quiet");
        assertEquals(0, p.code, "stderr: " + p.err);
        assertTrue(p.out.contains("trajectories 6 ok, 0 failed"), p.out);
        assertTrue(p.out.contains("singular_value_mean[1]"), p.out);
        Path run = out.resolve(example.replace(".yaml", "")).resolve("small");
        assertTrue(Files.exists(run.resolve("_SUCCESS")));
        double free = ParquetReader.scalar("SELECT count(*) FROM " + ParquetReader.table(run, "snapshots")
                + " WHERE free_energy IS NOT NULL AND isfinite(entropy) AND len(spectrum) > 0");
        double all = ParquetReader.scalar("SELECT count(*) FROM " + ParquetReader.table(run, "snapshots"));
        assertEquals(all, free, "every DLN snapshot has entropy and free energy");
    }

    @Test
    void launcherPropagatesExitCodes(@TempDir Path dir) throws Exception {
        Proc help = launch(dir, "run", "--help");
        assertEquals(0, help.code, help.err);
        assertTrue(help.out.contains("usage: dlmc run"));
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: x\nmodel: {type: dyson, beta: 0, n: 2, normalization: d1}\n");
        Proc p = launch(dir, "run", bad.toString(), "--out", dir.resolve("runs").toString());
        assertEquals(2, p.code, p.err);
        assertTrue(p.err.startsWith("dlmc: error: model.beta"), p.err);
        assertTrue(!Files.exists(dir.resolve("runs")));
    }
}
