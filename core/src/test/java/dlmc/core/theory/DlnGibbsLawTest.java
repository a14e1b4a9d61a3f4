package dlmc.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link DlnGibbsLaw} against independent references (deterministic, no Monte Carlo).
 */
class DlnGibbsLawTest {

    /**
     * Oracle O16 (math-spec §7, §7.1-3), corrected values: the scipy dblquad values (1e-12, quoted in
     * dlmc.core.scheme.GibbsStatTest) 0.9620974370290155, 0.34531289107787266, 1.1570387972317313
     * for N = 2, α = 1, β = 2, κ = 1, entropy; §7.1 prints 0.9620, 0.3448, 1.1566 (off in the 4th digit).
     */
    @Test
    void reproducesTheCorrectedO16Values() {
        final DlnGibbsLaw law = new DlnGibbsLaw(2, 2, 2, 1, 1, true);
        assertTrue(law.converged(), law.toString());
        final double[] m = law.layerMeans();
        assertEquals(0.9620974370290155, m[0], 1e-8);
        assertEquals(0.34531289107787266, m[1], 1e-8);
        assertEquals(1.1570387972317313, law.sumSquaresMean(), 1e-8);
        // the brief's 5-digit values, to 1e-4
        assertEquals(0.34531, m[1], 1e-4);
        assertEquals(1.15704, law.sumSquaresMean(), 1e-4);
    }

    /** Against the independent tanh-sinh quadrature for several (N, α, β, entropy) at κ = 1. */
    @Test
    void agreesWithTanhSinhInTwoDimensions() {
        for (int N : new int[] {1, 2, 3}) {
            for (boolean entropy : new boolean[] {true, false}) {
                final double alpha = 0.7;
                final double beta = 1.5;
                final DlnGibbsLaw law = new DlnGibbsLaw(2, N, beta, 1, alpha, entropy);
                final int n = N;
                final java.util.function.DoubleBinaryOperator p = (x, y) -> {
                    final double a = Math.pow(x, 2 * n);
                    final double b = Math.pow(y, 2 * n);
                    final double w = Math.exp(-0.5 * beta * alpha * (a + b));
                    final double v2 = x * x - y * y;
                    return entropy ? w * Math.sqrt((a - b) * v2) : w * v2;
                };
                final double L = law.cutoffLambda();
                final double z = chamber(p, L);
                final double e2 = chamber((x, y) -> y * p.applyAsDouble(x, y), L) / z;
                final double ss = chamber((x, y) -> (x * x + y * y) * p.applyAsDouble(x, y), L) / z;
                assertEquals(e2, law.layerMeans()[1], 1e-8, law.toString());
                assertEquals(ss, law.sumSquaresMean(), 1e-8, law.toString());
            }
        }
    }

    private static double chamber(java.util.function.DoubleBinaryOperator f, double L) {
        return Quadrature.integrate(x -> Quadrature.integrate(y -> f.applyAsDouble(x, y), 0, x), 0, L);
    }

    @Test
    void binMassesSumToOneAndMatchTheMeanOfLambda() {
        for (int d = 1; d <= 3; d++) {
            final long t0 = System.nanoTime();
            final DlnGibbsLaw law = new DlnGibbsLaw(d, 2, 2, 1, 1, true);
            final long t1 = System.nanoTime();
            final double[] mass = law.layerBinMasses(2.0, 64);
            System.out.printf("d=%d law %.3f s, masses %.3f s %s%n", d, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9,
                    law);
            double sum = 0;
            double mean = 0;
            for (int b = 0; b < 64; b++) {
                sum += mass[b];
                mean += mass[b] * (b + 0.5) * 2.0 / 64;
            }
            sum += mass[64];
            assertEquals(1.0, sum, 1e-6, "d=" + d);
            double avg = 0;
            for (double m : law.layerMeans()) {
                avg += m / d;
            }
            // midpoint rule on 64 bins: error O(h²) ~ 1e-3
            assertEquals(avg, mean, 2e-3, "d=" + d);
        }
    }
}
