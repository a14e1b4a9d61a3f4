package dlmc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input: each broken experiment exits 2 with one clear line naming the key, the value and
 * what is allowed, and creates no run directory (interface.md §1, §2). No Spark is started:
 * validation happens before.
 */
class ConfigErrorsTest {

    static final String GOOD = String.join("\n",
            "name: bad-input",
            "model:",
            "  type: dyson",
            "  beta: 2",
            "  n: 8",
            "  normalization: d2",
            "  representation: matrix",
            "  initial: {type: zero}",
            "scheme:",
            "  type: exact",
            "time:",
            "  t_end: 1.0",
            "  save_every: 0.5",
            "ensemble:",
            "  trajectories: 10",
            "  seed: 1",
            "");

    static final String DLN = String.join("\n",
            "name: bad-dln",
            "model:",
            "  type: dln",
            "  d: 2",
            "  depth: 3",
            "  beta: 2",
            "  kappa: 1.0",
            "  energy: {type: confining, alpha: 1.0}",
            "scheme:",
            "  type: svd-frame",
            "  dt: 0.01",
            "time:",
            "  t_end: 1.0",
            "ensemble:",
            "  trajectories: 10",
            "");

    static Stream<Arguments> brokenDln() {
        return Stream.of(
                Arguments.of("dln: d = 0", DLN.replace("  d: 2", "  d: 0"), "model.d: 0 is not allowed"),
                Arguments.of("dln: missing depth", DLN.replace("  depth: 3\n", ""), "model.depth: missing"),
                Arguments.of("dln: negative kappa", DLN.replace("kappa: 1.0", "kappa: -1"), "model.kappa: -1"),
                Arguments.of("dln: beta = 0", DLN.replace("  beta: 2", "  beta: 0"), "model.beta: 0"),
                Arguments.of("dln: unknown energy", DLN.replace("{type: confining, alpha: 1.0}", "{type: magnetic}"),
                        "model.energy.type: 'magnetic'"),
                Arguments.of("dln: target of the wrong shape",
                        DLN.replace("{type: confining, alpha: 1.0}", "{type: regression, target: [[1, 2, 3], [4, 5, 6]]}"),
                        "model.energy.target"),
                Arguments.of("dln: singular-values with a non-spectral energy",
                        DLN.replace("{type: confining, alpha: 1.0}", "{type: regression, target: [[1, 0], [0, 1]]}")
                                .replace("type: svd-frame", "type: singular-values"),
                        "needs a spectral energy (E depends on singular values only), e.g. none or confining; "
                                + "got model.energy {type: regression, target: 2x2 matrix})"),
                Arguments.of("dln: dyson scheme", DLN.replace("type: svd-frame", "type: exact"), "scheme.type: 'exact'"),
                Arguments.of("dln: epsilon is for matrix-em only", DLN.replace("  dt: 0.01", "  dt: 0.01\n  epsilon: 0.1"),
                        "scheme.epsilon: unknown key"),
                Arguments.of("dln: missing dt", DLN.replace("  dt: 0.01\n", ""), "scheme.dt: missing"),
                Arguments.of("dln: unknown lambda_step", DLN.replace("  dt: 0.01", "  dt: 0.01\n  lambda_step: explicit"),
                        "scheme.lambda_step: 'explicit' is not allowed (implicit, tamed or pair-implicit"),
                Arguments.of("dln: lambda_step on another scheme", DLN.replace("type: svd-frame", "type: matrix-em")
                                .replace("  dt: 0.01", "  dt: 0.01\n  lambda_step: tamed"),
                        "scheme.lambda_step: 'tamed' is not allowed (a key of scheme.type svd-frame only, not of 'matrix-em')"),
                Arguments.of("dyson: lambda_step", GOOD.replace("  type: exact", "  type: exact\n  lambda_step: implicit"),
                        "scheme.lambda_step: 'implicit' is not allowed (a key of scheme.type svd-frame only, not of 'exact')"),
                Arguments.of("dln: tamed from X(0) = I (the default start)",
                        DLN.replace("  dt: 0.01", "  dt: 0.01\n  lambda_step: tamed"),
                        "scheme.lambda_step: 'tamed' is not allowed (pair-implicit (default) or implicit for this start: X(0) = 1.0 I has 2 equal singular values"),
                Arguments.of("dln: tamed from a matrix with repeated singular values",
                        DLN.replace("  dt: 0.01", "  dt: 0.01\n  lambda_step: tamed")
                                .replace("  kappa: 1.0", "  kappa: 1.0\n  initial: {type: matrix, values: [[0, 2], [-2, 0]]}"),
                        "scheme.lambda_step: 'tamed' is not allowed (pair-implicit (default) or implicit for this start: the matrix X(0) has repeated singular values"),
                // a deterministic start from which the scheme cannot leave: every trajectory would stop at t = 0
                Arguments.of("dln: gradient-flow from a rank-deficient matrix",
                        DLN.replace("type: svd-frame", "type: gradient-flow")
                                .replace("  kappa: 1.0", "  kappa: 1.0\n  initial: {type: matrix, values: [[1, 2], [2, 4]]}"),
                        "model.initial: {type: matrix, values: [[1, 2], [2, 4]]} is not allowed (a start the scheme can leave; "
                                + "X(0) has singular values [5.0, "),
                Arguments.of("dln: matrix-em from a rank-deficient matrix",
                        DLN.replace("type: svd-frame", "type: matrix-em")
                                .replace("  kappa: 1.0", "  kappa: 1.0\n  initial: {type: matrix, values: [[1, 2], [2, 4]]}"),
                        "every trajectory of scheme matrix-em would stop at t = 0 with status rank_deficient; use a full-rank X(0)"),
                Arguments.of("dln: parameter-flow from a rank-deficient matrix",
                        DLN.replace("type: svd-frame", "type: parameter-flow")
                                .replace("  kappa: 1.0", "  kappa: 1.0\n  initial: {type: matrix, values: [[1, 2], [2, 4]]}"),
                        "every trajectory of scheme parameter-flow would stop at t = 0 with status rank_deficient"),
                Arguments.of("dln: svd-frame with entropy from X(0) = 0 (S = -inf)",
                        DLN.replace("  kappa: 1.0", "  kappa: 1.0\n  initial: {type: matrix, values: [[0, 0], [0, 0]]}"),
                        "model.initial: {type: matrix, values: [[0, 0], [0, 0]]} is not allowed (a start the scheme can leave; "
                                + "X(0) has singular values [0.0, 0.0]: every trajectory of scheme svd-frame would stop at t = 0 "
                                + "with status rank_deficient"),
                Arguments.of("dln: dyson key", DLN.replace("  d: 2", "  d: 2\n  n: 4"), "model.n: unknown key"),
                Arguments.of("dln: a real key not used here is not called a typo", DLN.replace("  d: 2", "  d: 2\n  n: 4"),
                        "model.n: unknown key (not used with these settings); allowed here: beta, d, depth, energy, entropy, initial, kappa, metric_scale, type"),
                Arguments.of("dln: key of the scheme under model", DLN.replace("  d: 2", "  d: 2\n  lambda_step: tamed"),
                        "model.lambda_step: unknown key (it belongs under scheme: scheme.lambda_step); allowed here: beta, d, depth"),
                Arguments.of("dln: misspelt key of another section", DLN.replace("  d: 2", "  d: 2\n  lamda_step: tamed"),
                        "model.lamda_step: unknown key (did you mean 'scheme.lambda_step'?)"),
                Arguments.of("dln: misspelt required key of the energy",
                        DLN.replace("{type: confining, alpha: 1.0}", "{type: regression, taget: [[1, 0], [0, 1]]}"),
                        "model.energy.taget: unknown key (did you mean 'model.energy.target'? it is required: a 2x2 matrix"),
                Arguments.of("dln: missing mask names what a mask is",
                        DLN.replace("{type: confining, alpha: 1.0}", "{type: completion, target: [[1, 0], [0, 1]]}"),
                        "model.energy.mask: missing (a 2x2 matrix of 0 (unobserved) and 1 (observed), as a list of 2 rows)"),
                Arguments.of("dln: mask of the wrong shape names what a mask is",
                        DLN.replace("{type: confining, alpha: 1.0}", "{type: completion, target: [[1, 0], [0, 1]], mask: [[1, 0]]}"),
                        "model.energy.mask: [[1, 0]] is not allowed (a 2x2 matrix of 0 (unobserved) and 1 (observed), as a list of 2 rows)"),
                Arguments.of("dln: missing target", DLN.replace("{type: confining, alpha: 1.0}", "{type: regression}"),
                        "model.energy.target: missing (a 2x2 matrix of finite numbers, as a list of 2 rows)"),
                Arguments.of("dln: near-miss scheme", DLN.replace("type: svd-frame", "type: svd_frame"),
                        "scheme.type: 'svd_frame' is not allowed (svd-frame, matrix-em, singular-values, gradient-flow, "
                                + "parameter-flow for model.type: dln); did you mean 'svd-frame'?"),
                Arguments.of("dln: near-miss energy", DLN.replace("{type: confining, alpha: 1.0}", "{type: confinning}"),
                        "model.energy.type: 'confinning' is not allowed (none, confining, regression, completion or sensing); "
                                + "did you mean 'confining'?"),
                Arguments.of("dln: near-miss initial", DLN.replace("  kappa: 1.0", "  kappa: 1.0\n  initial: {type: ginibree}"),
                        "model.initial.type: 'ginibree' is not allowed (identity, matrix or ginibre (model.type: dln)); did you mean 'ginibre'?"),
                Arguments.of("dln: near-miss lambda_step", DLN.replace("  dt: 0.01", "  dt: 0.01\n  lambda_step: pair_implicit"),
                        "; did you mean 'pair-implicit'?"),
                Arguments.of("dln: quoted kappa", DLN.replace("kappa: 1.0", "kappa: '0.5'"),
                        "model.kappa: '0.5' is a string; write a number without quotes, e.g. kappa: 0.5"),
                Arguments.of("dln: width beyond the range", DLN.replace("  d: 2", "  d: 1e9"), "model.d: 1000000000 is not allowed (an integer from 1 to 256)"),
                // model.metric_scale (math-spec §2.1 note): m24 or cmv, DLN only
                Arguments.of("dln: near-miss metric_scale (case)", DLN.replace("  d: 2", "  d: 2\n  metric_scale: CMV"),
                        "model.metric_scale: 'CMV' is not allowed (m24 or cmv); did you mean 'cmv'?"),
                Arguments.of("dln: near-miss metric_scale (swap)", DLN.replace("  d: 2", "  d: 2\n  metric_scale: m42"),
                        "model.metric_scale: 'm42' is not allowed (m24 or cmv); did you mean 'm24'?"),
                Arguments.of("dln: metric_scale as the factor", DLN.replace("  d: 2", "  d: 2\n  metric_scale: 1"),
                        "model.metric_scale: 1 is not allowed (m24 or cmv)"),
                Arguments.of("dln: misspelt metric_scale", DLN.replace("  d: 2", "  d: 2\n  metric_scal: cmv"),
                        "model.metric_scal: unknown key (did you mean 'model.metric_scale'?)"),
                Arguments.of("dln: metric_scale under scheme", DLN.replace("  dt: 0.01", "  dt: 0.01\n  metric_scale: cmv"),
                        "scheme.metric_scale: unknown key (it belongs under model: model.metric_scale)"),
                Arguments.of("dyson: metric_scale", GOOD.replace("  n: 8", "  n: 8\n  metric_scale: cmv"),
                        "model.metric_scale: 'cmv' is not allowed (a key of model.type dln only, not of 'dyson': "
                                + "it normalises the metric operator of the deep linear network, math-spec §2.1)"),
                Arguments.of("dyson: metric_scale m24 too", GOOD.replace("  n: 8", "  n: 8\n  metric_scale: m24"),
                        "model.metric_scale: 'm24' is not allowed (a key of model.type dln only"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDln")
    void brokenDlnExperimentExitsTwoWithOneLine(String label, String yaml, String expected, @TempDir Path dir)
            throws IOException {
        brokenExperimentExitsTwoWithOneLine(label, yaml, expected, dir);
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("unknown key", GOOD.replace("  n: 8", "  n: 8\n  nn: 3"), "model.nn: unknown key"),
                Arguments.of("misspelt key", GOOD.replace("  seed: 1", "  sed: 1"), "did you mean 'ensemble.seed'"),
                Arguments.of("negative n", GOOD.replace("  n: 8", "  n: -3"), "model.n: -3 is not allowed"),
                Arguments.of("n not an integer", GOOD.replace("  n: 8", "  n: eight"), "model.n: 'eight'"),
                Arguments.of("beta = 0", GOOD.replace("  beta: 2", "  beta: 0"), "model.beta: 0"),
                Arguments.of("matrix with beta 3", GOOD.replace("  beta: 2", "  beta: 3"), "needs beta in {1, 2, 4}"),
                Arguments.of("dt > t_end", GOOD.replace("  type: exact", "  type: exact\n  dt: 5"), "scheme.dt: 5 is not allowed"),
                Arguments.of("save_every > t_end", GOOD.replace("save_every: 0.5", "save_every: 3"), "time.save_every"),
                Arguments.of("bad normalization", GOOD.replace("normalization: d2", "normalization: d7"), "model.normalization: 'd7'"),
                Arguments.of("bad scheme", GOOD.replace("  type: exact", "  type: runge-kutta"), "scheme.type: 'runge-kutta'"),
                Arguments.of("scheme/representation mismatch", GOOD.replace("  type: exact", "  type: implicit\n  dt: 0.1"), "scheme.type: 'implicit'"),
                Arguments.of("zero trajectories", GOOD.replace("trajectories: 10", "trajectories: 0"), "ensemble.trajectories: 0"),
                Arguments.of("bad name", GOOD.replace("name: bad-input", "name: Bad Input!"), "name: 'Bad Input!'"),
                Arguments.of("missing section", GOOD.replace("time:\n  t_end: 1.0\n  save_every: 0.5\n", ""), "time: missing"),
                Arguments.of("malformed YAML", GOOD.replace("  n: 8", "  n: [8"), "malformed YAML"),
                Arguments.of("duplicate key", GOOD.replace("  n: 8", "  n: 8\n  n: 9"), "malformed YAML"),
                Arguments.of("spectrum of wrong length", GOOD.replace("{type: zero}", "{type: spectrum, values: [1, 2]}"),
                        "model.initial.values"),
                Arguments.of("unknown initial", GOOD.replace("{type: zero}", "{type: haar}"), "model.initial.type: 'haar'"),
                Arguments.of("not a mapping", "- just\n- a list\n", "must be a mapping"),
                Arguments.of("a boolean document", "true\n", "must be a mapping of keys (name, model, scheme, ...), got a boolean"),
                Arguments.of("empty file", "", "is empty"),
                // a misspelt required key is named as the unknown key it is, not reported as "missing"
                Arguments.of("misspelt required key", GOOD.replace("normalization: d2", "normalisation: d2"),
                        "model.normalisation: unknown key (did you mean 'model.normalization'? it is required: d1, d2 or ou)"),
                Arguments.of("misspelt required section", GOOD.replace("time:", "tiem:"),
                        "tiem: unknown key (did you mean 'time'? it is a required section)"),
                Arguments.of("misspelt required key with swapped letters", GOOD.replace("t_end: 1.0", "t_ned: 1.0"),
                        "time.t_ned: unknown key (did you mean 'time.t_end'? it is required: a number > 0)"),
                Arguments.of("misspelt list", GOOD.replace("{type: zero}", "{type: spectrum, valus: [1, 2, 3, 4, 5, 6, 7, 8]}"),
                        "model.initial.valus: unknown key (did you mean 'model.initial.values'? it is required: a list of n = 8 finite numbers)"),
                Arguments.of("missing list", GOOD.replace("{type: zero}", "{type: spectrum}"),
                        "model.initial.values: missing (a list of n = 8 finite numbers)"),
                Arguments.of("a required key far from any name stays missing", GOOD.replace("normalization: d2", "norm: d2"),
                        "model.normalization: missing (d1, d2 or ou)"),
                // ... and a misspelt optional key is named before the error its default causes
                Arguments.of("misspelt optional key",
                        GOOD.replace("  representation: matrix", "  representaton: eigenvalues")
                                .replace("  type: exact", "  type: euler-maruyama\n  dt: 0.01"),
                        "model.representaton: unknown key (did you mean 'model.representation'?)"),
                // a step limit below the steps of dt in the longest save interval fails every trajectory
                Arguments.of("max_steps below interval / dt",
                        GOOD.replace("  representation: matrix", "  representation: eigenvalues")
                                .replace("  type: exact", "  type: euler-maruyama\n  dt: 0.01\n  max_steps: 49")
                                .replace("  save_every: 0.5", "  save_at: [0.25, 1.0]"),
                        "scheme.max_steps: 49 is not allowed (at least 75: the save interval from t = 0.25 to 1.0 takes at least 75 "
                                + "steps of scheme.dt = 0.01, so every trajectory would stop with status step_limit)"),
                Arguments.of("max_steps in exponent form beyond exact doubles",
                        GOOD.replace("  representation: matrix", "  representation: eigenvalues")
                                .replace("  type: exact", "  type: euler-maruyama\n  dt: 0.01\n  max_steps: 1e20"),
                        "scheme.max_steps: 1.0E20 is not allowed (an integer >= 1; in exponent form below 2^53 ≈ 9.0e15, above"
                                + " that written out as an integer up to 2^63 − 1)"),
                // a key of another section says where it belongs
                Arguments.of("scheme key under model", GOOD.replace("  n: 8", "  n: 8\n  lambda_step: implicit"),
                        "model.lambda_step: unknown key (it belongs under scheme: scheme.lambda_step); "
                                + "allowed here: beta, initial, n, normalization, representation, type"),
                Arguments.of("scheme key at the top level", GOOD + "dt: 0.1\n", "dt: unknown key (it belongs under scheme: scheme.dt)"),
                Arguments.of("required key in the wrong section",
                        GOOD.replace("  representation: matrix", "  representation: eigenvalues")
                                .replace("  type: exact", "  type: euler-maruyama").replace("  t_end: 1.0", "  t_end: 1.0\n  dt: 0.01"),
                        "time.dt: unknown key (it belongs under scheme: scheme.dt)"),
                // near-miss values
                Arguments.of("near-miss representation", GOOD.replace("representation: matrix", "representation: matrx"),
                        "model.representation: 'matrx' is not allowed (matrix or eigenvalues); did you mean 'matrix'?"),
                Arguments.of("near-miss initial", GOOD.replace("{type: zero}", "{type: gbee}"),
                        "model.initial.type: 'gbee' is not allowed (zero, gbe or spectrum); did you mean 'gbe'?"),
                Arguments.of("near-miss normalization (case)", GOOD.replace("normalization: d2", "normalization: D2"),
                        "model.normalization: 'D2' is not allowed (d1, d2 or ou (math-spec §5.1)); did you mean 'd2'?"),
                Arguments.of("near-miss model type", GOOD.replace("  type: dyson", "  type: dysen"),
                        "model.type: 'dysen' is not allowed (dyson or dln); did you mean 'dyson'?"),
                Arguments.of("near-miss partitions", GOOD.replace("  seed: 1", "  seed: 1\n  partitions: atuo"),
                        "ensemble.partitions: 'atuo' is not allowed (auto or an integer from 1 to 100000); did you mean 'auto'?"),
                Arguments.of("dln scheme for a dyson model", GOOD.replace("  type: exact", "  type: matrix-em"),
                        "scheme.type: 'matrix-em' is not allowed (exact, euler-maruyama or implicit for model.type: dyson); "
                                + "'matrix-em' is a scheme of model.type: dln"),
                // values echoed as YAML, not as Java collections
                Arguments.of("list where a mapping is expected", GOOD.replace("{type: zero}", "[zero]"),
                        "model.initial: [zero] is not allowed"),
                Arguments.of("spectrum echoed as written", GOOD.replace("{type: zero}", "{type: spectrum, values: [1, 2]}"),
                        "model.initial.values: [1, 2] is not allowed (a list of exactly n = 8 finite numbers)"),
                // numbers must be YAML numbers: quoted strings are refused, with the fix
                Arguments.of("quoted beta", GOOD.replace("  beta: 2", "  beta: \"1\""),
                        "model.beta: '1' is a string; write a number without quotes, e.g. beta: 1"),
                Arguments.of("quoted n", GOOD.replace("  n: 8", "  n: '8'"), "model.n: '8' is a string; write a number without quotes, e.g. n: 8"),
                Arguments.of("quoted dt", GOOD.replace("  type: exact", "  type: exact\n  dt: '1e-3'"),
                        "scheme.dt: '1e-3' is a string; write a number without quotes, e.g. dt: 1e-3"),
                Arguments.of("quoted boolean", GOOD.replace("  seed: 1", "  seed: 1\nobserve:\n  snapshots: \"false\""),
                        "observe.snapshots: 'false' is a string; write true or false without quotes"),
                Arguments.of("n with a fraction", GOOD.replace("  n: 8", "  n: 32.5"), "model.n: 32.5 is not allowed (an integer from 1 to 100000)"),
                Arguments.of("quoted n with a fraction", GOOD.replace("  n: 8", "  n: '32.5'"),
                        "model.n: '32.5' is not allowed (an integer from 1 to 100000)"),
                Arguments.of("n written as 1e6", GOOD.replace("  n: 8", "  n: 1e6"), "model.n: 1000000 is not allowed (an integer from 1 to 100000)"),
                Arguments.of("trajectories beyond 64 bits", GOOD.replace("trajectories: 10", "trajectories: 99999999999999999999999"),
                        "ensemble.trajectories: 99999999999999999999999 is not allowed (an integer from 1 to 2^40)"),
                Arguments.of("trajectories beyond 2^40", GOOD.replace("trajectories: 10", "trajectories: 1e13"),
                        "ensemble.trajectories: 10000000000000 is not allowed (an integer from 1 to 2^40)"),
                // the matrix representation holds two dense (m n)^2 matrices per trajectory: n = 100000 ended in a task failure
                Arguments.of("matrix too large to hold", GOOD.replace("  n: 8", "  n: 5000"),
                        "model.n: 5000 is not allowed (at most 4096 with representation: matrix and beta = 2 (each trajectory "
                                + "holds two dense 10000^2 matrices, up to 8192^2); representation: eigenvalues takes n up to 100000)"),
                Arguments.of("matrix too large by default", GOOD.replace("  beta: 2", "  beta: 1").replace("  n: 8", "  n: 100000")
                                .replace("  representation: matrix\n", ""),
                        "model.n: 100000 is not allowed (at most 8192 with representation: matrix and beta = 1"),
                // more chunks than the driver can plan: refused here, not by an OutOfMemoryError (exit 1) once Spark ran
                Arguments.of("2^40 trajectories in auto chunks", GOOD.replace("trajectories: 10", "trajectories: 1099511627776"),
                        "ensemble.trajectories: 1099511627776 is not allowed (at most 2147483648 with ensemble.chunk_size auto "
                                + "(1024 per chunk; a run has at most 2097152 chunks); for more set ensemble.chunk_size to at "
                                + "least 524288)"),
                Arguments.of("too many chunks of a given size",
                        GOOD.replace("trajectories: 10", "trajectories: 3000000000\n  chunk_size: 1"),
                        "ensemble.chunk_size: 1 is not allowed (at least 1431 for 3000000000 trajectories: a run has at most "
                                + "2097152 chunks)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void brokenExperimentExitsTwoWithOneLine(String label, String yaml, String expected, @TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, yaml);
        Path out = dir.resolve("runs");
        Result r = run("run", file.toString(), "--out", out.toString());
        assertEquals(2, r.code, label + ": exit code; stderr was: " + r.err);
        String[] lines = r.err.strip().split("\n");
        assertEquals(1, lines.length, label + ": one line expected, got: " + r.err);
        assertTrue(lines[0].startsWith("dlmc: error: "), lines[0]);
        assertTrue(lines[0].contains(expected), label + ": expected '" + expected + "' in: " + lines[0]);
        assertFalse(Files.exists(out), label + ": no output may be written");
    }

    @org.junit.jupiter.api.Test
    void missingFileAndBadOptionsExitTwo(@TempDir Path dir) {
        Result missing = run("run", dir.resolve("nope.yaml").toString(), "--out", dir.resolve("runs").toString());
        assertEquals(2, missing.code);
        assertTrue(missing.err.contains("experiment file not found"), missing.err);

        Result badOption = run("run", "x.yaml", "--frobnicate");
        assertEquals(2, badOption.code);
        assertTrue(badOption.err.contains("unknown option '--frobnicate'"), badOption.err);

        Result badSeed = run("run", "x.yaml", "--seed", "abc");
        assertEquals(2, badSeed.code);
        assertTrue(badSeed.err.contains("--seed: 'abc'"), badSeed.err);

        Result badCommand = run("frobnicate");
        assertEquals(2, badCommand.code);
        assertTrue(badCommand.err.contains("unknown command"), badCommand.err);
        assertFalse(Files.exists(dir.resolve("runs")));
    }

    @org.junit.jupiter.api.Test
    void setOverridesAreValidatedToo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, GOOD);
        Result r = run("run", file.toString(), "--out", dir.resolve("runs").toString(), "--set", "model.n=0");
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.contains("model.n: 0 is not allowed"), r.err);
        Result r2 = run("run", file.toString(), "--out", dir.resolve("runs").toString(), "--set", "model.colour=red");
        assertEquals(2, r2.code, r2.err);
        assertTrue(r2.err.contains("model.colour: unknown key"), r2.err);
    }

    /** A bad model.metric_scale: exit 2, exactly one line naming the key, the value and the two choices. */
    @org.junit.jupiter.api.Test
    void badMetricScaleIsOneExactLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, DLN);
        Result r = run("run", file.toString(), "--out", dir.resolve("runs").toString(), "--set", "model.metric_scale=foo");
        assertEquals(2, r.code, r.err);
        assertEquals("dlmc: error: model.metric_scale: 'foo' is not allowed (m24 or cmv)", r.err.strip());
        assertFalse(Files.exists(dir.resolve("runs")));
    }

    /** A near-miss value equally close to two allowed values gets no suggestion ('d7': d1 or d2?). */
    @org.junit.jupiter.api.Test
    void ambiguousNearMissGetsNoSuggestion(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, GOOD.replace("normalization: d2", "normalization: d7"));
        Result r = run("run", file.toString(), "--out", dir.resolve("runs").toString());
        assertEquals(2, r.code, r.err);
        assertEquals("dlmc: error: model.normalization: 'd7' is not allowed (d1, d2 or ou (math-spec §5.1))", r.err.strip());
    }

    /** --set values are YAML too: mappings are echoed in flow style, and 'auto' is offered like in the file. */
    @org.junit.jupiter.api.Test
    void setOverridesEchoValuesAsYaml(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, GOOD);
        Result r = run("run", file.toString(), "--out", dir.resolve("runs").toString(), "--set", "name.x=1");
        assertEquals(2, r.code, r.err);
        assertEquals("dlmc: error: name: {x: 1} is not allowed (a name made of [a-z0-9-])", r.err.strip());
        Result p = run("run", file.toString(), "--out", dir.resolve("runs").toString(), "--set", "ensemble.partitions=abc");
        assertEquals(2, p.code, p.err);
        assertEquals("dlmc: error: ensemble.partitions: 'abc' is not allowed (auto or an integer from 1 to 100000)", p.err.strip());
        Result h = run("run", file.toString(), "--out", dir.resolve("runs").toString(), "--set", "histogram={bins: 10}");
        assertEquals(2, h.code, h.err);
        assertTrue(h.err.contains("histogram: unknown key (it belongs under observe: observe.histogram)"), h.err);
        assertFalse(Files.exists(dir.resolve("runs")));
    }

    /**
     * Unquoted scientific notation and the other YAML 1.2 number forms are numbers; an integer key takes a float
     * that is an exact integer and the effective document (config_yaml) and the manifest's config echo the integer.
     */
    @org.junit.jupiter.api.Test
    void yamlNumbersAreAcceptedAndEchoedAsNumbers() {
        String yaml = GOOD.replace("  n: 8", "  n: 1e2").replace("trajectories: 10", "trajectories: 1e3")
                .replace("  representation: matrix", "  representation: eigenvalues")
                .replace("  type: exact", "  type: euler-maruyama\n  dt: 1e-3")
                .replace("t_end: 1.0", "t_end: 1.0e+0").replace("save_every: 0.5", "save_every: .5");
        dlmc.spark.config.ExperimentConfig c = dlmc.spark.config.ExperimentConfig.parse(yaml, "test", java.util.List.of());
        assertEquals(100, c.model().n());
        assertEquals(1000, c.trajectories());
        assertEquals(1e-3, c.dt());
        assertEquals(2, c.grid().times().length - 1);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> model = (java.util.Map<String, Object>) c.effective().get("model");
        assertEquals(Integer.valueOf(100), model.get("n"), "the manifest's config echoes n as an integer");
        assertTrue(c.effectiveYaml().contains("  n: 100\n"), c.effectiveYaml());
        assertTrue(c.effectiveYaml().contains("  trajectories: 1000\n"), c.effectiveYaml());
        assertEquals(c.effectiveYaml(), dlmc.spark.config.ExperimentConfig.fromEffective(c.effectiveYaml()).effectiveYaml());
        // the same through --set
        dlmc.spark.config.ExperimentConfig s = dlmc.spark.config.ExperimentConfig.parse(GOOD, "test", java.util.List.of("model.n=1e1"));
        assertEquals(10, s.model().n());
        assertTrue(s.effectiveYaml().contains("  n: 10\n"), s.effectiveYaml());
    }

    /**
     * save_every and save_at together: the one line names both values and how to drop the file's key, since the usual
     * cause is a --set save_at over an experiment that has save_every; with that key dropped the override works.
     */
    @org.junit.jupiter.api.Test
    void saveEveryAndSaveAtNameBothValuesAndTheWayOut(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, GOOD);
        Path out = dir.resolve("runs");
        Result r = run("run", file.toString(), "--out", out.toString(), "--set", "time.save_at=[0.2, 1]");
        assertEquals(2, r.code, r.err);
        assertEquals("dlmc: error: time: save_every 0.5 and save_at [0.2, 1] are not allowed together (give either "
                + "save_every or save_at, not both; --set time.save_every=null or --set time.save_at=null drops one the "
                + "file gives)", r.err.strip());
        assertFalse(Files.exists(out));
        dlmc.spark.config.ExperimentConfig c = dlmc.spark.config.ExperimentConfig.parse(GOOD, "test",
                java.util.List.of("time.save_every=null", "time.save_at=[0.2, 1]"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 0.2, 1}, c.grid().times());
        assertFalse(c.effectiveYaml().contains("save_every"), c.effectiveYaml());
        // key=null removes the key (its default applies), also for a key of a map given in flow style
        dlmc.spark.config.ExperimentConfig d = dlmc.spark.config.ExperimentConfig.parse(GOOD, "test",
                java.util.List.of("time.save_every=~", "ensemble.seed=", "model.missing.key=null"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 1}, d.grid().times());
        assertEquals(42L, d.seed());
        assertFalse(d.effectiveYaml().contains("seed"), d.effectiveYaml());
        Result req = run("run", file.toString(), "--out", out.toString(), "--set", "model.beta=null");
        assertEquals(2, req.code, req.err);
        assertTrue(req.err.startsWith("dlmc: error: model.beta: missing"), req.err);
    }

    /** The largest ensemble (2^40) is still accepted with a chunk size that keeps the chunks plannable. */
    @org.junit.jupiter.api.Test
    void largestEnsembleFitsWithLargeChunks() {
        dlmc.spark.config.ExperimentConfig c = dlmc.spark.config.ExperimentConfig.parse(
                GOOD.replace("trajectories: 10", "trajectories: 1099511627776\n  chunk_size: 524288"), "test",
                java.util.List.of());
        dlmc.spark.plan.TrajectoryPlan plan = new dlmc.spark.plan.TrajectoryPlan(c.trajectories(), c.chunkSize());
        assertEquals(dlmc.spark.plan.TrajectoryPlan.MAX_CHUNKS, plan.chunks());
        // auto chunks up to 1024 x MAX_CHUNKS trajectories
        dlmc.spark.config.ExperimentConfig auto = dlmc.spark.config.ExperimentConfig.parse(GOOD, "test",
                java.util.List.of("ensemble.trajectories=2147483648"));
        assertEquals(dlmc.spark.plan.TrajectoryPlan.MAX_CHUNKS,
                new dlmc.spark.plan.TrajectoryPlan(auto.trajectories(), auto.chunkSize()).chunks());
    }

    @org.junit.jupiter.api.Test
    void helpExitsZero() {
        Result r = run("run", "--help");
        assertEquals(0, r.code);
        assertTrue(r.out.contains("usage: dlmc run"), r.out);
        Result top = run("--help");
        assertEquals(0, top.code);
        assertTrue(top.out.contains("commands:"), top.out);
    }

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
