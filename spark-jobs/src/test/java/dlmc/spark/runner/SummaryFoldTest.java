package dlmc.spark.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.estimate.EstimateRow;
import dlmc.core.estimate.EstimatorPlan;
import dlmc.spark.config.ExperimentConfig;
import dlmc.spark.plan.TrajectoryPlan;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SummaryFold}: summaries arriving out of chunk order, and twice (a retried task), fold to
 * exactly the in-order fold of the chunks (every estimate bit for bit), and the fold reports
 * itself incomplete until chunk 0 .. chunks-1 have all arrived.
 */
class SummaryFoldTest {
    private static ChunkComputer computer;

    @BeforeAll
    static void setUp() {
        // the serializer (Kryo, as configured by RunJob) comes from the session's SparkEnv; the
        // session is shared with the other test classes of this JVM and not stopped here
        SparkSession.builder().config(RunJob.sparkConf(new SparkConf()).setMaster("local[2]")
                .setAppName("dlmc-tests").set("spark.ui.enabled", "false")).getOrCreate();
        ExperimentConfig config = ExperimentConfig.load(Path.of("..", "conf", "experiments", "goe-d1.yaml"),
                List.of("ensemble.trajectories=12", "ensemble.chunk_size=4"));
        TrajectoryPlan plan = new TrajectoryPlan(config.trajectories(), config.chunkSize());
        EstimatorPlan estimators = config.simulationSpec().planEstimates(config.grid(), config.bins(), config.seed());
        computer = new ChunkComputer(config, plan, estimators);
    }

    private static SummaryFold task(SummaryFold driver, int... chunks) {
        SummaryFold t = (SummaryFold) driver.copyAndReset();
        assertTrue(t.isZero());
        for (int c : chunks) {
            t.add(computer.compute(c).summary);
        }
        return t;
    }

    @Test
    void outOfOrderAndRepeatedChunksFoldLikeTheInOrderFold() {
        ChunkSummary expected = computer.compute(0).summary;
        expected.combine(computer.compute(1).summary);
        expected.combine(computer.compute(2).summary);

        SummaryFold driver = new SummaryFold(3);
        driver.merge(task(driver, 2));
        assertFalse(driver.complete());
        assertNull(driver.value(), "chunk 0 has not arrived");
        driver.merge(task(driver, 1));
        assertFalse(driver.complete());
        driver.merge(task(driver, 0));
        assertTrue(driver.complete());
        driver.merge(task(driver, 1, 2)); // a recomputed partition: already folded, ignored
        assertTrue(driver.complete());

        ChunkSummary got = driver.value();
        assertEquals(expected.steps, got.steps);
        assertEquals(java.util.Arrays.toString(expected.statusCounts), java.util.Arrays.toString(got.statusCounts));
        List<EstimateRow> a = expected.estimator.rows();
        List<EstimateRow> b = got.estimator.rows();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            EstimateRow x = a.get(i);
            EstimateRow y = b.get(i);
            String where = x.quantity + "[" + x.index + "] at t = " + x.t;
            assertEquals(x.quantity, y.quantity, where);
            assertEquals(x.count, y.count, where);
            assertEquals(Double.doubleToLongBits(x.value), Double.doubleToLongBits(y.value), where);
            assertEquals(Double.doubleToLongBits(x.stdError), Double.doubleToLongBits(y.stdError), where);
        }
    }

    @Test
    void missingChunkLeavesTheFoldIncomplete() {
        SummaryFold driver = new SummaryFold(3);
        driver.merge(task(driver, 0, 2));
        assertFalse(driver.complete(), "chunk 1 is missing");
        driver.merge(task(driver, 1));
        assertTrue(driver.complete());
    }
}
