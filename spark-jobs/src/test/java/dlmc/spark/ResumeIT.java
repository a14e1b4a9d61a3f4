package dlmc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --resume}: the driver of a run is killed (SIGKILL) part-way, after some chunks were
 * checkpointed; the run is resumed with the same run id and must equal an uninterrupted run in
 * every table's content (read with DuckDB), reusing the finished chunks.
 */
class ResumeIT {
    static final String[] EXPERIMENT = {"conf/experiments/beta3-sde.yaml", "--trajectories", "400",
        "--set", "time.t_end=10", "--set", "ensemble.chunk_size=10", "--quiet"};

    static String[] args(Path out, String runId, String... more) {
        List<String> a = new ArrayList<>(List.of("run"));
        a.addAll(List.of(EXPERIMENT));
        a.addAll(List.of("--out", out.toString(), "--run-id", runId));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    static List<String> cmdFor(Path out, String runId) {
        List<String> cmd = new ArrayList<>(List.of(LauncherIT.ROOT.resolve("dlmc").toString()));
        cmd.addAll(List.of(args(out, runId)));
        return cmd;
    }

    static long checkpoints(Path chunks) throws IOException {
        if (!Files.isDirectory(chunks)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(chunks)) {
            return s.filter(p -> p.getFileName().toString().startsWith("chunk-")).count();
        }
    }

    /** The first run after a build starts a detached class-data archive writer: none may outlive the tests. */
    @org.junit.jupiter.api.AfterAll
    static void awaitArchiveWriters() throws Exception {
        ClassDataArchiveIT.awaitWriters();
    }

    @Test
    void killedRunResumesToTheUninterruptedResult(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("runs");
        LauncherIT.Proc full = LauncherIT.launch(dir, args(out, "full"));
        assertEquals(0, full.code(), full.err());

        // start the same run, kill its driver once a few chunks (of 40) are checkpointed
        Process p = new ProcessBuilder(cmdFor(out, "cut")).directory(LauncherIT.ROOT.toFile())
                .redirectOutput(dir.resolve("cut.out").toFile()).redirectError(dir.resolve("cut.err").toFile()).start();
        Path run = out.resolve("beta3-sde/cut");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (checkpoints(run.resolve("_chunks")) < 5 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(p.isAlive(), "the run ended before it could be interrupted: " + Files.readString(dir.resolve("cut.err")));
        p.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        long kept = checkpoints(run.resolve("_chunks"));
        assertTrue(kept >= 5 && kept < 40, "checkpointed chunks at the kill: " + kept);
        // one checkpoint as a dlmc with another ChunkResult layout wrote it (no header): it must be
        // recomputed, not misread
        Path foreign;
        try (Stream<Path> s = Files.list(run.resolve("_chunks"))) {
            foreign = s.filter(f -> f.getFileName().toString().startsWith("chunk-")).sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(foreign);
        Files.write(foreign, java.util.Arrays.copyOfRange(bytes, "dlmc-chunk-result-v5\n".length(), bytes.length));
        assertFalse(Files.exists(run.resolve("_SUCCESS")), "an interrupted run has no _SUCCESS");

        // a plain rerun is refused; --resume continues it
        LauncherIT.Proc again = LauncherIT.launch(dir, args(out, "cut"));
        assertEquals(2, again.code(), again.err());
        assertTrue(again.err().contains("--resume"), again.err());
        // --resume with another experiment is refused, naming what differs
        LauncherIT.Proc other = LauncherIT.launch(dir, args(out, "cut", "--resume", "--seed", "12345"));
        assertEquals(2, other.code(), other.err());
        assertTrue(other.err().contains("differs from the one the interrupted run started with: ensemble.seed was ")
                && other.err().contains(", is now 12345 (resume with the options it was started with"), other.err());
        LauncherIT.Proc resumed = LauncherIT.launch(dir, args(out, "cut", "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(Files.exists(run.resolve("_SUCCESS")));
        assertFalse(Files.exists(run.resolve("_chunks")), "checkpoints are removed on completion");
        String manifest = Files.readString(run.resolve("manifest.json"));
        assertTrue(manifest.contains("\"resumed\" : true"), manifest);
        long reused = Long.parseLong(manifest.replaceAll("(?s).*\"chunks_reused\" : (\\d+).*", "$1"));
        assertEquals(kept - 1, reused, "checkpoints reused (one of the " + kept + " was of another layout)");

        Path ref = out.resolve("beta3-sde/full");
        for (String q : List.of(
                "SELECT trajectory_id, time_index, t, spectrum, entropy, energy, lambda_max, status FROM %s ORDER BY 1, 2",
                "SELECT time_index, quantity, bin_lo, value, std_error, bin_hi, count, theory FROM %s ORDER BY 1, 2, 3",
                "SELECT trajectory_id, status, steps, rejected_steps, t_reached, chunk FROM %s ORDER BY 1")) {
            String table = q.contains("spectrum") ? "snapshots" : q.contains("quantity") ? "estimates" : "trajectories";
            List<String> a = ParquetReader.rows(String.format(q, ParquetReader.table(ref, table)));
            List<String> b = ParquetReader.rows(String.format(q, ParquetReader.table(run, table)));
            assertFalse(a.isEmpty());
            assertEquals(a, b, table + ": resumed run differs from the uninterrupted one");
        }

        // SIGTERM (not a crash): one line saying so and how to continue; the run stays resumable
        Process term = new ProcessBuilder(cmdFor(out, "term")).directory(LauncherIT.ROOT.toFile())
                .redirectOutput(dir.resolve("term.out").toFile()).redirectError(dir.resolve("term.err").toFile()).start();
        Path termRun = out.resolve("beta3-sde/term");
        deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (checkpoints(termRun.resolve("_chunks")) < 2 && term.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(term.isAlive(), "the run ended before it could be interrupted: " + Files.readString(dir.resolve("term.err")));
        term.destroy();
        assertTrue(term.waitFor(1, TimeUnit.MINUTES));
        String termErr = Files.readString(dir.resolve("term.err"));
        assertEquals(143, term.exitValue(), termErr);
        assertTrue(termErr.contains("dlmc: interrupted: the JVM is shutting down (a signal); finished chunks are kept:"
                + " continue with ./dlmc run conf/experiments/beta3-sde.yaml --out " + out + " --resume --run-id term"), termErr);
        assertFalse(termErr.contains("dlmc: failed:"), termErr);
        assertFalse(termErr.contains("Exception in thread"), termErr); // threads interrupted by the shutdown stay quiet

        // resuming a complete run is refused
        LauncherIT.Proc done = LauncherIT.launch(dir, args(out, "cut", "--resume"));
        assertEquals(2, done.code(), done.err());
        assertTrue(done.err().contains("already complete"), done.err());
    }
}
