package dlmc.core.scheme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.energy.RegressionEnergy;
import dlmc.core.energy.ConfiningEnergy;
import dlmc.core.energy.Energy;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.TestSeeds;
import java.util.Arrays;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Strong order on nested grids sharing one Brownian path (style.md habit 9), slow tier. d = 2,
 * N = 2, κ = 1, entropy on, β = 2 for matrix-em and β = 20 for svd-frame and singular-values (their
 * coefficients are singular at λ-collisions, so their orders hold only away from collisions:
 * measured at β = 2, seed 20250611, svd-frame (implicit λ-step) slope 0.19 (errors 0.246 … 0.123, dominated by paths
 * with near-collisions of λ_1, λ_2, where the frame is ill-determined) and singular-values 0.75;
 * at β = 20: svd-frame 0.53, singular-values 1.02; matrix-em at β = 2: 0.54), X_0 = [[1, 0.3], [0.2, 0.5]] (well inside GL_d), T = 0.25.
 * svd-frame runs with its default λ-step (pair-implicit) and with {@code lambda_step: implicit}
 * (the measurements above are the implicit step's).
 * Per path the increments of the finest grid (h = T/2^10) are drawn once; a level with step
 * T/2^k sums them in blocks (the same path). Error e(h) = E‖X_h(T) − X_ref(T)‖_F (for
 * singular-values: E‖λ_h(T) − λ_ref(T)‖), X_ref the finest grid; levels k = 3 … 8 (6 levels);
 * the slope of log e against log h (least squares) must lie within {@link #WINDOW} of the declared
 * strong order (pre-asymptotic and Monte-Carlo allowance; M = 400 paths give per-level relative
 * s.e. ≈ 5 %, i.e. slope s.e. ≈ 0.03: false failure far below 1e-3).
 */
@Tag("slow")
class DlnStrongOrderSlowTest {
    private static final double T = 0.25;
    private static final int FINEST = 10;
    private static final int[] LEVELS = {3, 4, 5, 6, 7, 8};
    private static final int M = 400;
    private static final double WINDOW = 0.25;
    private static final double[][] X0 = {{1, 0.3}, {0.2, 0.5}};

    static Stream<Arguments> cases() {
        final Energy regression = new RegressionEnergy(new DMatrixRMaj(new double[][] {{1, 0.5}, {-0.3, 0.4}}));
        return Stream.of(Arguments.of(new MatrixEmScheme(), regression, 2.0),
                Arguments.of(new SvdFrameScheme(), regression, 20.0),
                Arguments.of(new SvdFrameScheme(LambdaStep.IMPLICIT), regression, 20.0),
                Arguments.of(new SingularValueScheme(), new ConfiningEnergy(1), 20.0));
    }

    @ParameterizedTest(name = "{0} beta={2}")
    @MethodSource("cases")
    void strongOrder(DlnScheme scheme, Energy energy, double beta) {
        final long seed = TestSeeds.seed();
        final DlnModel model = new DlnModel(2, 2, beta, 1, true, energy, new DlnInitial.Matrix(X0));
        final boolean lambdaOnly = scheme instanceof SingularValueScheme;
        final int width = lambdaOnly ? 2 : 4;
        final int fineSteps = 1 << FINEST;
        final double hFine = T / fineSteps;
        final double[] err = new double[LEVELS.length];
        final RandomStream stream = Streams.of(seed, 0);
        final double[] fine = new double[fineSteps * width];
        final double[] inc = new double[width];
        final double[] ref = new double[4];
        final double[] out = new double[4];
        for (int p = 0; p < M; p++) {
            stream.reset(seed, p);
            stream.gaussians(fine, 0, fine.length);
            for (int k = 0; k < fine.length; k++) {
                fine[k] *= Math.sqrt(hFine);
            }
            solve(scheme, model, FINEST, fine, width, inc, ref, seed);
            for (int l = 0; l < LEVELS.length; l++) {
                solve(scheme, model, LEVELS[l], fine, width, inc, out, seed);
                double e = 0;
                for (int i = 0; i < 4; i++) {
                    e += (out[i] - ref[i]) * (out[i] - ref[i]);
                }
                err[l] += Math.sqrt(e) / M;
            }
        }
        final double[] x = new double[LEVELS.length];
        final double[] y = new double[LEVELS.length];
        for (int l = 0; l < LEVELS.length; l++) {
            x[l] = Math.log(T / (1 << LEVELS[l]));
            y[l] = Math.log(err[l]);
        }
        final double slope = slope(x, y);
        final double expected = scheme.info().strongOrder();
        assertTrue(Math.abs(slope - expected) <= WINDOW, () -> scheme + ": strong order slope " + slope + " vs "
                + expected + ", errors " + Arrays.toString(err) + ", seed " + seed);
    }

    /** Runs one path on the grid T/2^level, summing the fine increments; out ← X(T) row-major (or λ, 0, 0). */
    private static void solve(DlnScheme scheme, DlnModel model, int level, double[] fine, int width, double[] inc,
                              double[] out, long seed) {
        final DlnStepper s = scheme.newStepper(model, T / (1 << level));
        s.reset(new DMatrixRMaj(X0), null);
        final int block = 1 << (FINEST - level);
        final double h = T / (1 << level);
        for (int k = 0; k < (1 << level); k++) {
            Arrays.fill(inc, 0);
            for (int j = 0; j < block; j++) {
                final int base = (k * block + j) * width;
                for (int i = 0; i < width; i++) {
                    inc[i] += fine[base + i];
                }
            }
            final Status st;
            if (s instanceof MatrixEmStepper em) {
                st = em.stepWithIncrement(h, inc);
            } else if (s instanceof SvdFrameStepper f) {
                st = f.stepWithIncrement(h, inc);
            } else {
                st = ((SingularValueStepper) s).stepWithIncrement(h, inc);
            }
            assertTrue(st.isOk(), scheme + " failed at level " + level + ": " + st + ", seed " + seed);
        }
        if (s instanceof SingularValueStepper sv) {
            out[0] = sv.layerValues()[0];
            out[1] = sv.layerValues()[1];
            out[2] = 0;
            out[3] = 0;
        } else {
            final DMatrixRMaj X = new DMatrixRMaj(2, 2);
            s.state(X, new double[2]);
            System.arraycopy(X.data, 0, out, 0, 4);
        }
    }

    static double slope(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / x.length;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        return sxy / sxx;
    }
}
