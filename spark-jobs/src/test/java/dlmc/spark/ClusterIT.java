package dlmc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster path end to end, as a user runs it: {@code ./dlmc cluster start --workers 2} (a real
 * Spark standalone master and two workers, 1 core and 1g each, from the Maven-built SPARK_HOME),
 * {@code ./dlmc submit} in client and in cluster deploy mode, {@code ./dlmc cluster stop}. Each
 * run's Parquet content must equal the embedded {@code ./dlmc run} ({@code local[*]}) of the same
 * experiment and seed, read back with DuckDB (interface.md §3, determinism).
 *
 * <p>The cluster gets its own state directory and free ports (DLMC_CLUSTER_DIR,
 * DLMC_MASTER_PORT, DLMC_MASTER_WEBUI_PORT), so a user's cluster of the same checkout is neither
 * used nor disturbed; it is stopped in {@link #stopCluster()} whatever happened, by the launcher
 * and then, for anything left, by the recorded PIDs.
 */
class ClusterIT {
    static final Path ROOT = RunJobTest.ROOT;
    static final String EXPERIMENT = "conf/experiments/beta3-sde.yaml";
    static final String[] SIZE = {"--trajectories", "24", "--quiet"};

    @TempDir
    static Path dir;
    static Path clusterDir;
    static Map<String, String> env;
    static int masterPort;
    static Path reference;

    record Proc(int code, String out, String err) {
    }

    static Proc dlmc(String name, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("dlmc").toString());
        cmd.addAll(List.of(args));
        Path o = dir.resolve(name + ".stdout");
        Path e = dir.resolve(name + ".stderr");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile())
                .redirectOutput(o.toFile()).redirectError(e.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(4, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("./dlmc " + String.join(" ", args) + " timed out; stderr: "
                    + Files.readString(e, StandardCharsets.UTF_8));
        }
        return new Proc(p.exitValue(), Files.readString(o, StandardCharsets.UTF_8), Files.readString(e, StandardCharsets.UTF_8));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @BeforeAll
    static void startCluster() throws Exception {
        clusterDir = dir.resolve("cluster");
        masterPort = freePort();
        int webui = freePort();
        env = Map.of("DLMC_CLUSTER_DIR", clusterDir.toString(),
                "DLMC_MASTER_PORT", Integer.toString(masterPort),
                "DLMC_MASTER_WEBUI_PORT", Integer.toString(webui),
                "SPARK_LOCAL_IP", "127.0.0.1");
        Proc start = dlmc("start", "cluster", "start", "--workers", "2", "--cores", "1", "--memory", "1g");
        assertEquals(0, start.code, "cluster start; stderr: " + start.err);
        assertTrue(start.out.contains("started spark://127.0.0.1:" + masterPort + " with 2 workers"), start.out);

        // The embedded reference run of the same experiment (local[*]), while the cluster idles.
        Proc local = dlmc("local", concat(new String[] {"run", EXPERIMENT, "--out", dir.resolve("local").toString(),
            "--run-id", "local"}, SIZE));
        assertEquals(0, local.code, "embedded run; stderr: " + local.err);
        reference = dir.resolve("local/beta3-sde/local");
    }

    /** The first run and submit after a build start detached class-data archive writers: none may outlive the tests. */
    @AfterAll
    static void awaitArchiveWriters() throws Exception {
        ClassDataArchiveIT.awaitWriters();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (clusterDir == null) {
            return;
        }
        try {
            dlmc("stop", "cluster", "stop");
        } finally {
            // Anything the launcher did not stop: by recorded PID, only if it is still our JVM.
            if (Files.isDirectory(clusterDir)) {
                try (Stream<Path> s = Files.list(clusterDir)) {
                    for (Path pid : s.filter(f -> f.toString().endsWith(".pid")).toList()) {
                        Optional<ProcessHandle> ph = ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()));
                        ph.filter(ClusterIT::ours).ifPresent(h -> {
                            h.descendants().forEach(ProcessHandle::destroyForcibly);
                            h.destroyForcibly();
                        });
                    }
                }
            }
        }
    }

    private static boolean ours(ProcessHandle h) {
        return h.info().arguments().map(a -> List.of(a).contains("-Ddlmc.cluster.dir=" + clusterDir)).orElse(false);
    }

    static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void clientModeSubmitGivesTheEmbeddedResult() throws Exception {
        Proc status = dlmc("status", "cluster", "status");
        assertEquals(0, status.code, status.err);
        assertTrue(status.out.contains("workers  2 alive"), status.out);
        // an archive writer of an earlier submit would hold the executors' lock: this submit's
        // executors would then run without class-data sharing, which assertExecutorJvmFlags rejects
        ClassDataArchiveIT.awaitWriters();

        Proc p = dlmc("client", concat(new String[] {"submit", EXPERIMENT, "--out", dir.resolve("client").toString(),
            "--run-id", "client"}, SIZE));
        assertEquals(0, p.code, "submit (client); stderr: " + p.err);
        assertTrue(p.out.contains("trajectories 24 ok, 0 failed"), p.out);
        assertSameContent(dir.resolve("client/beta3-sde/client"));
        // planned with both executors registered (ExecutorWait; before, with none: 4 x 2 partitions
        // whatever the cluster's size)
        assertPlannedFor(dir.resolve("client/beta3-sde/client"), 2);
        assertExecutorJvmFlags();
    }

    /**
     * The executors of the last application got conf/spark-defaults.conf's collector and JIT flags
     * and the class-data archive of our cluster (or, when it did not exist yet, the class list
     * from which a writer started by the submit then made it): README "Cluster", bench/RESULTS.md W6.
     */
    private static void assertExecutorJvmFlags() throws IOException, InterruptedException {
        Path newest;
        try (Stream<Path> s = Files.walk(clusterDir, 4)) {
            newest = s.filter(f -> f.getFileName().toString().equals("stderr") && f.getParent().getParent()
                            .getFileName().toString().startsWith("app-"))
                    .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
                    .orElseThrow(() -> new AssertionError("no executor stderr under " + clusterDir));
        }
        String command = Files.readAllLines(newest, StandardCharsets.UTF_8).get(0);
        assertTrue(command.contains("\"-XX:+UseParallelGC\"") && command.contains("\"-XX:CompileThresholdScaling=10\""),
                "executor command without the flags of conf/spark-defaults.conf: " + command);
        if ("0".equals(System.getenv("DLMC_CDS"))) {
            return; // class-data sharing turned off for this build
        }
        assertTrue(command.contains("-XX:SharedArchiveFile=") || command.contains("-XX:DumpLoadedClassList="),
                "executor command without class-data sharing: " + command);
        ClassDataArchiveIT.awaitWriters(); // the executors' archive is written in the background
        try (Stream<Path> s = Files.list(ROOT.resolve(".dlmc/cds"))) {
            assertTrue(s.anyMatch(f -> f.getFileName().toString().matches("executor-[0-9]+\\.jsa")),
                    "no executor class-data archive in .dlmc/cds after a client-mode submit");
        }
    }

    @Test
    void clusterModeSubmitGivesTheEmbeddedResult() throws Exception {
        Proc p = dlmc("cluster", concat(new String[] {"submit", EXPERIMENT, "--deploy-mode", "cluster",
            "--out", dir.resolve("cluster-mode").toString(), "--run-id", "cluster"}, SIZE));
        assertEquals(0, p.code, "submit (cluster deploy mode); stderr: " + p.err);
        // the driver ran on a worker; the launcher shows its output
        assertTrue(p.out.contains("trajectories 24 ok, 0 failed"), p.out);
        assertSameContent(dir.resolve("cluster-mode/beta3-sde/cluster"));
        // the driver holds one worker's only core: one executor
        assertPlannedFor(dir.resolve("cluster-mode/beta3-sde/cluster"), 1);
    }

    private static void assertPlannedFor(Path run, int executors) throws IOException {
        String manifest = Files.readString(run.resolve("manifest.json"));
        assertTrue(manifest.contains("\"planned_executors\" : " + executors + ","), manifest);
        assertTrue(manifest.contains("\"wait_for_executors\" : "), manifest);
    }

    @Test
    void invalidExperimentExitsTwoOnTheCluster() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: x\nmodel: {type: dyson, beta: 0, n: 2, normalization: d1}\n");
        Proc p = dlmc("bad", "submit", bad.toString(), "--out", dir.resolve("bad").toString());
        assertEquals(2, p.code, p.err);
        assertTrue(p.err.startsWith("dlmc: error: model.beta"), p.err);
        assertFalse(Files.exists(dir.resolve("bad")));
    }

    /**
     * Fault tolerance: one executor is killed (SIGKILL) while tasks run; Spark re-runs its tasks on
     * a new executor, finished chunks come back from their checkpoints, and the output is
     * identical in content to the undisturbed embedded run.
     */
    @Test
    void killedExecutorDoesNotChangeTheResult() throws Exception {
        String[] size = {"--trajectories", "200", "--set", "time.t_end=10", "--set", "ensemble.chunk_size=5",
            "--partitions", "8", "--quiet"};
        Proc local = dlmc("fault-local", concat(new String[] {"run", EXPERIMENT, "--out", dir.resolve("fault-local").toString(),
            "--run-id", "ref"}, size));
        assertEquals(0, local.code, "embedded run; stderr: " + local.err);

        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("dlmc").toString()));
        cmd.addAll(List.of(concat(new String[] {"submit", EXPERIMENT, "--out", dir.resolve("fault").toString(),
            "--run-id", "fault"}, size)));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile())
                .redirectOutput(dir.resolve("fault.stdout").toFile()).redirectError(dir.resolve("fault.stderr").toFile());
        pb.environment().putAll(env);
        Process submit = pb.start();
        Path run = dir.resolve("fault/beta3-sde/fault");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (ResumeIT.checkpoints(run.resolve("_chunks")) < 3 && submit.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(submit.isAlive(), "the run ended before an executor could be killed");
        List<ProcessHandle> executors = ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains("CoarseGrainedExecutorBackend")).orElse(false))
                .filter(h -> h.parent().map(ClusterIT::ours).orElse(false))
                .toList();
        assertFalse(executors.isEmpty(), "no executor of our cluster found");
        executors.get(0).destroyForcibly();
        if (!submit.waitFor(4, TimeUnit.MINUTES)) {
            submit.descendants().forEach(ProcessHandle::destroyForcibly);
            submit.destroyForcibly();
            throw new AssertionError("submit did not finish after the executor was killed");
        }
        String stderr = Files.readString(dir.resolve("fault.stderr"), StandardCharsets.UTF_8);
        assertEquals(0, submit.exitValue(), "submit after a killed executor; stderr: " + stderr);
        // the driver saw the fault (Spark logs the lost executor at WARN/ERROR, which conf/log4j2 keeps)
        assertTrue(stderr.contains("Lost executor") || stderr.contains("ExecutorLostFailure"),
                "the executor loss was not noticed by the driver; stderr: " + stderr);
        Path ref = dir.resolve("fault-local/beta3-sde/ref");
        for (String q : List.of(
                "SELECT trajectory_id, time_index, t, spectrum, entropy, energy, lambda_max, status FROM %s ORDER BY 1, 2",
                "SELECT time_index, quantity, bin_lo, value, std_error, bin_hi, count, theory FROM %s ORDER BY 1, 2, 3",
                "SELECT trajectory_id, status, steps, rejected_steps, t_reached, chunk FROM %s ORDER BY 1")) {
            String table = q.contains("spectrum") ? "snapshots" : q.contains("quantity") ? "estimates" : "trajectories";
            List<String> a = ParquetReader.rows(String.format(q, ParquetReader.table(ref, table)));
            assertFalse(a.isEmpty());
            assertEquals(a, ParquetReader.rows(String.format(q, ParquetReader.table(run, table))), table + " after a killed executor");
        }
    }

    private static void assertSameContent(Path run) throws Exception {
        assertTrue(Files.exists(run.resolve("_SUCCESS")), "_SUCCESS in " + run);
        String snap = "SELECT trajectory_id, time_index, t, spectrum, entropy, energy, lambda_max, status, free_energy,"
                + " orthogonality_residual, balance_residual FROM %s ORDER BY 1, 2";
        List<String> expected = ParquetReader.rows(String.format(snap, ParquetReader.table(reference, "snapshots")));
        assertEquals(24 * 3, expected.size());
        assertEquals(expected, ParquetReader.rows(String.format(snap, ParquetReader.table(run, "snapshots"))), "snapshots");
        String est = "SELECT time_index, t, quantity, \"index\", value, std_error, bin_lo, bin_hi, count, theory FROM %s"
                + " ORDER BY 1, 3, 4, 7";
        List<String> expectedEstimates = ParquetReader.rows(String.format(est, ParquetReader.table(reference, "estimates")));
        assertFalse(expectedEstimates.isEmpty());
        assertEquals(expectedEstimates, ParquetReader.rows(String.format(est, ParquetReader.table(run, "estimates"))), "estimates");
        String traj = "SELECT trajectory_id, status, steps, rejected_steps, t_reached, snapshots, chunk FROM %s ORDER BY 1";
        assertEquals(ParquetReader.rows(String.format(traj, ParquetReader.table(reference, "trajectories"))),
                ParquetReader.rows(String.format(traj, ParquetReader.table(run, "trajectories"))), "trajectories");
        String manifest = Files.readString(run.resolve("manifest.json"));
        assertTrue(manifest.contains("\"master\" : \"spark://127.0.0.1:" + masterPort + "\""), manifest);
        assertTrue(Files.readString(reference.resolve("manifest.json")).contains("\"master\" : \"local[*]\""));
    }
}
