package dlmc.core.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.model.DysonModel;
import dlmc.core.model.InitialCondition;
import dlmc.core.model.Normalization;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.TestSeeds;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ImplicitStepSolverTest {
    /** Steps from far below to far above the natural scales (gap², 1/θ). */
    private static final double[] STEPS = {1e-9, 1e-5, 1e-2, 1, 100};

    /**
     * The returned μ satisfies the optimality condition μ − h b(μ) = y (∇F = 0), recomputed here
     * independently, to the solver tolerance, and is strictly ordered; for ordered, unordered and
     * tied targets, clustered states and steps from 1e-9 to 100.
     */
    @ParameterizedTest
    @EnumSource(Normalization.class)
    void solutionSatisfiesTheOptimalityCondition(Normalization norm) {
        final int n = 7;
        final DysonModel model = new DysonModel(0.5, n, norm, new InitialCondition.Zero());
        final ImplicitStep step = new ImplicitStep(model);
        final RandomStream stream = Streams.of(TestSeeds.seed(), 3);
        final double[] lambda = new double[n];
        final double[] b = new double[n];
        int worstIterations = 0;
        for (int rep = 0; rep < 60; rep++) {
            for (double h : STEPS) {
                initialState(rep % 4, lambda, stream);
                final double[] before = lambda.clone();
                final Status s = step.apply(lambda, h, stream);
                assertEquals(Status.OK, s, "h = " + h + ", start " + Arrays.toString(before));
                assertTrue(Chamber.strictlyAscending(lambda, n), Arrays.toString(lambda));
                final double[] y = step.lastTarget();
                model.drift(lambda, b);
                double r = 0;
                double scale = 0;
                for (int i = 0; i < n; i++) {
                    r = Math.max(r, Math.abs(lambda[i] - y[i] - h * b[i]));
                    scale = Math.max(scale, Math.abs(lambda[i]) + Math.abs(y[i]) + h * Math.abs(b[i]));
                }
                assertTrue(r <= 3 * ImplicitStepSolver.RESIDUAL_TOLERANCE * scale,
                        "residual " + r + " scale " + scale + " h " + h + " start " + Arrays.toString(before));
                worstIterations = Math.max(worstIterations, step.solver().iterations());
            }
        }
        assertTrue(worstIterations < ImplicitStepSolver.MAX_ITERATIONS);
    }

    /** Zero, spread, clustered (gaps 1e-12) and far-out states. */
    private static void initialState(int kind, double[] lambda, RandomStream stream) {
        final int n = lambda.length;
        switch (kind) {
            case 0 -> Arrays.fill(lambda, 0.0);
            case 1 -> {
                stream.gaussians(lambda, 0, n);
                Arrays.sort(lambda);
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    lambda[i] = 0.3 + 1e-12 * i;
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    lambda[i] = 1e3 + 1e-3 * i * i;
                }
            }
        }
    }

    /** For n = 2, D1, from λ = (0, 0) the solution is explicit: gap s = (d + sqrt(d² + 8h))/2, d = y₂ − y₁. */
    @Test
    void twoParticleStepFromZeroMatchesClosedForm() {
        final DysonModel model = new DysonModel(2, 2, Normalization.D1, new InitialCondition.Zero());
        final ImplicitStep step = new ImplicitStep(model);
        final RandomStream stream = Streams.of(TestSeeds.seed(), 4);
        final double[] lambda = new double[2];
        for (int rep = 0; rep < 100; rep++) {
            Arrays.fill(lambda, 0);
            final double h = 0.01;
            assertEquals(Status.OK, step.apply(lambda, h, stream));
            final double[] y = step.lastTarget();
            final double d = y[1] - y[0];
            final double gap = 0.5 * (d + Math.sqrt(d * d + 8 * h));
            assertEquals(gap, lambda[1] - lambda[0], 1e-12 * (1 + gap));
            assertEquals(y[0] + y[1], lambda[0] + lambda[1], 1e-13);
        }
    }

    @Test
    void nonFiniteTargetIsAStatusNotAnException() {
        final DysonModel model = new DysonModel(2, 3, Normalization.D2, new InitialCondition.Zero());
        final ImplicitStepSolver solver = new ImplicitStepSolver(model);
        final double[] mu = {-1, 0, 1};
        assertEquals(Status.NON_FINITE, solver.solve(new double[] {0, Double.NaN, 1}, 0.1, mu));
        assertEquals(Status.NON_FINITE, solver.solve(new double[] {0, 1, Double.POSITIVE_INFINITY}, 0.1, mu));
    }
}
