package dlmc.core.scheme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.model.DysonModel;
import dlmc.core.model.InitialCondition;
import dlmc.core.model.Normalization;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.TestSeeds;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Contracts shared by the eigenvalue schemes (unit tier: deterministic, no statistics). */
class SchemeContractTest {
    /** Irregular save times, not multiples of the step. */
    private static final double[] SAVE_TIMES = {0.0137, 0.05, 0.1, 0.31415};
    private static final double DT = 0.01;

    static Stream<Arguments> schemesAndModels() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (DysonScheme scheme : new DysonScheme[] {new EulerMaruyamaScheme(), new ImplicitScheme()}) {
            for (Normalization norm : Normalization.values()) {
                for (double beta : new double[] {0.5, 1, 2, 3, 4}) {
                    DysonModel model = new DysonModel(beta, 6, norm, new InitialCondition.Zero());
                    if (scheme.unsupportedReason(model) == null) {
                        b.add(Arguments.of(scheme, model));
                    }
                }
            }
        }
        return b.build();
    }

    private static double time(DysonStepper s) {
        return s instanceof EulerMaruyamaStepper em ? em.time() : ((ImplicitStepper) s).time();
    }

    /** From the zero start: every save time is hit exactly, the spectrum is finite and strictly ordered. */
    @ParameterizedTest
    @MethodSource("schemesAndModels")
    void savesExactlyAndKeepsOrdering(DysonScheme scheme, DysonModel model) {
        final DysonStepper stepper = scheme.newStepper(model, DT);
        final RandomStream stream = Streams.of(TestSeeds.seed(), 7);
        final double[] lambda = new double[model.n()];
        stepper.reset(lambda);
        for (double t : SAVE_TIMES) {
            assertEquals(Status.OK, stepper.advanceTo(t, stream), scheme + " " + model);
            assertEquals(t, time(stepper), 0.0, "save time must be hit exactly");
            stepper.spectrum(lambda);
            assertTrue(Chamber.allFinite(lambda, lambda.length) && Chamber.strictlyAscending(lambda, lambda.length),
                    Arrays.toString(lambda));
        }
        assertTrue(stepper.steps() >= Math.ceil(SAVE_TIMES[SAVE_TIMES.length - 1] / DT));
    }

    /** Same (seed, id) gives bit-identical results with a fresh or a reused stepper; another id differs. */
    @ParameterizedTest
    @MethodSource("schemesAndModels")
    void resultsDependOnlyOnSeedAndTrajectoryId(DysonScheme scheme, DysonModel model) {
        final long seed = TestSeeds.seed();
        final double[] a = run(scheme.newStepper(model, DT), seed, 3, model.n());
        final DysonStepper reused = scheme.newStepper(model, DT);
        run(reused, seed, 4, model.n());
        final double[] b = run(reused, seed, 3, model.n());
        final double[] c = run(scheme.newStepper(model, DT), seed, 5, model.n());
        assertArrayEquals(a, b, 0.0);
        assertFalse(Arrays.equals(a, c));
    }

    private static double[] run(DysonStepper stepper, long seed, long id, int n) {
        final RandomStream stream = Streams.of(seed, id);
        final double[] out = new double[n];
        stepper.reset(new double[] {-1, -0.5, -0.1, 0.1, 0.5, 1});
        for (double t : SAVE_TIMES) {
            assertEquals(Status.OK, stepper.advanceTo(t, stream));
        }
        stepper.spectrum(out);
        return out;
    }

    /** A NaN or infinite state is reported as a status, never thrown; the state is left as it was. */
    @ParameterizedTest
    @MethodSource("schemesAndModels")
    void nonFiniteStateIsAStatus(DysonScheme scheme, DysonModel model) {
        final DysonStepper stepper = scheme.newStepper(model, DT);
        final RandomStream stream = Streams.of(TestSeeds.seed(), 8);
        final double[] bad = {-1, 0, Double.NaN, 1, 2, 3};
        stepper.reset(bad);
        assertEquals(Status.NON_FINITE, stepper.advanceTo(0.1, stream));
        bad[2] = Double.POSITIVE_INFINITY;
        stepper.reset(bad);
        assertEquals(Status.NON_FINITE, stepper.advanceTo(0.1, stream));
        final double[] out = new double[6];
        stepper.spectrum(out);
        assertArrayEquals(bad, out, 0.0);
    }

    /**
     * One EM step is exactly λ + b(λ)Δt + σ sqrt(Δt) ξ with ξ the stream's next n Gaussians (here
     * the gaps are large, so the adaptive rule and the ordering check do not intervene).
     */
    @Test
    void eulerMaruyamaStepIsTheFormula() {
        for (Normalization norm : Normalization.values()) {
            final DysonModel model = new DysonModel(2, 3, norm, new InitialCondition.Zero());
            final double[] l0 = {-30, 1, 40};
            final double h = 1e-4;
            final DysonStepper stepper = new EulerMaruyamaScheme().newStepper(model, h);
            stepper.reset(l0);
            assertEquals(Status.OK, stepper.advanceTo(h, Streams.of(11, 12)));
            final double[] got = new double[3];
            stepper.spectrum(got);
            final double[] xi = new double[3];
            Streams.of(11, 12).gaussians(xi, 0, 3);
            final double[] b = new double[3];
            model.drift(l0, b);
            for (int i = 0; i < 3; i++) {
                final double expected = l0[i] + b[i] * h + Math.sqrt(model.noiseVariance()) * (Math.sqrt(h) * xi[i]);
                assertEquals(expected, got[i], 1e-15 * Math.abs(expected), norm.key());
            }
            assertEquals(1, stepper.steps());
        }
    }

    /**
     * Reject-and-halve: with the adaptive rule switched off (huge ε) and a long Δt_max, proposals
     * cross and are halved on the Brownian bridge; the trajectory stays ordered and counts them.
     */
    @Test
    void rejectAndHalveKeepsOrderingAndCounts() {
        final DysonModel model = new DysonModel(1, 8, Normalization.D1, new InitialCondition.Zero());
        final DysonStepper stepper = new EulerMaruyamaScheme(1e6, 60, 100_000_000L).newStepper(model, 0.5);
        final RandomStream stream = Streams.of(TestSeeds.seed(), 9);
        final double[] lambda = new double[8];
        stepper.reset(new double[] {-3, -2, -1, 0, 1, 2, 3, 4});
        for (int k = 1; k <= 20; k++) {
            assertEquals(Status.OK, stepper.advanceTo(0.5 * k, stream));
            stepper.spectrum(lambda);
            assertTrue(Chamber.strictlyAscending(lambda, 8), Arrays.toString(lambda));
        }
        assertTrue(stepper.rejectedSteps() > 0, "expected rejections, got none");
    }

    /** Step limit per save interval is a status; the state stays finite and ordered. */
    @Test
    void stepLimitIsAStatus() {
        final DysonModel model = new DysonModel(2, 4, Normalization.D2, new InitialCondition.Zero());
        final DysonStepper stepper = new EulerMaruyamaScheme(0.1, 60, 50).newStepper(model, 0.01);
        stepper.reset(new double[] {-1, 0, 1e-3, 1});
        assertEquals(Status.STEP_LIMIT, stepper.advanceTo(1.0, Streams.of(1, 1)));
        final double[] out = new double[4];
        stepper.spectrum(out);
        assertTrue(Chamber.allFinite(out, 4) && Chamber.strictlyAscending(out, 4));
    }

    @Test
    void infoAndSupport() {
        final SchemeInfo em = new EulerMaruyamaScheme().info();
        assertEquals("euler-maruyama", em.name());
        assertEquals(1.0, em.strongOrder());
        assertEquals(1.0, em.weakOrder());
        assertEquals("Ito", em.calculus());
        final SchemeInfo imp = new ImplicitScheme().info();
        assertEquals("implicit", imp.name());
        assertEquals(1.0, imp.strongOrder());
        assertEquals(1.0, imp.weakOrder());
        assertEquals("Ito", imp.calculus());
        final DysonModel colliding = new DysonModel(0.5, 3, Normalization.OU, new InitialCondition.Zero());
        final String reason = new EulerMaruyamaScheme().unsupportedReason(colliding);
        assertNotNull(reason);
        assertTrue(reason.contains("implicit") && reason.contains("0.5"), reason);
        assertNull(new ImplicitScheme().unsupportedReason(colliding));
        assertThrows(IllegalArgumentException.class, () -> new EulerMaruyamaScheme().newStepper(colliding, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new EulerMaruyamaScheme(0, 60, 10));
        assertThrows(IllegalArgumentException.class, () -> new ImplicitScheme().newStepper(colliding, -1));
    }
}
