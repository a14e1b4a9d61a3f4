package dlmc.spark;

import dlmc.spark.config.ConfigException;
import dlmc.spark.config.ExperimentConfig;
import dlmc.spark.report.ReportCommand;
import dlmc.spark.runner.MasterUrl;
import dlmc.spark.runner.OutputRoot;
import dlmc.spark.runner.RunFailure;
import dlmc.spark.runner.RunJob;
import dlmc.spark.runner.RunOptions;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one entry point of dlmc (interface.md §1): {@code dlmc.spark.Main <command> [options]}.
 * Exit status: 0 success, 2 bad usage or invalid configuration, 1 anything else. Errors are one
 * line on stderr (a stack trace only with {@code --verbose}).
 */
public final class Main {
    /** Exit status for success. */
    public static final int OK = 0;
    /** Exit status for any failure other than bad input. */
    public static final int FAILURE = 1;
    /** Exit status for bad usage or invalid configuration. */
    public static final int USAGE = 2;

    private static final String USAGE_TEXT = String.join("\n",
            "usage: dlmc <command> [options]",
            "",
            "commands:",
            "  run EXPERIMENT.yaml [options]   run an experiment (default master: embedded local[*])",
            "  check EXPERIMENT.yaml [options] validate the experiment and the run options; starts nothing",
            "  report RUN_DIR [--out DIR]      plots and index.html for a finished run",
            "  validate [--quick] [options]    run the built-in physics checks, print a PASS/FAIL table",
            "",
            "launcher commands (./dlmc only, see README.md \"Cluster use\"):",
            "  cluster start|stop|status       a Spark standalone cluster on 127.0.0.1",
            "  submit EXPERIMENT.yaml [opts]   spark-submit of 'run' to that cluster (or --master URL)",
            "",
            "Run 'dlmc <command> --help' for the options of a command.");

    private static final String RUN_HELP = String.join("\n",
            "usage: dlmc run EXPERIMENT.yaml [options]",
            "",
            "Runs the experiment and writes <out>/<name>/<run_id>/{trajectories,snapshots,estimates}/",
            "(Parquet), manifest.json and _SUCCESS. See README.md and data/README.md.",
            "") + "\n" + runOptionsHelp();

    private static final String CHECK_HELP = String.join("\n",
            "usage: dlmc check EXPERIMENT.yaml [options]",
            "",
            "Checks the experiment (with its overrides) and the options as 'run' does before it starts",
            "Spark, and starts nothing: prints one line ('valid (...)') and exits 0, or exits 2 with the",
            "error 'run' would give. The options are those of 'run'; ./dlmc submit calls it first.",
            "") + "\n" + runOptionsHelp();

    /** The options of run (and check), with the exit statuses. */
    private static String runOptionsHelp() {
        return String.join("\n",
            "options:",
            "  --out DIR_OR_URI      output root (default data/runs; any Hadoop FileSystem URI)",
            "  --master URL          Spark master (default local[*], or what spark-submit set)",
            "  --trajectories M      overrides ensemble.trajectories",
            "  --seed S              overrides ensemble.seed",
            "  --partitions P        overrides ensemble.partitions (never changes the numbers)",
            "  --set key.path=value  overrides any YAML key (repeatable), e.g. --set model.n=32",
            "  --run-id ID           names the run (default: UTC timestamp + config hash)",
            "  --resume              continue the interrupted run --run-id ID: finished chunks are kept,",
            "                        the rest recomputed; the output equals an uninterrupted run",
            "  --quiet               no progress lines",
            "  --verbose             stack traces on errors",
            "  -h, --help            this help",
            "",
            "Exit status 0 on success, 2 on bad usage or an invalid experiment (one line on stderr naming",
            "the key, the value and what is allowed; nothing is written), 1 on any other failure.");
    }

    private Main() {
    }

    public static void main(String[] args) {
        int code = execute(args, System.out, System.err);
        drainStderrFilter();
        System.exit(code);
    }

    /**
     * ./dlmc passes its stderr through a filter process (it drops the JVM's warning about the vector
     * module, bin/dlmc-common.sh) and names it in {@code dlmc.stderr.filter}: close stderr, so that
     * the filter sees its end, and wait (at most 2 s) until it has forwarded everything — otherwise
     * the last lines (an error message) could reach the terminal after the exit status.
     */
    private static void drainStderrFilter() {
        final String pid = System.getProperty("dlmc.stderr.filter");
        if (pid == null || pid.isEmpty()) {
            return;
        }
        System.out.flush();
        System.err.flush();
        try {
            final java.util.Optional<ProcessHandle> filter = ProcessHandle.of(Long.parseLong(pid));
            if (filter.isPresent()) {
                System.err.close();
                filter.get().onExit().get(2, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (NumberFormatException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.TimeoutException e) {
            // not a filter we can wait for: exit anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a command line in-process; returns the exit status. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        try {
            if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
                (args.length == 0 ? err : out).println(USAGE_TEXT);
                return args.length == 0 ? USAGE : OK;
            }
            String command = args[0];
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            switch (command) {
                case "run":
                    return run(rest, out, err);
                case "check":
                    return check(rest, out);
                case "report":
                    return ReportCommand.run(rest, out, err);
                case "validate":
                    return dlmc.spark.validate.ValidateCommand.run(rest, out, err);
                default:
                    throw new ConfigException("unknown command '" + command + "' (allowed: run, check, report, validate; with"
                            + " ./dlmc also cluster, submit; see dlmc --help)");
            }
        } catch (ConfigException e) {
            err.println("dlmc: error: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return USAGE;
        } catch (Exception | LinkageError | OutOfMemoryError e) {
            if (RunJob.shuttingDown()) {
                // a signal (SIGTERM, Ctrl-C) stopped the JVM: Spark's shutdown hook cancelled the jobs
                silenceLogging();
                reportInterruption(err, resumeHint);
                return FAILURE;
            }
            if (e instanceof RunFailure && !verbose) {
                err.println("dlmc: failed: " + firstLine(e.getMessage()));
                return FAILURE;
            }
            String line = "dlmc: failed: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage())
                    + (e instanceof OutOfMemoryError ? " (the driver's heap, -Xmx" + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + "m: ./dlmc sets it from DLMC_DRIVER_MEMORY)" : "");
            if (verbose) {
                err.println(line);
                e.printStackTrace(err);
            } else {
                err.println(line + " (rerun with --verbose for the stack trace)");
            }
            return FAILURE;
        } finally {
            releaseShutdown();
        }
    }

    /**
     * Turns Spark's logging off for the rest of a JVM that a signal is stopping (called first thing by
     * the shutdown hook of a run, and again before the interruption is reported): once Spark's hook
     * has stopped the context, the task threads that were computing chunks log the failures of their
     * cache writes (WARN BlockManager … NullPointerException, ERROR Executor … Block rdd_1_0 does not
     * exist, with stack traces; ~30 lines) around the one line that says what happened and how to
     * resume. Nothing of the run's output depends on those threads (finished chunks are checkpointed).
     */
    private static void silenceLogging() {
        try {
            org.apache.logging.log4j.core.config.Configurator.setAllLevels(
                    org.apache.logging.log4j.LogManager.ROOT_LOGGER_NAME, org.apache.logging.log4j.Level.OFF);
        } catch (LinkageError | RuntimeException e) {
            // another logging backend (a stock Spark set up differently): its messages stay
        }
    }

    /** " ./dlmc run EXPERIMENT --resume --run-id ID (with the options it was started with)" of the current run. */
    private static volatile String resumeHint;
    /**
     * Counted down when {@link #execute} returns; while a run executes, a shutdown hook waits for it
     * (at most 5 s), so that a signal does not halt the JVM before the interruption is reported.
     */
    private static volatile CountDownLatch reported;
    private static volatile Thread reportHook;
    /** The default uncaught-exception handler before {@link #holdShutdownForReport}, restored after the run. */
    private static volatile Thread.UncaughtExceptionHandler previousHandler;

    /** Set by the first {@link #reportInterruption} of a run. */
    private static final java.util.concurrent.atomic.AtomicBoolean INTERRUPTION_REPORTED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** The one line that says a signal stopped the run and how to continue it; printed once per run. */
    private static void reportInterruption(PrintStream err, String resume) {
        if (INTERRUPTION_REPORTED.getAndSet(true)) {
            return;
        }
        err.println("dlmc: interrupted: the JVM is shutting down (a signal)"
                + (resume == null ? "" : "; finished chunks are kept: continue with" + resume));
        err.flush();
    }

    /**
     * Registers the hook of {@link #reported} for the current run. If the run has not reported the
     * interruption within the wait (its thread blocked where stopping Spark does not reach it, e.g. while
     * the context starts, or a loaded machine), the hook prints the line itself before the JVM halts.
     */
    private static void holdShutdownForReport(PrintStream err) {
        CountDownLatch latch = new CountDownLatch(1);
        INTERRUPTION_REPORTED.set(false);
        String resume = resumeHint;
        Thread hook = new Thread(() -> {
            // runs beside Spark's own hook, which stops the context under the running tasks
            silenceLogging();
            try {
                if (!latch.await(5, TimeUnit.SECONDS)) {
                    reportInterruption(err, resume);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dlmc-report-interruption");
        reported = latch;
        reportHook = hook;
        Runtime.getRuntime().addShutdownHook(hook);
        // Spark's hook stops the context under threads that are waiting for results (task-result-getter
        // fetching a block): their InterruptedException reached the JVM's default handler, ~20 lines of
        // stack trace after the one line that says how to resume. While the JVM shuts down they are
        // expected and dropped; at any other time the JVM's usual report.
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.UncaughtExceptionHandler before = previousHandler;
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (RunJob.shuttingDown()) {
                return;
            }
            if (before != null) {
                before.uncaughtException(thread, e);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                e.printStackTrace(System.err);
            }
        });
    }

    /** Lets a shutdown in progress finish, and unregisters the hook when there is none. */
    private static void releaseShutdown() {
        CountDownLatch latch = reported;
        Thread hook = reportHook;
        reported = null;
        reportHook = null;
        resumeHint = null;
        if (latch != null) {
            latch.countDown();
        }
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                Thread.setDefaultUncaughtExceptionHandler(previousHandler);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs and returns at once (the handler stays, to drop the threads' interruptions)
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        RunOptions o = parseRun(args, "run");
        if (o == null) {
            out.println(RUN_HELP);
            return OK;
        }
        ExperimentConfig config = ExperimentConfig.load(Path.of(o.experiment), o.sets);
        RunJob job = new RunJob(config, o, out, err);
        String id = job.resolveRunId();
        // dlmc.command: "submit" when ./dlmc submit launched this driver (bin/dlmc-cluster)
        resumeHint = " ./dlmc " + System.getProperty("dlmc.command", "run") + " " + o.experiment
                + (o.out == null ? "" : " --out " + o.out) + " --resume --run-id " + id
                + " (and the other options it was started with)";
        holdShutdownForReport(err);
        job.execute();
        return OK;
    }

    /**
     * {@code check EXPERIMENT.yaml [run options]}: everything {@code run} checks before it starts
     * Spark (the options, the experiment with its overrides), and nothing else; prints one line.
     * {@code ./dlmc submit} calls it before it contacts a cluster.
     */
    private static int check(String[] args, PrintStream out) {
        // dlmc.command: "submit" when ./dlmc submit checks its arguments with this (bin/dlmc-cluster)
        RunOptions o = parseRun(args, System.getProperty("dlmc.command", "check"));
        if (o == null) {
            out.println(CHECK_HELP);
            return OK;
        }
        ExperimentConfig c = ExperimentConfig.load(Path.of(o.experiment), o.sets);
        new RunJob(c, o, out, out).checkBeforeStart();
        out.println("dlmc: " + o.experiment + ": valid (" + c.name() + ": " + c.modelType() + " model, " + c.schemeType()
                + " scheme, " + c.trajectories() + " trajectories, seed " + c.seed() + ")");
        return OK;
    }

    /**
     * @param command the command the user typed (run, check, submit), for the error messages
     * @return the options, or null when help was asked for
     */
    static RunOptions parseRun(String[] args, String command) {
        RunOptions o = new RunOptions();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h":
                case "--help":
                    return null;
                case "--out":
                    o.out = OutputRoot.check(value(args, ++i, a, command), a);
                    break;
                case "--master":
                    o.master = MasterUrl.check(value(args, ++i, a, command), a);
                    break;
                case "--run-id":
                    o.runId = value(args, ++i, a, command);
                    break;
                case "--trajectories":
                    o.sets.add("ensemble.trajectories=" + integer(value(args, ++i, a, command), a, "an integer from 1 to 2^40"));
                    break;
                case "--seed":
                    o.sets.add("ensemble.seed=" + integer(value(args, ++i, a, command), a, "an integer (64-bit)"));
                    break;
                case "--partitions": {
                    String v = value(args, ++i, a, command);
                    o.sets.add("ensemble.partitions="
                            + (v.equals("auto") ? v : integer(v, a, "auto or an integer from 1 to 100000")));
                    break;
                }
                case "--set":
                    o.sets.add(value(args, ++i, a, command));
                    break;
                case "--resume":
                    o.resume = true;
                    break;
                case "--verbose":
                    o.verbose = true;
                    break;
                case "--quiet":
                    o.quiet = true;
                    break;
                default:
                    if (a.startsWith("--")) {
                        throw new ConfigException(command + ": unknown option '" + a + "' (see dlmc " + command + " --help)");
                    }
                    positional.add(a);
            }
        }
        if (positional.size() != 1) {
            throw new ConfigException(command + ": expected exactly one EXPERIMENT.yaml, got " + positional.size()
                    + " (usage: dlmc " + command + " EXPERIMENT.yaml [options])");
        }
        o.experiment = positional.get(0);
        return o;
    }

    private static String value(String[] args, int i, String option, String command) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new ConfigException(option + ": missing value (see dlmc " + command + " --help)");
        }
        return args[i];
    }

    /**
     * An integer option: digits, or an exact integer in exponent form ({@code 1e6}, {@code 2.5e3}), as
     * the experiment file accepts for the same keys; the range is the experiment key's check.
     */
    private static String integer(String v, String option, String allowed) {
        try {
            return Long.toString(Long.parseLong(v));
        } catch (NumberFormatException e) {
            try {
                if (v.matches("[+-]?[0-9]+(\\.[0-9]*)?[eE][+-]?[0-9]{1,3}")) {
                    return Long.toString(new java.math.BigDecimal(v).longValueExact());
                }
            } catch (ArithmeticException | NumberFormatException notAnInteger) {
                // below
            }
            throw ConfigException.invalid(option, v, allowed);
        }
    }
}
