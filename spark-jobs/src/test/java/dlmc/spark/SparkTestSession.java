package dlmc.spark;

import dlmc.spark.runner.RunJob;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * One embedded Spark session (local[2]) shared by every test class in the JVM: Spark start costs
 * seconds (stack.md pitfall 6). Jobs started with {@link Main#execute} reuse it.
 */
final class SparkTestSession {
    private static SparkSession session;

    private SparkTestSession() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            SparkConf conf = RunJob.sparkConf(new SparkConf())
                    .setMaster("local[2]")
                    .setAppName("dlmc-tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.sql.shuffle.partitions", "2");
            session = SparkSession.builder().config(conf).getOrCreate();
        }
        return session;
    }
}
