package dlmc.core.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.model.DysonModel;
import dlmc.core.model.InitialCondition;
import dlmc.core.model.Normalization;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.TestSeeds;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Oracle O19 (math-spec §5.2) through the eigenvalue SDE: D1, n = 2, from the zero start,
 * q = β s²/(4t) ~ χ²_{β+1} with s = λ₂ − λ₁. Derivation: s solves ds = sqrt(4/β) dW + (2/s) dt,
 * so R = s sqrt(β/4) solves dR = dW + (β/2)/R dt, a Bessel process of dimension δ = β + 1, and
 * R_t²/t ~ χ²_δ from R₀ = 0 (squared Bessel law from 0). For 0 &lt; β &lt; 1 (δ ∈ (1, 2)) the
 * Bessel process hits 0 and is instantaneously reflected; it is still the unique non-negative
 * solution of dR = dW + (δ−1)/(2R) dt (the drift is integrable for δ &gt; 1), which is the
 * Cépa–Lépingle ordered process for n = 2, and its law from 0 is still χ_δ. So the same oracle
 * holds for the implicit scheme at β = 0.5.
 *
 * <p>One KS test per (scheme, β), each at level α = 1e-3 (its false-failure probability; one
 * statistic per test, no Bonferroni needed). Discretisation bias, measured with M = 10⁵ paths
 * (KS distance to χ²_{β+1}): implicit at Δt = 0.002, t = 1: D ≈ 0.004 (β = 0.5 and 4);
 * EM at Δt_max = 0.01, ε = 0.1: D ≈ 0.005 (β = 4), 0.003 (β = 1). The KS critical value at
 * α = 1e-3 is 1.95/sqrt(M) = 0.0195 (M = 10⁴) and 0.0276 (M = 5000), i.e. 4–7 times the bias.
 * The law is scale invariant (s(t) ~ sqrt(t) s(1)), so only Δt/t matters.
 */
class TwoByTwoLawTest {
    private static final double ALPHA = 1e-3;
    private static final double T = 1.0;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new EulerMaruyamaScheme(), 1.0, 0.01, 5_000),
                Arguments.of(new EulerMaruyamaScheme(), 2.0, 0.01, 10_000),
                Arguments.of(new EulerMaruyamaScheme(), 4.0, 0.01, 10_000),
                Arguments.of(new ImplicitScheme(), 0.5, 0.002, 10_000),
                Arguments.of(new ImplicitScheme(), 1.0, 0.002, 10_000),
                Arguments.of(new ImplicitScheme(), 2.0, 0.002, 10_000),
                Arguments.of(new ImplicitScheme(), 3.0, 0.002, 10_000),
                Arguments.of(new ImplicitScheme(), 4.0, 0.002, 10_000));
    }

    @ParameterizedTest(name = "{0} beta={1}")
    @MethodSource("cases")
    void gapFollowsChiSquaredLaw(DysonScheme scheme, double beta, double dt, int paths) {
        final long seed = TestSeeds.seed();
        final DysonModel model = new DysonModel(beta, 2, Normalization.D1, new InitialCondition.Zero());
        final double[] q = new double[paths];
        final Status[] status = new Status[paths];
        // Trajectories are independent and keyed by id: parallel evaluation gives the same q.
        final ThreadLocal<DysonStepper> steppers = ThreadLocal.withInitial(() -> scheme.newStepper(model, dt));
        final ThreadLocal<RandomStream> streams = ThreadLocal.withInitial(() -> Streams.of(seed, 0));
        IntStream.range(0, paths).parallel().forEach(id -> {
            final DysonStepper stepper = steppers.get();
            final RandomStream stream = streams.get();
            stream.reset(seed, id);
            stepper.reset(new double[2]);
            status[id] = stepper.advanceTo(T, stream);
            final double[] lambda = new double[2];
            stepper.spectrum(lambda);
            final double s = lambda[1] - lambda[0];
            q[id] = beta * s * s / (4 * T);
        });
        for (int id = 0; id < paths; id++) {
            assertEquals(Status.OK, status[id], "trajectory " + id + ", seed " + seed);
        }
        final ChiSquaredDistribution chi2 = ChiSquaredDistribution.of(beta + 1);
        final KolmogorovSmirnovTest.OneResult ks = KolmogorovSmirnovTest.withDefaults()
                .test(q, chi2::cumulativeProbability);
        assertTrue(ks.getPValue() > ALPHA, () -> scheme.info().name() + " beta=" + beta + " dt=" + dt + " M=" + paths
                + ": KS D = " + ks.getStatistic() + ", p = " + ks.getPValue() + ", seed " + seed);
    }
}
