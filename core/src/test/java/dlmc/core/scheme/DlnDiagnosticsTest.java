package dlmc.core.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.energy.ConfiningEnergy;
import dlmc.core.energy.NoEnergy;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.TestSeeds;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The per-trajectory scheme diagnostics of {@link DlnStepper}: re-orders and reflections of the
 * λ-update (math-spec §6.4 steps 5–6) and matrix-em's steps in §6.3's biased region, checked
 * exactly on single steps whose outcome is known.
 */
class DlnDiagnosticsTest {

    private static DlnModel model(int d, int depth, boolean entropy, double[][] x0) {
        return new DlnModel(d, depth, 2, 1, entropy, new NoEnergy(), new DlnInitial.Matrix(x0));
    }

    private static RandomStream stream() {
        return Streams.of(TestSeeds.seed(), 0);
    }

    /**
     * One matrix-em step of h = 10⁻³ from X0 = diag(8, σ) at depth N = 3 (λ_1 = 2) is counted iff
     * λ_2 &lt; (λ_1^{2N−4} h)^{1/4} = (4h)^{1/4} = 0.25149, i.e. σ = λ_2³ &lt; 0.015906: the
     * threshold of §6.3, tested close on both sides (a wrong power of λ_1 moves it past them).
     */
    @Test
    void matrixEmCountsAStepByTheBiasedRegionThreshold() {
        final double h = 1e-3;
        for (double sigma : new double[] {0.0150, 0.0156, 0.0162, 0.0170}) {
            final double[][] x0 = {{8, 0}, {0, sigma}};
            final DlnStepper s = new MatrixEmScheme().newStepper(model(2, 3, true, x0), h);
            assertEquals(Status.OK, s.reset(new DMatrixRMaj(x0), stream()));
            assertEquals(0, s.biasedRegimeSteps());
            assertEquals(Status.OK, s.advanceTo(h, stream()));
            assertEquals(1, s.steps());
            final boolean inside = Math.cbrt(sigma) < Math.pow(4 * h, 0.25);
            assertEquals(inside ? 1 : 0, s.biasedRegimeSteps(), "sigma_2 = " + sigma);
        }
    }

    /** Over a path the count is between 0 and the number of steps, reset by reset; −1 at depth 1 and for svd-frame. */
    @Test
    void matrixEmCountIsAPartOfTheStepsAndOnlyForDepthTwoOrMore() {
        // λ_2 ≈ 0.1 < h^{1/4} = 0.178 (N = 2) at the start: the first step is counted
        final double[][] x0 = {{1.2, 0.1}, {0.0, 0.01}};
        final DlnModel m = new DlnModel(2, 2, 2, 1, true, new ConfiningEnergy(1), new DlnInitial.Matrix(x0));
        final DlnStepper s = new MatrixEmScheme().newStepper(m, 1e-3);
        final RandomStream r = stream();
        assertEquals(Status.OK, s.reset(new DMatrixRMaj(x0), r));
        assertEquals(Status.OK, s.advanceTo(0.2, r));
        assertTrue(s.biasedRegimeSteps() > 0 && s.biasedRegimeSteps() <= s.steps(),
                s.biasedRegimeSteps() + " of " + s.steps() + " steps");
        assertEquals(Status.OK, s.reset(new DMatrixRMaj(x0), r));
        assertEquals(0, s.biasedRegimeSteps());

        final DlnStepper n1 = new MatrixEmScheme().newStepper(model(2, 1, false, x0), 1e-3);
        assertEquals(Status.OK, n1.reset(new DMatrixRMaj(x0), r));
        assertEquals(Status.OK, n1.advanceTo(0.01, r));
        assertEquals(-1, n1.biasedRegimeSteps());
        assertEquals(-1, n1.reorders());
        assertEquals(-1, new SvdFrameScheme().newStepper(m, 1e-3).biasedRegimeSteps());
    }

    /**
     * svd-frame with the tamed λ-step (d = 2, N = 1, β = 2, κ = 1, E = 0): λ_i* = λ_i + O(h) +
     * dB_ii from λ = (1, 0.5) (the noise factor √(2κ/(βN)) is 1; the drift moves λ by ~10⁻³). A
     * diagonal increment of −0.8 on λ_2 sends it to ≈ −0.3: reflected, not re-ordered; +1 sends
     * it to ≈ 1.5 > λ_1: re-ordered, not reflected; −2 to ≈ −1.5, reflected to 1.5: both.
     */
    @Test
    void svdFrameCountsReflectionsAndReordersOfTheLambdaUpdate() {
        final double[][] x0 = {{1, 0}, {0, 0.5}};
        final double[][] cases = {{0, 0, 0}, {-0.8, 1, 0}, {1, 0, 1}, {-2, 1, 1}}; // dB_22, reflections, reorders
        for (double[] c : cases) {
            final SvdFrameStepper s = (SvdFrameStepper) new SvdFrameScheme(LambdaStep.TAMED)
                    .newStepper(model(2, 1, false, x0), 1e-3);
            assertEquals(Status.OK, s.reset(new DMatrixRMaj(x0), stream()));
            assertEquals(Status.OK, s.stepWithIncrement(1e-3, new double[] {0, 0, 0, c[0]}));
            assertEquals(1, s.steps());
            assertEquals((long) c[1], s.reflections(), "dB_22 = " + c[0] + ": reflections");
            assertEquals((long) c[2], s.reorders(), "dB_22 = " + c[0] + ": reorders");
            final double[] sigma = new double[2];
            s.state(new DMatrixRMaj(2, 2), sigma);
            assertTrue(sigma[0] >= sigma[1] && sigma[1] >= 0, "descending and non-negative after the step");
        }
    }

    /** The singular-values scheme (§6.5) counts too (never −1), within its steps. */
    @Test
    void singularValuesCountsWithinItsSteps() {
        final double[][] x0 = {{1, 0}, {0, 0.02}};
        final DlnModel m = new DlnModel(2, 2, 2, 1, true, new ConfiningEnergy(1), new DlnInitial.Matrix(x0));
        final DlnStepper s = new SingularValueScheme().newStepper(m, 1e-2);
        final RandomStream r = stream();
        assertEquals(Status.OK, s.reset(new DMatrixRMaj(x0), r));
        assertEquals(Status.OK, s.advanceTo(1.0, r));
        assertTrue(s.reflections() >= 0 && s.reflections() <= s.steps(), s.reflections() + " of " + s.steps());
        assertTrue(s.reorders() >= 0 && s.reorders() <= s.steps(), s.reorders() + " of " + s.steps());
        assertEquals(-1, s.biasedRegimeSteps());
    }
}
