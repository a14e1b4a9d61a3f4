package dlmc.bench.jmh;

import dlmc.core.model.DysonModel;
import dlmc.core.model.InitialCondition;
import dlmc.core.model.Normalization;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.scheme.DysonStepper;
import dlmc.core.scheme.EulerMaruyamaScheme;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * W1 kernel: one Euler–Maruyama step of the D2-OU eigenvalue SDE (math-spec §5.1, §6.1-2), β = 2,
 * dt = 2e-6 — the Coulomb drift (O(n²)), the gap-adaptive step rule, n Gaussians and the
 * ordering check — and the drift alone.
 *
 * <p>Run: {@code java -cp "bench/target/dlmc-bench.jar:$(cat bench/target/bench-classpath.txt)" org.openjdk.jmh.Main DysonEmBench -f 3 -wi 5 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class DysonEmBench {
    static final double DT = 2e-6;

    @Param({"32", "64", "128"})
    public int n;

    private DysonModel model;
    private DysonStepper stepper;
    private RandomStream stream;
    private double[] lambda;
    private double[] drift;
    private double t;

    @Setup(Level.Iteration)
    public void setUp() {
        model = new DysonModel(2.0, n, Normalization.OU, new InitialCondition.Gbe(1.0));
        stepper = new EulerMaruyamaScheme().newStepper(model, DT);
        lambda = new double[n];
        drift = new double[n];
        model.initialSpectrum(Streams.of(11, 0), lambda);
        stepper.reset(lambda);
        stream = Streams.of(1, 0);
        t = 0;
    }

    /** One trajectory-step (the W1 unit). */
    @Benchmark
    public Object emStep() {
        t += DT;
        return stepper.advanceTo(t, stream);
    }

    /** The O(n²) Coulomb drift alone. */
    @Benchmark
    public void drift(Blackhole bh) {
        model.drift(lambda, drift);
        bh.consume(drift);
    }
}
