package dlmc.spark.runner;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * Waits, on a cluster master, for the executors to register before the run is planned.
 *
 * <p>{@code ensemble.partitions: auto} is 4 × the task slots ({@code SparkContext.defaultParallelism},
 * the cores of the registered executors, at least 2). On a cluster the executors register with the
 * driver a few seconds after the SparkContext has started, and the run used to be planned at once:
 * with none registered yet it got 4 × 2 = 8 partitions whatever the cluster's size (measured
 * 2026-11-29: 8 partitions on 4 workers × 1 core; on a 100-core cluster 8 tasks would have run at a
 * time, and the tables were written by 2 tasks). Spark itself waits for executors only on YARN and
 * Kubernetes ({@code spark.scheduler.minRegisteredResourcesRatio} 0.8 there, 0 on a standalone master).
 *
 * <p>Rule ({@link #await}): local masters, a set {@code spark.default.parallelism} and dynamic
 * allocation do not wait. Otherwise the wait ends when the expected resources have registered —
 * {@code spark.cores.max} cores when set, else {@code spark.executor.instances} executors when set,
 * else on a standalone master the executors it has granted ({@link StandaloneGrants}: the master
 * offers an application every free core, and tells the driver so at once) — or, when none of these
 * is known, when at least one executor has registered and nothing has changed for {@link #QUIET_MS}; and in any case
 * after {@code spark.scheduler.maxRegisteredResourcesWaitingTime} (Spark's key, default 30 s). An
 * executor that registers later still gets tasks (the plan has 4 partitions per registered slot); it
 * only did not count for the plan.
 */
final class ExecutorWait {
    /** With no expected size: how long the registered executors must stay unchanged. */
    static final long QUIET_MS = 2000;
    /** How often the registered executors are looked at. */
    static final long POLL_MS = 50;

    /** What the driver knows about the registered executors. */
    interface Probe {
        /** @return the executors registered with the driver (the driver itself not counted) */
        int executors();

        /** @return the task slots, {@code SparkContext.defaultParallelism()} */
        int slots();

        /** @return the executors a standalone master has granted ({@link StandaloneGrants}; 0: not known) */
        default int granted() {
            return 0;
        }
    }

    /**
     * @param expectedCores     cores to wait for (0: not known)
     * @param expectedExecutors executors to wait for (0: not known)
     * @param maxWaitMs         the longest wait
     */
    record Plan(boolean waits, int expectedCores, int expectedExecutors, long maxWaitMs) {
        static final Plan NONE = new Plan(false, 0, 0, 0);
    }

    /**
     * @param slots     the task slots to plan for
     * @param executors the executors registered when the wait ended
     * @param seconds   how long it waited
     * @param timedOut  whether it gave up waiting (then {@code slots} is what had registered)
     */
    record Result(int slots, int executors, double seconds, boolean timedOut) {
    }

    private ExecutorWait() {
    }

    /** The wait rule for a Spark configuration (see the class comment). */
    static Plan plan(SparkConf conf, boolean local) {
        if (local || conf.contains("spark.default.parallelism") || conf.getBoolean("spark.dynamicAllocation.enabled", false)) {
            return Plan.NONE;
        }
        long maxWaitMs = conf.getTimeAsMs("spark.scheduler.maxRegisteredResourcesWaitingTime", "30s");
        int cores = conf.getInt("spark.cores.max", 0);
        int executors = conf.getInt("spark.executor.instances", 0);
        return new Plan(true, Math.max(cores, 0), Math.max(executors, 0), Math.max(maxWaitMs, 0));
    }

    /** {@link #await(Plan, Probe, LongSupplier, Sleeper)} on a live SparkContext. */
    static Result await(SparkContext sc) {
        Plan plan = plan(sc.conf(), sc.isLocal());
        Probe probe = new Probe() {
            @Override
            public int executors() {
                // getExecutorInfos includes the driver
                return Math.max(sc.statusTracker().getExecutorInfos().length - 1, 0);
            }

            @Override
            public int slots() {
                return sc.defaultParallelism();
            }

            @Override
            public int granted() {
                return sc.master().startsWith("spark://") ? StandaloneGrants.executors() : 0;
            }
        };
        return await(plan, probe, System::nanoTime, Thread::sleep);
    }

    /** Sleeping, replaceable in tests. */
    interface Sleeper {
        void sleep(long ms) throws InterruptedException;
    }

    /**
     * Waits by {@code plan}'s rule (see the class comment).
     *
     * @param nanos  a monotonic clock in nanoseconds
     * @param sleep  how to pass {@link #POLL_MS}
     */
    static Result await(Plan plan, Probe probe, LongSupplier nanos, Sleeper sleep) {
        final long start = nanos.getAsLong();
        if (!plan.waits()) {
            return new Result(probe.slots(), probe.executors(), 0, false);
        }
        int executors = probe.executors();
        int slots = probe.slots();
        long changed = start;
        while (true) {
            long now = nanos.getAsLong();
            if (done(plan, executors, slots, probe.granted(), TimeUnit.NANOSECONDS.toMillis(now - changed))) {
                return new Result(slots, executors, (now - start) / 1e9, false);
            }
            if (TimeUnit.NANOSECONDS.toMillis(now - start) >= plan.maxWaitMs()) {
                return new Result(slots, executors, (now - start) / 1e9, true);
            }
            try {
                sleep.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(slots, executors, (nanos.getAsLong() - start) / 1e9, true);
            }
            int e = probe.executors();
            int s = probe.slots();
            if (e != executors || s != slots) {
                executors = e;
                slots = s;
                changed = nanos.getAsLong();
            }
        }
    }

    private static boolean done(Plan plan, int executors, int slots, int granted, long quietMs) {
        if (executors < 1) {
            return false;
        }
        if (plan.expectedCores() > 0) {
            return slots >= plan.expectedCores();
        }
        if (plan.expectedExecutors() > 0) {
            return executors >= plan.expectedExecutors();
        }
        if (granted > 0) {
            return executors >= granted;
        }
        return quietMs >= QUIET_MS;
    }
}
