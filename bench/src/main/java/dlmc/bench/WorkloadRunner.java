package dlmc.bench;

import dlmc.core.model.DysonModel;
import dlmc.core.model.InitialCondition;
import dlmc.core.model.Normalization;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.energy.ConfiningEnergy;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import dlmc.core.scheme.DlnScheme;
import dlmc.core.scheme.DlnStepper;
import dlmc.core.scheme.DysonScheme;
import dlmc.core.scheme.LambdaStep;
import dlmc.core.scheme.MatrixEmScheme;
import dlmc.core.scheme.SvdFrameScheme;
import org.ejml.data.DMatrixRMaj;
import dlmc.core.scheme.DysonStepper;
import dlmc.core.scheme.EulerMaruyamaScheme;
import dlmc.core.scheme.ExactMatrixScheme;
import dlmc.core.estimate.EnsembleEstimator;
import dlmc.core.estimate.EstimatorPlan;
import dlmc.core.run.DysonSpec;
import dlmc.core.run.Observation;
import dlmc.core.run.ObservationSink;
import dlmc.core.run.SaveGrid;
import dlmc.core.run.TrajectoryResult;
import dlmc.core.run.TrajectoryRunner;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the whole-workload benchmarks of performance.md on the core (no Spark), single-threaded,
 * and prints one line in the units of {@code shared/bench/numpy_reference.py}:
 * {@code <workload> trajectories=M units=U seconds=S throughput=T/s <check>}.
 *
 * <p>Run: {@code mvn -q -B -DskipTests package -pl bench -am && java -cp "bench/target/dlmc-bench.jar:$(cat bench/target/bench-classpath.txt)" dlmc.bench.WorkloadRunner dyson-sde --trajectories 64}
 * (or {@code bench/run-workload.sh dyson-sde 64}).
 *
 * <ul>
 *   <li>W1 {@code dyson-sde}: D2-OU eigenvalue SDE, β = 2, n = 64, Euler–Maruyama with
 *       dt = 2e-6 (the gap rule of §6.1-2 does not bind at this dt), 1000 steps, stationary
 *       start (tridiagonal GβE). Unit: trajectory-step. The initial sampling is not timed, as in
 *       the NumPy reference.</li>
 *   <li>W3 {@code dln-matrix}, W4 {@code dln-frame} (the default λ-step, pair-implicit), W4 with
 *       the Newton λ-step {@code dln-frame-implicit}, W4 with the tamed λ-step
 *       {@code dln-frame-tamed}: see {@link #dln}.</li>
 *   <li>W2 {@code dyson-matrix}: GOE matrix Brownian motion, D1 from 0, n = 64, 10 save times
 *       0.1 apart, eigenvalues at each. Unit: snapshot (increment + symmetric eigenvalues).</li>
 * </ul>
 *
 * <p>Options: {@code --n N} (W1, W2 matrix size; default 64), {@code --d D --depth N} (W3, W4;
 * default 8, 4) for the cost-scaling tables; {@code --threads T} (W1 only): the plain
 * multi-threaded ensemble runner of W5 — T threads, each with one core
 * {@link TrajectoryRunner} (the per-task loop of the Spark job: stationary start sampled per
 * trajectory, save grid {0, t_end}, the ensemble estimator fed at each save time) over
 * contiguous blocks of trajectory ids; the time then includes the starts.
 *
 * <p>Every line also reports {@code cpu_seconds} (the CPU time of the worker threads,
 * {@link ThreadMXBean}) and {@code cpu_throughput} = units / cpu_seconds: on a loaded machine the
 * CPU time is far less disturbed by other processes than the wall time, so before/after
 * comparisons taken under load should use it (it does not see cache or memory-bandwidth
 * contention, nor the frequency changes).
 */
public final class WorkloadRunner {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static int n = 64;
    private static int width = 8;
    private static int depthN = 4;
    private static int threads = 0;

    private WorkloadRunner() {
    }

    private static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static String cpu(long units, long cpuNanos) {
        final double sec = cpuNanos / 1e9;
        return String.format(Locale.ROOT, " cpu_seconds=%.3f cpu_throughput=%.1f/s", sec, units / sec);
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: WorkloadRunner dyson-sde|dyson-matrix|dln-matrix|dln-frame|dln-frame-implicit|dln-frame-tamed [--trajectories M] [--seed S] [--warmup] [--n N] [--d D] [--depth N] [--threads T]");
            System.exit(2);
        }
        int m = 64;
        long seed = 1;
        boolean warmup = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--warmup")) {
                warmup = true;
            } else if (args[i].equals("--trajectories")) {
                m = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--seed")) {
                seed = Long.parseLong(args[++i]);
            } else if (args[i].equals("--n")) {
                n = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--d")) {
                width = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--depth")) {
                depthN = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--threads")) {
                threads = Integer.parseInt(args[++i]);
            } else {
                System.err.println("unknown option " + args[i]);
                System.exit(2);
            }
        }
        String warm = "";
        if (warmup) {
            warm = warmUp(args[0], m, seed);
        }
        String line = run(args[0], m, seed);
        if (line == null) {
            System.err.println("unknown workload " + args[0]);
            System.exit(2);
        }
        System.out.println(line + warm);
    }

    /** Environment variable DLMC_WARMUP_TRACE set: each warm-up round's time and JIT time on stderr. */
    private static final boolean TRACE = System.getenv("DLMC_WARMUP_TRACE") != null;
    /** Least warm-up (s) before the JIT is asked whether it has settled. */
    static final double WARMUP_MIN_SECONDS = 3;
    /** Most warm-up (s): a JIT that never settles is reported, not waited for forever. */
    static final double WARMUP_MAX_SECONDS = 60;
    /** The JIT has settled when a warm-up round spent less than this share of its time compiling. */
    static final double WARMUP_COMPILE_SHARE = 0.005;

    /**
     * JIT warm-up on other trajectory ids (seeds 1000, 1001, ... above the timed one), not timed,
     * results discarded, so that the timed part measures the steady state (C2-compiled code) that
     * a long ensemble run sees: rounds of max(4, M/4) trajectories, at least
     * {@link #WARMUP_MIN_SECONDS}, then until a round's JIT compilation time
     * ({@link CompilationMXBean}, all compiler threads) is below {@link #WARMUP_COMPILE_SHARE} of
     * its wall time, at most {@link #WARMUP_MAX_SECONDS}. A fixed 3 s was not always enough: in
     * the sixteenth session W4's fresh-JVM throughput came out 13 % under W3's while the two
     * workloads in one JVM differed by 2 %, and on the loaded host W4's first warm-up round (more
     * than 3 s, so the whole of the old warm-up) was followed by rounds with 625 ms and 93 ms of
     * JIT compilation (the SVD-frame λ-step is a larger code path than matrix EM's); bench/RESULTS.md.
     *
     * @return the warm-up's record for the output line: {@code warmup_seconds}, {@code
     *         warmup_rounds} and {@code warmup_settled} (false if the cap was reached)
     */
    private static String warmUp(String workload, int m, long seed) {
        final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        final boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        final long start = System.nanoTime();
        long k = 0;
        boolean settled = false;
        while (true) {
            final long r0 = System.nanoTime();
            final long c0 = timed ? jit.getTotalCompilationTime() : 0;
            run(workload, Math.max(4, m / 4), seed + 1000 + k++);
            final double roundMs = (System.nanoTime() - r0) / 1e6;
            final double compileMs = timed ? jit.getTotalCompilationTime() - c0 : 0;
            final double elapsed = (System.nanoTime() - start) / 1e9;
            if (TRACE) {
                System.err.printf(Locale.ROOT, "warm-up round %d: %.0f ms, JIT compilation %.0f ms%n", k, roundMs, compileMs);
            }
            if (elapsed >= WARMUP_MIN_SECONDS && compileMs < WARMUP_COMPILE_SHARE * roundMs) {
                settled = true;
                break;
            }
            if (elapsed >= WARMUP_MAX_SECONDS) {
                break;
            }
        }
        return String.format(Locale.ROOT, " warmup_seconds=%.1f warmup_rounds=%d warmup_settled=%b",
                (System.nanoTime() - start) / 1e9, k, settled);
    }

    private static String run(String workload, int m, long seed) {
        String line;
        switch (workload) {
            case "dyson-sde":
                line = threads > 0 ? dysonSdeThreads(m, seed, threads) : dysonSde(m, seed);
                break;
            case "dyson-matrix":
                line = dysonMatrix(m, seed);
                break;
            case "dln-matrix":
                line = dln(m, seed, new MatrixEmScheme(), "dln-matrix");
                break;
            case "dln-frame":
                line = dln(m, seed, new SvdFrameScheme(), "dln-frame");
                break;
            case "dln-frame-implicit":
                line = dln(m, seed, new SvdFrameScheme(LambdaStep.IMPLICIT), "dln-frame-implicit");
                break;
            case "dln-frame-tamed":
                line = dln(m, seed, new SvdFrameScheme(LambdaStep.TAMED), "dln-frame-tamed");
                break;
            default:
                return null;
        }
        return line;
    }

    static String dysonSde(int m, long seed) {
        final double dt = 2e-6;
        final int steps = 1000;
        DysonModel model = new DysonModel(2.0, n, Normalization.OU, new InitialCondition.Gbe(1.0));
        DysonScheme scheme = new EulerMaruyamaScheme();
        DysonStepper stepper = scheme.newStepper(model, dt);
        double[] lam = new double[n];
        double[][] starts = new double[m][n];
        for (int k = 0; k < m; k++) {
            model.initialSpectrum(Streams.of(~seed, k), starts[k]); // a separate key for the untimed start
        }
        long units = 0;
        double m2 = 0;
        int ordered = 0;
        RandomStream stream = Streams.of(seed, 0);
        long t0 = System.nanoTime();
        final long c0 = cpuNanos();
        for (int k = 0; k < m; k++) {
            stream.reset(seed, k);
            stepper.reset(starts[k]);
            stepper.advanceTo(steps * dt, stream);
            units += stepper.steps();
            stepper.spectrum(lam);
            boolean ok = true;
            for (int i = 0; i < n; i++) {
                m2 += lam[i] * lam[i];
                if (i > 0 && !(lam[i] > lam[i - 1])) {
                    ok = false;
                }
            }
            ordered += ok ? 1 : 0;
        }
        final long cpu = cpuNanos() - c0;
        double sec = (System.nanoTime() - t0) / 1e9;
        return String.format(Locale.ROOT, "dyson-sde trajectories=%d units=%d seconds=%.3f throughput=%.1f/s ordered_fraction=%.3f m2=%.4f n=%d",
                m, units, sec, units / sec, (double) ordered / m, m2 / (m * n), n) + cpu(units, cpu);
    }

    /**
     * W1 through the plain multi-threaded runner ({@code --threads T}, W5's comparator): T threads,
     * thread r runs the contiguous ids [r·M/T, (r+1)·M/T) with its own {@link TrajectoryRunner}
     * and estimator, like one Spark task per block. Unit: trajectory-step.
     */
    static String dysonSdeThreads(int m, long seed, int t) {
        final double dt = 2e-6;
        final double tEnd = 1000 * dt;
        final DysonModel model = new DysonModel(2.0, n, Normalization.OU, new InitialCondition.Gbe(1.0));
        final DysonSpec spec = new DysonSpec(model, new EulerMaruyamaScheme(), dt);
        final SaveGrid grid = new SaveGrid(new double[] {0, tEnd});
        final EstimatorPlan plan = spec.planEstimates(grid, 64, seed);
        final AtomicLong units = new AtomicLong();
        final AtomicLong okCount = new AtomicLong();
        final AtomicLong cpu = new AtomicLong();
        final Thread[] workers = new Thread[t];
        final long t0 = System.nanoTime();
        for (int r = 0; r < t; r++) {
            final long first = (long) m * r / t;
            final long end = (long) m * (r + 1) / t;
            workers[r] = new Thread(() -> {
                final long c0 = cpuNanos();
                final TrajectoryRunner runner = new TrajectoryRunner(spec, grid, seed);
                final EnsembleEstimator est = plan.newEstimator();
                final ObservationSink sink = new ObservationSink() {
                    @Override
                    public void snapshot(long id, int timeIndex, Observation obs) {
                        if (obs.status.isOk()) {
                            est.accept(timeIndex, obs);
                        }
                    }

                    @Override
                    public void trajectory(TrajectoryResult res) {
                        units.addAndGet(res.steps());
                        if (res.status().isOk()) {
                            okCount.incrementAndGet();
                        }
                    }
                };
                for (long id = first; id < end; id++) {
                    runner.run(id, sink);
                }
                cpu.addAndGet(cpuNanos() - c0);
            });
            workers[r].start();
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        final double sec = (System.nanoTime() - t0) / 1e9;
        return String.format(Locale.ROOT, "dyson-sde-threads trajectories=%d units=%d seconds=%.3f throughput=%.1f/s threads=%d ok=%d n=%d",
                m, units.get(), sec, units.get() / sec, t, okCount.get(), n) + cpu(units.get(), cpu.get());
    }

    static String dysonMatrix(int m, long seed) {
        final int snapshots = 10;
        DysonModel model = new DysonModel(1.0, n, Normalization.D1, new InitialCondition.Zero());
        DysonStepper stepper = new ExactMatrixScheme().newStepper(model, 0.1);
        double[] zero = new double[n];
        double[] lam = new double[n];
        RandomStream stream = Streams.of(seed, 0);
        long units = 0;
        double m2 = 0;
        long t0 = System.nanoTime();
        final long c0 = cpuNanos();
        for (int k = 0; k < m; k++) {
            stream.reset(seed, k);
            stepper.reset(zero);
            for (int s = 1; s <= snapshots; s++) {
                stepper.advanceTo(0.1 * s, stream);
                stepper.spectrum(lam);
                units++;
            }
            for (double v : lam) {
                m2 += v * v;
            }
        }
        final long cpu = cpuNanos() - c0;
        double sec = (System.nanoTime() - t0) / 1e9;
        return String.format(Locale.ROOT, "dyson-matrix trajectories=%d units=%d seconds=%.3f throughput=%.1f/s m2/n=%.4f n=%d",
                m, units, sec, units / sec, m2 / ((double) m * n) / n, n) + cpu(units, cpu);
    }

    /**
     * W3 {@code dln-matrix} / W4 {@code dln-frame} / {@code dln-frame-implicit} / {@code dln-frame-tamed}: DLN Riemannian
     * Langevin with entropy, κ = 1, d = 8, N = 4, β = 2, confining α = 1, dt = 1e-3, 1000 steps,
     * X(0) = diag(linspace(1.5, 0.5, 8)), with the matrix Euler–Maruyama scheme (§6.3) or the
     * SVD-frame scheme (§6.4; {@code dln-frame}: the default λ-step, {@code lambda_step: pair-implicit},
     * {@code dln-frame-implicit}: {@code lambda_step: implicit} (the Newton solve; {@code dln-frame}
     * before pair-implicit became the default), {@code dln-frame-tamed}: {@code lambda_step: tamed},
     * otherwise identical).
     * Unit: trajectory-step. Prints {@code x_hash}, a hash of the bits of every final X, to check
     * that a change of the kernels is bit-identical.
     */
    static String dln(int m, long seed, DlnScheme scheme, String label) {
        final int d = width;
        final int depth = depthN;
        final double dt = 1e-3;
        final int steps = 1000;
        double[][] x0 = new double[d][d];
        for (int i = 0; i < d; i++) {
            x0[i][i] = 1.5 - i * (1.0 / Math.max(1, d - 1));
        }
        DlnModel model = new DlnModel(d, depth, 2.0, 1.0, true, new ConfiningEnergy(1.0), new DlnInitial.Matrix(x0));
        DlnStepper stepper = scheme.newStepper(model, dt);
        DMatrixRMaj X = new DMatrixRMaj(d, d);
        double[] sigma = new double[d];
        RandomStream stream = Streams.of(seed, 0);
        long units = 0;
        double sigmaMax = 0;
        long hash = 17;
        int ok = 0;
        long t0 = System.nanoTime();
        final long c0 = cpuNanos();
        for (int k = 0; k < m; k++) {
            stream.reset(seed, k);
            model.initialMatrix(stream, X);
            stepper.reset(X, stream);
            if (stepper.advanceTo(steps * dt, stream).isOk()) {
                ok++;
            }
            units += stepper.steps();
            stepper.state(X, sigma);
            sigmaMax += sigma[0];
            for (int e = 0; e < d * d; e++) {
                hash = 31 * hash + Double.doubleToLongBits(X.data[e]);
            }
        }
        final long cpu = cpuNanos() - c0;
        double sec = (System.nanoTime() - t0) / 1e9;
        return String.format(Locale.ROOT, "%s trajectories=%d units=%d seconds=%.3f throughput=%.1f/s mean_sigma_max=%.4f ok=%d d=%d depth=%d",
                label, m, units, sec, units / sec, sigmaMax / m, ok, d, depth) + cpu(units, cpu)
                + String.format(Locale.ROOT, " x_hash=%016x simd=%b", hash, dlmc.core.linalg.LaneJacobi.simd());
    }
}
