package dlmc.core.scheme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.linalg.SymmetricEigen;
import dlmc.core.model.DysonModel;
import dlmc.core.model.InitialCondition;
import dlmc.core.model.Normalization;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.run.DysonSpec;
import dlmc.core.run.SaveGrid;
import dlmc.core.run.TrajectoryRunner;
import dlmc.core.testing.CollectingSink;
import org.junit.jupiter.api.Test;

/** Unit tests of {@link ExactMatrixScheme}: contract, exact small cases, determinism. */
class ExactMatrixSchemeTest {
    private static final ExactMatrixScheme SCHEME = new ExactMatrixScheme();

    private static DysonModel model(double beta, int n, Normalization norm) {
        return new DysonModel(beta, n, norm, new InitialCondition.Zero());
    }

    @Test
    void statesItsContract() {
        final SchemeInfo info = SCHEME.info();
        assertEquals("exact", info.name());
        assertEquals(Double.POSITIVE_INFINITY, info.weakOrder());
        assertTrue(Double.isNaN(info.strongOrder()));
        assertEquals("exact", info.calculus());
        for (double beta : new double[] {1, 2, 4}) {
            assertNull(SCHEME.unsupportedReason(model(beta, 3, Normalization.D1)));
        }
        final DysonModel bad = model(3, 3, Normalization.D1);
        final String reason = SCHEME.unsupportedReason(bad);
        assertNotNull(reason);
        assertTrue(reason.contains("beta") && reason.contains("3.0"), reason);
        assertThrows(IllegalArgumentException.class, () -> SCHEME.newStepper(bad, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new DysonSpec(bad, SCHEME, 0.1));
        assertThrows(IllegalArgumentException.class,
                () -> new DysonSpec(model(2, 3, Normalization.D1), SCHEME, 0.0));
    }

    /**
     * The matrix representation is refused beyond a representation size m·n of 8192 (two dense (m n)² matrices of
     * doubles per trajectory): n = 100 000 was accepted and ended in a task failure (index overflow) or an
     * OutOfMemoryError. Refused without allocating.
     */
    @Test
    void refusesMatricesTooLargeToHold() {
        final int[] maxN = {8192, 4096, 2048};
        final double[] betas = {1, 2, 4};
        for (int i = 0; i < 3; i++) {
            assertEquals(maxN[i], ExactMatrixScheme.maxN(betas[i]));
            assertNull(SCHEME.unsupportedReason(model(betas[i], maxN[i], Normalization.D2)));
            final DysonModel big = model(betas[i], maxN[i] + 1, Normalization.D2);
            final String reason = SCHEME.unsupportedReason(big);
            assertNotNull(reason, "beta = " + betas[i]);
            assertTrue(reason.contains("n up to " + maxN[i]), reason);
            assertThrows(IllegalArgumentException.class, () -> SCHEME.newStepper(big, 0.1));
        }
        assertNotNull(SCHEME.unsupportedReason(model(1, 100_000, Normalization.D1)));
    }

    @Test
    void resetReproducesInitialSpectrumAndCountsSteps() {
        final double[] spec0 = {-1.5, -0.25, 0.0, 2.0};
        for (double beta : new double[] {1, 2, 4}) {
            final DysonStepper st = SCHEME.newStepper(model(beta, 4, Normalization.OU), 0.1);
            st.reset(spec0);
            final double[] out = new double[4];
            st.spectrum(out);
            assertArrayEquals(spec0, out, 1e-14, "beta = " + beta);
            assertEquals(0, st.steps());
            final RandomStream s = Streams.of(3, 3);
            assertEquals(Status.OK, st.advanceTo(0.5, s));
            assertEquals(Status.OK, st.advanceTo(1.0, s));
            assertEquals(2, st.steps());
            assertEquals(0, st.rejectedSteps());
            assertThrows(IllegalArgumentException.class, () -> st.advanceTo(1.0, s));
            st.reset(spec0);
            assertEquals(0, st.steps());
        }
    }

    /** n = 1: the matrix is a scalar; the exact transitions can be replayed draw by draw. */
    @Test
    void scalarCaseMatchesExactTransitions() {
        final double lambda0 = 0.7;
        final double h = 0.3;
        // D1, beta = 2: lambda = lambda0 + sqrt(h)·sqrt(2/beta)·z.
        DysonStepper st = SCHEME.newStepper(model(2, 1, Normalization.D1), 0.1);
        st.reset(new double[] {lambda0});
        st.advanceTo(h, Streams.of(4, 4));
        double[] out = new double[1];
        st.spectrum(out);
        assertEquals(lambda0 + Math.sqrt(h) * Streams.of(4, 4).gaussian(), out[0], 1e-14);
        // OU, beta = 1: lambda = e^{-h/2} lambda0 + sqrt(1 − e^{−h})·sqrt(2)·z (n = 1).
        st = SCHEME.newStepper(model(1, 1, Normalization.OU), 0.1);
        st.reset(new double[] {lambda0});
        st.advanceTo(h, Streams.of(4, 5));
        st.spectrum(out);
        assertEquals(Math.exp(-h / 2) * lambda0 + Math.sqrt(1 - Math.exp(-h)) * Math.sqrt(2) * Streams.of(4, 5).gaussian(),
                out[0], 1e-14);
        // D2, beta = 4, n = 1: lambda = lambda0 + sqrt(h)·sqrt(2/4)·z (matrixScale = 1 for n = 1).
        st = SCHEME.newStepper(model(4, 1, Normalization.D2), 0.1);
        st.reset(new double[] {lambda0});
        st.advanceTo(h, Streams.of(4, 6));
        st.spectrum(out);
        assertEquals(lambda0 + Math.sqrt(h / 2) * Streams.of(4, 6).gaussian(), out[0], 1e-14);
    }

    @Test
    void nonFiniteStateIsAStatusNotAnException() {
        final DysonStepper st = SCHEME.newStepper(model(2, 3, Normalization.D1), 0.1);
        st.reset(new double[] {0, Double.NaN, 1});
        assertEquals(Status.NON_FINITE, st.advanceTo(0.1, Streams.of(1, 1)));
        final double[] out = new double[3];
        st.spectrum(out);
        assertTrue(Double.isNaN(out[0]) && Double.isNaN(out[1]) && Double.isNaN(out[2]));
    }

    @Test
    void stateStaysSymmetricAndDegenerate() {
        for (double beta : new double[] {1, 2, 4}) {
            final ExactMatrixScheme.Stepper st =
                    (ExactMatrixScheme.Stepper) SCHEME.newStepper(model(beta, 6, Normalization.OU), 0.1);
            st.reset(new double[] {-1, -0.5, 0, 0.1, 0.2, 3});
            final RandomStream s = Streams.of(8, 8);
            for (int k = 1; k <= 5; k++) {
                st.advanceTo(0.2 * k, s);
            }
            assertEquals(0.0, SymmetricEigen.symmetryResidual(st.matrix()));
            final int size = st.matrix().numRows;
            final double[] rep = new double[size];
            assertTrue(new SymmetricEigen(size).eigenvalues(st.matrix(), rep));
            final double res = dlmc.core.random.GaussianEnsembles.degeneracyResidual((int) beta, 6, rep);
            assertTrue(res < 1e-10, "degeneracy residual " + res);
        }
    }

    @Test
    void runnerIsDeterministicPerTrajectoryId() {
        final DysonModel m = new DysonModel(2, 5, Normalization.OU, new InitialCondition.Gbe(1.0));
        final DysonSpec spec = new DysonSpec(m, SCHEME, 0.1);
        final SaveGrid grid = new SaveGrid(new double[] {0, 0.5, 2});
        final CollectingSink a = new CollectingSink(3, 3);
        final CollectingSink b = new CollectingSink(3, 3);
        final TrajectoryRunner r1 = new TrajectoryRunner(spec, grid, 17);
        final TrajectoryRunner r2 = new TrajectoryRunner(spec, grid, 17);
        for (int id = 0; id < 3; id++) {
            r1.run(id, a);
        }
        for (int id = 2; id >= 0; id--) { // order does not matter
            r2.run(id, b);
        }
        for (int id = 0; id < 3; id++) {
            assertEquals(Status.OK, a.results[id].status());
            assertEquals(2, a.results[id].steps());
            for (int k = 0; k < 3; k++) {
                assertArrayEquals(a.spectra[id][k], b.spectra[id][k], 0.0);
            }
        }
        assertFalse(java.util.Arrays.equals(a.spectra[0][2], a.spectra[1][2]));
    }
}
