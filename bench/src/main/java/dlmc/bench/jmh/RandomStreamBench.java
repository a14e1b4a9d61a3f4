package dlmc.bench.jmh;

import dlmc.core.random.GaussianEnsembles;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The Philox4x64 stream ({@link RandomStream}): bulk Gaussian fill (ziggurat), single draws,
 * uniforms, chi variates, stream re-keying, and the tridiagonal GβE start of W1 (n Gaussians +
 * n−1 chi + tridiagonal QL, n = 64).
 *
 * <p>Run: {@code java -cp "bench/target/dlmc-bench.jar:$(cat bench/target/bench-classpath.txt)" org.openjdk.jmh.Main RandomStreamBench -f 3 -wi 5 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class RandomStreamBench {
    static final int BULK = 4096;

    private RandomStream stream;
    private double[] buf;
    private double[] spectrum;
    private double[] work;
    private long id;

    @Setup
    public void setUp() {
        stream = Streams.of(1, 0);
        buf = new double[BULK];
        spectrum = new double[64];
        work = new double[64];
    }

    /** 4096 Gaussians into an array (divide the score by 4096 for ns per draw). */
    @Benchmark
    public void gaussianBulk4096(Blackhole bh) {
        stream.gaussians(buf, 0, BULK);
        bh.consume(buf);
    }

    @Benchmark
    public double gaussian() {
        return stream.gaussian();
    }

    @Benchmark
    public double uniform() {
        return stream.uniform();
    }

    /** chi with 63 degrees of freedom (the largest of the n = 64, β = 1 tridiagonal model). */
    @Benchmark
    public double chi63() {
        return stream.chi(63);
    }

    /** chi with 1 degree of freedom (shape 1/2 < 1: the Ahrens–Dieter branch). */
    @Benchmark
    public double chi1() {
        return stream.chi(1);
    }

    /** Re-keying for a new trajectory. */
    @Benchmark
    public void reset() {
        stream.reset(1, ++id);
    }

    /** The stationary start of W1: tridiagonal GβE spectrum, β = 2, n = 64. */
    @Benchmark
    public void tridiagonalStart(Blackhole bh) {
        GaussianEnsembles.tridiagonalSpectrum(2.0, 64, stream, spectrum, work);
        bh.consume(spectrum);
    }
}
