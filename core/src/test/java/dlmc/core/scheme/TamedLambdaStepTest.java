package dlmc.core.scheme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.energy.ConfiningEnergy;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The tamed explicit λ-step of math-spec §6.4 step 4 ({@link LambdaStep#TAMED}) against a direct
 * evaluation of the formula
 * <pre>
 *   b_i = −λ_i^{N−1} g_i + (κ/(βN)) Σ_{j≠i} 2λ_i/(λ_i² − λ_j²) + (1/(βN)) ∂S/∂λ_i,
 *   ∂S/∂λ_i = Σ_{j≠i} [N λ_i^{2N−1}/(λ_i^{2N} − λ_j^{2N}) − λ_i/(λ_i² − λ_j²)]   (§3.4, quotient form),
 *   λ*_i = λ_i + Δt b_i/(1 + Δt‖b‖₂) + sqrt(2κ/(βN)) ΔW_i,
 * </pre>
 * then reflection at 0 and descending order (§6.4 steps 5–6), with fixed increments chosen so that
 * two values cross and one goes below 0. Tolerance {@link #REL}: the code evaluates the interaction
 * as 1/(λ_i − λ_j) + 1/(λ_i + λ_j) and the entropy by the finite sum (round-off only).
 */
class TamedLambdaStepTest {
    /** Relative tolerance: a few ulps of λ* (the drift enters multiplied by Δt). */
    private static final double REL = 1e-14;

    /** λ* before reflection and ordering, by the formula of the class comment. */
    static double[] direct(double[] lambda, double[] g, double h, double[] dW, int N, double beta, double kappa,
                           boolean entropy) {
        final int d = lambda.length;
        final double[] b = new double[d];
        double norm2 = 0;
        for (int i = 0; i < d; i++) {
            double inter = 0;
            double dS = 0;
            for (int j = 0; j < d; j++) {
                if (j == i) {
                    continue;
                }
                final double li = lambda[i];
                final double lj = lambda[j];
                inter += 2 * li / (li * li - lj * lj);
                dS += N * Math.pow(li, 2 * N - 1) / (Math.pow(li, 2 * N) - Math.pow(lj, 2 * N)) - li / (li * li - lj * lj);
            }
            b[i] = -Math.pow(lambda[i], N - 1) * g[i] + kappa / (beta * N) * inter + (entropy ? dS / (beta * N) : 0);
            norm2 += b[i] * b[i];
        }
        final double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            out[i] = lambda[i] + h * b[i] / (1 + h * Math.sqrt(norm2)) + Math.sqrt(2 * kappa / (beta * N)) * dW[i];
        }
        return out;
    }

    private static void assertRel(double expected, double actual, String what) {
        assertEquals(expected, actual, REL * Math.abs(expected), what);
    }

    @Test
    void oneStepMatchesTheFormulaWithCrossingAndReflection() {
        final int d = 3;
        final int N = 2;
        final double beta = 2;
        final double kappa = 1;
        final double h = 0.01;
        final double[] lambda = {1.2, 1.1, 0.05};
        final double[] g = {0.7, -0.3, 0.4};
        final double[] z = {-0.2, 0.15, -0.15};
        // increments laid out as the diagonal of a d×d row-major matrix (offset 0, stride d + 1), as svd-frame passes them
        final double[] dB = new double[d * d];
        for (int i = 0; i < d; i++) {
            dB[i * (d + 1)] = z[i];
            for (int j = 0; j < d; j++) {
                if (j != i) {
                    dB[i * d + j] = 99; // off-diagonal entries must not be read
                }
            }
        }
        final double[] star = direct(lambda, g, h, z, N, beta, kappa, true);
        assertTrue(star[1] > star[0] && star[2] < 0, "the increments must make 1 and 2 cross and 3 negative");
        final LayerValueStep step = new LayerValueStep(d, N, beta, kappa, true, LambdaStep.TAMED);
        final double[] state = lambda.clone();
        final int[] perm = new int[d];
        final boolean[] flipped = new boolean[d];
        assertEquals(Status.OK, step.apply(state, g, h, dB, 0, d + 1, perm, flipped));
        assertRel(star[1], state[0], "lambda*_1 (old index 2)");
        assertRel(star[0], state[1], "lambda*_2 (old index 1)");
        assertRel(-star[2], state[2], "lambda*_3 (reflected)");
        assertArrayEquals(new int[] {1, 0, 2}, perm);
        assertArrayEquals(new boolean[] {false, false, true}, flipped);
        assertEquals(0, step.iterations(), "no Newton solve in the tamed step");
    }

    /** Without entropy, and with κ = 0 (no interaction, no noise: then the step is the implicit one's smooth part). */
    @Test
    void entropyOffAndNoInteraction() {
        final double h = 0.02;
        final double[] lambda = {1.5, 0.8, 0.3, 0.1};
        final double[] g = {0.2, 0.9, -0.4, 0.05};
        final double[] z = {0.01, -0.03, 0.02, 0.04};
        final double[] star = direct(lambda, g, h, z, 3, 1.5, 0.7, false);
        final double[] state = lambda.clone();
        final LayerValueStep step = new LayerValueStep(4, 3, 1.5, 0.7, false, LambdaStep.TAMED);
        assertEquals(Status.OK, step.apply(state, g, h, z, 0, 1, new int[4], new boolean[4]));
        for (int i = 0; i < 4; i++) {
            assertRel(star[i], state[i], "entropy off, lambda_" + (i + 1));
        }
        final double[] still = lambda.clone();
        final double[] tamedState = lambda.clone();
        new LayerValueStep(4, 3, 1.5, 0, true, LambdaStep.IMPLICIT).apply(still, g, h, z, 0, 1, new int[4], new boolean[4]);
        new LayerValueStep(4, 3, 1.5, 0, true, LambdaStep.TAMED).apply(tamedState, g, h, z, 0, 1, new int[4], new boolean[4]);
        assertArrayEquals(still, tamedState, 0.0, "kappa = 0: both modes take the same tamed smooth step");
    }

    /** A tie makes the explicit interaction infinite: COLLISION, state untouched; not so without interaction. */
    @Test
    void tiesGiveCollisionAndLeaveTheStateUnchanged() {
        final double[] tie = {1.0, 1.0, 0.5};
        final double[] copy = tie.clone();
        final LayerValueStep step = new LayerValueStep(3, 2, 2, 1, true, LambdaStep.TAMED);
        assertEquals(Status.COLLISION, step.apply(tie, new double[3], 0.01, new double[3], 0, 1, new int[3], new boolean[3]));
        assertArrayEquals(copy, tie, 0.0);
        final double[] zeros = {0.7, 0.0, 0.0};
        assertEquals(Status.COLLISION, step.apply(zeros, new double[3], 0.01, new double[3], 0, 1, new int[3], new boolean[3]));
        assertTrue(LayerValueStep.hasTie(new double[] {1, 1 - 1e-13, 0.5}, 3));
        assertTrue(!LayerValueStep.hasTie(new double[] {1, 1 - 1e-9, 0.5}, 3));
        final double[] tieAgain = {1.0, 1.0, 0.5};
        final LayerValueStep noInteraction = new LayerValueStep(3, 2, Double.POSITIVE_INFINITY, 1, true, LambdaStep.TAMED);
        assertEquals(Status.OK, noInteraction.apply(tieAgain, new double[3], 0.01, new double[3], 0, 1, new int[3], new boolean[3]));
    }

    /**
     * The whole svd-frame step (§6.4 steps 1–7) with the tamed λ-update, from a diagonal X0 and
     * diagonal increments only, for E = ½‖X‖² ((G_E)_ii = σ_i, off-diagonal 0): the frame
     * increment a is 0, so U_δ = V_δ = I and X_new = U diag(σ*) Vᵀ must be diag(sign(λ*_i)|λ*_i|^N)
     * in the old index order — the re-order permutes U and V, the reflection flips a column of V.
     */
    @Test
    void frameStepPlacesTheReorderedAndReflectedValues() {
        final int N = 2;
        final double h = 0.01;
        final double[] sigma0 = {1.0, 0.9, 0.01};
        final double[][] x0 = {{sigma0[0], 0, 0}, {0, sigma0[1], 0}, {0, 0, sigma0[2]}};
        final DlnModel model = new DlnModel(3, N, 2, 1, true, new ConfiningEnergy(1), new DlnInitial.Matrix(x0));
        final SvdFrameStepper f = (SvdFrameStepper) new SvdFrameScheme(LambdaStep.TAMED).newStepper(model, h);
        assertEquals(Status.OK, f.reset(new DMatrixRMaj(x0), null));
        final double[] lambda = f.layerValues().clone();
        final double[] z = {-0.3, 0.3, -0.3};
        final double[] dB = new double[9];
        for (int i = 0; i < 3; i++) {
            dB[i * 4] = z[i];
        }
        final double[] star = direct(lambda, sigma0, h, z, N, 2, 1, true);
        assertTrue(star[1] > star[0] && star[2] < 0, "crossing and reflection expected");
        assertEquals(Status.OK, f.stepWithIncrement(h, dB));
        final DMatrixRMaj X = new DMatrixRMaj(3, 3);
        final double[] sigma = new double[3];
        f.state(X, sigma);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                final double expected = i == j ? Math.signum(star[i]) * Math.pow(Math.abs(star[i]), N) : 0;
                assertEquals(expected, X.get(i, j), REL * 2, "X_" + (i + 1) + (j + 1));
            }
        }
        assertRel(star[1] * star[1], sigma[0], "sigma_1");
        assertRel(star[0] * star[0], sigma[1], "sigma_2");
        assertRel(star[2] * star[2], sigma[2], "sigma_3");
        assertTrue(f.orthogonalityResidual() < 1e-15, "orthogonality " + f.orthogonalityResidual());
    }

    /** Deterministic starts with tied singular values are refused (config time) and fail at reset. */
    @Test
    void tiedStartsAreRefused() {
        final SvdFrameScheme tamed = new SvdFrameScheme(LambdaStep.TAMED);
        final DlnModel identity = new DlnModel(3, 2, 2, 1, true, new ConfiningEnergy(1), new DlnInitial.Identity(1));
        assertNotNull(tamed.unsupportedReason(identity));
        assertTrue(tamed.unsupportedReason(identity).contains("lambda_step tamed"), tamed.unsupportedReason(identity));
        assertTrue(tamed.unsupportedReason(identity).contains("use the default lambda_step pair-implicit"),
                tamed.unsupportedReason(identity));
        assertThrows(IllegalArgumentException.class, () -> tamed.newStepper(identity, 0.01));
        assertNull(new SvdFrameScheme().unsupportedReason(identity));
        assertNull(new SvdFrameScheme(LambdaStep.IMPLICIT).unsupportedReason(identity));
        assertNull(tamed.unsupportedReason(new DlnModel(3, 2, 2, 1, true, new ConfiningEnergy(1), new DlnInitial.Ginibre(1))));
        assertNull(tamed.unsupportedReason(new DlnModel(3, 2, 2, 0, true, new ConfiningEnergy(1), new DlnInitial.Identity(1))),
                "kappa = 0: no interaction");
        assertNull(tamed.unsupportedReason(new DlnModel(1, 2, 2, 1, true, new ConfiningEnergy(1), new DlnInitial.Identity(1))),
                "d = 1: no interaction");
        // an orthogonal-times-2 start: singular values (2, 2) up to rounding
        final double c = Math.cos(0.3);
        final double s = Math.sin(0.3);
        final DlnModel rotation = new DlnModel(2, 3, 2, 1, true, new ConfiningEnergy(1),
                new DlnInitial.Matrix(new double[][] {{2 * c, -2 * s}, {2 * s, 2 * c}}));
        assertNotNull(tamed.unsupportedReason(rotation));
        // a stepper built for a random start, reset at a tie: COLLISION (the trajectory is recorded as failed)
        final DlnModel random = new DlnModel(3, 2, 2, 1, true, new ConfiningEnergy(1), new DlnInitial.Ginibre(1));
        final DlnStepper stepper = tamed.newStepper(random, 0.01);
        assertEquals(Status.COLLISION, stepper.reset(new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 0.5}}), null));
        assertEquals(Status.OK, stepper.reset(new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 0.9, 0}, {0, 0, 0.5}}), null));
    }
}
