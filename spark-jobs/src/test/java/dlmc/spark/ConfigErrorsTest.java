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
                        "needs a spectral energy"),
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
                Arguments.of("dln: dyson key", DLN.replace("  d: 2", "  d: 2\n  n: 4"), "model.n: unknown key"));
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
                Arguments.of("dt > t_end", GOOD.replace("  type: exact", "  type: exact\n  dt: 5"), "scheme.dt: 5.0 is not allowed"),
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
                Arguments.of("empty file", "", "is empty"));
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
