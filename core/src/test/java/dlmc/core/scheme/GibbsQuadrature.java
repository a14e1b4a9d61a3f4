package dlmc.core.scheme;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Reference values for the stationary-law oracles O16, O17 (math-spec §3.5, §7) by tanh-sinh
 * quadrature (converges to ~1e-12 relative for integrands with algebraic endpoint singularities such
 * as sqrt(λ_1 − λ_2) at the diagonal). Step 1/64 on u ∈ [0, 4]; tail weights &lt; 1e-30.
 */
final class GibbsQuadrature {
    private static final double H = 1.0 / 64;
    private static final int K = 256;
    /** Upper integration limit for λ: e^{−λ^{2N}} with N ≥ 2 is below e^{−81} there. */
    static final double LAMBDA_MAX = 3.0;

    private GibbsQuadrature() {
    }

    /** ∫_a^b f; f is never evaluated at a or b. */
    static double integrate(DoubleUnaryOperator f, double a, double b) {
        if (b == a) {
            return 0;
        }
        final double len = b - a;
        double sum = Math.PI / 2 * f.applyAsDouble(0.5 * (a + b));
        for (int k = 1; k <= K; k++) {
            final double u = k * H;
            final double q = Math.exp(-Math.PI * Math.sinh(u));
            final double w = 2 * Math.PI * Math.cosh(u) * q / ((1 + q) * (1 + q));
            final double dist = len * q / (1 + q);
            if (w < 1e-300 || dist == 0) {
                break;
            }
            sum += w * (f.applyAsDouble(b - dist) + f.applyAsDouble(a + dist));
        }
        return sum * H * len / 2;
    }

    /** ∫∫_{0 &lt; λ2 &lt; λ1 &lt; LAMBDA_MAX} f(λ1, λ2). */
    static double integrateChamber(DoubleBinaryOperator f) {
        return integrate(l1 -> integrate(l2 -> f.applyAsDouble(l1, l2), 0, l1), 0, LAMBDA_MAX);
    }

    /**
     * Unnormalised d = 2 stationary density in λ (§3.5, κ = 1, E = (α/2)‖X‖²):
     * e^{−(βα/2)Σλ^{2N}} sqrt((λ1^{2N} − λ2^{2N})(λ1² − λ2²)) with entropy,
     * e^{−(βα/2)Σλ^{2N}} (λ1² − λ2²) without.
     */
    static DoubleBinaryOperator density(int N, double alpha, double beta, boolean entropy) {
        return (l1, l2) -> {
            final double a = Math.pow(l1, 2 * N);
            final double b = Math.pow(l2, 2 * N);
            final double w = Math.exp(-0.5 * beta * alpha * (a + b));
            final double v2 = l1 * l1 - l2 * l2;
            return entropy ? w * Math.sqrt((a - b) * v2) : w * v2;
        };
    }

    /** {E λ1, E λ2, E (λ1² + λ2²)} under {@link #density}. */
    static double[] moments(int N, double alpha, double beta, boolean entropy) {
        final DoubleBinaryOperator p = density(N, alpha, beta, entropy);
        final double z = integrateChamber(p);
        return new double[] {
            integrateChamber((x, y) -> x * p.applyAsDouble(x, y)) / z,
            integrateChamber((x, y) -> y * p.applyAsDouble(x, y)) / z,
            integrateChamber((x, y) -> (x * x + y * y) * p.applyAsDouble(x, y)) / z};
    }
}
