package dlmc.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SemicircleLawTest {
    /** Tanh-sinh quadrature of a density with sqrt endpoints reaches ~1e-14; 1e-12 leaves margin. */
    private static final double QUADRATURE_TOL = 1e-12;
    private static final double[] RADII = {0.3, 2.0, 2 * Math.sqrt(64 * 1.5)};

    @Test
    void densityIntegratesToOne() {
        for (double r : RADII) {
            SemicircleLaw law = new SemicircleLaw(r);
            assertEquals(1.0, Quadrature.integrate(law::density, -r, r), QUADRATURE_TOL, "R=" + r);
        }
    }

    @Test
    void cdfMatchesIntegratedDensity() {
        for (double r : RADII) {
            SemicircleLaw law = new SemicircleLaw(r);
            for (double u = -1.0; u <= 1.0; u += 0.125) {
                double x = u * r;
                assertEquals(Quadrature.integrate(law::density, -r, x), law.cdf(x), QUADRATURE_TOL,
                        "R=" + r + " x=" + x);
            }
            assertEquals(0.0, law.cdf(-2 * r));
            assertEquals(1.0, law.cdf(2 * r));
            assertEquals(0.5, law.cdf(0), 1e-16);
        }
    }

    @Test
    void catalanMomentsMatchQuadrature() {
        for (double r : RADII) {
            SemicircleLaw law = new SemicircleLaw(r);
            for (int k = 0; k <= 10; k++) {
                final int kk = k;
                double q = Quadrature.integrate(x -> Math.pow(x, kk) * law.density(x), -r, r);
                // relative tolerance: m_k grows like (R)^k
                double scale = Math.max(1.0, Math.pow(r, k));
                assertEquals(q, law.moment(k), QUADRATURE_TOL * scale, "R=" + r + " k=" + k);
            }
        }
    }

    @Test
    void catalanNumbersAndSpecMoments() {
        // Catalan numbers C_0..C_8 (OEIS A000108): exact small integers, so exact equality.
        long[] catalan = {1, 1, 2, 5, 14, 42, 132, 429, 1430};
        for (int j = 0; j < catalan.length; j++) {
            assertEquals((double) catalan[j], SemicircleLaw.catalan(j));
        }
        // math-spec §5.2: m2 = R²/4, m4 = 2(R/2)^4, m6 = 5(R/2)^6; relative rounding of pow only.
        SemicircleLaw law = new SemicircleLaw(3.0);
        assertEquals(9.0 / 4, law.moment(2), 1e-15);
        assertEquals(2 * Math.pow(1.5, 4), law.moment(4), 1e-14);
        assertEquals(5 * Math.pow(1.5, 6), law.moment(6), 1e-13);
        assertEquals(0.0, law.moment(5));
    }

    @Test
    void rejectsDegenerateRadius() {
        assertThrows(IllegalArgumentException.class, () -> new SemicircleLaw(0.0));
        assertThrows(IllegalArgumentException.class, () -> new SemicircleLaw(Double.NaN));
    }
}
