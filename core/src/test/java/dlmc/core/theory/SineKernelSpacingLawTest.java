package dlmc.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The sine-kernel (Gaudin–Mehta) bulk spacing law against oracles that do not come from the
 * Fredholm formulas themselves: normalisation and mean (density 1), the small-s constants c_β, the
 * proven large-s asymptotics of the even / odd determinants (Ehrhardt), the literature variances,
 * and the known 1–2 % distance to the Wigner surmise (math-spec §5.2).
 */
class SineKernelSpacingLawTest {
    private static final int[] BETAS = {1, 2, 4};
    /** Composite Gauss–Legendre on [0, s_max], 24 panels × 16 nodes: exact to rounding for these entire integrands. */
    private static final int PANELS = 24;
    private static final int NODES = 16;
    /** ∫p, E s, E s² by that rule: the determinants are accurate to ~1e-14 absolute (class comment), margin ×100. */
    private static final double MOMENT_TOL = 1e-12;
    /**
     * Spacing variances as usually quoted, to three decimals (GOE 0.286, GUE 0.180, GSE 0.104; a
     * primary table could not be consulted when this was written): rounding ±5e-4.
     */
    private static final double[][] LITERATURE_VARIANCE = {{1, 0.286}, {2, 0.180}, {4, 0.104}};
    private static final double THREE_DECIMALS = 5e-4;
    /**
     * Small-s laws (leading terms of the power series of E_β(0; s) in Mehta, Random Matrices, 3rd ed.):
     * p_1 ≈ (π²/6) s, p_2 ≈ (π²/3) s², p_4 ≈ (16π⁴/135) s⁴; the relative correction is O(s²),
     * measured 1e-4 … 2.3e-4 at s = 0.01, hence the tolerance.
     */
    private static final double SMALL_S = 0.01;
    private static final double SMALL_S_TOL = 1e-3;
    /** ζ'(−1) (= 1/12 − log A, A Glaisher's constant), in the constant of Dyson's asymptotics. */
    private static final double ZETA_PRIME_MINUS_ONE = -0.16542114370045092;
    /**
     * The o(1) remainder of Ehrhardt's formula for log E± at s = 4 is ∓0.0096 / +0.0104 (it decays
     * like 1/(16α), α = πs/2): tolerance 0.012. A wrong scale (E_4 at s instead of 2s, E_1 = E−)
     * misses by more than 5.
     */
    private static final double ASYMPTOTIC_S = 4.0;
    private static final double ASYMPTOTIC_TOL = 0.012;
    /** Against 64 nodes: measured below 2e-14 (class comment); margin ×2.5. */
    private static final double NODE_TOL = 5e-14;

    private static double[] moments(SineKernelSpacingLaw law) {
        final GaussLegendre gl = new GaussLegendre(NODES);
        double i0 = 0;
        double i1 = 0;
        double i2 = 0;
        for (int p = 0; p < PANELS; p++) {
            final double lo = law.sMax() * p / PANELS;
            final double hi = law.sMax() * (p + 1) / PANELS;
            for (int k = 0; k < NODES; k++) {
                final double s = gl.node(k, lo, hi);
                final double w = gl.weight(k, lo, hi) * law.density(s);
                i0 += w;
                i1 += w * s;
                i2 += w * s * s;
            }
        }
        return new double[] {i0, i1, i2};
    }

    @Test
    void densityIsNormalisedWithMeanOneAndTheVarianceOfItsGapProbability() {
        for (int beta : BETAS) {
            final SineKernelSpacingLaw law = SineKernelSpacingLaw.of(beta);
            final double[] m = moments(law);
            assertEquals(1.0, m[0], MOMENT_TOL, "∫p, beta " + beta);
            assertEquals(1.0, m[1], MOMENT_TOL, "E s, beta " + beta);
            // Var from ∫s²p (E'') against Var = 2∫E − 1 (E): two different integrands
            assertEquals(law.variance(), m[2] - m[1] * m[1], MOMENT_TOL, "Var, beta " + beta);
            assertEquals(1.0, law.mean());
            assertEquals(1.0, law.gapProbability(0.0));
            assertEquals(-1.0, law.evaluate(1e-300)[1], 1e-15, "E'(0+) = −1 (density 1), beta " + beta);
        }
    }

    @Test
    void varianceMatchesTheLiteratureValues() {
        for (double[] row : LITERATURE_VARIANCE) {
            assertEquals(row[1], SineKernelSpacingLaw.of(row[0]).variance(), THREE_DECIMALS, "beta " + row[0]);
        }
    }

    @Test
    void smallSpacingsFollowTheRepulsionLaw() {
        final double pi2 = Math.PI * Math.PI;
        final double[] c = {pi2 / 6, pi2 / 3, 16 * pi2 * pi2 / 135};
        for (int k = 0; k < BETAS.length; k++) {
            final int beta = BETAS[k];
            final SineKernelSpacingLaw law = SineKernelSpacingLaw.of(beta);
            final double ratio = law.density(SMALL_S) / (c[k] * Math.pow(SMALL_S, beta));
            assertEquals(1.0, ratio, SMALL_S_TOL, "p(s)/(c s^beta), beta " + beta);
            // the bin mass [0, s) against ∫c s^β = c s^{β+1}/(β+1)
            final double mass = law.probability(0, SMALL_S);
            assertEquals(1.0, mass / (c[k] * Math.pow(SMALL_S, beta + 1) / (beta + 1)), SMALL_S_TOL, "beta " + beta);
        }
    }

    /** Ehrhardt's (2007) log det(I − K±) on L²(0, α) with α = πσ/2 (class comment of the law). */
    private static double asymptoticLogDet(double sigma, boolean plus) {
        final double a = Math.PI * sigma / 2;
        final double sign = plus ? 1 : -1;
        return -a * a / 4 - sign * a / 2 - Math.log(a) / 8 + Math.log(2) / 24 + sign * Math.log(2) / 4
                + 1.5 * ZETA_PRIME_MINUS_ONE;
    }

    @Test
    void evenAndOddDeterminantsFollowEhrhardtsAsymptotics() {
        double previousPlus = Double.POSITIVE_INFINITY;
        double previousMinus = Double.POSITIVE_INFINITY;
        for (double s = 3; s <= 6; s += 1) {
            final double[] d = SineKernelSpacingLaw.determinants(s, SineKernelSpacingLaw.nodesAt(s));
            final double plus = Math.abs(Math.log(d[0]) - asymptoticLogDet(s, true));
            final double minus = Math.abs(Math.log(d[3]) - asymptoticLogDet(s, false));
            assertTrue(plus < previousPlus && minus < previousMinus, "remainder must decrease, s = " + s);
            if (s == ASYMPTOTIC_S) {
                assertTrue(plus < ASYMPTOTIC_TOL && minus < ASYMPTOTIC_TOL, "s = " + s + ": " + plus + ", " + minus);
            }
            previousPlus = plus;
            previousMinus = minus;
        }
    }

    /** The β conventions themselves: log E_β(0; s) at s = 4 against the asymptotics of its formula. */
    @Test
    void gapProbabilitiesHaveTheAsymptoticsOfTheirEnsemble() {
        final double s = ASYMPTOTIC_S;
        final double goe = asymptoticLogDet(s, true);
        final double gue = asymptoticLogDet(s, true) + asymptoticLogDet(s, false);
        final double gse = Math.log(0.5 * (Math.exp(asymptoticLogDet(2 * s, true))
                + Math.exp(asymptoticLogDet(2 * s, false))));
        assertEquals(goe, Math.log(SineKernelSpacingLaw.of(1).gapProbability(s)), ASYMPTOTIC_TOL);
        assertEquals(gue, Math.log(SineKernelSpacingLaw.of(2).gapProbability(s)), 2 * ASYMPTOTIC_TOL);
        assertEquals(gse, Math.log(SineKernelSpacingLaw.of(4).gapProbability(s)), ASYMPTOTIC_TOL);
        // leading order −β(πs)²/16 (Dyson): the second difference of log E_β is −βπ²/8 up to the
        // log term's 1/(8s²) (0.6 % of it for β = 1 at s = 4): tolerance 3 %
        for (int beta : BETAS) {
            final SineKernelSpacingLaw law = SineKernelSpacingLaw.of(beta);
            final double h = 0.5;
            final double second = (Math.log(law.gapProbability(s + h)) - 2 * Math.log(law.gapProbability(s))
                    + Math.log(law.gapProbability(s - h))) / (h * h);
            assertEquals(1.0, second / (-beta * Math.PI * Math.PI / 8), 0.03, "beta " + beta);
        }
    }

    /**
     * math-spec §5.2: the large-n bulk spacing is Wigner-like "within ≈ 1–2 %". Measured
     * max_s |p_β − p_W| / max p_β = 2.3 %, 0.6 %, 0.2 % (β = 1, 2, 4); the law must also not BE the
     * surmise (the difference exceeds 1e-3 for each β).
     */
    @Test
    void lawIsCloseToButNotTheWignerSurmise() {
        for (int beta : BETAS) {
            final SineKernelSpacingLaw law = SineKernelSpacingLaw.of(beta);
            final WignerSurmise w = new WignerSurmise(beta);
            double maxDiff = 0;
            double peak = 0;
            for (double s = 0.01; s < 4; s += 0.01) {
                final double p = law.density(s);
                maxDiff = Math.max(maxDiff, Math.abs(p - w.density(s)));
                peak = Math.max(peak, p);
            }
            assertTrue(maxDiff < 0.025 * peak, "beta " + beta + ": max |p - p_W| = " + maxDiff);
            assertTrue(maxDiff > 1e-3, "beta " + beta + ": max |p - p_W| = " + maxDiff);
        }
    }

    @Test
    void binMassesAddUpAndAgreeWithTheDensity() {
        for (int beta : BETAS) {
            final SineKernelSpacingLaw law = SineKernelSpacingLaw.of(beta);
            double sum = law.probability(Double.NEGATIVE_INFINITY, 0);
            final GaussLegendre gl = new GaussLegendre(NODES);
            for (int b = 0; b < 32; b++) {
                final double lo = b * 0.125;
                final double hi = lo + 0.125;
                final double mass = law.probability(lo, hi);
                double integral = 0;
                for (int k = 0; k < NODES; k++) {
                    integral += gl.weight(k, lo, hi) * law.density(gl.node(k, lo, hi));
                }
                assertEquals(integral, mass, MOMENT_TOL, "beta " + beta + " bin " + b);
                sum += mass;
            }
            sum += law.probability(4, Double.POSITIVE_INFINITY);
            assertEquals(1.0, sum, MOMENT_TOL, "beta " + beta);
            assertEquals(law.tail(4), law.probability(4, Double.POSITIVE_INFINITY), 0.0);
            assertEquals(0.0, law.probability(Double.NEGATIVE_INFINITY, 0), 0.0);
            assertEquals(1.0, law.cdf(Double.POSITIVE_INFINITY), 0.0);
            assertTrue(Double.isNaN(law.density(Double.NaN)));
        }
    }

    @Test
    void quadratureHasConverged() {
        for (int beta : BETAS) {
            final SineKernelSpacingLaw law = SineKernelSpacingLaw.of(beta);
            for (double s = 0.05; s <= law.sMax(); s += 0.2) {
                final double[] e = law.evaluate(s, 0);
                final double[] r = law.evaluate(s, 64);
                for (int k = 0; k < 3; k++) {
                    assertEquals(r[k], e[k], NODE_TOL, "beta " + beta + " s " + s + " derivative " + k);
                }
            }
        }
    }

    @Test
    void onlyClassicalBetas() {
        assertThrows(IllegalArgumentException.class, () -> SineKernelSpacingLaw.of(3));
        assertTrue(SineKernelSpacingLaw.isAvailable(4) && !SineKernelSpacingLaw.isAvailable(0.5));
    }
}
