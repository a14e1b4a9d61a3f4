package dlmc.spark.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dlmc.spark.plan.TrajectoryPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChunkStore#checkpointedTrajectories}, the progress count from the checkpoints: the
 * trajectories of exactly the chunks that have a checkpoint (the last chunk's own size), not the
 * temporary files of a write in progress, checkpoints of another layout nor other names, and 0 for a missing directory.
 */
class CheckpointProgressTest {
    @TempDir
    Path dir;

    @Test
    void countsTheTrajectoriesOfCheckpointedChunksOnly() throws IOException {
        TrajectoryPlan plan = new TrajectoryPlan(103, 10); // chunks 0..10, chunk 10 holds 3
        FileSystem fs = FileSystem.getLocal(new Configuration());
        org.apache.hadoop.fs.Path chunks = new org.apache.hadoop.fs.Path(dir.toUri());
        assertEquals(0, ChunkStore.checkpointedTrajectories(fs, chunks, plan));
        Files.write(dir.resolve("chunk-00000000"), ChunkStore.HEADER);
        Files.write(dir.resolve("chunk-00000007"), ChunkStore.HEADER);
        Files.write(dir.resolve("chunk-00000010"), ChunkStore.HEADER);
        Files.write(dir.resolve(".chunk-00000003.tmp-17"), new byte[] {1});
        Files.write(dir.resolve("config.yaml"), new byte[] {1});
        // a checkpoint of another layout (--resume after an upgrade) is recomputed, not done
        Files.write(dir.resolve("chunk-00000004"), "dlmc-chunk-result-v1\n...".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(10 + 10 + 3, ChunkStore.checkpointedTrajectories(fs, chunks, plan));
        assertEquals(0, ChunkStore.checkpointedTrajectories(fs, new org.apache.hadoop.fs.Path(dir.resolve("absent").toUri()), plan));
    }
}
