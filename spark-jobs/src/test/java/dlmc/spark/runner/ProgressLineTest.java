package dlmc.spark.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** {@link Progress#line}: the time left at the rate since the first line with progress, none before it nor at the end. */
class ProgressLineTest {
    @Test
    void estimatesTheTimeLeftFromTheRateSinceTheFirstProgress() {
        assertEquals("[dlmc] progress 0 / 40000 trajectories (0%), 2 s", Progress.line(0, 40000, 2000, -1, 0));
        // first progress at 12 s (100 done): no rate yet
        assertEquals("[dlmc] progress 100 / 40000 trajectories (0%), 12 s", Progress.line(100, 40000, 12000, -1, 0));
        assertEquals("[dlmc] progress 100 / 40000 trajectories (0%), 12 s", Progress.line(100, 40000, 12000, 12000, 100));
        // 1100 more in 10 s: 110/s, 38 800 left -> 352.7 s -> 6 min
        assertEquals("[dlmc] progress 1200 / 40000 trajectories (3%), 22 s, about 6 min left",
                Progress.line(1200, 40000, 22000, 12000, 100));
        // 39 000 more in 355 s: 1000 left at ~109.9/s -> 9 s
        assertEquals("[dlmc] progress 39000 / 40000 trajectories (98%), 367 s, about 9 s left",
                Progress.line(39000, 40000, 367000, 12000, 100));
        assertEquals("[dlmc] progress 40000 / 40000 trajectories (100%), 370 s", Progress.line(40000, 40000, 370000, 12000, 100));
        assertEquals("2.5 h", Progress.duration(9000));
        assertEquals("89 s", Progress.duration(89.4));
        assertEquals("2 min", Progress.duration(95));
    }

    /** --quiet: nothing is printed, so the checkpoints are not listed either (driver CPU a cluster's executors need). */
    @Test
    void aQuietRunDoesNotPoll() throws Exception {
        AtomicInteger quietPolls = new AtomicInteger();
        AtomicInteger polls = new AtomicInteger();
        ByteArrayOutputStream quietOut = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        org.apache.spark.util.LongAccumulator none = new org.apache.spark.util.LongAccumulator();
        Progress quiet = new Progress(none, () -> quietPolls.incrementAndGet() * 0L, 10, new PrintStream(quietOut), true);
        Progress loud = new Progress(none, () -> polls.incrementAndGet() * 0L + 3, 10, new PrintStream(out), false);
        quiet.start();
        loud.start();
        Thread.sleep(2_600); // the first poll is at 2 s
        quiet.finish();
        loud.finish();
        quiet.join(1_000);
        loud.join(1_000);
        assertEquals(0, quietPolls.get());
        assertEquals("", quietOut.toString(StandardCharsets.UTF_8));
        assertTrue(polls.get() >= 1, "the loud one polled");
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("[dlmc] progress 3 / 10 trajectories"), out.toString());
    }
}
