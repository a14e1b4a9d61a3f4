package dlmc.spark.runner;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.apache.spark.util.LongAccumulator;

/**
 * Prints "trajectories done / total" to the console while a run is long (first line after 2 s,
 * then every 5 s, when the count has changed). The count is the larger of a Spark accumulator
 * (which reaches the driver only when a partition — many chunks — has finished) and the
 * trajectories of the chunk checkpoints already written (one per chunk, as it finishes; see
 * {@link ChunkStore#checkpointedTrajectories}), so a long run moves chunk by chunk instead of in
 * steps of a partition.
 */
final class Progress extends Thread {
    private final LongAccumulator done;
    private final LongSupplier checkpointed;
    private final long total;
    private final PrintStream err;
    private final boolean quiet;
    private final long start = System.nanoTime();
    private volatile boolean running = true;

    Progress(LongAccumulator done, LongSupplier checkpointed, long total, PrintStream err, boolean quiet) {
        super("dlmc-progress");
        setDaemon(true);
        this.done = done;
        this.checkpointed = checkpointed;
        this.total = total;
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void run() {
        long next = 2_000;
        long last = -1;
        while (running) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (ms >= next && running) {
                long d = Math.min(total, Math.max(done.value(), checkpointed.getAsLong()));
                if (d != last && !quiet) {
                    err.println(String.format(Locale.ROOT, "[dlmc] progress %d / %d trajectories (%.0f%%), %.0f s",
                            d, total, 100.0 * d / total, ms / 1000.0));
                    last = d;
                }
                next = ms + 5_000;
            }
        }
    }

    void finish() {
        running = false;
        interrupt();
    }
}
