package dlmc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.spark.config.ConfigException;
import dlmc.spark.runner.MasterUrl;
import dlmc.spark.runner.RunFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad command-line values (interface.md §1): exit 2 with one line naming the option, the value and
 * what is allowed, before Spark starts and before anything is written; other failures exit 1 with
 * one line.
 */
class CommandLineErrorsTest {
    private static void assertUsage(ConfigErrorsTest.Result r, String... expected) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        for (String e : expected) {
            assertTrue(r.err().contains(e), "'" + e + "' in: " + r.err());
        }
    }

    private static Path experiment(Path dir) throws IOException {
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, ConfigErrorsTest.GOOD);
        return file;
    }

    @Test
    void masterUrlsOfEverySparkFormAreAcceptedAndTyposRefused() {
        for (String ok : List.of("local", "local[2]", "local[*]", "local[2,3]", "local[*, 4]", "local-cluster[2,1,1024]",
                "spark://127.0.0.1:7077", "spark://h1:7077,h2:7078", "yarn", "k8s://https://host:443")) {
            assertEquals(ok, MasterUrl.check(ok, "--master"), ok);
        }
        for (String bad : List.of("foo://bar", "local[abc]", "local[0]", "local[2", "spark://host", "spark:/host:7077",
                "", "Local", "yarn-client")) {
            ConfigException e = assertThrows(ConfigException.class, () -> MasterUrl.check(bad, "--master"), bad);
            assertTrue(e.getMessage().startsWith("--master: '" + bad + "' is not allowed (a Spark master URL: local,"),
                    e.getMessage());
        }
    }

    @Test
    void anUnreachableStandaloneMasterFailsAtOnceWithOneLine() throws IOException {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String master = "spark://127.0.0.1:" + port;
        RunFailure e = assertThrows(RunFailure.class, () -> MasterUrl.probe(master));
        assertTrue(e.getMessage().startsWith("cannot reach the Spark master " + master + " (127.0.0.1:" + port + ": "),
                e.getMessage());
        try (java.net.ServerSocket listening = new java.net.ServerSocket(0)) {
            MasterUrl.probe("spark://127.0.0.1:" + port + ",127.0.0.1:" + listening.getLocalPort()); // one is enough
        }
        MasterUrl.probe("local[2]"); // not probed
    }

    @Test
    void badMasterIsBadUsageBeforeSparkStarts(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("runs");
        assertUsage(ConfigErrorsTest.run("run", experiment(dir).toString(), "--out", out.toString(), "--master", "foo://bar"),
                "dlmc: error: --master: 'foo://bar' is not allowed (a Spark master URL: ", "spark://HOST:PORT");
        assertUsage(ConfigErrorsTest.run("validate", "--quick", "--master", "local[abc]"),
                "validate: --master: 'local[abc]' is not allowed");
        assertFalse(Files.exists(out));
    }

    @Test
    void badOutputRootIsBadUsage(@TempDir Path dir) throws IOException {
        String exp = experiment(dir).toString();
        assertUsage(ConfigErrorsTest.run("run", exp, "--out", ""),
                "--out: '' is not allowed (a directory path or a Hadoop FileSystem URI");
        assertUsage(ConfigErrorsTest.run("run", exp, "--out", " "), "--out: ' ' is not allowed");
        Path file = Files.writeString(dir.resolve("afile"), "x");
        assertUsage(ConfigErrorsTest.run("run", exp, "--out", file.toString()),
                "--out: '" + file + "' is not allowed", file + " is a file, not a directory");
        assertUsage(ConfigErrorsTest.run("run", exp, "--out", file.resolve("below").toString()),
                file + " is a file, not a directory");
        assertUsage(ConfigErrorsTest.run("run", exp, "--out", file.toUri().toString()), " is a file, not a directory");
        assertUsage(ConfigErrorsTest.run("validate", "--out", file.toString()), "validate: --out: ");
        assertEquals("x", Files.readString(file), "the file is untouched");
    }

    @Test
    void numericOptionsStateWhatIsAllowed() {
        assertUsage(ConfigErrorsTest.run("run", "x.yaml", "--partitions", "abc"),
                "--partitions: 'abc' is not allowed (auto or an integer from 1 to 100000)");
        assertUsage(ConfigErrorsTest.run("run", "x.yaml", "--trajectories", "99999999999999999999999"),
                "--trajectories: '99999999999999999999999' is not allowed (an integer from 1 to 2^40)");
        assertUsage(ConfigErrorsTest.run("run", "x.yaml", "--seed", "1.5"), "--seed: '1.5' is not allowed (an integer (64-bit))");
        // an exact integer in exponent form is accepted, as in the experiment file; a fraction is not
        assertUsage(ConfigErrorsTest.run("run", "x.yaml", "--trajectories", "2.5e0"),
                "--trajectories: '2.5e0' is not allowed (an integer from 1 to 2^40)");
        assertUsage(ConfigErrorsTest.run("run", "x.yaml", "--trajectories", "1e999"), "--trajectories: '1e999' is not allowed");
        assertUsage(ConfigErrorsTest.run("frobnicate"),
                "unknown command 'frobnicate' (allowed: run, check, report, validate; with ./dlmc also cluster, submit");
        assertUsage(ConfigErrorsTest.run("validate", "--bogus"), "--alpha A", "--verbose");
    }

    @Test
    void integerOptionsTakeExponentFormAsTheExperimentFileDoes(@TempDir Path dir) throws IOException {
        String exp = experiment(dir).toString();
        ConfigErrorsTest.Result ok = ConfigErrorsTest.run("check", exp, "--trajectories", "1e3", "--seed", "2.5e1");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("1000 trajectories, seed 25"), ok.out());
        assertUsage(ConfigErrorsTest.run("check", exp, "--trajectories", "1e13"), "ensemble.trajectories: 10000000000000 is not allowed");
    }

    @Test
    void checkValidatesLikeRunAndStartsNothing(@TempDir Path dir) throws IOException {
        String exp = experiment(dir).toString();
        Path out = dir.resolve("runs");
        ConfigErrorsTest.Result ok = ConfigErrorsTest.run("check", exp, "--out", out.toString(), "--trajectories", "7");
        assertEquals(0, ok.code(), ok.err());
        assertEquals("dlmc: " + exp + ": valid (bad-input: dyson model, exact scheme, 7 trajectories, seed 1)",
                ok.out().strip());
        assertUsage(ConfigErrorsTest.run("check", exp, "--out", out.toString(), "--set", "model.n=0"), "model.n: 0 is not allowed");
        assertUsage(ConfigErrorsTest.run("check", exp, "--master", "foo://bar"), "--master: 'foo://bar' is not allowed");
        assertUsage(ConfigErrorsTest.run("check", dir.resolve("nope.yaml").toString()), "experiment file not found");
        // an output URI whose scheme has no Hadoop FileSystem: run's error (its first step), before anything starts
        assertUsage(ConfigErrorsTest.run("check", exp, "--out", "foo://bar/x"),
                "dlmc: error: --out: 'foo://bar/x' is not allowed (no Hadoop FileSystem for scheme 'foo'");
        // a run id of dots would be the experiment's folder or the output root (with --resume, cleared): refused
        for (String dots : List.of(".", "..")) {
            assertUsage(ConfigErrorsTest.run("check", exp, "--out", out.toString(), "--run-id", dots, "--resume"),
                    "--run-id: '" + dots + "' is not allowed (letters, digits, '.', '_' and '-' only, not '.' or '..')");
            assertUsage(ConfigErrorsTest.run("run", exp, "--out", out.toString(), "--run-id", dots),
                    "--run-id: '" + dots + "' is not allowed");
        }
        // errors name the command typed
        assertUsage(ConfigErrorsTest.run("check", exp, "--bogus"), "dlmc: error: check: unknown option '--bogus' (see dlmc check --help)");
        assertUsage(ConfigErrorsTest.run("check"), "dlmc: error: check: expected exactly one EXPERIMENT.yaml, got 0");
        assertUsage(ConfigErrorsTest.run("check", exp, "--seed"), "--seed: missing value (see dlmc check --help)");
        assertFalse(Files.exists(out), "check writes nothing");
        // the run directory checks of run, for a local output root
        Files.createDirectories(out.resolve("bad-input/r1"));
        assertUsage(ConfigErrorsTest.run("check", exp, "--out", out.toString(), "--run-id", "r1"),
                "run directory already exists: " + out.toAbsolutePath().resolve("bad-input/r1"));
        assertUsage(ConfigErrorsTest.run("check", exp, "--out", out.toString(), "--run-id", "r2", "--resume"),
                "--resume: there is no run directory " + out.toAbsolutePath().resolve("bad-input/r2") + " to resume");
        assertEquals(0, ConfigErrorsTest.run("check", exp, "--out", out.toString(), "--run-id", "r1", "--resume").code());
        ConfigErrorsTest.Result help = ConfigErrorsTest.run("check", "--help");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().startsWith("usage: dlmc check EXPERIMENT.yaml"), help.out());
        assertFalse(help.out().contains("Runs the experiment"), help.out());
        assertTrue(help.out().contains("--resume") && help.out().contains("starts nothing"), help.out());
    }

    @Test
    void otherFailuresAreOneLineWithTheVerboseHint(@TempDir Path dir) throws IOException {
        // a "run" whose manifest is not JSON: not bad usage, a failure (exit 1)
        Path run = Files.createDirectories(dir.resolve("runs/x/r1"));
        Files.createDirectories(run.resolve("estimates"));
        Files.writeString(run.resolve("manifest.json"), "{not json");
        Files.writeString(run.resolve("_SUCCESS"), "");
        ConfigErrorsTest.Result r = ConfigErrorsTest.run("report", run.toString(), "--quiet");
        assertEquals(1, r.code(), r.err());
        List<String> lines = r.err().strip().lines().filter(l -> l.startsWith("dlmc:")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("dlmc: failed: ") && lines.get(0).endsWith("(rerun with --verbose for the stack trace)"),
                r.err());
        ConfigErrorsTest.Result verbose = ConfigErrorsTest.run("report", run.toString(), "--quiet", "--verbose");
        assertEquals(1, verbose.code(), verbose.err());
        assertTrue(verbose.err().contains("\tat "), "stack trace with --verbose: " + verbose.err());
    }
}
