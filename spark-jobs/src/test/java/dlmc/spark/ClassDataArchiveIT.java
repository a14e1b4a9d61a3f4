package dlmc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive (bin/dlmc-common.sh, README "Set-up"): the first {@code run}
 * after a build records the classes it loads and returns as soon as its JVM ends; a detached
 * writer (bin/dlmc-cds-writer) then makes the archive, and the next run maps it. A run stopped by
 * bad input, before Spark starts, makes none.
 */
class ClassDataArchiveIT {
    static final Path CDS = LauncherIT.ROOT.resolve(".dlmc/cds");

    record Proc(int code, String out, String err) {
    }

    /**
     * Runs the launcher with its standard output on a pipe, read to the end: if anything the
     * launcher left behind (the writer) held that pipe, this would return only when it ends.
     */
    static Proc launchPiped(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(LauncherIT.ROOT.resolve("dlmc").toString());
        cmd.addAll(List.of(args));
        Path e = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(LauncherIT.ROOT.toFile()).redirectError(e.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("launcher timed out");
        }
        return new Proc(p.exitValue(), out, Files.readString(e, StandardCharsets.UTF_8));
    }

    /** True while a writer of this checkout runs: a lock directory whose holder is alive (or not yet named). */
    static boolean writerRunning() throws IOException {
        if (!Files.isDirectory(CDS)) {
            return false;
        }
        List<Path> locks;
        try (Stream<Path> s = Files.list(CDS)) {
            locks = s.filter(f -> f.getFileName().toString().endsWith(".lock")).toList();
        }
        for (Path lock : locks) {
            String holder;
            try {
                holder = Files.readString(lock.resolve("pid"), StandardCharsets.UTF_8).trim();
            } catch (NoSuchFileException gone) {
                if (Files.isDirectory(lock)) {
                    return true; // made, holder not yet written
                }
                continue;
            }
            if (holder.isEmpty() || ProcessHandle.of(Long.parseLong(holder)).map(ProcessHandle::isAlive).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits until no class-data archive writer of this checkout runs (up to 5 minutes), so that
     * no test leaves one behind. Called after every test class that runs the launcher.
     */
    static void awaitWriters() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (writerRunning()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a class-data archive writer still runs after 5 minutes (" + CDS + "/*.lock)");
            }
            Thread.sleep(200);
        }
    }

    static List<Path> runFiles(String suffix) throws IOException {
        if (!Files.isDirectory(CDS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(CDS)) {
            return s.filter(f -> f.getFileName().toString().startsWith("run-") && f.getFileName().toString().endsWith(suffix))
                    .toList();
        }
    }

    static String dumpLog() throws IOException {
        Path log = CDS.resolve("run-dump.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no " + log + ")";
    }

    @Test
    void aDetachedWriterMakesTheArchiveAfterTheFirstRunAndTheNextRunMapsIt(@TempDir Path dir) throws Exception {
        assumeFalse("0".equals(System.getenv("DLMC_CDS")), "class-data sharing turned off (DLMC_CDS=0)");
        awaitWriters();
        for (String suffix : List.of(".jsa", ".lst", ".failed")) {
            for (Path f : runFiles(suffix)) {
                Files.delete(f);
            }
        }

        // 1. bad input: the run ends before Spark starts; its writer makes no archive
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: x\nmodel: {type: dyson, beta: 0, n: 2, normalization: d1}\n");
        Proc p = launchPiped(dir, Map.of(), "run", bad.toString(), "--out", dir.resolve("bad").toString());
        assertEquals(2, p.code, p.err);
        awaitWriters();
        assertEquals(List.of(), runFiles(".jsa"), "an archive from a run that never started Spark");
        assertEquals(List.of(), runFiles(".lst"), "the writer leaves its class list behind");
        assertTrue(dumpLog().contains("did not start Spark"), dumpLog());

        // 2. the first real run: its output ends while the writer is still at work
        p = launchPiped(dir, Map.of(), "run", "conf/experiments/goe-d1.yaml", "--trajectories", "20",
                "--out", dir.resolve("first").toString(), "--quiet");
        assertEquals(0, p.code, p.err);
        assertTrue(p.out.contains("trajectories 20 ok, 0 failed"), p.out);
        assertTrue(Files.isDirectory(CDS.resolve("run.lock")) && runFiles(".jsa").isEmpty(),
                "the run's output ended only after the archive was written (the writer held the launcher's output?); "
                        + dumpLog());
        awaitWriters();
        List<Path> archives = runFiles(".jsa");
        assertEquals(1, archives.size(), dumpLog());
        assertTrue(Files.size(archives.get(0)) > 20_000_000L, archives.get(0) + ": " + Files.size(archives.get(0)) + " bytes");
        assertEquals(List.of(), runFiles(".lst"), "the writer leaves its class list behind");
        assertTrue(dumpLog().contains("done"), dumpLog());

        // 3. the next run maps it: Spark's and dlmc's classes come from the archive
        Path classLog = dir.resolve("class-load.log");
        p = launchPiped(dir, Map.of("DLMC_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog), "run",
                "conf/experiments/goe-d1.yaml", "--trajectories", "20", "--out", dir.resolve("second").toString(), "--quiet");
        assertEquals(0, p.code, p.err);
        String loads = Files.readString(classLog, StandardCharsets.UTF_8);
        for (String cls : List.of("org.apache.spark.SparkContext", "dlmc.spark.Main")) {
            assertTrue(loads.contains(cls + " source: shared objects file"),
                    cls + " not loaded from the archive: "
                            + loads.lines().filter(l -> l.contains(cls + " ")).findFirst().orElse("(not loaded)"));
        }
        assertTrue(!writerRunning() && runFiles(".jsa").size() == 1, "a run with the archive started another writer");
    }
}
