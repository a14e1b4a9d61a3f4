package dlmc.spark.config;

import dlmc.core.model.DlnModel;
import dlmc.core.model.DysonModel;
import dlmc.core.run.DlnSpec;
import dlmc.core.model.InitialCondition;
import dlmc.core.model.Normalization;
import dlmc.core.run.SaveGrid;
import dlmc.core.run.SimulationSpec;
import dlmc.core.random.GaussianEnsembles;
import dlmc.core.scheme.ExactMatrixScheme;
import dlmc.core.scheme.LambdaStep;
import dlmc.core.scheme.SvdFrameScheme;
import dlmc.spark.plan.TrajectoryPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A validated experiment (interface.md §2). Built from YAML text plus command-line overrides;
 * every value is range-checked here, at load time, and errors name the key, the value and what
 * is allowed. Immutable.
 *
 * <p>The effective document ({@link #effectiveYaml()}) is what executors re-parse, so driver and
 * executors always agree on the experiment. It is the document after the overrides, plus svd-frame's
 * {@code scheme.lambda_step} when defaulted (its default changed once). No other defaulted key is
 * written into it ({@code model.metric_scale} included): the default run id hashes this document, so
 * an experiment that does not write a key keeps its run id; the manifest names such values
 * ({@code lambda_step}, {@code metric_scale}).
 */
public final class ExperimentConfig {
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");
    /** Largest n accepted (the matrix scheme is O(n³) per save, the SDE O(n²) per step). */
    public static final int MAX_N = 100_000;
    /** Largest ensemble accepted. */
    public static final long MAX_TRAJECTORIES = 1L << 40;
    /**
     * Default of {@code estimates.knn_max_n}: largest n for which spectrum_entropy_knn is computed.
     * 4: the k-NN estimator's measured bias (KnnEntropy.UNBIASED_MAX_N, estimates.md) is within
     * 1.8 s.e. there at M = 2000 and 3 to 17 s.e. at n = 8.
     */
    public static final int DEFAULT_KNN_MAX_N = 4;
    /**
     * Default of {@code estimates.knn_max_points}. The k-NN estimator's bias, not its s.e., limits
     * it beyond this size (estimates.md), and its k-d tree search costs grow fast with n: at n = 8 a
     * million points took minutes per save time (W7, bench/RESULTS.md).
     */
    public static final int DEFAULT_KNN_MAX_POINTS = 20_000;
    /** Largest accepted {@code estimates.knn_max_points}. */
    public static final int KNN_MAX_POINTS_LIMIT = 10_000_000;
    /** Largest accepted {@code estimates.knn_max_n}. */
    public static final int KNN_MAX_N_LIMIT = 16;
    /** Default of {@code estimates.density_entropy_max_values} (2^20 eigenvalues, 8 MiB per save time; 2^22 made the entropy stage the largest memory user of W7). */
    public static final int DEFAULT_DENSITY_ENTROPY_MAX_VALUES = 1 << 20;
    /** Largest accepted {@code estimates.density_entropy_max_values}. */
    public static final int DENSITY_ENTROPY_MAX_VALUES_LIMIT = 1 << 27;

    /** Values of {@code model.normalization} (for "did you mean"). */
    private static final List<String> NORMALIZATIONS =
            java.util.Arrays.stream(Normalization.values()).map(Normalization::key).toList();
    /** Values of {@code scheme.lambda_step} (for "did you mean"). */
    private static final List<String> LAMBDA_STEPS =
            java.util.Arrays.stream(LambdaStep.values()).map(LambdaStep::key).toList();

    private final String effectiveYaml;
    private final Map<String, Object> effective;
    private final String name;
    private final String modelType;
    private final DysonModel model;
    private final DlnModel dln;
    private final String representation;
    private final String schemeType;
    private final double dt;
    private final double epsilon;
    private final long maxSteps;
    /** {@code scheme.lambda_step} for svd-frame (default {@link LambdaStep#DEFAULT}, pair-implicit), null for other schemes. */
    private final LambdaStep lambdaStep;
    private final SaveGrid grid;
    private final long trajectories;
    private final long seed;
    private final int partitions;
    private final int chunkSize;
    private final int bins;
    private final boolean snapshots;
    private final boolean entropyEstimates;
    private final int knnMaxN;
    private final int knnK;
    private final int knnMaxPoints;
    private final int densityEntropyMaxValues;

    private ExperimentConfig(YamlTree y) {
        this.effective = y.asMap();

        this.name = y.string("name", null, "a name made of [a-z0-9-]");
        if (!NAME.matcher(name).matches()) {
            throw ConfigException.invalid("name", name, "lower-case letters, digits and '-' only");
        }

        y.section("model", true);
        this.modelType = y.string("model.type", null, "dyson or dln");
        if (!modelType.equals("dyson") && !modelType.equals("dln")) {
            throw ConfigException.invalidChoice("model.type", modelType, List.of("dyson", "dln"), "dyson or dln");
        }
        y.section("scheme", modelType.equals("dln"));
        if (modelType.equals("dln")) {
            this.dln = DlnConfig.parse(y);
            this.model = null;
            this.representation = "matrix";
            this.schemeType = y.string("scheme.type", null, String.join(", ", Schemes.DLN_SCHEMES));
            if (!Schemes.DLN_SCHEMES.contains(schemeType)) {
                throw Schemes.invalidType(schemeType, "dln");
            }
        } else {
            this.dln = null;
            if (y.has("model.metric_scale")) {
                // DLN only: the normalisation of the DLN metric operator (math-spec 2.1); Dyson BM has none
                throw ConfigException.invalid("model.metric_scale", y.raw("model.metric_scale"),
                        "a key of model.type dln only, not of 'dyson': it normalises the metric operator of the deep "
                                + "linear network, math-spec §2.1");
            }
            double beta = y.number("model.beta", null, "a number > 0");
            if (!(beta > 0) || !Double.isFinite(beta)) {
                throw ConfigException.invalid("model.beta", y.raw("model.beta"), "a finite number > 0");
            }
            long n = y.integer("model.n", null, "an integer from 1 to " + MAX_N);
            if (n < 1 || n > MAX_N) {
                throw ConfigException.invalid("model.n", n, "an integer from 1 to " + MAX_N);
            }
            String normKey = y.string("model.normalization", null, "d1, d2 or ou");
            Normalization norm = Normalization.fromKey(normKey);
            if (norm == null) {
                throw ConfigException.invalidChoice("model.normalization", normKey, NORMALIZATIONS, "d1, d2 or ou (math-spec §5.1)");
            }
            boolean classical = beta == 1.0 || beta == 2.0 || beta == 4.0;
            this.representation = y.string("model.representation", classical ? "matrix" : "eigenvalues",
                    "matrix or eigenvalues");
            if (!representation.equals("matrix") && !representation.equals("eigenvalues")) {
                throw ConfigException.invalidChoice("model.representation", representation, List.of("matrix", "eigenvalues"),
                        "matrix or eigenvalues");
            }
            if (representation.equals("matrix") && !classical) {
                throw ConfigException.invalid("model.beta", beta,
                        "representation: matrix needs beta in {1, 2, 4}; use representation: eigenvalues for any beta > 0");
            }
            if (representation.equals("matrix") && n > ExactMatrixScheme.maxN(beta)) {
                // two dense (m n)^2 matrices per trajectory: an OutOfMemoryError or an index overflow in a task otherwise
                throw ConfigException.invalid("model.n", n, "at most " + ExactMatrixScheme.maxN(beta) + " with representation: "
                        + "matrix and beta = " + (int) beta + " (each trajectory holds two dense " + (long) n
                        * GaussianEnsembles.multiplicity((int) beta) + "^2 matrices, up to "
                        + ExactMatrixScheme.MAX_REPRESENTATION_SIZE + "^2); representation: eigenvalues takes n up to " + MAX_N);
            }
            InitialCondition initial = parseInitial(y, (int) n);
            this.model = new DysonModel(beta, (int) n, norm, initial);

            String defaultScheme = representation.equals("matrix") ? "exact" : (beta >= 1 ? "euler-maruyama" : "implicit");
            this.schemeType = y.string("scheme.type", defaultScheme, "exact, euler-maruyama or implicit");
            if (!Schemes.DYSON_SCHEMES.contains(schemeType)) {
                throw Schemes.invalidType(schemeType, "dyson");
            }
            if (schemeType.equals("exact") != representation.equals("matrix")) {
                throw ConfigException.invalid("scheme.type", schemeType, representation.equals("matrix")
                        ? "representation: matrix is integrated by scheme 'exact'"
                        : "representation: eigenvalues is integrated by 'euler-maruyama' or 'implicit'");
            }
        }

        y.section("time", true);
        double tEnd = y.number("time.t_end", null, "a number > 0");
        if (!(tEnd > 0) || !Double.isFinite(tEnd)) {
            throw ConfigException.invalid("time.t_end", y.raw("time.t_end"), "a finite number > 0");
        }
        boolean hasEvery = y.has("time.save_every");
        boolean hasAt = y.has("time.save_at");
        if (hasEvery && hasAt) {
            // often a --set save_at over a file with save_every: say how to drop the file's key
            throw new ConfigException("time: save_every " + ConfigException.show(y.raw("time.save_every")) + " and save_at "
                    + ConfigException.show(y.raw("time.save_at")) + " are not allowed together (give either save_every or "
                    + "save_at, not both; --set time.save_every=null or --set time.save_at=null drops one the file gives)");
        }
        if (hasAt) {
            List<Double> at = y.numbers("time.save_at", "a list of increasing times in (0, t_end]");
            double[] ts = new double[at.size() + 1];
            double prev = 0;
            for (int i = 0; i < at.size(); i++) {
                double v = at.get(i);
                if (!(v > prev) || v > tEnd) {
                    throw ConfigException.invalid("time.save_at", y.raw("time.save_at"), "strictly increasing times in (0, t_end = " + tEnd + "]");
                }
                ts[i + 1] = v;
                prev = v;
            }
            if (at.isEmpty() || at.get(at.size() - 1) != tEnd) {
                ts = java.util.Arrays.copyOf(ts, ts.length + 1);
                ts[ts.length - 1] = tEnd;
            }
            this.grid = new SaveGrid(ts);
        } else {
            double every = y.number("time.save_every", tEnd, "a number in (0, t_end]");
            if (!(every > 0) || every > tEnd) {
                throw ConfigException.invalid("time.save_every", y.raw("time.save_every"), "a number in (0, t_end = " + tEnd + "]");
            }
            if (tEnd / every > 100_000) {
                throw ConfigException.invalid("time.save_every", every, "at most 100000 save times; t_end / save_every = " + (tEnd / every));
            }
            this.grid = SaveGrid.every(every, tEnd);
        }

        boolean needsDt = !schemeType.equals("exact");
        if (needsDt || y.has("scheme.dt")) {
            this.dt = y.number("scheme.dt", needsDt ? null : tEnd, "a number in (0, t_end]");
            if (!(dt > 0) || !Double.isFinite(dt)) {
                throw ConfigException.invalid("scheme.dt", y.raw("scheme.dt"), "a finite number > 0");
            }
            if (dt > tEnd) {
                throw ConfigException.invalid("scheme.dt", dt, "a step no larger than time.t_end = " + tEnd);
            }
        } else {
            this.dt = tEnd;
        }
        if (schemeType.equals("euler-maruyama")) {
            this.epsilon = y.number("scheme.epsilon", 0.1, "a number in (0, 1]");
            if (!(epsilon > 0) || epsilon > 1) {
                throw ConfigException.invalid("scheme.epsilon", epsilon, "a number in (0, 1] (gap fraction of the adaptive step, math-spec §6.1-2)");
            }
            this.maxSteps = y.integer("scheme.max_steps", 100_000_000L, "an integer >= 1");
            if (maxSteps < 1) {
                throw ConfigException.invalid("scheme.max_steps", maxSteps, "an integer >= 1 (step limit per save interval)");
            }
            checkStepLimitReachable(maxSteps, grid, dt);
        } else if (schemeType.equals("matrix-em")) {
            this.epsilon = y.number("scheme.epsilon", 0.0, "a number in [0, 1]");
            if (!(epsilon >= 0) || epsilon > 1) {
                throw ConfigException.invalid("scheme.epsilon", epsilon,
                        "a number in [0, 1]: epsilon of the step-size rule of math-spec §6.3 (0 = fixed step dt)");
            }
            this.maxSteps = 0;
        } else {
            this.epsilon = 0;
            this.maxSteps = 0;
        }
        if (schemeType.equals(SvdFrameScheme.NAME)) {
            String key = y.string("scheme.lambda_step", LambdaStep.DEFAULT.key(), LambdaStep.allowed());
            this.lambdaStep = LambdaStep.fromKey(key);
            if (lambdaStep == null) {
                throw ConfigException.invalidChoice("scheme.lambda_step", y.raw("scheme.lambda_step"), LAMBDA_STEPS, LambdaStep.allowed()
                        + " (the lambda-update of math-spec 6.4 step 4: semi-implicit interaction, the whole drift tamed explicit, "
                        + "or implicit only within near pairs, no Newton solve)");
            }
            if (!y.has("scheme.lambda_step")) {
                // the effective document names the default: config_yaml reproduces the run, and --resume refuses an
                // interrupted run whose default was another lambda_step (implicit before pair-implicit)
                y.set("scheme.lambda_step=" + key);
            }
        } else {
            if (y.has("scheme.lambda_step")) {
                throw ConfigException.invalid("scheme.lambda_step", y.raw("scheme.lambda_step"),
                        "a key of scheme.type svd-frame only, not of '" + schemeType + "'");
            }
            this.lambdaStep = null;
        }

        y.section("ensemble", true);
        this.trajectories = y.integer("ensemble.trajectories", null, "an integer from 1 to 2^40");
        if (trajectories < 1 || trajectories > MAX_TRAJECTORIES) {
            throw ConfigException.invalid("ensemble.trajectories", trajectories, "an integer from 1 to 2^40");
        }
        this.seed = y.integer("ensemble.seed", 42L, "an integer (64-bit)");
        this.partitions = autoOrInt(y, "ensemble.partitions", 1, 100_000);
        this.chunkSize = autoOrInt(y, "ensemble.chunk_size", 1, 1_000_000);
        checkChunkCount(trajectories, chunkSize);

        y.section("observe", false);
        y.section("observe.histogram", false);
        long b = y.integer("observe.histogram.bins", 64L, "an integer from 1 to 10000");
        if (b < 1 || b > 10_000) {
            throw ConfigException.invalid("observe.histogram.bins", b, "an integer from 1 to 10000");
        }
        this.bins = (int) b;
        this.snapshots = y.bool("observe.snapshots", true);

        y.section("estimates", false);
        this.entropyEstimates = y.bool("estimates.entropy", true);
        long kmax = y.integer("estimates.knn_max_n", (long) DEFAULT_KNN_MAX_N, "an integer from 0 to " + KNN_MAX_N_LIMIT);
        if (kmax < 0 || kmax > KNN_MAX_N_LIMIT) {
            throw ConfigException.invalid("estimates.knn_max_n", kmax, "an integer from 0 (no spectrum_entropy_knn) to "
                    + KNN_MAX_N_LIMIT + " (the k-NN entropy's bias grows quickly with the dimension n)");
        }
        this.knnMaxN = (int) kmax;
        long kk = y.integer("estimates.knn_k", (long) dlmc.core.estimate.KnnEntropy.DEFAULT_K, "an integer from 1 to 64");
        if (kk < 1 || kk > 64) {
            throw ConfigException.invalid("estimates.knn_k", kk, "an integer from 1 to 64 (neighbour order of the k-NN entropy)");
        }
        this.knnK = (int) kk;
        long kp = y.integer("estimates.knn_max_points", (long) DEFAULT_KNN_MAX_POINTS, "an integer from 100 to " + KNN_MAX_POINTS_LIMIT);
        if (kp < 100 || kp > KNN_MAX_POINTS_LIMIT) {
            throw ConfigException.invalid("estimates.knn_max_points", kp, "an integer from 100 to " + KNN_MAX_POINTS_LIMIT
                    + " (trajectories per save time used by spectrum_entropy_knn)");
        }
        this.knnMaxPoints = (int) kp;
        long cap = y.integer("estimates.density_entropy_max_values", (long) DEFAULT_DENSITY_ENTROPY_MAX_VALUES,
                "an integer from 1000 to " + DENSITY_ENTROPY_MAX_VALUES_LIMIT);
        if (cap < 1000 || cap > DENSITY_ENTROPY_MAX_VALUES_LIMIT) {
            throw ConfigException.invalid("estimates.density_entropy_max_values", cap, "an integer from 1000 to "
                    + DENSITY_ENTROPY_MAX_VALUES_LIMIT + " (eigenvalues per save time used by spectral_density_entropy)");
        }
        this.densityEntropyMaxValues = (int) cap;

        y.rejectUnknown();
        if (lambdaStep != null) {
            String r = new SvdFrameScheme(lambdaStep).lambdaStepReason(dln);
            if (r != null) {
                throw ConfigException.invalid("scheme.lambda_step", lambdaStep.key(),
                        LambdaStep.DEFAULT.key() + " (default) or implicit for this start: " + r
                        + "; tamed needs an X(0) with distinct singular values, e.g. model.initial {type: ginibre}");
            }
        }
        String reason = modelType.equals("dln")
                ? Schemes.dln(schemeType, epsilon, lambdaStep).unsupportedReason(dln)
                : Schemes.dyson(schemeType, epsilon, maxSteps).unsupportedReason(model);
        if (reason != null) {
            throw ConfigException.invalid("scheme.type", schemeType, reason);
        }
        if (modelType.equals("dln")) {
            String start = Schemes.dln(schemeType, epsilon, lambdaStep).startReason(dln, dt);
            if (start != null) {
                throw ConfigException.invalid("model.initial", y.raw("model.initial"), "a start the scheme can leave; "
                        + start + "; use a full-rank X(0), e.g. {type: ginibre, scale: 0.1}");
            }
        }
        this.effectiveYaml = y.dump();
    }

    private static InitialCondition parseInitial(YamlTree y, int n) {
        if (!y.has("model.initial")) {
            y.raw("model.initial");
            return new InitialCondition.Zero();
        }
        Object raw = y.raw("model.initial");
        if (!(raw instanceof Map)) {
            throw ConfigException.invalid("model.initial", raw, "{type: zero} | {type: gbe, time: 1.0} | {type: spectrum, values: [...]}");
        }
        String t = y.string("model.initial.type", null, "zero, gbe or spectrum");
        List<String> types = List.of("zero", "gbe", "spectrum");
        switch (t) {
            case "zero":
                return new InitialCondition.Zero();
            case "gbe": {
                double time = y.number("model.initial.time", 1.0, "a number > 0");
                if (!(time > 0) || !Double.isFinite(time)) {
                    throw ConfigException.invalid("model.initial.time", time, "a finite number > 0 (the GβE sample is the d1, or for d2 and ou the d2, law at this time from zero)");
                }
                return new InitialCondition.Gbe(time);
            }
            case "spectrum": {
                List<Double> v = y.numbers("model.initial.values", "a list of n = " + n + " finite numbers");
                if (v == null) {
                    throw y.missing("model.initial.values", "a list of n = " + n + " finite numbers");
                }
                if (v.size() != n) {
                    throw ConfigException.invalid("model.initial.values", y.raw("model.initial.values"),
                            "a list of exactly n = " + n + " finite numbers");
                }
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = v.get(i);
                    if (!Double.isFinite(a[i])) {
                        throw ConfigException.invalid("model.initial.values", y.raw("model.initial.values"), "finite numbers only");
                    }
                }
                return new InitialCondition.Spectrum(a);
            }
            default:
                throw ConfigException.invalidChoice("model.initial.type", t, types, "zero, gbe or spectrum");
        }
    }

    /**
     * A run has at most {@link TrajectoryPlan#MAX_CHUNKS} chunks (the driver holds one entry per chunk):
     * refused here, with the chunk size that fits, rather than when the run plans them (an
     * OutOfMemoryError there for 2^40 trajectories in auto chunks).
     */
    private static void checkChunkCount(long trajectories, int chunkSize) {
        final int size = TrajectoryPlan.effectiveChunkSize(trajectories, chunkSize);
        final long chunks = TrajectoryPlan.chunks(trajectories, size);
        if (chunks <= TrajectoryPlan.MAX_CHUNKS) {
            return;
        }
        final long needed = (trajectories + TrajectoryPlan.MAX_CHUNKS - 1) / TrajectoryPlan.MAX_CHUNKS;
        if (chunkSize == 0) {
            throw ConfigException.invalid("ensemble.trajectories", trajectories, "at most "
                    + (long) TrajectoryPlan.MAX_AUTO_CHUNK * TrajectoryPlan.MAX_CHUNKS + " with ensemble.chunk_size auto ("
                    + size + " per chunk; a run has at most " + TrajectoryPlan.MAX_CHUNKS
                    + " chunks); for more set ensemble.chunk_size to at least " + needed);
        }
        throw ConfigException.invalid("ensemble.chunk_size", chunkSize, "at least " + needed + " for " + trajectories
                + " trajectories: a run has at most " + TrajectoryPlan.MAX_CHUNKS + " chunks");
    }

    private static int autoOrInt(YamlTree y, String key, int min, int max) {
        Object v = y.raw(key);
        if (v == null || "auto".equals(v)) {
            return 0;
        }
        String allowed = "auto or an integer from " + min + " to " + max;
        if (v instanceof String s && !s.isBlank() && !Character.isDigit(s.strip().charAt(0))) {
            throw ConfigException.invalidChoice(key, v, List.of("auto"), allowed);
        }
        long k = y.integer(key, null, allowed);
        if (k < min || k > max) {
            throw ConfigException.invalid(key, k, allowed);
        }
        return (int) k;
    }

    /**
     * Loads and validates an experiment file with overrides.
     *
     * @param sets {@code key.path=value} overrides, applied in order after the file
     * @throws ConfigException on any problem (missing file included)
     */
    public static ExperimentConfig load(Path file, List<String> sets) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("experiment file not found: " + file);
        } catch (IOException e) {
            throw new ConfigException("cannot read experiment file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString(), sets);
    }

    /** Parses and validates YAML text (origin names it in error messages). */
    public static ExperimentConfig parse(String text, String origin, List<String> sets) {
        YamlTree y = YamlTree.parse(text, origin);
        for (String s : sets) {
            y.set(s);
        }
        try {
            return new ExperimentConfig(y);
        } catch (ConfigException e) {
            // a misspelt or misplaced key explains many errors ("missing", a default that does not fit): name it first
            throw y.unknownKeysFirst(e);
        }
    }

    /** Re-parses an effective document (executors). */
    public static ExperimentConfig fromEffective(String effectiveYaml) {
        return parse(effectiveYaml, "<effective config>", List.of());
    }

    /** @return the simulation spec for the core runner. */
    public SimulationSpec simulationSpec() {
        if (dln != null) {
            return new DlnSpec(dln, Schemes.dln(schemeType, epsilon, lambdaStep), dt);
        }
        return Schemes.dysonSpec(model, Schemes.dyson(schemeType, epsilon, maxSteps), dt);
    }

    /** @return {@code dyson} or {@code dln}. */
    public String modelType() {
        return modelType;
    }

    /**
     * @return {@code model.metric_scale} for a deep-linear-network experiment ({@code m24} or {@code cmv}), the
     *         effective value also when the key is absent (the default, {@code m24}); null for Dyson experiments
     */
    public String metricScale() {
        return dln == null ? null : dln.metricScale().key();
    }

    /** @return the deep-linear-network model, or null for Dyson experiments. */
    public DlnModel dlnModel() {
        return dln;
    }

    public String effectiveYaml() {
        return effectiveYaml;
    }

    public Map<String, Object> effective() {
        return effective;
    }

    public String name() {
        return name;
    }

    /** @return the Dyson model, or null for deep-linear-network experiments. */
    public DysonModel model() {
        return model;
    }

    public String representation() {
        return representation;
    }

    public String schemeType() {
        return schemeType;
    }

    /**
     * @return {@code scheme.lambda_step} ({@code implicit}, {@code tamed} or {@code pair-implicit}) for svd-frame, the
     *         effective value also when the key is absent (the default, {@code pair-implicit}); null for other schemes
     */
    public String lambdaStep() {
        return lambdaStep == null ? null : lambdaStep.key();
    }

    public double dt() {
        return dt;
    }

    /**
     * Refuses a step limit that no trajectory can meet: the longest save interval takes at least
     * ceil(interval / dt) steps (the gap rule only shortens steps, math-spec §6.1-2), so a smaller
     * {@code scheme.max_steps} would stop every trajectory with status step_limit.
     */
    static void checkStepLimitReachable(long maxSteps, SaveGrid grid, double dt) {
        double longest = 0;
        int at = 1;
        for (int i = 1; i < grid.size(); i++) {
            double interval = grid.time(i) - grid.time(i - 1);
            if (interval > longest) {
                longest = interval;
                at = i;
            }
        }
        // the fewest steps in exact arithmetic; rounding can only add a step (a 1e-9 tolerance keeps
        // interval / dt = 100.0000000001 at 100)
        double fewest = Math.ceil(longest / dt - 1e-9);
        if (maxSteps < fewest) {
            throw ConfigException.invalid("scheme.max_steps", maxSteps, "at least " + (long) fewest
                    + ": the save interval from t = " + grid.time(at - 1) + " to " + grid.time(at) + " takes at least "
                    + (long) fewest + " steps of scheme.dt = " + dt + ", so every trajectory would stop with status step_limit");
        }
    }

    public SaveGrid grid() {
        return grid;
    }

    public long trajectories() {
        return trajectories;
    }

    public long seed() {
        return seed;
    }

    /** @return the requested partitions, 0 for auto. */
    public int partitions() {
        return partitions;
    }

    /** @return the requested chunk size, 0 for auto. */
    public int chunkSize() {
        return chunkSize;
    }

    public int bins() {
        return bins;
    }

    public boolean snapshots() {
        return snapshots;
    }

    /** @return whether the entropy estimates (spectrum_entropy_knn, spectral_density_entropy) are computed. */
    public boolean entropyEstimates() {
        return entropyEstimates;
    }

    /** @return the largest spectrum length n for which spectrum_entropy_knn is computed (0: never). */
    public int knnMaxN() {
        return knnMaxN;
    }

    /** @return the neighbour order k of spectrum_entropy_knn. */
    public int knnK() {
        return knnK;
    }

    /** @return {@code estimates.knn_max_points}: at most this many trajectories per save time enter the k-NN entropy. */
    public int knnMaxPoints() {
        return knnMaxPoints;
    }

    /** @return the cap on the eigenvalues per save time used by spectral_density_entropy. */
    public int densityEntropyMaxValues() {
        return densityEntropyMaxValues;
    }
}
