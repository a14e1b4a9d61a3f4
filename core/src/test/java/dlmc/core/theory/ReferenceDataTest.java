package dlmc.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The reference tables load, are self-consistent, and the TW scaling is the one of §5.2. */
class ReferenceDataTest {
    /** See the tracy-widom.tsv header: the spec's f4 mean is 4e-5 off sqrt(2) × its TW_4 mean. */
    private static final double F4_MEAN_SPEC_DISCREPANCY = 5e-5;

    @Test
    void tracyWidomTableLoadsAndIsConsistentAcrossConventions() {
        for (double beta : new double[] {1, 2, 4}) {
            assertTrue(TracyWidom.mean(beta) < 0, "TW means are negative");
            assertTrue(TracyWidom.variance(beta) > 0);
        }
        // Variance decreases with beta (stiffer repulsion); a sanity check on row order.
        assertTrue(TracyWidom.variance(1) > TracyWidom.variance(2));
        assertTrue(TracyWidom.variance(2) > TracyWidom.variance(4));
        // The 1996 F_4 variable is sqrt(2) × the beta-ensemble TW_4 (math-spec §5.2).
        ReferenceTable table = ReferenceTable.load(TracyWidom.RESOURCE);
        double f4Mean = table.number("mean", "beta", "4", "convention", "f4-1996");
        double f4Var = table.number("variance", "beta", "4", "convention", "f4-1996");
        // The printed f4 mean (-3.26246) and sqrt(2) x the printed TW_4 mean (-3.26242) differ by
        // 4e-5, more than rounding: a known inconsistency in math-spec §5.2 flagged in the TSV
        // header. The unused f4 row is therefore only checked to 5e-5.
        assertEquals(f4Mean, Math.sqrt(2) * TracyWidom.mean(4), F4_MEAN_SPEC_DISCREPANCY);
        // 1.0354 is printed to 4 decimals: half a unit of the last digit is 5e-5.
        assertEquals(f4Var, 2 * TracyWidom.variance(4), 5e-5);
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
        assertTrue(Double.isNaN(SpacingRatioReference.surmise3x3(3)));
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
