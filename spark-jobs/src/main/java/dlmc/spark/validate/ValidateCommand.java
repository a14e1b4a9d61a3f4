package dlmc.spark.validate;

import dlmc.spark.config.ConfigException;
import dlmc.spark.config.ExperimentConfig;
import dlmc.spark.runner.MasterUrl;
import dlmc.spark.runner.OutputRoot;
import dlmc.spark.runner.RunJob;
import dlmc.spark.runner.RunOptions;
import dlmc.spark.runner.RunSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * {@code dlmc validate [--quick] [--alpha A] [--master URL] [--out DIR] [--keep]} (interface.md §1): runs the
 * checks of {@link Catalogue} as ordinary experiments with {@link RunJob}, all in one Spark
 * session, reads each run's estimates and prints one row per check. Exit 0 when every check
 * passes, 1 when one fails, 2 on bad usage.
 */
public final class ValidateCommand {
    /** Where the experiments live on the classpath. */
    static final String RESOURCES = "/dlmc/validate/";

    public static final String HELP = String.join("\n",
            "usage: dlmc validate [--quick] [--alpha A] [--master URL] [--out DIR] [--keep]",
            "",
            "Runs built-in physics checks (math-spec §7 oracles) as small experiments through the normal",
            "job path and compares their estimates with theory: one row per check with the statistic, the",
            "tolerance and PASS/FAIL. Each check fails falsely with probability <= alpha (default 1e-3) at its",
            "fixed seed.",
            "Exit status 0 when all pass, 1 when any fails, 2 on bad usage.",
            "",
            "options:",
            "  --quick          a cheap subset (Dyson matrix, Dyson SDE, DLN, entropy; about a minute)",
            "  --alpha A        false-failure probability per check, 0 < A < 1 (default 1e-3); e.g.",
            "                   1e-3 / (number of checks) for at most 1e-3 over the whole set",
            "  --master URL     Spark master (default local[*])",
            "  --out DIR        keep the runs under DIR (default: a temporary directory, deleted)",
            "  --keep           keep the temporary directory and print its path",
            "  --verbose        stack traces on errors",
            "  -h, --help       this help");

    private boolean quick;
    private double alpha = Catalogue.ALPHA;
    private String master;
    private String outDir;
    private boolean keep;
    private boolean help;

    private ValidateCommand() {
    }

    /** Parses the options of {@code validate}; bad usage is a {@link ConfigException}. */
    static ValidateCommand parse(String[] args) {
        ValidateCommand c = new ValidateCommand();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> c.help = true;
                case "--quick" -> c.quick = true;
                case "--keep" -> c.keep = true;
                case "--verbose" -> {
                }
                case "--master" -> c.master = MasterUrl.check(value(args, ++i, a), "validate: " + a);
                case "--out" -> c.outDir = OutputRoot.check(value(args, ++i, a), "validate: " + a);
                case "--alpha" -> c.alpha = alpha(value(args, ++i, a));
                default -> throw new ConfigException("validate: unknown " + (a.startsWith("-") ? "option" : "argument")
                        + " '" + a + "' (allowed: --quick, --alpha A, --master URL, --out DIR, --keep, --verbose; see dlmc validate --help)");
            }
        }
        return c;
    }

    /** A probability in short scientific form: 1e-3, 1.43e-4. */
    static String probability(double p) {
        String[] parts = String.format(Locale.ROOT, "%.2e", p).split("e");
        String mantissa = parts[0].replaceAll("\\.?0+$", "");
        return mantissa + "e" + Integer.parseInt(parts[1]);
    }

    private static double alpha(String text) {
        double a;
        try {
            a = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            a = Double.NaN;
        }
        if (!(a > 0 && a < 1)) {
            throw new ConfigException("validate: --alpha: '" + text + "' is not a probability in (0, 1) (the false-failure"
                    + " probability per check, default 1e-3)");
        }
        return a;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new ConfigException("validate: " + option + ": missing value (see dlmc validate --help)");
        }
        return args[i];
    }

    /** Runs {@code dlmc validate}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        ValidateCommand c = parse(args);
        if (c.help) {
            out.println(HELP);
            return 0;
        }
        return c.execute(c.quick ? Catalogue.quick() : Catalogue.full(), out, err);
    }

    /** Runs the given checks and prints the table; 0 when all pass, 1 otherwise. */
    int execute(List<ValidationCheck> checks, PrintStream out, PrintStream err) throws IOException {
        long t0 = System.nanoTime();
        // load every experiment first: a broken resource is found before Spark starts
        List<ExperimentConfig> configs = new ArrayList<>();
        for (ValidationCheck c : checks) {
            configs.add(ExperimentConfig.parse(resource(c.experiment()), RESOURCES.substring(1) + c.experiment(),
                    List.of()));
        }
        Path temp = outDir == null ? Files.createTempDirectory("dlmc-validate-") : null;
        String root = outDir != null ? outDir : temp.toString();

        SparkConf conf = RunJob.sparkConf(new SparkConf().setAppName("dlmc validate"));
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        boolean existed = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        List<String[]> rows = new ArrayList<>();
        int failed = 0;
        try {
            err.println("[dlmc] validate: " + checks.size() + " checks on master " + spark.sparkContext().master()
                    + ", runs under " + root);
            for (int k = 0; k < checks.size(); k++) {
                ValidationCheck c = checks.get(k);
                ExperimentConfig config = configs.get(k);
                long tc = System.nanoTime();
                Outcome o;
                try {
                    RunOptions opts = new RunOptions();
                    opts.out = root;
                    opts.master = master;
                    opts.quiet = true;
                    RunSummary s = new RunJob(config, opts, new PrintStream(OutputStream.nullOutputStream()), err).execute();
                    o = c.evaluator().evaluate(RunEstimates.read(spark, s.runDir()), alpha);
                    long bad = s.statusCounts().entrySet().stream().filter(e -> !e.getKey().equals("ok"))
                            .mapToLong(e -> e.getValue()).sum();
                    if (bad > 0) {
                        o = new Outcome(o.statistic() + "; " + bad + " failed trajectories " + s.statusCounts(),
                                o.tolerance() + "; no failed trajectory", false);
                    }
                } catch (IllegalStateException e) {
                    o = new Outcome("error: " + e.getMessage(), "-", false);
                }
                double sec = (System.nanoTime() - tc) / 1e9;
                if (!o.passed()) {
                    failed++;
                }
                rows.add(new String[] {c.id(), o.passed() ? "PASS" : "FAIL", c.description(),
                        config.seed() + " / " + config.trajectories(), String.format(Locale.ROOT, "%.1f", sec),
                        o.statistic(), o.tolerance()});
                err.println(String.format(Locale.ROOT, "[dlmc] validate: %s %s (%.1f s)", c.id(), o.passed() ? "PASS" : "FAIL", sec));
            }
        } finally {
            if (!existed) {
                spark.stop();
            }
            if (temp != null && !keep) {
                deleteTree(temp);
            }
        }
        printTable(rows, out);
        out.println(String.format(Locale.ROOT, "%d of %d checks passed (%s), %.1f s; false-failure probability <= %s per check",
                rows.size() - failed, rows.size(), quick ? "--quick" : "full set", (System.nanoTime() - t0) / 1e9,
                probability(alpha)));
        if (temp != null && keep) {
            out.println("runs kept in " + temp);
        }
        return failed == 0 ? 0 : 1;
    }

    static void printTable(List<String[]> rows, PrintStream out) {
        String[] head = {"id", "result", "check", "seed / M", "s", "statistic", "tolerance"};
        int[] w = new int[head.length];
        for (int j = 0; j < head.length; j++) {
            w[j] = head[j].length();
            for (String[] r : rows) {
                w[j] = Math.max(w[j], r[j].length());
            }
        }
        List<String[]> all = new ArrayList<>();
        all.add(head);
        all.addAll(rows);
        for (String[] r : all) {
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < r.length; j++) {
                String cell = j == 4 ? String.format("%" + w[j] + "s", r[j]) : String.format("%-" + w[j] + "s", r[j]);
                b.append(j == 0 ? "" : "  ").append(j == r.length - 1 ? r[j] : cell);
            }
            out.println(b);
        }
    }

    static String resource(String name) {
        try (InputStream in = ValidateCommand.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + RESOURCES + name, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
