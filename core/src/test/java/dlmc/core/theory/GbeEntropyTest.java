package dlmc.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * {@link GbeEntropy} against independent computations: the Gaussian for n = 1, and for n = 2 a
 * direct two-dimensional tanh-sinh quadrature of Z = ∫∫ w and −∫∫ p log p (no Mehta integral, no
 * digamma), the inner integral split at the diagonal y = x where |x − y|^β is not smooth.
 */
class GbeEntropyTest {
    /** Quadrature accuracy reached by the nested tanh-sinh rule (passes at 1e-12 too). */
    private static final double QUADRATURE_TOL = 1e-9;
    /** Half-width of the integration box: the Gaussian tail beyond it is below e^{-60}. */
    private static final double L = 11.0;

    @Test
    void oneEigenvalueIsTheGaussian() {
        final double gauss = 0.5 * Math.log(2 * Math.PI * Math.E);
        for (double beta : new double[] {0.5, 1, 2, 4}) {
            assertEquals(gauss, GbeEntropy.standardUnordered(1, beta), 1e-14, "beta = " + beta);
            assertEquals(gauss, GbeEntropy.ordered(1, beta, 1.0), 1e-14, "beta = " + beta);
            // D1 at time t: N(0, 2t/beta)
            final double t = 0.37;
            assertEquals(0.5 * Math.log(2 * Math.PI * Math.E * 2 * t / beta),
                    GbeEntropy.ordered(1, beta, GbeEntropy.d1Scale(beta, t)), 1e-14, "beta = " + beta);
            // R = 2 sqrt(n tau) for n = 1: tau = R^2/4
            final double r = 1.7;
            assertEquals(0.5 * Math.log(2 * Math.PI * Math.E * 2 * (r * r / 4) / beta),
                    GbeEntropy.orderedOfRadius(1, beta, r), 1e-14, "beta = " + beta);
        }
    }

    /**
     * n = 2: x₂ − x₁ has density ∝ |y|^β e^{−y²/4}, i.e. |y| = √2·χ_{β+1}, so
     * E log|x₂ − x₁| = log 2 + ½ψ((β + 1)/2) (Γ-function moments of χ, not the Mehta sum); with
     * λ = s·x the mean shifts by log s. n = 1: no pairs. R = 0: −∞.
     */
    @Test
    void meanLogVandermondeOfTwoEigenvaluesIsTheChiLaw() {
        for (double beta : new double[] {0.5, 1, 2, 4}) {
            final double standard = Math.log(2) + 0.5 * org.apache.commons.numbers.gamma.Digamma.value((beta + 1) / 2);
            // s = R/sqrt(2 n beta) = 1 at R = sqrt(4 beta)
            assertEquals(standard, GbeEntropy.meanLogVandermondeOfRadius(2, beta, Math.sqrt(4 * beta)), 1e-13, "beta = " + beta);
            final double r = 3.1;
            assertEquals(standard + Math.log(r / Math.sqrt(4 * beta)), GbeEntropy.meanLogVandermondeOfRadius(2, beta, r), 1e-13,
                    "beta = " + beta);
            assertEquals(0.0, GbeEntropy.meanLogVandermondeOfRadius(1, beta, r), 0.0);
            assertEquals(Double.NEGATIVE_INFINITY, GbeEntropy.meanLogVandermondeOfRadius(3, beta, 0.0));
        }
    }

    @Test
    void twoEigenvaluesMatchDirectQuadrature() {
        for (double beta : new double[] {1, 2, 4, 0.7}) {
            final double b = beta;
            final double z = Quadrature.integrate(x -> inner(x, b, false), -L, L);
            final double wlogw = Quadrature.integrate(x -> inner(x, b, true), -L, L);
            final double h = Math.log(z) - wlogw / z;
            assertEquals(Math.log(z), GbeEntropy.logPartition(2, beta), QUADRATURE_TOL, "log Z, beta = " + beta);
            assertEquals(h, GbeEntropy.standardUnordered(2, beta), QUADRATURE_TOL, "H, beta = " + beta);
            // ordered: the law on x < y has density 2p
            assertEquals(h - Math.log(2), GbeEntropy.ordered(2, beta, 1.0), QUADRATURE_TOL, "ordered, beta = " + beta);
        }
    }

    @Test
    void scalingAddsNLogS() {
        final double s = 0.3;
        assertEquals(GbeEntropy.unordered(5, 2, 1.0) + 5 * Math.log(s), GbeEntropy.unordered(5, 2, s), 1e-12);
        // D1 at t = 1 from 0 (math-spec 5.1) has R = 2 sqrt(n): the two routes agree
        assertEquals(GbeEntropy.ordered(5, 2, GbeEntropy.d1Scale(2, 1.0)), GbeEntropy.orderedOfRadius(5, 2, 2 * Math.sqrt(5)),
                1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, GbeEntropy.orderedOfRadius(3, 1, 0.0));
        assertThrows(IllegalArgumentException.class, () -> GbeEntropy.logPartition(0, 1));
        assertThrows(IllegalArgumentException.class, () -> GbeEntropy.logPartition(2, -1));
        assertThrows(IllegalArgumentException.class, () -> GbeEntropy.unordered(2, 1, Double.NaN));
    }

    /** ∫ w(x, y) [log w(x, y)] dy over R, split at y = x; w = exp(−(x²+y²)/2)|x − y|^β. */
    private static double inner(double x, double beta, boolean withLog) {
        java.util.function.DoubleUnaryOperator f = y -> {
            final double lw = -(x * x + y * y) / 2 + beta * Math.log(Math.abs(x - y));
            final double w = Math.exp(lw);
            return w == 0 ? 0.0 : withLog ? w * lw : w;
        };
        return Quadrature.integrate(f, -L, x) + Quadrature.integrate(f, x, L);
    }
}
