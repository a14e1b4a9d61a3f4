package dlmc.core.scheme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.energy.ConfiningEnergy;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.TestSeeds;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The pair-implicit λ-step ({@link LambdaStep#PAIR_IMPLICIT}, {@code LayerValueStep}) against a
 * direct evaluation of its definition: with y = λ + sqrt(2κ/(βN)) ΔW (E = 0, entropy off: no smooth
 * drift), c = κ/(βN), μ⁰ = P(y), μ^{k+1} = P(μ^k), μ = μ²; P(z): pairs of neighbours of z with gap
 * below 8 sqrt(hc) have μ_i − μ_{i+1} = g, g = p + 2hc/g (p = y_i − y_{i+1} + hc(R_i − R_{i+1}),
 * R = ∂Φ/∂μ(z) without the pair's own 1/(μ_i − μ_{i+1})) and μ_i + μ_{i+1} = y_i + y_{i+1} +
 * hc(R_i + R_{i+1}); every other value is y_i + hc Σ_{j≠i} 2z_i/(z_i² − z_j²) (math-spec §6.4 step 4,
 * §6.1-3). The test evaluates the drift in the quotient form (the code uses 1/(a − b) + 1/(a + b))
 * and checks the two-particle equation by its residual.
 */
class PairImplicitLambdaStepTest {
    private static final int N = 2;
    private static final double BETA = 2;
    private static final double KAPPA = 1;
    private static final double C = KAPPA / (BETA * N);

    /** ∂Φ/∂μ_i(z) in the quotient form, without the term of j = skip (−1: none). */
    private static double drift(double[] z, int i, int skip) {
        double s = 0;
        for (int j = 0; j < z.length; j++) {
            if (j != i && j != skip) {
                s += 2 * z[i] / (z[i] * z[i] - z[j] * z[j]);
            }
        }
        return s;
    }

    /**
     * One pass P(z) evaluated directly, with the pair's gap from the quadratic formula; asserts the
     * two-particle equation's residual on the result. pairs: the pair's first index, as expected.
     */
    private static double[] pass(double[] y, double[] z, double hc, int[] pairs) {
        final int d = y.length;
        final double[] out = new double[d];
        final boolean[] first = new boolean[d];
        for (int i : pairs) {
            assertTrue(z[i] - z[i + 1] < 8 * Math.sqrt(hc), "pair " + i + " must be near");
            first[i] = true;
        }
        for (int i = 0; i < d; i++) {
            if (first[i]) {
                // R without the pair's own 1/(z_i − z_{i+1}): the other values, plus 1/(z_i + z_{i+1})
                final double rI = drift(z, i, i + 1) + 1 / (z[i] + z[i + 1]);
                final double rJ = drift(z, i + 1, i) + 1 / (z[i] + z[i + 1]);
                final double p = y[i] - y[i + 1] + hc * (rI - rJ);
                final double g = 0.5 * (p + Math.sqrt(p * p + 8 * hc));
                final double m = 0.5 * (y[i] + y[i + 1] + hc * (rI + rJ));
                out[i] = m + 0.5 * g;
                out[i + 1] = m - 0.5 * g;
                i++;
            } else {
                out[i] = y[i] + hc * drift(z, i, -1);
            }
        }
        return out;
    }

    @Test
    void oneStepIsTwoSweepsOfThePairPassAndThePairEquationHolds() {
        final int d = 4;
        final double h = 1e-3;
        final double hc = h * C;
        final double noise = Math.sqrt(2 * KAPPA / (BETA * N));
        final double[] lambda = {1.3, 1.0, 0.995, 0.4};
        final double[] z = {0.3, -0.2, 0.1, 0.25};
        final double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            y[i] = lambda[i] + noise * z[i] * Math.sqrt(h);
        }
        final double[] dW = new double[d];
        for (int i = 0; i < d; i++) {
            dW[i] = z[i] * Math.sqrt(h);
        }
        // y ≈ (1.3067, 0.9955, 0.9972, 0.4056): values 2 and 3 have crossed (gap −0.0017), the others are far
        final double gap12 = y[1] - y[2];
        assertTrue(Math.abs(gap12) < 8 * Math.sqrt(hc) && y[0] - y[1] > 8 * Math.sqrt(hc) && y[2] - y[3] > 8 * Math.sqrt(hc),
                "the fixture must have exactly one near pair (2, 3)");
        final double[] mu0 = pass(y, y, hc, new int[] {1});
        final double[] mu1 = pass(y, mu0, hc, new int[] {1});
        final double[] mu2 = pass(y, mu1, hc, new int[] {1});
        // the two-particle equation of the last pass: g = p + 2hc/g, residual at round-off
        final double rI = drift(mu1, 1, 2) + 1 / (mu1[1] + mu1[2]);
        final double rJ = drift(mu1, 2, 1) + 1 / (mu1[1] + mu1[2]);
        final double g = mu2[1] - mu2[2];
        final double p = y[1] - y[2] + hc * (rI - rJ);
        assertEquals(0, g - p - 2 * hc / g, 1e-12 * Math.abs(g), "two-particle equation");
        assertEquals(y[1] + y[2] + hc * (rI + rJ), mu2[1] + mu2[2], 1e-14, "pair sum");

        final LayerValueStep step = new LayerValueStep(d, N, BETA, KAPPA, false, LambdaStep.PAIR_IMPLICIT);
        final double[] state = lambda.clone();
        final int[] perm = new int[d];
        final boolean[] flipped = new boolean[d];
        assertEquals(Status.OK, step.apply(state, new double[d], h, dW, 0, 1, perm, flipped));
        for (int i = 0; i < d; i++) {
            assertEquals(mu2[i], state[i], 1e-14, "lambda*_" + (i + 1));
        }
        assertArrayEquals(new int[] {0, 1, 2, 3}, perm);
        assertEquals(0, step.iterations(), "no Newton iteration");
        assertEquals(0, step.fallbacks(), "no fallback");
        // the implicit step's exact solution of μ = y + hc∇Φ(μ) is close (two sweeps contract the
        // explicit error hc²/g³ ≈ 4e-6 at the far gaps by (hc/g²)² ≤ 1e-3 each): 1e-7 is generous
        final double[] exact = lambda.clone();
        final LayerValueStep newton = new LayerValueStep(d, N, BETA, KAPPA, false, LambdaStep.IMPLICIT);
        assertEquals(Status.OK, newton.apply(exact, new double[d], h, dW, 0, 1, new int[d], new boolean[d]));
        for (int i = 0; i < d; i++) {
            assertEquals(exact[i], state[i], 1e-7, "pair-implicit vs implicit, lambda_" + (i + 1));
        }
    }

    /** A tied pair is solved exactly (no Newton); a tied triple falls back to the Newton solve, bit for bit. */
    @Test
    void tiesArePairedOrFallBackToNewton() {
        final double h = 1e-3;
        final double hc = h * C;
        final LayerValueStep two = new LayerValueStep(2, N, BETA, KAPPA, false, LambdaStep.PAIR_IMPLICIT);
        final double[] pair = {1.0, 1.0};
        assertEquals(Status.OK, two.apply(pair, new double[2], h, new double[2], 0, 1, new int[2], new boolean[2]));
        assertEquals(0, two.fallbacks());
        assertEquals(0, two.iterations());
        assertTrue(pair[0] > pair[1], "the tie is split");
        // at the tie y = (1, 1): p = hc·0 for the first pass, g = sqrt(2hc) up to the sweeps' plus-term corrections
        assertEquals(Math.sqrt(2 * hc), pair[0] - pair[1], 1e-3 * Math.sqrt(hc));

        final double[] triple = {1.0, 1.0, 1.0};
        final double[] viaNewton = triple.clone();
        final LayerValueStep three = new LayerValueStep(3, N, BETA, KAPPA, false, LambdaStep.PAIR_IMPLICIT);
        assertEquals(Status.OK, three.apply(triple, new double[3], h, new double[3], 0, 1, new int[3], new boolean[3]));
        assertEquals(1, three.fallbacks(), "a tied triple is not a pair: Newton");
        assertTrue(three.iterations() > 0);
        assertEquals(Status.OK, new LayerValueStep(3, N, BETA, KAPPA, false, LambdaStep.IMPLICIT)
                .apply(viaNewton, new double[3], h, new double[3], 0, 1, new int[3], new boolean[3]));
        assertArrayEquals(viaNewton, triple, 0.0, "the fallback is the implicit step");
    }

    /** X(0) = I is accepted and integrates (d = 3, every value tied at the start). */
    @Test
    void identityStartIsSupported() {
        final SvdFrameScheme scheme = new SvdFrameScheme(LambdaStep.PAIR_IMPLICIT);
        final DlnModel identity = new DlnModel(3, N, BETA, KAPPA, true, new ConfiningEnergy(1), new DlnInitial.Identity(1));
        assertNull(scheme.unsupportedReason(identity));
        final DlnStepper stepper = scheme.newStepper(identity, 1e-3);
        final RandomStream stream = Streams.of(TestSeeds.seed(), 0);
        final DMatrixRMaj X = new DMatrixRMaj(3, 3);
        identity.initialMatrix(stream, X);
        assertEquals(Status.OK, stepper.reset(X, stream));
        assertEquals(Status.OK, stepper.advanceTo(0.5, stream), "seed " + TestSeeds.seed());
        final double[] sigma = new double[3];
        stepper.state(X, sigma);
        assertTrue(sigma[0] > sigma[1] && sigma[1] > sigma[2] && sigma[2] >= 0, java.util.Arrays.toString(sigma));
    }

    /** pair-implicit is the default λ-step: the constructors without one take it, and it prints as plain svd-frame. */
    @Test
    void isTheDefault() {
        assertSame(LambdaStep.PAIR_IMPLICIT, LambdaStep.DEFAULT);
        assertSame(LambdaStep.PAIR_IMPLICIT, new SvdFrameScheme().lambdaStep());
        assertSame(LambdaStep.PAIR_IMPLICIT, new SvdFrameScheme(7).lambdaStep());
        assertEquals("svd-frame", new SvdFrameScheme(LambdaStep.PAIR_IMPLICIT).toString());
        assertEquals("svd-frame(lambda_step=implicit)", new SvdFrameScheme(LambdaStep.IMPLICIT).toString());
        assertEquals("svd-frame(lambda_step=tamed)", new SvdFrameScheme(LambdaStep.TAMED).toString());
    }
}
