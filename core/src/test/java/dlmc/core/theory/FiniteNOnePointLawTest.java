package dlmc.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.commons.numbers.gamma.Erf;
import org.junit.jupiter.api.Test;

/** {@link FiniteNOnePointLaw}: availability, the n = 1 Gaussian, normalisation and the GUE scaling. */
class FiniteNOnePointLawTest {
    @Test
    void availableForOneEigenvalueAndTheGueUpTo400() {
        assertNotNull(FiniteNOnePointLaw.of(1, 0.7, 1.0));
        assertNotNull(FiniteNOnePointLaw.of(400, 2, 3.0));
        assertNull(FiniteNOnePointLaw.of(401, 2, 3.0));
        assertNull(FiniteNOnePointLaw.of(5, 1, 3.0));
        assertNull(FiniteNOnePointLaw.of(5, 2, 0.0));
        assertNull(FiniteNOnePointLaw.of(5, 2, Double.NaN));
    }

    /** n = 1: N(0, R²/(2β)) (D1 at t: variance 2t/β with R = 2√t). */
    @Test
    void oneEigenvalueIsTheGaussianOfVarianceRSquaredOverTwoBeta() {
        for (double beta : new double[] {0.5, 1, 2, 4}) {
            final double r = 1.7;
            final double sd = r / Math.sqrt(2 * beta);
            final FiniteNOnePointLaw law = FiniteNOnePointLaw.of(1, beta, r);
            for (double[] bin : new double[][] {{-0.3, 0.4}, {0.9, 2.5}, {Double.NEGATIVE_INFINITY, -1.1}}) {
                final double exact = 0.5 * (Erf.value(bin[1] / (sd * Math.sqrt(2))) - Erf.value(bin[0] / (sd * Math.sqrt(2))));
                assertEquals(exact, law.probability(bin[0], bin[1]), 1e-12, "beta = " + beta);
            }
            assertEquals(Math.exp(-0.5) / (sd * Math.sqrt(2 * Math.PI)), law.density(sd), 1e-14);
        }
    }

    /** Total mass 1, symmetric, E λ² = (R²/4)(1 + (2/β − 1)/n) = R²/4 for β = 2 (moments by quadrature). */
    @Test
    void gueLawIsNormalisedAndHasTheExactSecondMoment() {
        for (int n : new int[] {2, 3, 8, 64, 400}) {
            final double r = 2 * Math.sqrt(n * 0.8);
            final FiniteNOnePointLaw law = FiniteNOnePointLaw.of(n, 2, r);
            assertEquals(1.0, law.probability(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), 1e-12, "n = " + n);
            assertEquals(law.probability(-1, 0.5), law.probability(-0.5, 1), 1e-13, "n = " + n);
            // E λ² by the same panels: Σ over 2000 slices of ∫ λ² ρ
            final double l = law.scale() * (2 * Math.sqrt(n) + 12);
            double m2 = 0;
            final int slices = 4000;
            for (int i = 0; i < slices; i++) {
                final double a = -l + 2 * l * i / slices;
                final double b = a + 2 * l / slices;
                final double mid = 0.5 * (a + b);
                m2 += mid * mid * law.probability(a, b) + law.probability(a, b) * (b - a) * (b - a) / 12;
            }
            assertEquals(r * r / 4, m2, 2e-5 * r * r, "n = " + n);
        }
    }
}
