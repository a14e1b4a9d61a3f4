package dlmc.spark.runner;

import dlmc.spark.io.RunLayout;
import dlmc.spark.plan.TrajectoryPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.serializer.SerializerInstance;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Checkpoints of finished chunks, {@code <run>/_chunks/chunk-NNNNNNNN}: each task writes a
 * chunk's {@link ChunkResult} (Kryo, Spark's configured serializer) to a temporary name and
 * renames it into place, so a checkpoint is either complete or absent. A resumed run
 * ({@code --resume}) reads finished chunks back instead of recomputing them; since every table is
 * built from chunk results, the output is identical to an uninterrupted run. The directory is
 * deleted when the run completes. Executor side; the URI must be fully qualified.
 *
 * <p>The Hadoop {@link Configuration} is created once per JVM ({@code HadoopHolder}): a new
 * one parses {@code core-default.xml} on first use, which cost tens of milliseconds per chunk
 * and dominated runs of many small chunks (measured: about two thirds of the executor time of a
 * 250-chunk n = 3 run).
 *
 * <p>On the local file system ({@code file:} URIs, the default {@code --out}) checkpoints are
 * written and read with {@code java.nio} instead: Hadoop's {@code LocalFileSystem} writes a
 * {@code .crc} side file per checkpoint and, without Hadoop's native library, sets the permissions
 * of both files by starting a {@code chmod} process each — two process starts per chunk, measured
 * as the largest per-chunk cost of W5 (bench/RESULTS.md). The bytes and names are the same; the
 * rename into place is atomic ({@code rename(2)}).
 *
 * <p>A checkpoint starts with {@link #HEADER}, which names the layout of {@link ChunkResult}; a
 * checkpoint without it (written by a dlmc whose layout differs, e.g. before the scheme
 * diagnostics of 2026-11-29) is not read but recomputed, which by determinism gives the same
 * result, instead of being misread by Kryo.
 */
final class ChunkStore implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ClassTag<ChunkResult> TAG = ClassTag$.MODULE$.apply(ChunkResult.class);
    /** The first bytes of every checkpoint: change the version whenever {@link ChunkResult}'s fields change. */
    static final byte[] HEADER = "dlmc-chunk-result-v5\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final String dir;
    /** The directory as a local path when it is on the local file system, else null. */
    private transient java.nio.file.Path local;

    ChunkStore(String dir) {
        this.dir = dir;
    }

    private java.nio.file.Path local() {
        if (local == null) {
            URI u = new Path(dir).toUri();
            if ("file".equals(u.getScheme())) {
                local = Paths.get(u);
            }
        }
        return local;
    }

    static Path directory(Path runDir) {
        return new Path(runDir, RunLayout.CHUNKS);
    }

    private static String name(int chunk) {
        return String.format(Locale.ROOT, "chunk-%08d", chunk);
    }

    private Path path(int chunk) {
        return new Path(dir, name(chunk));
    }

    /** One Hadoop configuration per JVM (read-only after creation; see the class comment). */
    private static final class HadoopHolder {
        static final Configuration CONF = new Configuration();
    }

    private FileSystem fs() throws IOException {
        return new Path(dir).getFileSystem(HadoopHolder.CONF);
    }

    /** @return the checkpoint of {@code chunk}, or null if it has none (or one of another layout, see the class comment). */
    ChunkResult read(int chunk) throws IOException {
        byte[] b;
        java.nio.file.Path l = local();
        if (l != null) {
            java.nio.file.Path p = l.resolve(name(chunk));
            if (!Files.exists(p)) {
                return null;
            }
            b = Files.readAllBytes(p);
        } else {
            FileSystem fs = fs();
            Path p = path(chunk);
            if (!fs.exists(p)) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (InputStream in = fs.open(p)) {
                in.transferTo(bytes);
            }
            b = bytes.toByteArray();
        }
        if (!hasHeader(b)) {
            return null;
        }
        SerializerInstance ser = SparkEnv.get().serializer().newInstance();
        return ser.deserialize(ByteBuffer.wrap(b, HEADER.length, b.length - HEADER.length), TAG);
    }

    static boolean hasHeader(byte[] b) {
        return b.length >= HEADER.length
                && java.util.Arrays.equals(b, 0, HEADER.length, HEADER, 0, HEADER.length);
    }

    /**
     * Driver side, for progress: the trajectories of the chunks that have a checkpoint in
     * {@code chunksDir} (names {@code chunk-NNNNNNNN}; temporary files are not counted, nor
     * checkpoints without {@link #HEADER}: on {@code --resume} those of another dlmc layout are
     * recomputed, not done). A chunk's checkpoint is renamed into place as soon as the chunk is
     * computed, while an accumulator reaches the driver only when the whole partition (many chunks)
     * has finished. 0 when the directory cannot be listed (e.g. a local {@code --out} the driver
     * does not share with the executors).
     *
     * @param valid chunks whose checkpoint was seen with the header (read and extended here, so
     *              that each checkpoint's first bytes are read once)
     */
    static long checkpointedTrajectories(FileSystem fs, Path chunksDir, TrajectoryPlan plan,
                                         java.util.Set<Integer> valid) {
        long n = 0;
        try {
            for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(chunksDir, p -> p.getName().startsWith("chunk-"))) {
                String id = st.getPath().getName().substring("chunk-".length());
                if (id.length() == 8 && id.chars().allMatch(Character::isDigit)) {
                    int c = Integer.parseInt(id);
                    if (c < plan.chunks() && (valid.contains(c) || hasHeader(fs, st.getPath()))) {
                        valid.add(c);
                        n += plan.size(c);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return n;
    }

    /** As {@link #checkpointedTrajectories(FileSystem, Path, TrajectoryPlan, java.util.Set)}, reading every header. */
    static long checkpointedTrajectories(FileSystem fs, Path chunksDir, TrajectoryPlan plan) {
        return checkpointedTrajectories(fs, chunksDir, plan, new java.util.HashSet<>());
    }

    private static boolean hasHeader(FileSystem fs, Path p) {
        try (InputStream in = fs.open(p)) {
            return hasHeader(in.readNBytes(HEADER.length));
        } catch (IOException | RuntimeException e) {
            return false; // renamed over or removed meanwhile: counted at the next poll
        }
    }

    /** Writes the checkpoint of a finished chunk atomically (temporary name, then rename). */
    void write(ChunkResult r) throws IOException {
        SerializerInstance ser = SparkEnv.get().serializer().newInstance();
        ByteBuffer buf = ser.serialize(r, TAG);
        byte[] b = new byte[HEADER.length + buf.remaining()];
        System.arraycopy(HEADER, 0, b, 0, HEADER.length);
        buf.get(b, HEADER.length, buf.remaining());
        TaskContext tc = TaskContext.get();
        long attempt = tc == null ? 0 : tc.taskAttemptId();
        String tmpName = String.format(Locale.ROOT, ".chunk-%08d.tmp-%d", r.chunk, attempt);
        java.nio.file.Path l = local();
        if (l != null) {
            java.nio.file.Path tmp = l.resolve(tmpName);
            Files.write(tmp, b);
            // replaces a checkpoint another attempt (retry, speculation) wrote: same content by determinism
            Files.move(tmp, l.resolve(name(r.chunk)), StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        FileSystem fs = fs();
        Path tmp = new Path(dir, tmpName);
        try (OutputStream os = fs.create(tmp, true)) {
            os.write(b);
        }
        Path target = path(r.chunk);
        if (!fs.rename(tmp, target)) {
            // another attempt (retry, speculation) finished it first: same content by determinism
            fs.delete(tmp, false);
        }
    }
}
