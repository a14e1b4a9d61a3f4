package dlmc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's "must I build?" ({@code dlmc_needs_build} in bin/dlmc-common.sh), on a fake
 * checkout (no Maven runs): a complete build is reused until a source is newer than the jar, and a
 * build that was stopped while Maven ran (its marker {@code .dlmc/build.incomplete} left behind)
 * is never reused, although its jar is newer than every source.
 */
class LauncherBuildStateTest {
    @TempDir
    Path home;

    /** @return the exit status of dlmc_needs_build in {@link #home}: 0 = build, 1 = up to date. */
    private int needsBuild() throws IOException, InterruptedException {
        Path common = RunJobTest.ROOT.resolve("bin/dlmc-common.sh");
        Process p = new ProcessBuilder(List.of("bash", "-c",
                "DLMC_HOME=\"$1\"; . \"$2\"; dlmc_needs_build", "bash", home.toString(), common.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bash timed out");
        }
        assertEquals("", out, "dlmc_needs_build printed");
        return p.exitValue();
    }

    /** Writes {@code rel} with the given modification time, also given to the directories it creates (find -newer sees them). */
    private Path file(String rel, long mtimeSeconds) throws IOException {
        Path f = home.resolve(rel);
        Path made = f.getParent();
        while (!made.getParent().equals(home) && !Files.exists(made.getParent())) {
            made = made.getParent();
        }
        boolean fresh = !Files.exists(made);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "x");
        FileTime time = FileTime.from(mtimeSeconds, TimeUnit.SECONDS);
        Files.setLastModifiedTime(f, time);
        for (Path d = f.getParent(); fresh && d.startsWith(made); d = d.getParent()) {
            Files.setLastModifiedTime(d, time);
        }
        return f;
    }

    /** The poms and one source per module of a fake checkout, all with modification time t. */
    private void sources(long t) throws IOException {
        for (String src : new String[] {"pom.xml", "core/pom.xml", "spark-jobs/pom.xml",
                "core/src/main/java/A.java", "spark-jobs/src/main/java/B.java"}) {
            file(src, t);
        }
    }

    @Test
    void reusesACompleteBuildAndRebuildsAnIncompleteOne() throws Exception {
        long t = 1_700_000_000L;
        sources(t);
        assertEquals(0, needsBuild(), "no jar yet");
        file("spark-jobs/target/dlmc-spark-jobs.jar", t + 10);
        file("spark-jobs/target/spark-classpath.txt", t + 10);
        Files.createDirectories(home.resolve("spark-jobs/target/spark-home/jars"));
        assertEquals(1, needsBuild(), "a complete build newer than the sources");
        Path marker = file(".dlmc/build.incomplete", t + 10);
        assertEquals(0, needsBuild(), "the jar of a build that did not finish");
        Files.delete(marker);
        assertEquals(1, needsBuild());
        file("spark-jobs/src/main/java/B.java", t + 20);
        assertEquals(0, needsBuild(), "a source newer than the jar");
    }

    /**
     * A source edited while Maven builds may or may not be in the jar: the jar gets the build's start time
     * ({@code dlmc_ensure_built}), so such an edit triggers the next build although the jar was written after
     * it. A fake {@code mvn} on the PATH edits a source between the launcher's start and writing the outputs.
     */
    @Test
    void aSourceEditedDuringTheBuildTriggersTheNextOne() throws Exception {
        long t = 1_700_000_000L;
        sources(t);
        Path bin = Files.createDirectories(home.resolve("fakebin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/usr/bin/env bash\n"
                + "sleep 0.1\n"
                + "if [ -n \"${EDIT_DURING_BUILD:-}\" ]; then echo edit >> core/src/main/java/A.java; sleep 0.1; fi\n"
                + "mkdir -p spark-jobs/target/spark-home/jars\n"
                + "echo jar > spark-jobs/target/dlmc-spark-jobs.jar\n"
                + "echo cp > spark-jobs/target/spark-classpath.txt\n");
        mvn.toFile().setExecutable(true);
        for (boolean edit : new boolean[] {false, true}) {
            Path common = RunJobTest.ROOT.resolve("bin/dlmc-common.sh");
            ProcessBuilder pb = new ProcessBuilder(List.of("bash", "-c",
                    "DLMC_HOME=\"$1\"; . \"$2\"; dlmc_ensure_built 2>/dev/null; dlmc_needs_build; echo \"needs=$?\"",
                    "bash", home.toString(), common.toString())).redirectErrorStream(true);
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            if (edit) {
                pb.environment().put("EDIT_DURING_BUILD", "1");
            }
            Files.deleteIfExists(home.resolve("spark-jobs/target/dlmc-spark-jobs.jar")); // force the build
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("bash timed out");
            }
            assertEquals(edit ? "needs=0" : "needs=1", out.trim(), edit ? "edited during the build" : "a clean build");
        }
    }
}
