package dlmc.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Wigner surmise and the exact n = 2 spacing law (math-spec §5.2, oracle O19). */
class SpacingLawsTest {
    /** Tanh-sinh quadrature reaches ~1e-14 on these smooth-or-algebraic integrands; margin ×100. */
    private static final double QUADRATURE_TOL = 1e-12;
    /**
     * The surmise closed forms (π-based constants) and the Nakagami evaluation (log-gamma) differ
     * only by rounding, a few ulps of O(1) numbers; the brief asks 1e-12.
     */
    private static final double IDENTITY_TOL = 1e-12;
    /** Upper limit of integration: the tails beyond 12 mean spacings are below e^{−100}. */
    private static final double S_MAX = 12.0;
    /** math-spec §5.2 table, E s² printed to 5 decimals: rounding error ≤ 5e-6. */
    private static final double[][] SPEC_TABLE = {{1, 1.27324, 0.27324}, {2, 1.17810, 0.17810}, {4, 1.10447, 0.10447}};
    private static final double TABLE_ROUNDING = 5e-6;
    private static final double[] BETAS = {0.5, 1, 2, 3.7, 4};

    @Test
    void wignerSurmiseIsNormalisedWithMeanOne() {
        for (double beta : new double[] {1, 2, 4}) {
            WignerSurmise w = new WignerSurmise(beta);
            assertEquals(1.0, Quadrature.integrate(w::density, 0, S_MAX), QUADRATURE_TOL, "beta=" + beta);
            assertEquals(1.0, Quadrature.integrate(s -> s * w.density(s), 0, S_MAX), QUADRATURE_TOL, "beta=" + beta);
            assertEquals(w.secondMoment(), Quadrature.integrate(s -> s * s * w.density(s), 0, S_MAX),
                    QUADRATURE_TOL, "beta=" + beta);
            for (double s = 0.25; s <= 4; s += 0.25) {
                assertEquals(Quadrature.integrate(w::density, 0, s), w.cdf(s), QUADRATURE_TOL, "beta=" + beta + " s=" + s);
            }
        }
    }

    @Test
    void wignerSurmiseMatchesSpecTable() {
        for (double[] row : SPEC_TABLE) {
            WignerSurmise w = new WignerSurmise(row[0]);
            assertEquals(row[1], w.secondMoment(), TABLE_ROUNDING, "E s^2, beta=" + row[0]);
            assertEquals(row[2], w.variance(), TABLE_ROUNDING, "Var, beta=" + row[0]);
        }
        assertThrows(IllegalArgumentException.class, () -> new WignerSurmise(3));
    }

    @Test
    void twoByTwoLawIsNormalisedAndMomentsMatchQuadrature() {
        for (double beta : BETAS) {
            for (double t : new double[] {0.1, 1.0, 7.5}) {
                TwoByTwoSpacingLaw law = new TwoByTwoSpacingLaw(beta, t);
                double top = S_MAX * law.mean();
                String where = "beta=" + beta + " t=" + t;
                assertEquals(1.0, Quadrature.integrate(law::density, 0, top), QUADRATURE_TOL, where);
                // relative tolerances: E s ~ sqrt(t), E s² ~ t
                assertEquals(law.mean(), Quadrature.integrate(s -> s * law.density(s), 0, top),
                        QUADRATURE_TOL * law.mean(), where);
                assertEquals(law.secondMoment(), Quadrature.integrate(s -> s * s * law.density(s), 0, top),
                        QUADRATURE_TOL * law.secondMoment(), where);
                for (double x = 0.25; x <= 4; x += 0.25) {
                    double s = x * law.mean();
                    assertEquals(Quadrature.integrate(law::density, 0, s), law.cdf(s), QUADRATURE_TOL, where + " s=" + s);
                }
            }
        }
    }

    @Test
    void chiSquaredDefinition() {
        // β s²/(4t) ~ χ²_{β+1}: its mean β+1 gives E s² = 4t(β+1)/β (checked by quadrature above);
        // here the CDF is compared with the χ² CDF from Commons Statistics (independent code path).
        for (double beta : BETAS) {
            double t = 0.7;
            TwoByTwoSpacingLaw law = new TwoByTwoSpacingLaw(beta, t);
            var chi2 = org.apache.commons.statistics.distribution.ChiSquaredDistribution.of(beta + 1);
            for (double s = 0.1; s < 5; s += 0.3) {
                assertEquals(chi2.cumulativeProbability(beta * s * s / (4 * t)), law.cdf(s), 1e-14, "beta=" + beta);
            }
        }
    }

    @Test
    void meanNormalisedTwoByTwoLawIsTheWignerSurmise() {
        for (double beta : new double[] {1, 2, 4}) {
            WignerSurmise w = new WignerSurmise(beta);
            for (double t : new double[] {0.01, 1.0, 42.0}) {
                TwoByTwoSpacingLaw law = new TwoByTwoSpacingLaw(beta, t);
                for (double x = 0; x <= 5; x += 0.05) {
                    assertEquals(w.density(x), law.normalisedDensity(x), IDENTITY_TOL, "density beta=" + beta + " x=" + x);
                    assertEquals(w.cdf(x), law.normalisedCdf(x), IDENTITY_TOL, "cdf beta=" + beta + " x=" + x);
                }
                assertEquals(w.secondMoment(), law.normalisedSecondMoment(), IDENTITY_TOL, "E x^2 beta=" + beta);
            }
        }
    }

    @Test
    void rejectsInvalidParameters() {
        assertThrows(IllegalArgumentException.class, () -> new TwoByTwoSpacingLaw(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TwoByTwoSpacingLaw(2, 0));
    }
}
