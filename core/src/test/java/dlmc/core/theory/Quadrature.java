package dlmc.core.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * Tanh-sinh (double-exponential) quadrature for tests: converges to ~1e-14 relative even for
 * integrands with algebraic endpoint singularities (sqrt(R² − x²), s^β with β &lt; 1), which is
 * why it is used instead of Gauss–Legendre. Step h = 1/64 on u ∈ [0, 4]; the neglected tail
 * weights are below 1e-30.
 */
final class Quadrature {
    private static final double H = 1.0 / 64;
    private static final int K = 256;

    private Quadrature() {
    }

    /** ∫_a^b f(x) dx; f is never evaluated at a or b. */
    static double integrate(DoubleUnaryOperator f, double a, double b) {
        if (b == a) {
            return 0;
        }
        final double len = b - a;
        final double mid = 0.5 * (a + b);
        double sum = Math.PI / 2 * f.applyAsDouble(mid); // u = 0: x = 0, w = π/2
        for (int k = 1; k <= K; k++) {
            final double u = k * H;
            final double q = Math.exp(-Math.PI * Math.sinh(u));
            final double w = 2 * Math.PI * Math.cosh(u) * q / ((1 + q) * (1 + q));
            final double d = len * q / (1 + q); // distance from the endpoint
            if (w < 1e-300 || d == 0) {
                break;
            }
            sum += w * (f.applyAsDouble(b - d) + f.applyAsDouble(a + d));
        }
        return sum * H * len / 2;
    }
}
