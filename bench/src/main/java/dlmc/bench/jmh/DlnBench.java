package dlmc.bench.jmh;

import dlmc.core.dln.MetricOperator;
import dlmc.core.energy.ConfiningEnergy;
import dlmc.core.linalg.JacobiSvd;
import dlmc.core.linalg.LaneJacobi;
import dlmc.core.linalg.Svd;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.scheme.DlnStepper;
import dlmc.core.scheme.MatrixEmScheme;
import dlmc.core.scheme.SvdFrameScheme;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * W3/W4 kernels: one step of the DLN Riemannian Langevin dynamics with entropy (κ = 1, β = 2,
 * confining α = 1, dt = 1e-3, X(0) = diag(linspace(1.5, 0.5, d))) by the matrix Euler–Maruyama
 * scheme (math-spec §6.3, {@code matrixEmStep}) and the SVD-frame scheme (§6.4, its default
 * λ-step pair-implicit, {@code svdFrameStep}); the SVD-frame rotations of §6.4 step 3 one by one
 * ({@link JacobiSvd}) and four at a time ({@link LaneJacobi}, SIMD lanes when the JVM has the vector
 * module: run with {@code --add-modules=jdk.incubator.vector}, as bench/jmh.sh does; JMH's forks
 * inherit it); the d×d SVD ({@link Svd}); and the metric operator 𝒜_{N,X} (§2.1):
 * {@code metricApply} = setPoint (one SVD) + apply, {@code metricApplySqrt} = apply of 𝒜^{1/2} at a
 * fixed point.
 *
 * <p>The trajectory is restarted from X(0) every 1000 steps (the W3 horizon), so the state stays
 * in the workload's range.
 *
 * <p>Run: {@code bench/jmh.sh DlnBench -f 3 -wi 5 -i 5}
 * (W3/W4 sizes only: {@code -p d=8 -p depth=4}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class DlnBench {
    static final double DT = 1e-3;
    static final int HORIZON = 1000;
    /** Steps per call of the step benchmarks (one SVD-frame batch). */
    static final int STEPS = 4;

    @Param({"8"})
    public int d;

    @Param({"4"})
    public int depth;

    private DlnModel model;
    private DlnStepper matrixEm;
    private DlnStepper svdFrame;
    private RandomStream stream;
    private DMatrixRMaj X0;
    private DMatrixRMaj Xr;
    private DMatrixRMaj P;
    private DMatrixRMaj out;
    private Svd svd;
    private MetricOperator metric;
    private int emCount;
    private int frameCount;
    private JacobiSvd jacobi;
    private LaneJacobi lanes;
    private DMatrixRMaj identity;
    /** Four matrices M = diag(s) + a of W4's first step (§6.4 step 3). */
    private double[][] frameM;
    private int next;

    @Setup(Level.Iteration)
    public void setUp() {
        X0 = new DMatrixRMaj(d, d);
        final double[][] x0 = new double[d][d];
        for (int i = 0; i < d; i++) {
            x0[i][i] = 1.5 - i * (1.0 / Math.max(1, d - 1));
            X0.set(i, i, x0[i][i]);
        }
        model = new DlnModel(d, depth, 2.0, 1.0, true, new ConfiningEnergy(1.0), new DlnInitial.Matrix(x0));
        matrixEm = new MatrixEmScheme().newStepper(model, DT);
        svdFrame = new SvdFrameScheme().newStepper(model, DT);
        stream = Streams.of(1, 0);
        matrixEm.reset(X0, stream);
        svdFrame.reset(X0, stream);
        emCount = 0;
        frameCount = 0;
        jacobi = new JacobiSvd(d);
        lanes = new LaneJacobi(d);
        identity = new DMatrixRMaj(d, d);
        frameM = new double[LaneJacobi.LANES][d * d];
        final RandomStream g = Streams.of(5, 0);
        for (int l = 0; l < LaneJacobi.LANES; l++) {
            for (int i = 0; i < d; i++) {
                identity.set(i, i, 1);
                for (int j = 0; j < d; j++) {
                    // s = σ(X(0)) on the diagonal, a_ij = sqrt(2κ L_ij dt / β) Z_ij with L_ij ≈ N = 4 (λ ≈ 1)
                    frameM[l][i * d + j] = i == j ? X0.get(i, i) : Math.sqrt(2 * 4 * DT / 2) * g.gaussian();
                }
            }
        }
        svd = new Svd(d);
        metric = new MetricOperator(d, depth);
        P = new DMatrixRMaj(d, d);
        out = new DMatrixRMaj(d, d);
        final RandomStream r = Streams.of(3, 0);
        for (int k = 0; k < d * d; k++) {
            P.data[k] = r.gaussian();
        }
        Xr = X0.copy();
        for (int k = 0; k < d * d; k++) {
            Xr.data[k] += 0.1 * r.gaussian();
        }
        metric.setPoint(Xr);
    }

    /** A W3 trajectory-step (matrix Euler–Maruyama, §6.3), timed over {@link #STEPS} steps per call. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Object matrixEmStep() {
        emCount += STEPS;
        if (emCount > HORIZON) {
            emCount = STEPS;
            matrixEm.reset(X0, stream);
        }
        return matrixEm.advanceTo(emCount * DT, stream);
    }

    /**
     * A W4 trajectory-step (SVD frame, §6.4), timed over {@link #STEPS} steps per call: one batch of
     * the stepper (its rotations' SVDs one per SIMD lane; a call of one step would time a batch of one).
     */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Object svdFrameStep() {
        frameCount += STEPS;
        if (frameCount > HORIZON) {
            frameCount = STEPS;
            svdFrame.reset(X0, stream);
        }
        return svdFrame.advanceTo(frameCount * DT, stream);
    }

    /** W4's rotations: the SVD (U_δ, V_δ) of one M = diag(s) + a, one at a time (the scalar JacobiSvd, from the identity). */
    @Benchmark
    public boolean frameRotationsOneByOne() {
        final double[][] c = jacobi.columns();
        final double[] m = frameM[next = (next + 1) & 3];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < d; i++) {
                c[j][i] = m[i * d + j];
            }
        }
        return jacobi.decomposeColumns(identity, true);
    }

    /** W4's rotations: four SVDs of M = diag(s) + a together ({@link LaneJacobi}), per SVD. */
    @Benchmark
    @OperationsPerInvocation(LaneJacobi.LANES)
    public boolean frameRotationsInLanes() {
        final double[] x = lanes.data();
        for (int l = 0; l < LaneJacobi.LANES; l++) {
            final double[] m = frameM[l];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    x[lanes.index(i, j) + l] = m[i * d + j];
                }
            }
        }
        lanes.decompose(LaneJacobi.LANES);
        boolean ok = true;
        for (int l = 0; l < LaneJacobi.LANES; l++) {
            ok &= lanes.finish(l, jacobi, true);
        }
        return ok;
    }

    /** A full d×d SVD (U, σ, V) of a generic matrix near X(0). */
    @Benchmark
    public boolean svd() {
        return svd.decompose(Xr);
    }

    /** 𝒜_{N,X}: setPoint (SVD of X) then apply to P. */
    @Benchmark
    public void metricApply(Blackhole bh) {
        metric.setPoint(Xr);
        metric.apply(P, out);
        bh.consume(out);
    }

    /** 𝒜^{1/2}_{N,X} applied to P at a fixed point (two frame changes, one Hadamard product). */
    @Benchmark
    public void metricApplySqrt(Blackhole bh) {
        metric.applySqrt(P, out);
        bh.consume(out);
    }
}
