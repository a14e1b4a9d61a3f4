package dlmc.core.scheme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.energy.ConfiningEnergy;
import dlmc.core.energy.Energy;
import dlmc.core.energy.NoEnergy;
import dlmc.core.energy.RegressionEnergy;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.TestSeeds;
import java.lang.management.ManagementFactory;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Deterministic contracts of the DLN schemes (unit tier). */
class DlnSchemeContractTest {
    private static final double[][] X0 = {{1, 0.3}, {0.2, 0.5}};
    private static final double[][] PHI = {{1, 0.5}, {-0.3, 0.4}};

    static Stream<DlnScheme> schemes() {
        return Stream.of(new MatrixEmScheme(), new MatrixEmScheme(MatrixEmScheme.SUGGESTED_EPSILON),
                new SvdFrameScheme(), new SvdFrameScheme(LambdaStep.TAMED), new SvdFrameScheme(LambdaStep.IMPLICIT),
                new SingularValueScheme());
    }

    private static DlnModel model(int N, Energy e, boolean entropy) {
        return new DlnModel(2, N, 2, 1, entropy, e, new DlnInitial.Matrix(X0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void sameStreamGivesSameStateAndSaveTimesAreHit(DlnScheme scheme) {
        final DlnModel m = model(3, new ConfiningEnergy(1), true);
        final double[][] a = run(scheme, m);
        final double[][] b = run(scheme, m);
        for (int k = 0; k < a.length; k++) {
            assertArrayEquals(a[k], b[k], 0.0, scheme + ": not deterministic given the stream");
            for (double v : a[k]) {
                assertTrue(Double.isFinite(v));
            }
        }
    }

    private static double[][] run(DlnScheme scheme, DlnModel m) {
        final DlnStepper s = scheme.newStepper(m, 0.01);
        final RandomStream stream = Streams.of(TestSeeds.seed(), 3);
        final DMatrixRMaj X = new DMatrixRMaj(X0);
        assertEquals(Status.OK, s.reset(X, stream));
        final double[] times = {0.0137, 0.05, 0.31415};
        final double[][] out = new double[times.length][];
        for (int k = 0; k < times.length; k++) {
            assertEquals(Status.OK, s.advanceTo(times[k], stream), scheme.toString());
            final double[] sigma = new double[2];
            s.state(X, sigma);
            out[k] = new double[] {X.get(0, 0), X.get(0, 1), X.get(1, 0), X.get(1, 1), sigma[0], sigma[1]};
        }
        return out;
    }

    @Test
    void singularValuesRejectsNonSpectralEnergies() {
        final String r = new SingularValueScheme().unsupportedReason(model(2, new RegressionEnergy(new DMatrixRMaj(PHI)),
                true));
        assertNotNull(r);
        assertTrue(r.contains(SingularValueScheme.NEEDS_SPECTRAL), r);
        // the energy is named as the experiment file names it, not by a Java class
        assertTrue(r.endsWith("; got model.energy {type: regression, target: 2x2 matrix}"), r);
        assertNull(new SingularValueScheme().unsupportedReason(model(2, new NoEnergy(), true)));
        assertNull(new SvdFrameScheme().unsupportedReason(model(2, new RegressionEnergy(new DMatrixRMaj(PHI)), true)));
    }

    /** O3 identities: at N = 1 with E = 0 and zero noise increments every scheme leaves X unchanged (drift 0). */
    @Test
    void depthOneHasNoDrift() {
        final DlnModel m = model(1, new NoEnergy(), true);
        final double[] zero = new double[4];
        final MatrixEmStepper em = (MatrixEmStepper) new MatrixEmScheme().newStepper(m, 0.1);
        em.reset(new DMatrixRMaj(X0), null);
        assertEquals(Status.OK, em.stepWithIncrement(0.1, zero));
        assertArrayEquals(new DMatrixRMaj(X0).data, em.matrix().data, 1e-15);
        // svd-frame at N = 1 with κ = 0 (no noise at all): the frame does not move, λ = σ stays.
        final DlnModel still = new DlnModel(2, 1, 2, 0, true, new NoEnergy(), new DlnInitial.Matrix(X0));
        final SvdFrameStepper f = (SvdFrameStepper) new SvdFrameScheme().newStepper(still, 0.1);
        f.reset(new DMatrixRMaj(X0), null);
        assertEquals(Status.OK, f.stepWithIncrement(0.1, zero));
        final DMatrixRMaj X = new DMatrixRMaj(2, 2);
        f.state(X, new double[2]);
        assertArrayEquals(new DMatrixRMaj(X0).data, X.data, 1e-14);
    }

    /**
     * For a spectral energy the λ-update of svd-frame does not see the frame ((G_E)_ii = ∂E/∂σ_i):
     * fed the same diagonal increments, svd-frame and singular-values produce the same λ path —
     * with the same λ-step, the implicit one of singular-values (§6.5); svd-frame's default
     * pair-implicit step only approximates it.
     */
    @Test
    void svdFrameAndSingularValuesShareTheLambdaPathForSpectralEnergies() {
        final DlnModel m = model(3, new ConfiningEnergy(1), true);
        final SvdFrameStepper f = (SvdFrameStepper) new SvdFrameScheme(LambdaStep.IMPLICIT).newStepper(m, 0.01);
        final SingularValueStepper s = (SingularValueStepper) new SingularValueScheme().newStepper(m, 0.01);
        final RandomStream stream = Streams.of(TestSeeds.seed(), 5);
        f.reset(new DMatrixRMaj(X0), stream);
        s.reset(new DMatrixRMaj(X0), stream);
        final double[] dB = new double[4];
        final double[] dW = new double[2];
        for (int k = 0; k < 500; k++) {
            stream.gaussians(dB, 0, 4);
            for (int i = 0; i < 4; i++) {
                dB[i] *= 0.1;
            }
            dW[0] = dB[0];
            dW[1] = dB[3];
            assertEquals(Status.OK, f.stepWithIncrement(0.01, dB));
            assertEquals(Status.OK, s.stepWithIncrement(0.01, dW));
            assertArrayEquals(s.layerValues(), f.layerValues(), 1e-12 * (1 + Math.abs(s.layerValues()[0])));
        }
        assertTrue(f.orthogonalityResidual() < 1e-13, "orthogonality residual " + f.orthogonalityResidual());
    }

    /**
     * advanceTo allocates nothing (HotSpot per-thread allocation counter): the fewest bytes of
     * rounds of 500 steps, until one is below 1 KiB (at most 60 s): code the JIT has not compiled
     * yet allocates what escape analysis removes, and svd-frame's SIMD kernel allocates every
     * vector until C2 has compiled it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void advanceToDoesNotAllocate(DlnScheme scheme) {
        final com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final DlnModel m = model(3, new ConfiningEnergy(1), true);
        final DlnStepper s = scheme.newStepper(m, 1e-3);
        final RandomStream stream = Streams.of(TestSeeds.seed(), 9);
        s.reset(new DMatrixRMaj(X0), stream);
        s.advanceTo(0.5, stream);
        final long tid = Thread.currentThread().getId();
        final long start = System.nanoTime();
        long fewest = Long.MAX_VALUE;
        int round = 0;
        while (fewest >= 1024 && System.nanoTime() - start < 60_000_000_000L) {
            round++;
            final long before = bean.getThreadAllocatedBytes(tid);
            s.advanceTo(0.5 * (round + 1), stream);
            fewest = Math.min(fewest, bean.getThreadAllocatedBytes(tid) - before);
        }
        assertTrue(fewest < 1024, scheme + " allocated " + fewest + " bytes in 500 steps (the fewest of " + round + " rounds)");
    }
}
