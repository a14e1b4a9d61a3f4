package dlmc.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link GueOnePointEntropy}: the Hermite-kernel density against the Gaussian (n = 1), its
 * normalisation and second moment (E (1/n)Σx² = 1 + β(n − 1)/2 = n for β = 2), and for n = 2
 * against the marginal ∫ p(x, y) dy of the joint law computed by direct quadrature (no kernel).
 */
class GueOnePointEntropyTest {
    private static final double TOL = 1e-10;
    private static final double L = 11.0;

    @Test
    void oneEigenvalueIsTheGaussian() {
        assertEquals(0.5 * Math.log(2 * Math.PI * Math.E), GueOnePointEntropy.standard(1), TOL);
        assertEquals(0.5 * Math.log(2 * Math.PI * Math.E) + Math.log(0.4), GueOnePointEntropy.scaled(1, 0.4), TOL);
    }

    @Test
    void densityIsNormalisedWithExactSecondMoment() {
        for (int n : new int[] {2, 3, 5}) {
            final int nn = n;
            final double l = 2 * Math.sqrt(n) + 12;
            assertEquals(1.0, Quadrature.integrate(x -> GueOnePointEntropy.density(nn, x), -l, l), TOL, "n = " + n);
            assertEquals(n, Quadrature.integrate(x -> x * x * GueOnePointEntropy.density(nn, x), -l, l), TOL * n,
                    "n = " + n);
            // the trapezoidal entropy of the class against tanh-sinh on unit pieces (log ρ has complex
            // singularities near the real axis, at the complex zeros of ρ, so one tanh-sinh rule over
            // the whole interval, node spacing ≈ 0.35 in the middle, is good to only ≈ 1e-9)
            double h = 0;
            final int pieces = (int) Math.ceil(2 * l);
            for (int k = 0; k < pieces; k++) {
                h -= Quadrature.integrate(x -> {
                    final double r = GueOnePointEntropy.density(nn, x);
                    return r > 0 ? r * Math.log(r) : 0.0;
                }, -l + 2 * l * k / pieces, -l + 2 * l * (k + 1) / pieces);
            }
            assertEquals(h, GueOnePointEntropy.standard(n), TOL, "n = " + n);
        }
    }

    @Test
    void twoByTwoMarginalMatchesDirectQuadrature() {
        final double z = Quadrature.integrate(x -> marginal(x), -L, L);
        for (double x : new double[] {-3.1, -0.7, 0.0, 0.4, 2.2}) {
            assertEquals(marginal(x) / z, GueOnePointEntropy.density(2, x), TOL, "x = " + x);
        }
        final double h = -Quadrature.integrate(x -> {
            final double r = marginal(x) / z;
            return r > 0 ? r * Math.log(r) : 0.0;
        }, -L, L);
        assertEquals(h, GueOnePointEntropy.standard(2), TOL);
    }

    /** ∫ exp(−(x²+y²)/2)(x − y)² dy, split at y = x. */
    private static double marginal(double x) {
        DoubleUnaryOperator f = y -> Math.exp(-(x * x + y * y) / 2) * (x - y) * (x - y);
        return Quadrature.integrate(f, -L, x) + Quadrature.integrate(f, x, L);
    }
}
