package dlmc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --out hdfs://…} (interface.md §1, §3): a run written to an in-JVM HDFS (MiniDFSCluster,
 * one datanode, loopback) holds exactly what the same run writes to a local directory, with
 * {@code manifest.json} and {@code _SUCCESS}; an existing run directory on HDFS is refused and an
 * unknown URI scheme is a usage error.
 *
 * <p>The shared Spark session needs no HDFS settings: the {@code hdfs://host:port} authority in
 * {@code --out} names the namenode, and Hadoop finds {@code DistributedFileSystem} for the
 * {@code hdfs} scheme by itself. Starting the cluster costs ~10–17 s, so there is one per class.
 * {@code dlmc report} of a run on HDFS writes its report to HDFS (and refuses an incomplete run there).
 */
class HdfsOutputTest {
    private static final Path EXAMPLE = RunJobTest.ROOT.resolve("conf/experiments/beta3-sde.yaml");
    /** A small run that still spans several chunks, partitions and Parquet files. */
    private static final String[] SMALL = {"--trajectories", "23", "--partitions", "3",
        "--set", "ensemble.chunk_size=4", "--quiet"};
    private static final String NAME = "beta3-sde";
    /** Manifest fields that legitimately differ between two runs of the same experiment. */
    private static final List<String> RUN_SPECIFIC = List.of("run_dir", "created_utc", "stage_seconds", "wall_seconds");

    private static MiniDFSCluster cluster;
    private static File baseDir;
    private static String hdfsOut;

    @BeforeAll
    static void startHdfs() throws IOException {
        SparkTestSession.get();
        // under the module's target/ (surefire sets basedir), deleted again in stopHdfs
        baseDir = new File(System.getProperty("basedir", "."), "target/minidfs/" + HdfsOutputTest.class.getSimpleName())
                .getAbsoluteFile();
        FileUtil.fullyDelete(baseDir);
        Configuration conf = new HdfsConfiguration();
        // MiniDFSCluster binds the namenode and datanode to 127.0.0.1 on free ports
        cluster = new MiniDFSCluster.Builder(conf, baseDir).numDataNodes(1).build();
        cluster.waitActive();
        hdfsOut = "hdfs://127.0.0.1:" + cluster.getNameNodePort() + "/runs";
    }

    @AfterAll
    static void stopHdfs() throws IOException {
        if (cluster == null) {
            return;
        }
        try {
            // the run cached a client for this namenode in Hadoop's FileSystem cache: close it first
            FileSystem.get(URI.create(hdfsOut), SparkTestSession.get().sparkContext().hadoopConfiguration()).close();
        } finally {
            cluster.shutdown(true);
            cluster = null;
        }
    }

    @Test
    void runOnHdfsEqualsTheLocalRun(@TempDir Path local) throws Exception {
        ConfigErrorsTest.Result h = run(hdfsOut, "same");
        assertEquals(0, h.code(), "HDFS run; stderr: " + h.err());
        ConfigErrorsTest.Result l = run(local.toString(), "same");
        assertEquals(0, l.code(), "local run; stderr: " + l.err());

        FileSystem hdfs = cluster.getFileSystem();
        org.apache.hadoop.fs.Path runDir = new org.apache.hadoop.fs.Path(hdfsOut + "/" + NAME + "/same");
        assertTrue(hdfs.isFile(new org.apache.hadoop.fs.Path(runDir, "manifest.json")), "manifest.json on HDFS");
        assertTrue(hdfs.isFile(new org.apache.hadoop.fs.Path(runDir, "_SUCCESS")), "_SUCCESS on HDFS");
        assertTrue(h.out().contains("output      " + runDir), h.out());

        Path copy = local.resolve("from-hdfs");
        hdfs.copyToLocalFile(false, runDir, new org.apache.hadoop.fs.Path(copy.toUri()), true);
        Path localRun = local.resolve(NAME).resolve("same");
        for (String table : List.of("snapshots", "estimates", "trajectories")) {
            // every column; ORDER BY ALL makes the order total, so file names and row order do not matter
            String sql = "SELECT * FROM %s ORDER BY ALL";
            List<String> fromHdfs = ParquetReader.rows(String.format(sql, ParquetReader.table(copy, table)));
            List<String> fromLocal = ParquetReader.rows(String.format(sql, ParquetReader.table(localRun, table)));
            assertFalse(fromLocal.isEmpty(), table);
            assertEquals(fromLocal, fromHdfs, table + ": HDFS run differs from the local run");
        }
        assertEquals(23 * 3, ParquetReader.scalar("SELECT count(*) FROM " + ParquetReader.table(copy, "snapshots")));
        assertEquals(manifestWithoutTiming(localRun.resolve("manifest.json")),
                manifestWithoutTiming(copy.resolve("manifest.json")), "manifest, ignoring run dir and timing");
    }

    @Test
    void existingRunDirectoryOnHdfsIsRefused() throws IOException {
        assertEquals(0, run(hdfsOut, "twice").code());
        org.apache.hadoop.fs.Path success = new org.apache.hadoop.fs.Path(hdfsOut + "/" + NAME + "/twice/_SUCCESS");
        long written = cluster.getFileSystem().getFileStatus(success).getModificationTime();

        ConfigErrorsTest.Result again = run(hdfsOut, "twice");
        assertEquals(2, again.code(), again.err());
        assertTrue(again.err().startsWith("dlmc: error: run directory already exists: " + hdfsOut + "/" + NAME + "/twice"),
                again.err());
        assertEquals(written, cluster.getFileSystem().getFileStatus(success).getModificationTime(), "first run untouched");
    }

    @Test
    void reportOfAnHdfsRunIsWrittenToHdfs(@TempDir Path local) throws Exception {
        assertEquals(0, run(hdfsOut, "rep").code());
        String runDir = hdfsOut + "/" + NAME + "/rep";
        ConfigErrorsTest.Result r = ConfigErrorsTest.run("report", runDir, "--quiet");
        assertEquals(0, r.code(), r.err());
        FileSystem hdfs = cluster.getFileSystem();
        org.apache.hadoop.fs.Path report = new org.apache.hadoop.fs.Path(runDir + "/report");
        assertTrue(hdfs.isFile(new org.apache.hadoop.fs.Path(report, "index.html")), "index.html on HDFS");
        hdfs.copyToLocalFile(false, report, new org.apache.hadoop.fs.Path(local.resolve("report").toUri()), true);
        assertTrue(ReportCommandTest.checkImages(local.resolve("report")).contains("status-counts.png"));

        // an incomplete run on HDFS is refused and nothing is written
        hdfs.delete(report, true);
        hdfs.delete(new org.apache.hadoop.fs.Path(runDir, "_SUCCESS"), false);
        ConfigErrorsTest.Result incomplete = ConfigErrorsTest.run("report", runDir);
        assertEquals(2, incomplete.code(), incomplete.err());
        assertTrue(incomplete.err().contains("RUN_DIR is incomplete (no _SUCCESS)"), incomplete.err());
        assertFalse(hdfs.exists(report), "no report for an incomplete run");
    }

    @Test
    void unknownUriSchemeIsAUsageError() {
        ConfigErrorsTest.Result r = run("hdfz://127.0.0.1:9/runs", "typo");
        assertEquals(2, r.code(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, "one line expected, got: " + r.err());
        assertTrue(lines[0].startsWith("dlmc: error: --out: 'hdfz://127.0.0.1:9/runs'"), lines[0]);
        assertTrue(lines[0].contains("no Hadoop FileSystem for scheme 'hdfz'"), lines[0]);
    }

    private static ConfigErrorsTest.Result run(String out, String runId) {
        String[] head = {"run", EXAMPLE.toString(), "--out", out, "--run-id", runId};
        String[] args = new String[head.length + SMALL.length];
        System.arraycopy(head, 0, args, 0, head.length);
        System.arraycopy(SMALL, 0, args, head.length, SMALL.length);
        return ConfigErrorsTest.run(args);
    }

    private static ObjectNode manifestWithoutTiming(Path manifest) throws IOException {
        ObjectNode m = (ObjectNode) new ObjectMapper().readTree(Files.readString(manifest));
        m.remove(RUN_SPECIFIC);
        return m;
    }
}
