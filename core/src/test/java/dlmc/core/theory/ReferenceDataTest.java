package dlmc.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The reference tables load, are self-consistent, and the TW scaling is the one of §5.2. */
class ReferenceDataTest {
    /** Half a unit of the 5th decimal: the rounding of every value in tracy-widom.tsv. */
    private static final double HALF_ULP_5 = 5e-6;

    @Test
    void tracyWidomTableLoadsAndIsConsistentAcrossConventions() {
        for (double beta : new double[] {1, 2, 4}) {
            assertTrue(TracyWidom.mean(beta) < 0, "TW means are negative");
            assertTrue(TracyWidom.variance(beta) > 0);
        }
        // Mean and variance decrease with beta (stiffer repulsion); a sanity check on row order.
        assertTrue(TracyWidom.mean(1) > TracyWidom.mean(2));
        assertTrue(TracyWidom.mean(2) > TracyWidom.mean(4));
        assertTrue(TracyWidom.variance(1) > TracyWidom.variance(2));
        assertTrue(TracyWidom.variance(2) > TracyWidom.variance(4));
        // beta = 4 conventions (tsv header, TracyWidom Javadoc): X_beta-ens = 2^{-1/6} X_tw-f4 =
        // 2^{-2/3} X_f4-1996. Each printed value is rounded to 5 decimals, so the rescaled values
        // agree to (1 + factor) x 5e-6.
        ReferenceTable table = ReferenceTable.load(TracyWidom.RESOURCE);
        double twMean = table.number("mean", "beta", "4", "convention", "tw-f4");
        double twVar = table.number("variance", "beta", "4", "convention", "tw-f4");
        double f4Mean = table.number("mean", "beta", "4", "convention", "f4-1996");
        double f4Var = table.number("variance", "beta", "4", "convention", "f4-1996");
        double c6 = Math.pow(2, 1.0 / 6);
        assertEquals(twMean, c6 * TracyWidom.mean(4), (1 + c6) * HALF_ULP_5);
        assertEquals(twVar, c6 * c6 * TracyWidom.variance(4), (1 + c6 * c6) * HALF_ULP_5);
        assertEquals(f4Mean, Math.sqrt(2) * twMean, (1 + Math.sqrt(2)) * HALF_ULP_5);
        assertEquals(f4Var, 2 * twVar, 3 * HALF_ULP_5);
        assertEquals(f4Mean, Math.pow(2, 2.0 / 3) * TracyWidom.mean(4), (1 + Math.pow(2, 2.0 / 3)) * HALF_ULP_5);
        // The erratum: math-spec §5.2 labels -2.30688 / 0.51772 "beta-ensemble convention"; the
        // engine must not serve them (TracyWidomBeta4SpecErrorTest rejects them by simulation).
        assertEquals(-2.05520, TracyWidom.mean(4), 0.0);
        assertEquals(0.41092, TracyWidom.variance(4), 0.0);
        assertTrue(Math.abs(TracyWidom.mean(4) - twMean) > 0.2);
        assertThrows(IllegalArgumentException.class, () -> TracyWidom.mean(3));
    }

    @Test
    void tracyWidomScaling() {
        int n = 200;
        // D2-OU stationary: R = 2, variable n^{2/3}(λ_max − 2). Tolerance: a few ulps of n^{2/3}·2.
        assertEquals(Math.pow(n, 2.0 / 3) * 0.01, TracyWidom.scaled(2.01, 2.0, n), 1e-12);
        // D1 at t = 1: R = 2 sqrt n, variable n^{1/6}(λ_max − 2 sqrt n).
        double x = -1.3;
        double lambdaMax = 2 * Math.sqrt(n) + x * Math.pow(n, -1.0 / 6);
        assertEquals(x, TracyWidom.scaled(lambdaMax, 2 * Math.sqrt(n), n), 1e-12);
    }

    @Test
    void spacingRatioSurmiseMatchesClosedForms() {
        // Atas et al. 2013 closed forms; the table holds scipy quadrature values: agreement to 1e-15.
        assertEquals(4 - 2 * Math.sqrt(3), SpacingRatioReference.surmise3x3(1), 1e-15);
        assertEquals(2 * Math.sqrt(3) / Math.PI - 0.5, SpacingRatioReference.surmise3x3(2), 1e-15);
        assertEquals(32 * Math.sqrt(3) / (15 * Math.PI) - 0.5, SpacingRatioReference.surmise3x3(4), 1e-15);
        // Large-n numerics lie below the 3×3 surmise for each beta (Atas et al.).
        for (double beta : new double[] {1, 2, 4}) {
            assertTrue(SpacingRatioReference.largeNNumerics(beta) < SpacingRatioReference.surmise3x3(beta));
        }
        assertTrue(Double.isNaN(SpacingRatioReference.surmise3x3(0)));
        assertTrue(Double.isNaN(SpacingRatioReference.surmise3x3(Double.NaN)));
    }

    /**
     * Any β &gt; 0: the quadrature against 40-digit values of the same integrals (mpmath, tanh-sinh and
     * Gauss–Legendre on 40 subintervals of [0, 1], agreeing to 1e-13 or better; 2026-11-29: ⟨r⟩ =
     * ∫_0^1 r P / ∫_0^1 P, P = (r + r²)^β (1 + r + r²)^{−1−3β/2}), and against the
     * closed forms of β = 1, 2, 4, which the table path returns.
     */
    @Test
    void spacingRatioSurmiseForAnyBeta() {
        double[][] mpmath = {{0.1, 0.4266412999343202145}, {0.5, 0.48456550155876083562}, {3, 0.64553177269322192012},
            {10, 0.76720231626280983396}, {100, 0.91425075513128938207}};
        for (double[] bm : mpmath) {
            assertEquals(bm[1], SpacingRatioReference.surmise3x3(bm[0]), 1e-13, "beta=" + bm[0]);
        }
        assertEquals(4 - 2 * Math.sqrt(3), SpacingRatioReference.surmise3x3ByQuadrature(1), 1e-13);
        assertEquals(2 * Math.sqrt(3) / Math.PI - 0.5, SpacingRatioReference.surmise3x3ByQuadrature(2), 1e-13);
        assertEquals(32 * Math.sqrt(3) / (15 * Math.PI) - 0.5, SpacingRatioReference.surmise3x3ByQuadrature(4), 1e-13);
    }

    @Test
    void spacingRatioSurmiseMatchesQuadratureOfAtasDensity() {
        // P(r) ∝ (r + r²)^β / (1 + r + r²)^{1+3β/2} on [0, ∞); ⟨r̃⟩ = 2∫_0^1 r P(r) dr by the
        // r → 1/r symmetry. Quadrature on [0, 1] after the substitution r = 1/u for the tail.
        for (double beta : new double[] {1, 2, 4}) {
            final double b = beta;
            java.util.function.DoubleUnaryOperator p = r -> Math.pow(r + r * r, b) / Math.pow(1 + r + r * r, 1 + 1.5 * b);
            double z = 2 * Quadrature.integrate(p, 0, 1);
            double m = 2 * Quadrature.integrate(r -> r * p.applyAsDouble(r), 0, 1) / z;
            assertEquals(m, SpacingRatioReference.surmise3x3(beta), 1e-12, "beta=" + beta);
        }
    }
}
