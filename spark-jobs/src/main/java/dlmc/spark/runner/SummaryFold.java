package dlmc.spark.runner;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.util.AccumulatorV2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The chunk summaries, folded on the driver in chunk order while the simulate job runs: each task
 * adds the {@link ChunkSummary} of every chunk it finishes (Kryo bytes, so the task result stays
 * small and Java-serialisable), and the driver's instance folds them as the tasks complete —
 * chunk 0, then 1, 2, … —, keeping only the chunks that arrived ahead of their turn. The result is
 * the same fold, in the same order, as reading the summaries back after the job (one Spark job per
 * partition with {@code toLocalIterator}, about 30 ms each: 8 jobs on a laptop, hundreds on a
 * cluster), so the estimates stay bit-identical for any partitioning.
 *
 * <p>A chunk that arrives twice (a recomputed partition, a retried or speculative task: the same
 * bytes by determinism) is folded once. {@link #complete()} tells whether every chunk arrived; the
 * caller falls back to reading the summaries back when it did not.
 *
 * <p>Spark merges task updates into the driver's instance on its scheduler thread, one task at a
 * time; the driver reads {@link #value()} after the job has finished.
 */
final class SummaryFold extends AccumulatorV2<ChunkSummary, ChunkSummary> {
    private static final long serialVersionUID = 1L;
    private static final ClassTag<ChunkSummary> TAG = ClassTag$.MODULE$.apply(ChunkSummary.class);

    private final int chunks;
    /** Executor side: the chunks added by this task and their Kryo bytes. */
    private final List<Integer> addedChunks = new ArrayList<>();
    private final List<byte[]> addedBytes = new ArrayList<>();
    /** Driver side: the fold of chunks 0 .. next-1, and the chunks that arrived ahead of their turn. */
    private transient ChunkSummary total;
    private transient int next;
    private transient TreeMap<Integer, byte[]> ahead;

    /** @param chunks the number of chunks of the run */
    SummaryFold(int chunks) {
        this.chunks = chunks;
    }

    @Override
    public boolean isZero() {
        return addedChunks.isEmpty() && total == null && (ahead == null || ahead.isEmpty());
    }

    /** An empty fold (what Spark ships with every task, also after the driver's has folded chunks). */
    @Override
    public AccumulatorV2<ChunkSummary, ChunkSummary> copyAndReset() {
        return new SummaryFold(chunks);
    }

    /** A copy sharing the (immutable once added) bytes and, on the driver, the fold so far. */
    @Override
    public AccumulatorV2<ChunkSummary, ChunkSummary> copy() {
        SummaryFold c = new SummaryFold(chunks);
        c.addedChunks.addAll(addedChunks);
        c.addedBytes.addAll(addedBytes);
        c.total = total;
        c.next = next;
        c.ahead = ahead == null ? null : new TreeMap<>(ahead);
        return c;
    }

    @Override
    public void reset() {
        addedChunks.clear();
        addedBytes.clear();
        total = null;
        next = 0;
        ahead = null;
    }

    /** Executor side: records the summary of a finished chunk. */
    @Override
    public void add(ChunkSummary s) {
        ByteBuffer buf = serializer().serialize(s, TAG);
        byte[] b = new byte[buf.remaining()];
        buf.get(b);
        addedChunks.add(s.chunk);
        addedBytes.add(b);
    }

    /** Driver side: folds the task's summaries that are next in chunk order, keeps the others. */
    @Override
    public void merge(AccumulatorV2<ChunkSummary, ChunkSummary> other) {
        SummaryFold o = (SummaryFold) other;
        if (ahead == null) {
            ahead = new TreeMap<>();
        }
        for (int k = 0; k < o.addedChunks.size(); k++) {
            final int c = o.addedChunks.get(k);
            if (c >= next) {
                ahead.putIfAbsent(c, o.addedBytes.get(k));
            }
        }
        SerializerInstance ser = null;
        while (!ahead.isEmpty() && ahead.firstKey() == next) {
            if (ser == null) {
                ser = serializer();
            }
            ChunkSummary s = ser.deserialize(ByteBuffer.wrap(ahead.pollFirstEntry().getValue()), TAG);
            if (total == null) {
                total = s;
            } else {
                total.combine(s);
            }
            next++;
        }
    }

    /** @return whether the summaries of all chunks have been folded */
    boolean complete() {
        return next == chunks && total != null;
    }

    /** @return the fold of the chunks folded so far (chunk 0 onwards), or null before chunk 0 */
    @Override
    public ChunkSummary value() {
        return total;
    }

    private static SerializerInstance serializer() {
        return SparkEnv.get().serializer().newInstance();
    }
}
