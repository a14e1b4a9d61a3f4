package dlmc.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.numbers.gamma.LogGamma;
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

    /**
     * Virial identity (independent of the quadrature): E[𝒢 Σλ²] = 0 for the λ-SDE of math-spec §3.4
     * at stationarity gives E E = (κd² + [entropy]·d(d−1)(N−1)/2)/(2βN) (Euler: Σ λ_i ∂_i S =
     * d(d−1)(N−1)/2; the interaction contributes 2d(d−1)κ/(βN), the noise 2dκ/(βN)). Checked for
     * d = 1, 2 with four (N, β, κ, α), d = 3 with two, both entropy switches; for N = 1 also E Σλ² = d²κ/(βα)
     * (Ginibre with variance κ/(βα)).
     */
    @Test
    void energyObeysTheVirialIdentity() {
        final double[][] params = {{2, 2, 1, 1}, {1, 1.5, 0.5, 0.7}, {3, 2, 2, 1.3}, {4, 1, 1, 2}};
        for (int d = 1; d <= 3; d++) {
            for (double[] p : params) {
                if (d == 3 && p[0] != 2) {
                    continue; // d = 3 is the expensive case: two parameter sets suffice
                }
                for (boolean entropy : new boolean[] {true, false}) {
                    final int n = (int) p[0];
                    final double beta = p[1];
                    final double kappa = p[2];
                    final double alpha = p[3];
                    final DlnGibbsLaw law = new DlnGibbsLaw(d, n, beta, kappa, alpha, entropy);
                    final double expected = (kappa * d * d + (entropy ? d * (d - 1) * (n - 1) / 2.0 : 0))
                            / (2 * beta * n);
                    assertTrue(law.converged(), law.toString());
                    assertEquals(expected, law.energyMean(), 1e-6 * expected, law.toString());
                    if (n == 1) {
                        assertEquals(d * d * kappa / (beta * alpha), law.sumSquaresMean(), 1e-6, law.toString());
                    }
                }
            }
        }
    }

    /**
     * Large depth, d = 1: p(λ) ∝ exp(−cλ^{2N}) on (0, ∞), c = βα/(2κ), so E λ^k = c^{−k/(2N)}
     * Γ((k + 1)/(2N))/Γ(1/(2N)) in closed form. The confinement wall is then a step of relative
     * width ~1/N, which uniform panels missed from N = 500 on (no convergence, no gibbs_ rows).
     */
    @Test
    void largeDepthMatchesTheClosedFormInOneDimension() {
        for (int n : new int[] {50, 500, 2000, 10000}) {
            final double beta = 2;
            final double kappa = 0.7;
            final double alpha = 1.3;
            final DlnGibbsLaw law = new DlnGibbsLaw(1, n, beta, kappa, alpha, true);
            assertTrue(law.converged(), law.toString());
            final double c = beta * alpha / (2 * kappa);
            assertEquals(moment(1, n, c), law.layerMeans()[0], 1e-9 * moment(1, n, c), law.toString());
            assertEquals(moment(2, n, c), law.sumSquaresMean(), 1e-9 * moment(2, n, c), law.toString());
            assertEquals(moment(n, n, c), law.singularValueMeans()[0], 1e-9 * moment(n, n, c), law.toString());
            final double[] mass = law.layerBinMasses(1.5, 48);
            double sum = 0;
            for (double m : mass) {
                sum += m;
            }
            assertEquals(1.0, sum, 1e-6, law.toString());
        }
    }

    /** E λ^k for d = 1 (previous test), by log-gamma. */
    private static double moment(int k, int n, double c) {
        return Math.exp(-k / (2.0 * n) * Math.log(c) + LogGamma.value((k + 1) / (2.0 * n)) - LogGamma.value(1 / (2.0 * n)));
    }

    /**
     * Large depth, d = 2 (N = 500, β = 2, κ = α = 1, entropy), against an independent quadrature:
     * mpmath 1.3.0 {@code quad} (tanh-sinh, 20 digits), nested over the chamber with break points at
     * λ*(1 + k/(2N)), λ* = c^{−1/(2N)}, k ∈ {−400, −200, −100, −50, −25, −12, −6, −3, −1.5, 0, 1, 2,
     * 3, 4, 6}: E λ_2 = 0.42356198918815289758, E Σλ² = 1.2451158935512367979, E σ_1 =
     * 0.56652411505190428938, E σ_2 = 6.3163836650008717993e-5. Also the virial identity E E =
     * (κd² + [entropy]d(d−1)(N−1)/2)/(2βN) with and without entropy for N = 50, 200, 500, and the
     * bin masses (on a grid far wider than the wall) sum to 1.
     */
    @Test
    void largeDepthAgreesWithAnIndependentQuadratureInTwoDimensions() {
        final DlnGibbsLaw law = new DlnGibbsLaw(2, 500, 2, 1, 1, true);
        assertTrue(law.converged(), law.toString());
        assertEquals(0.42356198918815289758, law.layerMeans()[1], 1e-9, law.toString());
        assertEquals(1.2451158935512367979, law.sumSquaresMean(), 1e-9, law.toString());
        assertEquals(0.56652411505190428938, law.singularValueMeans()[0], 1e-9, law.toString());
        assertEquals(6.3163836650008717993e-5, law.singularValueMeans()[1], 1e-6 * 6.3e-5, law.toString());
        for (int n : new int[] {50, 200, 500}) {
            for (boolean entropy : new boolean[] {true, false}) {
                final DlnGibbsLaw l = new DlnGibbsLaw(2, n, 2, 1, 1, entropy);
                assertTrue(l.converged(), l.toString());
                final double expected = (4 + (entropy ? n - 1 : 0)) / (4.0 * n);
                assertEquals(expected, l.energyMean(), 1e-6 * expected, l.toString());
            }
        }
        for (double[] mass : new double[][] {law.layerBinMasses(1.5, 48), law.singularValueBinMasses(1.5, 48)}) {
            double sum = 0;
            for (double m : mass) {
                sum += m;
            }
            assertEquals(1.0, sum, 1e-6, law.toString());
        }
    }

    private static double chamber(java.util.function.DoubleBinaryOperator f, double L) {
        return Quadrature.integrate(x -> Quadrature.integrate(y -> f.applyAsDouble(x, y), 0, x), 0, L);
    }

    @Test
    void binMassesSumToOneAndMatchTheMeanOfLambda() {
        for (int d = 1; d <= 3; d++) {
            final DlnGibbsLaw law = new DlnGibbsLaw(d, 2, 2, 1, 1, true);
            final double[] mass = law.layerBinMasses(2.0, 64);
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
