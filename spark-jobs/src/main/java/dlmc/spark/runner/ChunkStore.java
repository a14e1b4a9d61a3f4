package dlmc.spark.runner;

import dlmc.spark.io.RunLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
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
 */
final class ChunkStore implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ClassTag<ChunkResult> TAG = ClassTag$.MODULE$.apply(ChunkResult.class);

    private final String dir;

    ChunkStore(String dir) {
        this.dir = dir;
    }

    static Path directory(Path runDir) {
        return new Path(runDir, RunLayout.CHUNKS);
    }

    private Path path(int chunk) {
        return new Path(dir, String.format(Locale.ROOT, "chunk-%08d", chunk));
    }

    /** One Hadoop configuration per JVM (read-only after creation; see the class comment). */
    private static final class HadoopHolder {
        static final Configuration CONF = new Configuration();
    }

    private FileSystem fs() throws IOException {
        return new Path(dir).getFileSystem(HadoopHolder.CONF);
    }

    /** @return the checkpoint of {@code chunk}, or null if it has none. */
    ChunkResult read(int chunk) throws IOException {
        FileSystem fs = fs();
        Path p = path(chunk);
        if (!fs.exists(p)) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = fs.open(p)) {
            in.transferTo(bytes);
        }
        SerializerInstance ser = SparkEnv.get().serializer().newInstance();
        return ser.deserialize(ByteBuffer.wrap(bytes.toByteArray()), TAG);
    }

    /** Writes the checkpoint of a finished chunk atomically (temporary name, then rename). */
    void write(ChunkResult r) throws IOException {
        FileSystem fs = fs();
        SerializerInstance ser = SparkEnv.get().serializer().newInstance();
        ByteBuffer buf = ser.serialize(r, TAG);
        byte[] b = new byte[buf.remaining()];
        buf.get(b);
        TaskContext tc = TaskContext.get();
        long attempt = tc == null ? 0 : tc.taskAttemptId();
        Path tmp = new Path(dir, String.format(Locale.ROOT, ".chunk-%08d.tmp-%d", r.chunk, attempt));
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
