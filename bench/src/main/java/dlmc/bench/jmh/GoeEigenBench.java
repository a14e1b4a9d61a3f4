package dlmc.bench.jmh;

import dlmc.core.linalg.SymmetricEigen;
import dlmc.core.model.DysonModel;
import dlmc.core.model.InitialCondition;
import dlmc.core.model.Normalization;
import dlmc.core.random.GaussianEnsembles;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.scheme.DysonStepper;
import dlmc.core.scheme.ExactMatrixScheme;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
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
 * W2 kernel: a GβE matrix increment (β = 1: GOE, n×n; β = 2: GUE as its 2n×2n real
 * representation, math-spec §5.1) and the symmetric eigenvalues of the result
 * ({@link SymmetricEigen}). {@code snapshot} is one W2 unit (increment + eigenvalues, D1, save
 * interval 0.1); {@code increment} and {@code eigenvalues} are its two parts.
 *
 * <p>Run: {@code java -cp "bench/target/dlmc-bench.jar:$(cat bench/target/bench-classpath.txt)" org.openjdk.jmh.Main GoeEigenBench -f 3 -wi 5 -i 5}
 * (GOE only: {@code -p beta=1 -p n=64}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class GoeEigenBench {
    @Param({"1", "2"})
    public int beta;

    @Param({"32", "64", "128"})
    public int n;

    private DysonStepper stepper;
    private RandomStream stream;
    private SymmetricEigen eigen;
    private DMatrixRMaj H;
    private double[] out;
    private double[] spectrum;
    private double t;

    @Setup(Level.Iteration)
    public void setUp() {
        final DysonModel model = new DysonModel(beta, n, Normalization.D1, new InitialCondition.Zero());
        stepper = new ExactMatrixScheme().newStepper(model, 0.1);
        stepper.reset(new double[n]);
        stream = Streams.of(1, 0);
        final int size = GaussianEnsembles.representationSize(beta, n);
        eigen = new SymmetricEigen(size);
        H = new DMatrixRMaj(size, size);
        GaussianEnsembles.increment(beta, n, Streams.of(2, 0), H);
        out = new double[size];
        spectrum = new double[n];
        t = 0;
    }

    /** One W2 snapshot: exact increment over 0.1 and the spectrum. */
    @Benchmark
    public void snapshot(Blackhole bh) {
        t += 0.1;
        stepper.advanceTo(t, stream);
        stepper.spectrum(spectrum);
        bh.consume(spectrum);
    }

    /** The increment alone (Gaussians + symmetric update). */
    @Benchmark
    public void increment(Blackhole bh) {
        GaussianEnsembles.addIncrement(beta, n, 1e-3, stream, H);
        bh.consume(H);
    }

    /** Eigenvalues of a fixed GβE matrix. */
    @Benchmark
    public void eigenvalues(Blackhole bh) {
        bh.consume(eigen.eigenvalues(H, out));
    }
}
