package dlmc.core.energy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.random.HaarOrthogonal;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.TestSeeds;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The reference energies of math-spec §1.1: gradients, spectral flag, validation. */
class EnergyTest {
    /**
     * Central differences, h = 1e-6: every energy here is quadratic, so the truncation error is 0
     * and only rounding ε|E|/h ≈ 1e-10·|E| remains; margin ×100.
     */
    private static final double FD_STEP = 1e-6;
    private static final double FD_TOL = 1e-8;
    /** Invariance E(RXSᵀ) = E(X): a few d×d products, ~100 ε_mach relative. */
    private static final double INVARIANCE_TOL = 1e-13;
    private static final int D = 3;

    private static DMatrixRMaj gaussian(RandomStream s) {
        final DMatrixRMaj G = new DMatrixRMaj(D, D);
        s.gaussians(G.data, 0, D * D);
        return G;
    }

    private static List<Energy> energies(RandomStream s) {
        final DMatrixRMaj mask = new DMatrixRMaj(new double[][] {{1, 0, 1}, {0, 1, 1}, {1, 0, 0}});
        final DMatrixRMaj[] M = {gaussian(s), gaussian(s), gaussian(s), gaussian(s)};
        return List.of(new NoEnergy(), new ConfiningEnergy(1.7), new RegressionEnergy(gaussian(s)),
                new CompletionEnergy(mask, gaussian(s)), new SensingEnergy(M, new double[] {0.3, -1.0, 2.0, 0.5}));
    }

    @Test
    void gradientsMatchCentralFiniteDifferences() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 501);
        for (Energy e : energies(s)) {
            final DMatrixRMaj X = gaussian(s);
            final DMatrixRMaj copy = X.copy();
            final DMatrixRMaj g = new DMatrixRMaj(D, D);
            e.gradient(X, g);
            final double scale = Math.max(1, Math.abs(e.value(X)));
            for (int k = 0; k < D * D; k++) {
                final DMatrixRMaj Xp = X.copy();
                final DMatrixRMaj Xm = X.copy();
                Xp.data[k] += FD_STEP;
                Xm.data[k] -= FD_STEP;
                final double fd = (e.value(Xp) - e.value(Xm)) / (2 * FD_STEP);
                assertEquals(fd, g.data[k], FD_TOL * scale, e + " entry " + k + " seed=" + TestSeeds.seed());
            }
            assertArrayEquals(copy.data, X.data, 0.0, e + " modified its input");
        }
    }

    @Test
    void closedFormValues() {
        final DMatrixRMaj X = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        assertEquals(0.5 * 2.0 * 30, new ConfiningEnergy(2.0).value(X), 1e-14);
        final DMatrixRMaj Phi = new DMatrixRMaj(new double[][] {{1, 0}, {0, 4}});
        assertEquals(0.5 * (4 + 9), new RegressionEnergy(Phi).value(X), 1e-14);
        final DMatrixRMaj mask = new DMatrixRMaj(new double[][] {{0, 1}, {1, 0}});
        final DMatrixRMaj B = new DMatrixRMaj(new double[][] {{100, 1}, {1, 100}});
        assertEquals(0.5 * (1 + 4), new CompletionEnergy(mask, B).value(X), 1e-14);
        final DMatrixRMaj g = new DMatrixRMaj(2, 2);
        new CompletionEnergy(mask, B).gradient(X, g);
        assertArrayEquals(new double[] {0, 1, 2, 0}, g.data, 1e-15, "zero outside Omega");
        // sensing with M = E_11 and E_22 is completion of the diagonal
        final DMatrixRMaj[] M = {CommonOps_DDRM.diag(1, 0), CommonOps_DDRM.diag(0, 1)};
        assertEquals(0.5 * (1 + 1), new SensingEnergy(M, new double[] {0, 3}).value(X), 1e-14);
        assertEquals(0.0, new NoEnergy().value(X));
    }

    @Test
    void spectralFlagIsCorrect() {
        final RandomStream s = Streams.of(TestSeeds.seed(), 502);
        final HaarOrthogonal haar = new HaarOrthogonal(D);
        for (Energy e : energies(s)) {
            final DMatrixRMaj X = gaussian(s);
            final DMatrixRMaj R = new DMatrixRMaj(D, D);
            final DMatrixRMaj S = new DMatrixRMaj(D, D);
            haar.sample(s, R);
            haar.sample(s, S);
            final DMatrixRMaj t = new DMatrixRMaj(D, D);
            final DMatrixRMaj Y = new DMatrixRMaj(D, D);
            CommonOps_DDRM.mult(R, X, t);
            CommonOps_DDRM.multTransB(t, S, Y);
            final double e0 = e.value(X);
            final double e1 = e.value(Y);
            if (e.isSpectral()) {
                assertEquals(e0, e1, INVARIANCE_TOL * Math.max(1, Math.abs(e0)), e.toString());
            } else {
                // a generic rotation changes a non-spectral energy by O(1)
                assertNotEquals(e0, e1, 1e-3 * Math.max(1, Math.abs(e0)), e.toString());
            }
        }
        assertTrue(new ConfiningEnergy(1).isSpectral());
        assertTrue(new NoEnergy().isSpectral());
        assertFalse(new RegressionEnergy(CommonOps_DDRM.identity(2)).isSpectral());
    }

    @Test
    void invalidParametersAreRejectedNamingTheValue() {
        assertMessage(() -> new ConfiningEnergy(-1.0), "-1.0");
        assertMessage(() -> new ConfiningEnergy(Double.NaN), "NaN");
        final DMatrixRMaj bad = CommonOps_DDRM.identity(2);
        bad.set(1, 0, Double.POSITIVE_INFINITY);
        assertMessage(() -> new RegressionEnergy(bad), "Phi[1][0]");
        assertMessage(() -> new RegressionEnergy(new DMatrixRMaj(2, 3)), "2x3");
        final DMatrixRMaj mask = new DMatrixRMaj(new double[][] {{1, 0.5}, {0, 1}});
        assertMessage(() -> new CompletionEnergy(mask, CommonOps_DDRM.identity(2)), "0.5");
        assertMessage(() -> new CompletionEnergy(CommonOps_DDRM.identity(2), CommonOps_DDRM.identity(3)), "3x3");
        final DMatrixRMaj[] M = {CommonOps_DDRM.identity(2), CommonOps_DDRM.identity(3)};
        assertMessage(() -> new SensingEnergy(M, new double[] {1, 2}), "M_2");
        assertMessage(() -> new SensingEnergy(new DMatrixRMaj[] {CommonOps_DDRM.identity(2)}, new double[] {1, 2}), "2 measurements");
        assertMessage(() -> new SensingEnergy(new DMatrixRMaj[] {CommonOps_DDRM.identity(2)}, new double[] {Double.NaN}), "y_1");
        assertMessage(() -> new SensingEnergy(new DMatrixRMaj[0], new double[0]), "m = 0");
        assertThrows(IllegalArgumentException.class,
                () -> new RegressionEnergy(CommonOps_DDRM.identity(2)).value(CommonOps_DDRM.identity(3)));
    }

    /** toString appears in user-facing messages: it spells the energy as model.energy does, never a class name. */
    @Test
    void toStringSpellsTheEnergyAsTheExperimentFileDoes() {
        final DMatrixRMaj I2 = CommonOps_DDRM.identity(2);
        assertEquals("{type: none}", new NoEnergy().toString());
        assertEquals("{type: confining, alpha: 1.5}", new ConfiningEnergy(1.5).toString());
        assertEquals("{type: regression, target: 2x2 matrix}", new RegressionEnergy(I2).toString());
        assertEquals("{type: completion, target: 2x2 matrix, mask: 2 of 4 entries observed}",
                new CompletionEnergy(I2, I2).toString());
        assertEquals("{type: sensing, matrices: 2 of 2x2, values: 2}",
                new SensingEnergy(new DMatrixRMaj[] {I2, I2}, new double[] {1, 2}).toString());
    }

    @Test
    void parametersAreCopied() {
        final DMatrixRMaj Phi = CommonOps_DDRM.identity(2);
        final RegressionEnergy e = new RegressionEnergy(Phi);
        final double before = e.value(new DMatrixRMaj(2, 2));
        Phi.set(0, 0, 10);
        assertEquals(before, e.value(new DMatrixRMaj(2, 2)), 0.0);
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable ex, String fragment) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ex);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
