package dlmc.spark.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dlmc.core.estimate.EstimateRow;
import dlmc.core.estimate.EstimatorPlan;
import dlmc.core.estimate.KnnEntropy;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import dlmc.core.random.RandomStream;
import dlmc.core.scheme.Status;
import dlmc.core.theory.AlignedGradientFlow;
import dlmc.spark.config.ConfigException;
import dlmc.spark.config.ExperimentConfig;
import dlmc.spark.io.HumanNumbers;
import dlmc.spark.io.RunLayout;
import dlmc.spark.io.Schemas;
import dlmc.spark.io.Versions;
import dlmc.spark.kryo.DlmcKryoRegistrator;
import dlmc.spark.plan.TrajectoryPlan;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.ejml.data.DMatrixRMaj;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Driver side of {@code dlmc run}: plan chunks → {@code mapPartitions} running the core →
 * Parquet {@code trajectories/}, {@code snapshots/}, {@code estimates/} → {@code manifest.json}
 * → {@code _SUCCESS} (design.md, interface.md §3). Contains no physics.
 *
 * <p>Nothing per trajectory reaches the driver: tasks return per-chunk accumulators, which the
 * driver folds in chunk order as the tasks finish ({@link SummaryFold}; so the estimates are
 * bit-identical for any partitioning).
 */
public final class RunJob {
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]+");
    /** Below this relative off-diagonal part (and above the tolerance) the summary calls a start nearly aligned. */
    static final double NEARLY_ALIGNED = 1e-3;

    private final ExperimentConfig config;
    private final RunOptions options;
    private final PrintStream out;
    private final PrintStream err;

    public RunJob(ExperimentConfig config, RunOptions options, PrintStream out, PrintStream err) {
        this.config = config;
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** Spark settings every dlmc session uses. */
    public static SparkConf sparkConf(SparkConf conf) {
        conf.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.set("spark.kryo.registrator", DlmcKryoRegistrator.class.getName());
        conf.set("spark.kryo.registrationRequired", "true");
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        conf.setIfMissing("spark.sql.parquet.compression.codec", "zstd");
        return conf;
    }

    /** @return the default run id: UTC timestamp plus 8 hex digits of the config's SHA-256. */
    static String defaultRunId(String effectiveYaml) {
        String ts = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(effectiveYaml.getBytes(StandardCharsets.UTF_8));
            return ts + "-" + String.format("%02x%02x%02x%02x", h[0], h[1], h[2], h[3]);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Validates what can be validated before Spark starts (exit 2 on failure). */
    public String resolveRunId() {
        String id = options.runId != null ? options.runId : defaultRunId(config.effectiveYaml());
        if (!RUN_ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
            // "." and ".." would name the experiment's folder or the output root itself (and --resume clears a run directory)
            throw ConfigException.invalid("--run-id", id, "letters, digits, '.', '_' and '-' only, not '.' or '..'");
        }
        if (options.resume && options.runId == null) {
            throw new ConfigException("--resume needs --run-id: the id of the interrupted run to continue");
        }
        return id;
    }

    /**
     * {@link #resolveRunId} plus, for an output root on the local file system (a path or a
     * {@code file:} URI), the run directory checks that {@link #execute} makes after Spark starts:
     * an existing directory without --resume, or a missing one with it, is bad input (exit 2).
     * For {@code dlmc check}, which starts nothing. For other file systems only that a Hadoop FileSystem
     * is known for the URI's scheme, as the run's first step checks it (nothing is contacted); the run
     * directory is checked by the run.
     */
    public String checkBeforeStart() {
        String id = resolveRunId();
        String root = options.out != null ? options.out : defaultOutRoot();
        java.nio.file.Path local = OutputRoot.localPath(root);
        if (local == null) {
            String scheme = new Path(root).toUri().getScheme();
            try {
                FileSystem.getFileSystemClass(scheme, new Configuration());
            } catch (UnsupportedFileSystemException e) {
                throw unknownScheme(root, scheme);
            } catch (IOException e) {
                // not a scheme problem: the run meets it again and reports it
            }
        }
        if (local != null) {
            java.nio.file.Path runDir = local.toAbsolutePath().resolve(config.name()).resolve(id);
            if (options.resume && !java.nio.file.Files.isDirectory(runDir)) {
                throw new ConfigException("--resume: there is no run directory " + runDir + " to resume");
            }
            if (!options.resume && java.nio.file.Files.exists(runDir)) {
                throw new ConfigException("run directory already exists: " + runDir
                        + " (choose another --run-id, or add --resume to continue an interrupted run)");
            }
        }
        return id;
    }

    /**
     * The keys whose values differ between two effective experiments (YAML), for the --resume
     * message: "k was A, is now B" for at most three keys, dotted paths in key order.
     */
    static String configDifferences(String before, String now) {
        SortedMap<String, String> a = new TreeMap<>();
        SortedMap<String, String> b = new TreeMap<>();
        Load load = new Load(LoadSettings.builder().build());
        flatten("", load.loadFromString(before), a);
        flatten("", load.loadFromString(now), b);
        SortedSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<String> diffs = new ArrayList<>();
        for (String k : keys) {
            String x = a.get(k);
            String y = b.get(k);
            if (!Objects.equals(x, y)) {
                diffs.add(k + " was " + (x == null ? "absent" : x) + ", is now " + (y == null ? "absent" : y));
            }
        }
        if (diffs.isEmpty()) {
            return "the same keys and values, written differently";
        }
        String shown = String.join("; ", diffs.subList(0, Math.min(3, diffs.size())));
        return diffs.size() > 3 ? shown + "; and " + (diffs.size() - 3) + " more" : shown;
    }

    private static void flatten(String prefix, Object node, Map<String, String> out) {
        if (node instanceof Map<?, ?> map && !map.isEmpty()) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, String.valueOf(node));
        }
    }

    /** The run directory this attempt created (not --resume), for {@link #removeIfNothingFinished}. */
    private Path createdRunDir;
    private FileSystem createdRunDirFs;
    /** The task slots the run was planned for, and the executors registered then ({@link ExecutorWait}); in the manifest. */
    private int plannedSlots;
    /** The scheme's warnings and the estimate plan's, once planned (printed, and in the manifest). */
    private List<String> warnings = List.of();
    private int plannedExecutors;

    public RunSummary execute() throws IOException {
        final long t0 = System.nanoTime();
        final String runId = resolveRunId();
        final String outRoot = options.out != null ? options.out : defaultOutRoot();

        SparkConf conf = sparkConf(new SparkConf().setAppName("dlmc run " + config.name()));
        if (options.master != null) {
            conf.setMaster(options.master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        scala.Option<SparkSession> active = SparkSession.getActiveSession();
        if (active.isEmpty()) {
            active = SparkSession.getDefaultSession();
        }
        boolean existed = active.isDefined();
        if (!existed) {
            MasterUrl.probe(conf.get("spark.master"));
            if (conf.get("spark.master").startsWith("spark://")) {
                StandaloneGrants.install(); // ExecutorWait waits for the executors granted
            }
            warmUpSqlClasses();
        }
        // The SparkContext alone first: the simulate job runs on it while the SQL session — whose
        // first creation initialises Scala reflection and the catalogue, about a second of driver
        // work, most of it done by warmUpSqlClasses while the context starts — is built (run()).
        SparkContext sc = existed ? active.get().sparkContext() : SparkContext.getOrCreate(conf);
        SparkSession[] session = {existed ? active.get() : null};
        try {
            return run(sc, () -> {
                if (session[0] == null) {
                    // on the context made above (the builder's own SparkContext.getOrCreate would
                    // warn that the context exists); the SQL settings are in its conf
                    session[0] = SparkSession.builder().sparkContext(sc).getOrCreate();
                }
                return session[0];
            }, outRoot, runId, t0);
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            removeIfNothingFinished();
            throw e;
        } finally {
            if (!existed) {
                if (session[0] != null) {
                    session[0].stop();
                } else {
                    sc.stop();
                }
            }
        }
    }

    /**
     * After a failed run that this attempt started (not --resume) and that finished no chunk: its
     * run directory holds only {@code _chunks/config.yaml}, nothing to resume, so it is removed
     * ("no half-written output"). Not while the JVM shuts down (a signal: the run may be
     * continued, and the message says so), and never when a chunk was checkpointed.
     */
    private void removeIfNothingFinished() {
        Path dir = createdRunDir;
        FileSystem fs = createdRunDirFs;
        if (dir == null || fs == null || shuttingDown()) {
            return;
        }
        try {
            for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(ChunkStore.directory(dir))) {
                if (f.getPath().getName().startsWith("chunk-")) {
                    return;
                }
            }
            fs.delete(dir, true);
        } catch (IOException | RuntimeException e) {
            // best effort: the run's own failure is what the user needs to see
        }
    }

    /** @return true while the JVM runs its shutdown hooks (adding a hook is refused then). */
    public static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /**
     * Initialises, on a background thread, the Spark SQL classes whose static initialisation is
     * most of the cost of the first {@code SparkSession} (Scala runtime reflection, the SQL
     * configuration registry, the built-in function registry; about 1.5 s of CPU), and the Parquet
     * writer's (0.1–0.2 s less after the simulate job, measured with Spark's event log). The session
     * is built while the simulate job runs (see {@link #run}), where this work competed with the
     * tasks for the cores; the SparkContext's start, which this overlaps, leaves a core idle.
     * Measured (bench/RESULTS.md, eighth session): 6 000 W1 trajectories on local[2], whole run
     * 12.89 s with this warm-up of the SQL classes against 13.32 s without (medians of 6
     * alternated pairs; faster in each pair). Only class
     * initialisation: nothing here depends on the run, and a failure here is harmless (the
     * session's own initialisation would meet it again and report it).
     */
    private static void warmUpSqlClasses() {
        Thread warm = new Thread(() -> {
            try {
                // reading a Scala object's MODULE$ runs its class's static initialisation
                Object[] objects = {org.apache.spark.sql.internal.SQLConf$.MODULE$,
                        org.apache.spark.sql.catalyst.ScalaReflection$.MODULE$,
                        org.apache.spark.sql.catalyst.analysis.FunctionRegistry$.MODULE$};
                // the Parquet writer of the tables (in local mode this JVM is the executor too):
                // zstd's native library, extracted and loaded on first use, and the writer classes
                com.github.luben.zstd.util.Native.load();
                for (Class<?> c : new Class<?>[] {org.apache.parquet.hadoop.ParquetOutputFormat.class,
                        org.apache.parquet.hadoop.ParquetFileWriter.class,
                        org.apache.spark.sql.execution.datasources.parquet.ParquetWriteSupport.class}) {
                    Class.forName(c.getName(), true, c.getClassLoader());
                }
            } catch (Throwable ignored) {
                // see the method comment
            }
        }, "dlmc-sql-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    private String defaultOutRoot() {
        String home = System.getProperty("dlmc.home");
        return home == null ? "data/runs" : new java.io.File(home, "data/runs").getPath();
    }

    private RunSummary run(SparkContext sc, java.util.function.Supplier<SparkSession> sessions, String outRoot,
                           String runId, long t0) throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
        Configuration hadoop = jsc.hadoopConfiguration();
        Path runDir = new Path(new Path(new Path(outRoot), config.name()), runId);
        FileSystem fs = outputFileSystem(runDir, hadoop, outRoot);
        runDir = fs.makeQualified(runDir);
        final Path chunksDir = ChunkStore.directory(runDir);
        final Path savedConfig = new Path(chunksDir, RunLayout.CHUNKS_CONFIG);
        if (options.resume) {
            if (!fs.exists(runDir)) {
                throw new ConfigException("--resume: there is no run directory " + runDir + " to resume");
            }
            if (fs.exists(new Path(runDir, RunLayout.SUCCESS))) {
                throw new ConfigException("--resume: the run " + runDir + " is already complete (it has _SUCCESS)");
            }
            if (fs.exists(savedConfig)) {
                String saved;
                try (java.io.InputStream in = fs.open(savedConfig)) {
                    saved = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (!saved.equals(config.effectiveYaml())) {
                    throw new ConfigException("--resume: the experiment (after --set and options) differs from the one the "
                            + "interrupted run started with: " + configDifferences(saved, config.effectiveYaml())
                            + " (resume with the options it was started with; its experiment is " + savedConfig + ")");
                }
            }
            // tables of the interrupted attempt are incomplete: rebuilt from the chunks
            for (String t : List.of(RunLayout.TRAJECTORIES, RunLayout.SNAPSHOTS, RunLayout.ESTIMATES, RunLayout.MANIFEST)) {
                fs.delete(new Path(runDir, t), true);
            }
        } else if (fs.exists(runDir)) {
            throw new ConfigException("run directory already exists: " + runDir
                    + " (choose another --run-id, or add --resume to continue an interrupted run)");
        }
        fs.mkdirs(chunksDir);
        if (!options.resume) {
            createdRunDir = runDir;
            createdRunDirFs = fs;
        }
        if (!fs.exists(savedConfig)) {
            try (OutputStream os = fs.create(savedConfig, true)) {
                os.write(config.effectiveYaml().getBytes(StandardCharsets.UTF_8));
            }
        }
        final ChunkStore store = new ChunkStore(chunksDir.toString());

        final TrajectoryPlan plan = new TrajectoryPlan(config.trajectories(), config.chunkSize());
        Map<String, Double> stageSeconds = new LinkedHashMap<>();
        // on a cluster: plan for the executors, not for the few (or none) registered so far
        final ExecutorWait.Result slots = ExecutorWait.await(sc);
        if (!sc.isLocal()) {
            stageSeconds.put("wait_for_executors", slots.seconds());
            if (slots.timedOut()) {
                err.println(String.format(Locale.ROOT, "[dlmc] warning: %d executor(s) registered within %.0f s"
                        + " (spark.scheduler.maxRegisteredResourcesWaitingTime); planning for %d task slots",
                        slots.executors(), slots.seconds(), slots.slots()));
            }
        }
        plannedSlots = slots.slots();
        plannedExecutors = slots.executors();
        final int partitions = plan.partitions(config.partitions(), slots.slots());
        // The tables are written from the cached chunks in one wave of tasks, one file per core:
        // a write task has a fixed cost (output committer, Parquet writer; 0.1–0.17 s measured)
        // that the 4 × cores partitions of the simulation would pay four times, for small files.
        final int writeTasks = Math.max(1, Math.min(partitions, slots.slots()));
        final String yaml = config.effectiveYaml();
        final LongAccumulator done = jsc.sc().longAccumulator("trajectories done");
        final LongAccumulator reused = jsc.sc().longAccumulator("chunks reused");
        // unnamed: a named accumulator's value would be rendered for the UI after every task
        final SummaryFold fold = new SummaryFold(plan.chunks());
        jsc.sc().register(fold);
        long tp = System.nanoTime();
        final EstimatorPlan estimatorPlan = config.simulationSpec().planEstimates(config.grid(), config.bins(), config.seed());
        stageSeconds.put("plan_estimates", seconds(tp));
        warnings = new ArrayList<>(config.simulationSpec().warnings());
        warnings.addAll(estimatorPlan.warnings());

        long ts = System.nanoTime();
        info("dlmc run " + config.name() + " / " + runId + ": " + plan.trajectories() + " trajectories in "
                + plan.chunks() + " chunks of " + plan.chunkSize() + ", " + partitions + " partitions, master "
                + sc.master() + (sc.isLocal() ? "" : String.format(Locale.ROOT, " (%d executor%s, %d task slots, after %.1f s)",
                slots.executors(), slots.executors() == 1 ? "" : "s", slots.slots(), slots.seconds())));
        // a scheme's known bias on this model, a theory that could not be computed: shown even with
        // --quiet (also in the manifest)
        for (String w : warnings) {
            err.println("[dlmc] warning: " + w);
        }

        // The chunks are cached on the executors' local disk (spark.local.dir), serialized, from
        // the simulation to the last table write; deleted by unpersist. In the heap (as
        // MEMORY_AND_DISK_SER, until 2026-11-29) they made the heap, and so the resident size,
        // grow with the number of trajectories: W7 (10^6 small trajectories, ~230 bytes each)
        // peaked at 0.69-1.10 GiB against 0.47-0.53 GiB on disk, in the same time (RESULTS.md).
        JavaRDD<ChunkResult> results = jsc.parallelize(plan.chunkIds(), partitions)
                .mapPartitions((Iterator<Integer> chunks) -> computeChunks(yaml, plan, estimatorPlan, store, done, reused, fold,
                        chunks))
                .persist(StorageLevel.DISK_ONLY());

        final java.util.Set<Integer> validCheckpoints = new java.util.HashSet<>(); // the progress thread's only
        Progress progress = new Progress(done, () -> ChunkStore.checkpointedTrajectories(fs, chunksDir, plan,
                validCheckpoints),
                plan.trajectories(), err, options.quiet);
        progress.start();
        final SparkSession spark;
        try {
            // 1. simulate: a plain RDD job computes and caches every chunk; meanwhile the driver
            // builds the SQL session (the driver's one core would otherwise idle). Then the
            // trajectories table from the cached chunks.
            JavaFutureAction<Void> simulation = results.foreachPartitionAsync(RunJob::drain);
            spark = sessions.get();
            JavaRDD<Row> trajRows = results.flatMap(RunJob::trajectoryRows);
            org.apache.spark.sql.Dataset<Row> trajectories = spark.createDataFrame(trajRows, Schemas.TRAJECTORIES)
                    .coalesce(writeTasks);
            await(simulation);
            trajectories.write().mode(SaveMode.ErrorIfExists).parquet(new Path(runDir, RunLayout.TRAJECTORIES).toString());
        } finally {
            progress.finish();
        }
        stageSeconds.put("simulate_and_write_trajectories", seconds(ts));

        // 2. snapshots
        ts = System.nanoTime();
        if (config.snapshots()) {
            JavaRDD<Row> snapRows = results.flatMap(RunJob::snapshotRows);
            spark.createDataFrame(snapRows, Schemas.SNAPSHOTS).coalesce(writeTasks).write().mode(SaveMode.ErrorIfExists)
                    .parquet(new Path(runDir, RunLayout.SNAPSHOTS).toString());
        }
        stageSeconds.put("write_snapshots", seconds(ts));

        // 3. estimates: the chunk summaries folded in chunk order on the driver — during the
        // simulate job (SummaryFold); read back from the cached chunks only if some are missing
        ts = System.nanoTime();
        ChunkSummary total;
        if (fold.complete()) {
            total = fold.value();
        } else {
            total = null;
            Iterator<ChunkSummary> it = results.map(r -> r.summary).toLocalIterator();
            while (it.hasNext()) {
                ChunkSummary s = it.next();
                if (total == null) {
                    total = s;
                } else {
                    total.combine(s);
                }
            }
        }
        List<EstimateRow> estimates = total.estimator.rows();
        stageSeconds.put("estimates", seconds(ts));

        // 3b. entropy estimates: a shuffle keyed by save-time index, estimated on the executors.
        // After the table writes, not alongside them: that saved ~0.3 s of W5 but raised W7's
        // peak memory (10^6 trajectories: up to 1069 MiB instead of 715-800 MiB, bench/RESULTS.md).
        ts = System.nanoTime();
        if (config.entropyEstimates()) {
            estimates = withEntropyRows(estimates, entropyRows(results, partitions));
        }
        stageSeconds.put("entropy_estimates", seconds(ts));
        ts = System.nanoTime();
        List<Row> estRows = new ArrayList<>(estimates.size());
        for (EstimateRow e : estimates) {
            estRows.add(RowFactory.create(indexOf(e.t), e.t, e.quantity, e.index < 0 ? null : e.index,
                    nullIfNaN(e.value), nullIfNaN(e.stdError), nullIfNaN(e.binLo), nullIfNaN(e.binHi), e.count,
                    nullIfNaN(e.theory)));
        }
        spark.createDataFrame(estRows, Schemas.ESTIMATES).coalesce(1).write().mode(SaveMode.ErrorIfExists)
                .parquet(new Path(runDir, RunLayout.ESTIMATES).toString());
        stageSeconds.merge("estimates", seconds(ts), Double::sum);
        results.unpersist(false);

        Map<String, Long> counts = new LinkedHashMap<>();
        for (Status s : Status.values()) {
            if (total.statusCounts[s.ordinal()] > 0 || s == Status.OK) {
                counts.put(s.label(), total.statusCounts[s.ordinal()]);
            }
        }
        double wall = seconds(t0);

        // 4. manifest, then _SUCCESS
        Map<String, Object> manifest = manifest(spark, runDir, runId, plan, partitions, counts, total, stageSeconds, wall);
        manifest.put("resumed", options.resume);
        manifest.put("chunks_reused", reused.value());
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try (OutputStream os = fs.create(new Path(runDir, RunLayout.MANIFEST), false)) {
            os.write(mapper.writeValueAsBytes(manifest));
        }
        fs.delete(chunksDir, true);
        try (OutputStream os = fs.create(new Path(runDir, RunLayout.SUCCESS), false)) {
            os.write(new byte[0]);
        }

        printSummary(runDir.toString(), runId, counts, wall, stageSeconds, estimates);
        return new RunSummary(runDir.toString(), counts, wall);
    }

    /**
     * @return the Hadoop FileSystem that serves {@code --out} (local, {@code hdfs://namenode:port}, …)
     * @throws ConfigException (exit 2) when no FileSystem is known for the URI's scheme, e.g. a typo
     */
    private static FileSystem outputFileSystem(Path runDir, Configuration hadoop, String outRoot) throws IOException {
        try {
            return runDir.getFileSystem(hadoop);
        } catch (UnsupportedFileSystemException e) {
            throw unknownScheme(outRoot, runDir.toUri().getScheme());
        }
    }

    private static ConfigException unknownScheme(String outRoot, String scheme) {
        return ConfigException.invalid("--out", outRoot, "no Hadoop FileSystem for scheme '" + scheme
                + "'; use a local path, file:/..., hdfs://namenode:port/... or a scheme whose connector is on the classpath");
    }

    /** Executor side: computes (and so caches) every chunk of a partition. */
    private static void drain(Iterator<ChunkResult> chunks) {
        while (chunks.hasNext()) {
            chunks.next();
        }
    }

    /** Waits for an asynchronous job; its failure is rethrown as the synchronous job would have thrown it. */
    private static <T> T await(JavaFutureAction<T> job) {
        try {
            return job.get();
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a Spark job", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            if (c instanceof Error) {
                throw (Error) c;
            }
            throw new IllegalStateException(c);
        }
    }

    /** Executor side: a lazy iterator over the chunks of one partition (static: captures no driver state). */
    static Iterator<ChunkResult> computeChunks(String yaml, TrajectoryPlan plan, EstimatorPlan estimatorPlan,
                                               ChunkStore store, LongAccumulator done, LongAccumulator reused,
                                               SummaryFold fold, Iterator<Integer> chunks) {
        ChunkComputer computer = new ChunkComputer(ExperimentConfig.fromEffective(yaml), plan, estimatorPlan);
        return new Iterator<ChunkResult>() {
            @Override
            public boolean hasNext() {
                return chunks.hasNext();
            }

            @Override
            public ChunkResult next() {
                int c = chunks.next();
                try {
                    ChunkResult r = store.read(c);
                    if (r != null) {
                        reused.add(1);
                    } else {
                        r = computer.compute(c);
                        store.write(r);
                    }
                    done.add(r.trajectoryCount);
                    fold.add(r.summary);
                    return r;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("chunk checkpoint " + c, e);
                }
            }
        };
    }

    /**
     * The entropy rows of every save time ({@link EntropyStage}): the ok snapshots' samples are
     * keyed by save-time index, grouped on the executors (one shuffle), sorted by trajectory id and
     * estimated there; only the (two per time) rows come back to the driver.
     */
    private List<EstimateRow> entropyRows(JavaRDD<ChunkResult> results, int partitions) {
        final int n = config.simulationSpec().spectrumLength();
        final EntropyStage stage = new EntropyStage(config, n);
        final int groups = Math.max(1, Math.min(config.grid().size(), partitions));
        List<EstimateRow> rows = new ArrayList<>(results.flatMapToPair(RunJob::entropySamples)
                .groupByKey(groups)
                .flatMap(g -> stage.rows(g._1(), g._2()).iterator())
                .collect());
        rows.sort(java.util.Comparator.comparingDouble((EstimateRow e) -> e.t).thenComparing(e -> e.quantity));
        return rows;
    }

    /** Inserts each time's entropy rows after that time's other rows. */
    private static List<EstimateRow> withEntropyRows(List<EstimateRow> base, List<EstimateRow> extra) {
        List<EstimateRow> out = new ArrayList<>(base.size() + extra.size());
        int j = 0;
        for (int i = 0; i < base.size(); i++) {
            out.add(base.get(i));
            final double t = base.get(i).t;
            if (i + 1 == base.size() || base.get(i + 1).t != t) {
                while (j < extra.size() && extra.get(j).t <= t) {
                    out.add(extra.get(j++));
                }
            }
        }
        while (j < extra.size()) {
            out.add(extra.get(j++));
        }
        return out;
    }

    /** Executor side: (save-time index, batch of that chunk's ok snapshots at that time). */
    static Iterator<scala.Tuple2<Integer, EntropySample>> entropySamples(ChunkResult r) {
        int times = 0;
        for (int k = 0; k < r.entropyCount; k++) {
            times = Math.max(times, r.entropyTimeIndex[k] + 1);
        }
        int[] count = new int[times];
        int[] valueCount = new int[times];
        for (int k = 0; k < r.entropyCount; k++) {
            count[r.entropyTimeIndex[k]]++;
            valueCount[r.entropyTimeIndex[k]] += r.entropyOffset[k + 1] - r.entropyOffset[k];
        }
        List<scala.Tuple2<Integer, EntropySample>> out = new ArrayList<>();
        for (int ti = 0; ti < times; ti++) {
            if (count[ti] == 0) {
                continue;
            }
            long[] ids = new long[count[ti]];
            int[] offsets = new int[count[ti] + 1];
            double[] values = new double[valueCount[ti]];
            int j = 0;
            int o = 0;
            for (int k = 0; k < r.entropyCount; k++) {
                if (r.entropyTimeIndex[k] != ti) {
                    continue;
                }
                int len = r.entropyOffset[k + 1] - r.entropyOffset[k];
                System.arraycopy(r.entropyValues, r.entropyOffset[k], values, o, len);
                ids[j] = r.entropyId[k];
                o += len;
                offsets[++j] = o;
            }
            out.add(new scala.Tuple2<>(ti, new EntropySample(ids, offsets, values)));
        }
        return out.iterator();
    }

    private int indexOf(double t) {
        double[] ts = config.grid().times();
        for (int i = 0; i < ts.length; i++) {
            if (ts[i] == t) {
                return i;
            }
        }
        return -1;
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** A scheme diagnostic count, or null (−1: the scheme has none). */
    static Long nullIfNegative(long count) {
        return count < 0 ? null : count;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static Iterator<Row> trajectoryRows(ChunkResult r) {
        List<Row> rows = new ArrayList<>(r.trajectoryCount);
        Status[] st = Status.values();
        for (int k = 0; k < r.trajectoryCount; k++) {
            rows.add(RowFactory.create(r.trajId[k], st[r.trajStatus[k]].label(), r.steps[k], r.rejected[k],
                    r.tReached[k], r.snapshotsEmitted[k], r.chunk, nullIfNegative(r.reorders[k]),
                    nullIfNegative(r.reflections[k]), nullIfNegative(r.biasedRegimeSteps[k])));
        }
        return rows.iterator();
    }

    static Iterator<Row> snapshotRows(ChunkResult r) {
        final int n = r.n;
        final Status[] st = Status.values();
        return new Iterator<Row>() {
            int k;

            @Override
            public boolean hasNext() {
                return k < r.snapshotCount;
            }

            @Override
            public Row next() {
                double[] spec = new double[n];
                System.arraycopy(r.spectra, k * n, spec, 0, n);
                double max = Double.NEGATIVE_INFINITY;
                for (double v : spec) {
                    max = Math.max(max, v);
                }
                Row row = RowFactory.create(r.snapId[k], r.snapTimeIndex[k], r.snapT[k], spec, r.entropy[k],
                        r.energy[k], max, st[r.snapStatus[k]].label(), nullIfNaN(r.freeEnergy[k]),
                        nullIfNaN(r.orthogonality[k]), nullIfNaN(r.balance[k]));
                k++;
                return row;
            }
        };
    }

    private Map<String, Object> manifest(SparkSession spark, Path runDir, String runId, TrajectoryPlan plan,
                                         int partitions, Map<String, Long> counts, ChunkSummary total,
                                         Map<String, Double> stageSeconds, double wall) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layout_version", Schemas.LAYOUT_VERSION);
        m.put("experiment", config.name());
        m.put("run_id", runId);
        m.put("run_dir", runDir.toString());
        m.put("created_utc", LocalDateTime.now(ZoneOffset.UTC).toString() + "Z");
        m.put("config", config.effective());
        m.put("config_yaml", config.effectiveYaml());
        m.put("seed", config.seed());
        m.put("trajectories", plan.trajectories());
        m.put("chunk_size", plan.chunkSize());
        m.put("chunks", plan.chunks());
        m.put("partitions", partitions);
        m.put("save_times", config.grid().times());
        m.put("rng", Map.of("algorithm", RandomStream.ALGORITHM, "gaussian", RandomStream.GAUSSIAN_SAMPLER,
                "library", "Apache Commons RNG " + Versions.get("commons-rng")));
        m.put("scheme", config.schemeType());
        if (config.lambdaStep() != null) {
            m.put("lambda_step", config.lambdaStep());
        }
        if (config.metricScale() != null) {
            // DLN: the normalisation of the metric operator, also when defaulted (math-spec 2.1, 9 item 4)
            m.put("metric_scale", config.metricScale());
        }
        m.put("warnings", warnings);
        m.put("representation", config.representation());
        m.put("status_counts", counts);
        m.put("steps_total", total.steps);
        m.put("rejected_steps_total", total.rejected);
        m.put("reorders_total", nullIfNegative(total.reorders));
        m.put("reflections_total", nullIfNegative(total.reflections));
        m.put("biased_regime_steps_total", nullIfNegative(total.biasedRegimeSteps));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("dlmc", Versions.get("dlmc"));
        v.put("git_sha", gitSha());
        v.put("spark", spark.version());
        v.put("java", System.getProperty("java.version"));
        v.put("java_vendor", System.getProperty("java.vendor"));
        v.put("commons_rng", Versions.get("commons-rng"));
        v.put("ejml", Versions.get("ejml"));
        m.put("versions", v);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("master", spark.sparkContext().master());
        s.put("app_id", spark.sparkContext().applicationId());
        s.put("default_parallelism", spark.sparkContext().defaultParallelism());
        // the task slots the partitions and write tasks were planned for (ExecutorWait)
        s.put("planned_parallelism", plannedSlots);
        s.put("planned_executors", spark.sparkContext().isLocal() ? 1 : plannedExecutors);
        // the block managers include the driver's; in local mode it is the one that runs the tasks
        int blockManagers = spark.sparkContext().getExecutorMemoryStatus().size();
        s.put("executors", spark.sparkContext().isLocal() ? 1 : Math.max(blockManagers - 1, 0));
        m.put("spark", s);
        m.put("stage_seconds", stageSeconds);
        m.put("wall_seconds", wall);
        return m;
    }

    static String gitSha() {
        String p = System.getProperty("dlmc.git.sha");
        return p == null || p.isBlank() ? "unknown" : p;
    }

    private void info(String s) {
        if (!options.quiet) {
            err.println("[dlmc] " + s);
        }
    }

    private void printSummary(String runDir, String runId, Map<String, Long> counts, double wall,
                              Map<String, Double> stages, List<EstimateRow> estimates) {
        long ok = counts.getOrDefault("ok", 0L);
        long failed = counts.values().stream().mapToLong(Long::longValue).sum() - ok;
        out.println("run         " + config.name() + " / " + runId);
        out.println("output      " + runDir);
        StringBuilder st = new StringBuilder();
        counts.forEach((k, c) -> {
            if (!k.equals("ok")) {
                st.append(st.length() == 0 ? " (" : ", ").append(k).append(' ').append(c);
            }
        });
        if (st.length() > 0) {
            st.append(')');
        }
        out.println("trajectories " + ok + " ok, " + failed + " failed" + st);
        out.println(String.format(Locale.ROOT, "wall time   %.1f s (simulate %.1f s, snapshots %.1f s, estimates %.1f s)",
                wall, stages.get("simulate_and_write_trajectories"), stages.get("write_snapshots"), stages.get("estimates")));
        double tEnd = config.grid().end();
        // as the report does: when no trajectory was accepted at t_end (all had failed), the last save time with some
        double shown = Double.NaN;
        for (EstimateRow e : estimates) {
            if (e.quantity.equals("trajectories") && e.value > 0 && !(e.t <= shown)) {
                shown = e.t;
            }
        }
        if (Double.isNaN(shown) || shown == tEnd) {
            shown = tEnd;
            out.println(String.format(Locale.ROOT, "estimates at t = %s (± one standard error; theory where known):", fmt(tEnd)));
        } else {
            double failedBy = tEnd;
            for (double t : config.grid().times()) {
                if (t > shown) {
                    failedBy = t;
                    break;
                }
            }
            out.println(String.format(Locale.ROOT, "estimates at t = %s, the last save time with accepted trajectories (all had "
                    + "failed by t = %s; ± one standard error; theory where known):", fmt(shown), fmt(failedBy)));
        }
        boolean knnNote = false;
        double largestError = Double.NaN;
        // one trajectory: the rows a single path leaves undefined (variances, the k-NN entropy) are named, not printed as NaN
        final boolean single = config.trajectories() == 1;
        List<String> undefined = new ArrayList<>();
        for (EstimateRow e : estimates) {
            if (e.t != shown || !Double.isNaN(e.binLo) || e.quantity.endsWith("_max")) {
                continue;
            }
            if (e.quantity.equals("trajectories")) {
                continue;
            }
            if (single && Double.isNaN(e.value)) {
                undefined.add(e.index < 0 ? e.quantity : e.quantity + "[" + e.index + "]");
                continue;
            }
            if (Double.isFinite(e.theory) && Double.isFinite(e.value)) {
                largestError = Double.isNaN(largestError) ? Math.abs(e.value - e.theory)
                        : Math.max(largestError, Math.abs(e.value - e.theory));
            }
            String theory = Double.isNaN(e.theory) ? "" : String.format(Locale.ROOT, "   theory %s", fmt(e.theory));
            String se = Double.isNaN(e.stdError) ? "" : " ± " + fmt(e.stdError);
            String q = e.index < 0 ? e.quantity : e.quantity + "[" + e.index + "]";
            out.println(String.format(Locale.ROOT, "  %-28s %s%s%s", q, fmt(e.value), se, theory));
            if (e.quantity.equals(EntropyStage.KNN) && !Double.isNaN(e.theory) && config.model() != null
                    && config.model().n() > KnnEntropy.UNBIASED_MAX_N) {
                knnNote = true;
            }
        }
        if (knnNote) {
            out.println("  (" + KnnEntropy.biasCaveat() + ")");
        }
        if (!undefined.isEmpty()) {
            out.println("  (undefined for one trajectory: " + String.join(", ", undefined) + ")");
        }
        boolean anyTheory = estimates.stream().anyMatch(e -> !Double.isNaN(e.theory));
        if (!anyTheory && deterministicFlow() && config.dlnModel().depth() >= 2) {
            // say why a flow without noise has no theory column (dln-gradient-flow: a target its start is not aligned with)
            out.println("  (no theory: a flow without noise has its exact solution attached at depth 1 (a quadratic energy) or"
                    + " from a start sharing its singular vectors with a regression target, or with the confining energy;"
                    + " data/README.md, \"DLN theory\")");
            double off = startMisalignment();
            if (off > AlignedGradientFlow.ALIGNMENT_TOLERANCE && off < NEARLY_ALIGNED) {
                out.println("  (the start is nearly aligned: its off-diagonal part in the common SVD basis is "
                        + HumanNumbers.format("%.2e", off) + " of its norm, above the tolerance "
                        + HumanNumbers.format("%.0e", AlignedGradientFlow.ALIGNMENT_TOLERANCE)
                        + "; a start meant to be aligned needs entries to full precision)");
            }
        }
        if (!Double.isNaN(largestError) && ok + failed == 1 && deterministicFlow()) {
            // the one path is the flow's path and the theory its exact solution (DlnReferences): the gap is the integrator's error
            out.println("  (a flow without noise from a fixed start, its theory the exact solution: largest |value - theory| above "
                    + HumanNumbers.format("%.1e", largestError) + " at this time, the integrator's error; the report gives it over"
                    + " all save times)");
        }
    }

    /**
     * @return {@link AlignedGradientFlow#misalignment} of the DLN start (fixed starts only), NaN otherwise
     */
    private double startMisalignment() {
        DlnModel m = config.dlnModel();
        if (m == null || m.initial() instanceof DlnInitial.Ginibre) {
            return Double.NaN;
        }
        DMatrixRMaj x0 = new DMatrixRMaj(m.d(), m.d());
        m.initialMatrix(null, x0); // identity and matrix starts draw nothing
        return AlignedGradientFlow.misalignment(m.energy(), x0);
    }

    /**
     * @return whether the run is the DLN gradient flow without noise ({@code gradient-flow}, {@code parameter-flow},
     *         β = ∞, or κ = 0 with the entropy off) from a fixed start
     */
    private boolean deterministicFlow() {
        String scheme = config.schemeType();
        if (config.dlnModel() == null) {
            return false;
        }
        DlnModel m = config.dlnModel();
        return (scheme.equals("gradient-flow") || scheme.equals("parameter-flow") || Double.isInfinite(m.beta())
                || (m.kappa() == 0 && !m.entropy())) && !(m.initial() instanceof DlnInitial.Ginibre);
    }

    /** A number of the run summary: 5 significant digits, never a negative zero ({@link HumanNumbers}). */
    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return HumanNumbers.format("%.4e", v);
        }
        return HumanNumbers.format("%.5g", v);
    }
}
