package dlmc.spark.report;

import dlmc.core.model.DysonModel;
import dlmc.spark.config.ConfigException;
import dlmc.spark.config.ExperimentConfig;
import dlmc.spark.io.RunLayout;
import dlmc.spark.runner.RunJob;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * {@code dlmc report RUN_DIR [--out DIR]} (interface.md §1): reads a finished run (local path or any
 * Hadoop FileSystem URI) and writes PNG plots and a self-contained {@code index.html}.
 *
 * <p>Policy: a run without {@code _SUCCESS} is refused (exit 2), nothing is written. The report is
 * derived data: an existing report directory (recognised by its {@value #MARKER} file) is replaced
 * as a whole; an existing directory that is not a dlmc report is refused (exit 2), so a mistyped
 * {@code --out} never deletes anything else. The report is rendered into a local temporary
 * directory, copied next to the target through the Hadoop FileSystem API and renamed into place,
 * so a failed report leaves the previous one (or none) behind, never half of one.
 */
public final class ReportCommand {
    /** File that marks a directory as a dlmc report (and so replaceable). */
    public static final String MARKER = "_DLMC_REPORT";
    /** Default report directory inside the run directory. */
    public static final String DEFAULT_DIR = "report";

    public static final String HELP = String.join("\n",
            "usage: dlmc report RUN_DIR [options]",
            "",
            "Reads a finished run (RUN_DIR = <out>/<name>/<run_id>, a local path or any Hadoop FileSystem",
            "URI) and writes PNG plots and index.html: spectral densities, λ_max and spacing histograms,",
            "singular values (DLN), entropy/energy/moments versus time, each against its theory with χ²",
            "and KS distances, and the status counts. See README.md \"Reports\".",
            "",
            "options:",
            "  --out DIR             report directory (default RUN_DIR/report; any Hadoop FileSystem URI).",
            "                        An existing dlmc report there is replaced; any other existing",
            "                        non-empty directory is refused",
            "  --master URL          Spark master used to read the Parquet (default local[*])",
            "  --quiet               no progress lines",
            "  --verbose             stack traces on errors",
            "  -h, --help            this help",
            "",
            "exit status: 0 written; 2 bad usage, RUN_DIR missing or incomplete (no _SUCCESS); 1 other failure");

    private ReportCommand() {
    }

    /** Parsed command line. */
    static final class Options {
        String runDir;
        String out;
        String master;
        boolean quiet;
    }

    /** @return the options, or null when help was asked for. */
    static Options parse(String[] args) {
        Options o = new Options();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--out" -> o.out = dlmc.spark.runner.OutputRoot.check(value(args, ++i, a), "report: " + a);
                case "--master" -> o.master = value(args, ++i, a);
                case "--quiet" -> o.quiet = true;
                case "--verbose" -> {
                }
                default -> {
                    if (a.startsWith("--")) {
                        throw new ConfigException("report: unknown option '" + a + "' (see dlmc report --help)");
                    }
                    positional.add(a);
                }
            }
        }
        if (positional.size() != 1) {
            throw new ConfigException("report: expected exactly one RUN_DIR, got " + positional.size()
                    + " (usage: dlmc report RUN_DIR [--out DIR])");
        }
        o.runDir = positional.get(0);
        return o;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new ConfigException(option + ": missing value (see dlmc report --help)");
        }
        return args[i];
    }

    /** Runs {@code dlmc report}; returns the exit status (bad input throws {@link ConfigException}). */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Options o = parse(args);
        if (o == null) {
            out.println(HELP);
            return 0;
        }
        long t0 = System.nanoTime();
        Configuration hadoop = SparkSession.getActiveSession().isDefined()
                ? SparkSession.getActiveSession().get().sparkContext().hadoopConfiguration()
                : new Configuration();

        // 1. everything that can be refused is refused before Spark starts and before anything is written
        Path runDir = new Path(o.runDir);
        FileSystem fs = fileSystem(runDir, hadoop, "RUN_DIR", o.runDir);
        runDir = fs.makeQualified(runDir);
        checkRun(fs, runDir, o.runDir);
        Path target = o.out != null ? new Path(o.out) : new Path(runDir, DEFAULT_DIR);
        FileSystem tfs = fileSystem(target, hadoop, "--out", o.out == null ? target.toString() : o.out);
        target = tfs.makeQualified(target);
        boolean replace = checkTarget(tfs, target);

        // 2. read (Spark: local by default) and render locally
        java.nio.file.Path local = Files.createTempDirectory("dlmc-report-");
        try {
            RunReader.Run run;
            SparkConf conf = RunJob.sparkConf(new SparkConf().setAppName("dlmc report"));
            if (o.master != null) {
                conf.setMaster(o.master);
            } else if (!conf.contains("spark.master")) {
                conf.setMaster("local[*]");
            }
            boolean existed = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
            if (!o.quiet) {
                err.println("[dlmc] report: reading " + runDir);
            }
            SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
            try {
                run = RunReader.read(spark, fs, runDir);
            } finally {
                if (!existed) {
                    spark.stop();
                }
            }
            if (run.estimates().isEmpty()) {
                throw new ConfigException("RUN_DIR: " + runDir + "/estimates holds no rows; nothing to report");
            }
            DysonModel dyson = dysonModel(run, err, o.quiet);
            Plots plots = new Plots(run, dyson, local);
            List<Plots.Figure> figures = plots.drawAll();
            Files.writeString(local.resolve("index.html"), HtmlPage.render(run, figures, plots.densityTimesNote()),
                    StandardCharsets.UTF_8);
            Files.writeString(local.resolve(MARKER), "dlmc report of " + runDir + "\n", StandardCharsets.UTF_8);

            // 3. copy next to the target, then swap it in
            Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID().toString().substring(0, 8));
            tfs.copyFromLocalFile(false, true, new Path(local.toUri()), tmp);
            if (replace) {
                tfs.delete(target, true);
            }
            if (!tfs.rename(tmp, target)) {
                tfs.delete(tmp, true);
                throw new IOException("could not move the report into place at " + target);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.println("report      " + new Path(target, "index.html") + " (" + figures.size() + " plots, "
                    + String.format(java.util.Locale.ROOT, "%.1f s", seconds) + (replace ? ", previous report replaced" : "") + ")");
            return 0;
        } finally {
            deleteLocal(local);
        }
    }

    private static FileSystem fileSystem(Path p, Configuration hadoop, String what, String given) throws IOException {
        try {
            return p.getFileSystem(hadoop);
        } catch (UnsupportedFileSystemException e) {
            throw ConfigException.invalid(what, given, "a local path or a Hadoop FileSystem URI (no Hadoop FileSystem for scheme '"
                    + p.toUri().getScheme() + "')");
        }
    }

    /** Refuses (exit 2) anything that is not a complete dlmc run directory. */
    static void checkRun(FileSystem fs, Path runDir, String given) throws IOException {
        if (!fs.exists(runDir)) {
            throw new ConfigException("RUN_DIR '" + given + "' does not exist (expected <out>/<name>/<run_id> written by dlmc run)");
        }
        if (!fs.getFileStatus(runDir).isDirectory()) {
            throw new ConfigException("RUN_DIR '" + given + "' is not a directory (expected <out>/<name>/<run_id> written by dlmc run)");
        }
        boolean started = fs.exists(new Path(runDir, RunLayout.CHUNKS)) || fs.exists(new Path(runDir, RunLayout.MANIFEST));
        if (!started) {
            throw new ConfigException("RUN_DIR '" + given + "' is not a dlmc run directory (no " + RunLayout.MANIFEST
                    + ", no " + RunLayout.CHUNKS + "/; expected <out>/<name>/<run_id> written by dlmc run)");
        }
        if (!fs.exists(new Path(runDir, RunLayout.SUCCESS))) {
            Path root = runDir.getParent() == null ? null : runDir.getParent().getParent();
            // name where the run's experiment can be read only where it is: _chunks/config.yaml while
            // the run is in progress, the manifest's config_yaml once the tables were written
            String where = fs.exists(new Path(new Path(runDir, RunLayout.CHUNKS), RunLayout.CHUNKS_CONFIG))
                    ? " (its experiment is in " + RunLayout.CHUNKS + "/" + RunLayout.CHUNKS_CONFIG + ")"
                    : fs.exists(new Path(runDir, RunLayout.MANIFEST))
                    ? " (its experiment is the config_yaml of " + RunLayout.MANIFEST + ")"
                    : "";
            throw new ConfigException("RUN_DIR is incomplete (no _SUCCESS): " + runDir + ": the run was interrupted or is"
                    + " still running; resume it with ./dlmc run EXPERIMENT.yaml" + (root == null ? "" : " --out " + root)
                    + " --resume --run-id " + runDir.getName() + " and the options it was started with" + where);
        }
        for (String required : List.of(RunLayout.MANIFEST, RunLayout.ESTIMATES)) {
            if (!fs.exists(new Path(runDir, required))) {
                throw new ConfigException("RUN_DIR " + runDir + " has no " + required + ": not a dlmc run directory");
            }
        }
    }

    /** @return true when the target is an existing report to be replaced; refuses anything else that exists. */
    static boolean checkTarget(FileSystem fs, Path target) throws IOException {
        if (!fs.exists(target)) {
            return false;
        }
        FileStatus st = fs.getFileStatus(target);
        if (!st.isDirectory()) {
            throw new ConfigException("--out: '" + target + "' exists and is a file; give a directory for the report");
        }
        if (fs.exists(new Path(target, MARKER))) {
            return true;
        }
        if (fs.listStatus(target).length == 0) {
            return true;
        }
        throw new ConfigException("--out: '" + target + "' exists and is not a dlmc report (no " + MARKER
                + "); choose another directory or remove it");
    }

    private static DysonModel dysonModel(RunReader.Run run, PrintStream err, boolean quiet) {
        String yaml = run.manifest().path("config_yaml").asText("");
        if (yaml.isEmpty()) {
            return null;
        }
        try {
            return ExperimentConfig.fromEffective(yaml).model();
        } catch (RuntimeException e) {
            if (!quiet) {
                err.println("[dlmc] report: the run's config_yaml does not parse with this version (" + e.getMessage()
                        + "); closed-form curves are left out, the theory column is still used");
            }
            return null;
        }
    }

    private static void deleteLocal(java.nio.file.Path dir) throws IOException {
        try (Stream<java.nio.file.Path> s = Files.walk(dir)) {
            for (java.nio.file.Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
