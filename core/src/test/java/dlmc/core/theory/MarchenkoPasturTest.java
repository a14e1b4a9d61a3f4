package dlmc.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link MarchenkoPastur} against tanh-sinh quadrature of its density (deterministic). */
class MarchenkoPasturTest {
    private static final double[] RATIOS = {0.05, 0.3, 0.7, 1.0};

    @Test
    void densityIntegratesToOneWithMomentsOneAndOnePlusC() {
        for (double c : RATIOS) {
            final MarchenkoPastur mp = new MarchenkoPastur(c);
            final double a = mp.lowerEdge();
            final double b = mp.upperEdge();
            assertEquals(1.0, Quadrature.integrate(mp::density, a, b), 1e-9, "c=" + c);
            assertEquals(1.0, Quadrature.integrate(x -> x * mp.density(x), a, b), 1e-9, "c=" + c);
            assertEquals(1 + c, Quadrature.integrate(x -> x * x * mp.density(x), a, b), 1e-9, "c=" + c);
            assertEquals(1.0, mp.moment(1), 1e-15);
            assertEquals(1 + c, mp.moment(2), 1e-15);
            for (int k = 3; k <= 6; k++) {
                final int kk = k;
                assertEquals(Quadrature.integrate(x -> Math.pow(x, kk) * mp.density(x), a, b), mp.moment(k),
                        1e-9 * mp.moment(k), "c=" + c + " k=" + k);
            }
        }
    }

    @Test
    void closedFormCdfMatchesQuadrature() {
        for (double c : RATIOS) {
            final MarchenkoPastur mp = new MarchenkoPastur(c);
            final double a = mp.lowerEdge();
            final double b = mp.upperEdge();
            assertEquals(0.0, mp.cdf(a), 0);
            assertEquals(1.0, mp.cdf(b), 0);
            for (int k = 1; k < 20; k++) {
                final double x = a + (b - a) * k / 20;
                assertEquals(Quadrature.integrate(mp::density, a, x), mp.cdf(x), 1e-10, "c=" + c + " x=" + x);
            }
        }
    }

    @Test
    void rootLawIsTheChangeOfVariables() {
        final MarchenkoPastur mp = new MarchenkoPastur(1.0);
        final double s = MarchenkoPastur.layerScale(4, 3, 0.6, 2.0, 0.5); // d·2κt/(βN) = 4·0.1
        assertEquals(0.4, s, 1e-15);
        final double hi = Math.sqrt(s * mp.upperEdge());
        assertEquals(1.0, Quadrature.integrate(y -> mp.rootDensity(y, s), 0, hi), 1e-9);
        assertEquals(Quadrature.integrate(y -> mp.rootDensity(y, s), 0.2, 0.5), mp.rootProbability(0.2, 0.5, s),
                1e-10);
        // E y² = s·m_1
        assertEquals(s, Quadrature.integrate(y -> y * y * mp.rootDensity(y, s), 0, hi), 1e-9);
        assertEquals(4 * 2 * 0.5 * 0.6 / 2.0, MarchenkoPastur.euclideanScale(4, 0.6, 2.0, 0.5), 1e-15);
    }

    @Test
    void rejectsRatiosOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> new MarchenkoPastur(0));
        assertThrows(IllegalArgumentException.class, () -> new MarchenkoPastur(1.5));
    }
}
