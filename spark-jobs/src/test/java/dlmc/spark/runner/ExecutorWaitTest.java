package dlmc.spark.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/**
 * {@link ExecutorWait}: when a cluster run waits for its executors before it is planned, and for
 * how long, against a scripted timeline of registrations on a fake clock (no Spark).
 */
class ExecutorWaitTest {
    /** A clock that only moves when the waiter sleeps, and executors that register at given times. */
    static class Timeline implements ExecutorWait.Probe {
        long nowMs;
        final long[] registerAtMs;
        final int coresEach;

        Timeline(int coresEach, long... registerAtMs) {
            this.coresEach = coresEach;
            this.registerAtMs = registerAtMs;
        }

        @Override
        public int executors() {
            int n = 0;
            for (long t : registerAtMs) {
                n += t <= nowMs ? 1 : 0;
            }
            return n;
        }

        @Override
        public int slots() {
            return Math.max(executors() * coresEach, 2); // SparkContext.defaultParallelism's floor
        }

        ExecutorWait.Result await(ExecutorWait.Plan plan) {
            return ExecutorWait.await(plan, this, () -> nowMs * 1_000_000L, ms -> nowMs += ms);
        }
    }

    private static ExecutorWait.Plan unknownSize() {
        return ExecutorWait.plan(new SparkConf(false), false);
    }

    @Test
    void localMastersAndFixedParallelismDoNotWait() {
        assertFalse(ExecutorWait.plan(new SparkConf(false), true).waits());
        assertFalse(ExecutorWait.plan(new SparkConf(false).set("spark.default.parallelism", "64"), false).waits());
        assertFalse(ExecutorWait.plan(new SparkConf(false).set("spark.dynamicAllocation.enabled", "true"), false).waits());
        Timeline t = new Timeline(1, 5_000);
        ExecutorWait.Result r = t.await(ExecutorWait.Plan.NONE);
        assertEquals(new ExecutorWait.Result(2, 0, 0, false), r);
        assertEquals(0, t.nowMs);
    }

    /** The defect it fixes: 4 one-core executors registering 2–4 s after the start were planned as 2 slots. */
    @Test
    void standaloneWaitsUntilTheExecutorsHaveStoppedArriving() {
        Timeline t = new Timeline(1, 2_000, 2_600, 3_100, 4_000);
        ExecutorWait.Result r = t.await(unknownSize());
        assertEquals(4, r.slots());
        assertEquals(4, r.executors());
        assertFalse(r.timedOut());
        // the last one at 4.0 s, then QUIET_MS without change
        assertEquals(4.0 + ExecutorWait.QUIET_MS / 1000.0, r.seconds(), 0.06, r.toString());
    }

    @Test
    void aKnownSizeEndsTheWaitAsSoonAsItHasRegistered() {
        Timeline cores = new Timeline(2, 1_000, 1_500, 3_000);
        ExecutorWait.Result r = cores.await(ExecutorWait.plan(new SparkConf(false).set("spark.cores.max", "4"), false));
        assertEquals(4, r.slots());
        assertEquals(1.5, r.seconds(), 0.06, r.toString());

        Timeline executors = new Timeline(1, 1_000, 1_500, 2_500);
        r = executors.await(ExecutorWait.plan(new SparkConf(false).set("spark.executor.instances", "3"), false));
        assertEquals(3, r.executors());
        assertEquals(2.5, r.seconds(), 0.06, r.toString());
    }

    @Test
    void givesUpAfterSparksWaitingTimeWithWhatHasRegistered() {
        SparkConf conf = new SparkConf(false).set("spark.scheduler.maxRegisteredResourcesWaitingTime", "5s")
                .set("spark.executor.instances", "3");
        Timeline t = new Timeline(1, 1_000);
        ExecutorWait.Result r = t.await(ExecutorWait.plan(conf, false));
        assertTrue(r.timedOut());
        assertEquals(1, r.executors());
        assertEquals(5.0, r.seconds(), 0.06, r.toString());

        Timeline none = new Timeline(1);
        r = none.await(ExecutorWait.plan(new SparkConf(false).set("spark.scheduler.maxRegisteredResourcesWaitingTime", "2s"),
                false));
        assertTrue(r.timedOut());
        assertEquals(new ExecutorWait.Result(2, 0, r.seconds(), true), r);
        assertEquals(2.0, r.seconds(), 0.06);
    }

    /** A standalone master's grants (seen before the executors start) end the wait without the quiet window. */
    @Test
    void standaloneWaitsForTheExecutorsItWasGranted() {
        Timeline t = new Timeline(1, 2_000, 5_000, 5_100) {
            @Override
            public int granted() {
                return nowMs >= 300 ? 3 : 0;
            }
        };
        ExecutorWait.Result r = t.await(unknownSize());
        assertEquals(3, r.executors());
        assertEquals(3, r.slots());
        // at the third registration, not QUIET_MS later; the 3 s gap after the first did not end it
        assertEquals(5.1, r.seconds(), 0.06, r.toString());
    }

    /** The grant and removal messages of Spark 4.2.0's StandaloneSchedulerBackend, through log4j. */
    @Test
    void grantsAreCountedFromTheSchedulerBackendsLog() {
        StandaloneGrants.install();
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StandaloneGrants.LOGGER);
        log.info("Granted executor ID app-20261129122426-0001/0 on hostPort 127.0.0.1:40123 with 1 core(s), 1024.0 MiB RAM");
        log.info("Granted executor ID app-20261129122426-0001/1 on hostPort 127.0.0.1:40125 with 4 core(s), 1024.0 MiB RAM");
        log.info("Executor app-20261129122426-0001/0 removed: Command exited with code 1");
        log.info("Granted executor ID app-20261129122426-0001/2 on hostPort 127.0.0.1:40127 with 1 core(s), 1024.0 MiB RAM");
        log.info("Executor added: app-20261129122426-0001/3 on worker-x (127.0.0.1:40129) with 1 core(s)");
        assertEquals(2, StandaloneGrants.executors(), StandaloneGrants.GRANTS.toString());
        StandaloneGrants.install();
        assertEquals(0, StandaloneGrants.executors());
    }

    @Test
    void theDefaultLongestWaitIsSparks() {
        assertEquals(30_000, unknownSize().maxWaitMs());
    }
}
