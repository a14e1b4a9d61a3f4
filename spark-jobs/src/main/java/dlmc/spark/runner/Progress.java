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
        if (quiet) {
            // nothing would be printed: no polling either (the checkpoint count lists _chunks/, about
            // 0.2 s of driver CPU per poll on a 2-core machine, where a cluster's executors need the cores)
            return;
        }
        long next = 2_000;
        long last = -1;
        long firstMs = -1;
        long firstDone = 0;
        while (running) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (ms >= next && running) {
                long d = Math.min(total, Math.max(done.value(), checkpointed.getAsLong()));
                if (d != last) {
                    err.println(line(d, total, ms, firstMs, firstDone));
                    last = d;
                }
                if (firstMs < 0 && d > 0) {
                    firstMs = ms;
                    firstDone = d;
                }
                next = ms + 5_000;
            }
        }
    }

    /**
     * "[dlmc] progress 1250 / 40000 trajectories (3%), 23 s, about 12 min left": the time left at
     * the rate since the first line that showed progress (so the start-up of Spark and the JIT's
     * first compilations, before any trajectory was done, do not count); no estimate before that.
     *
     * @param firstMs time of the first line with progress, or −1
     */
    static String line(long d, long total, long ms, long firstMs, long firstDone) {
        String s = String.format(Locale.ROOT, "[dlmc] progress %d / %d trajectories (%.0f%%), %.0f s",
                d, total, 100.0 * d / total, ms / 1000.0);
        if (firstMs >= 0 && d > firstDone && d < total) {
            double left = (ms - firstMs) / 1000.0 * (total - d) / (d - firstDone);
            s += ", about " + duration(left) + " left";
        }
        return s;
    }

    /** 42 s, 12 min, 2.5 h (rounded: an estimate). */
    static String duration(double seconds) {
        if (seconds < 90) {
            return Math.max(1, Math.round(seconds)) + " s";
        }
        if (seconds < 90 * 60) {
            return Math.round(seconds / 60) + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    void finish() {
        running = false;
        interrupt();
    }
}
