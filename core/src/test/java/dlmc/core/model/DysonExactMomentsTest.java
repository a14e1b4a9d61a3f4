package dlmc.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.observe.SpectralObservables;
import dlmc.core.run.DysonSpec;
import dlmc.core.run.SaveGrid;
import dlmc.core.scheme.ExactMatrixScheme;
import dlmc.core.testing.EnsembleSampler;
import dlmc.core.testing.TestSeeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link DysonModel#exactFirstTwoMoments}: the exact E m1 and E m2 of any start (math-spec §5.1),
 * which give moment_1, moment_2 and energy_mean their theory where the semicircle radius is unknown.
 */
class DysonExactMomentsTest {
    /** A fixed non-degenerate given spectrum (m1 = 0.075, m2 = 1.9625). */
    private static final double[] SPECTRUM0 = {-1.8, -0.5, 0.6, 2.0};
    private static final Normalization[] ALL = {Normalization.D1, Normalization.D2, Normalization.OU};

    /** Zero and GβE starts: E m2 = (R²/(4n))(n − 1 + 2/β), the value behind the existing theory rows. */
    @Test
    void agreesWithTheSemicircleRadiusWhereThatIsKnown() {
        for (Normalization norm : ALL) {
            for (InitialCondition start : new InitialCondition[] {new InitialCondition.Zero(), new InitialCondition.Gbe(0.7)}) {
                for (double beta : new double[] {0.5, 1, 2, 4}) {
                    final int n = 5;
                    final DysonModel model = new DysonModel(beta, n, norm, start);
                    for (double t : new double[] {0, 0.3, 2.5}) {
                        final double r = model.semicircleRadius(t);
                        final double[] m = model.exactFirstTwoMoments(t);
                        final String what = norm + " " + start + " beta=" + beta + " t=" + t;
                        assertEquals(0.0, m[0], 0.0, what);
                        assertEquals(r * r / (4 * n) * (n - 1 + 2 / beta), m[1], 1e-12 * (1 + m[1]), what);
                    }
                }
            }
        }
    }

    /** A given spectrum at t = 0 is its own moments; OU forgets it (m1 at rate 1/2, m2 at rate 1). */
    @Test
    void aGivenSpectrumStartsFromItsOwnMoments() {
        for (Normalization norm : ALL) {
            final DysonModel model = new DysonModel(2, 4, norm, new InitialCondition.Spectrum(SPECTRUM0));
            final double[] m0 = model.exactFirstTwoMoments(0);
            assertEquals(0.075, m0[0], 1e-15, norm.toString());
            assertEquals(1.9625, m0[1], 1e-15, norm.toString());
        }
        final DysonModel ou = new DysonModel(2, 4, Normalization.OU, new InitialCondition.Spectrum(SPECTRUM0));
        final double[] far = ou.exactFirstTwoMoments(60);
        assertEquals(0.0, far[0], 1e-12);
        assertEquals((4 - 1 + 1.0) / 4, far[1], 1e-12); // the stationary GβE: (n − 1 + 2/β)/n
    }

    /**
     * Exact matrix samples (ExactMatrixScheme, exact in law) from a given spectrum, β = 1, 2, 4 and
     * D1, D2, OU at t = 0.6: the sample means of m1 and m2 against the formula. 18 two-sided
     * z-tests at 4.1 s.e. (4.1e-5 each): false-failure probability 7.4e-4 for the method. A wrong
     * noise term (c t instead of c t/n in D2, or e^{−t/2} instead of e^{−t} for m2 in OU) moves m2
     * by ≥ 0.5, hundreds of s.e. The seed is {@link TestSeeds#seed()}, printed on failure.
     */
    @Tag("statistical")
    @Test
    void matrixSamplesFromAGivenSpectrumLandOnTheExactMoments() {
        final long seed = TestSeeds.seed();
        final double t = 0.6;
        final int m = 4000;
        for (Normalization norm : ALL) {
            for (double beta : new double[] {1, 2, 4}) {
                final DysonModel model = new DysonModel(beta, 4, norm, new InitialCondition.Spectrum(SPECTRUM0));
                final double[][] spectra = EnsembleSampler.finalSpectra(new DysonSpec(model, new ExactMatrixScheme(), 0.01),
                        new SaveGrid(new double[] {0, t}), seed, 0, m);
                final double[] exact = model.exactFirstTwoMoments(t);
                for (int k = 1; k <= 2; k++) {
                    double sum = 0;
                    double sum2 = 0;
                    for (double[] l : spectra) {
                        final double v = SpectralObservables.moment(l, k);
                        sum += v;
                        sum2 += v * v;
                    }
                    final double mean = sum / m;
                    final double se = Math.sqrt((sum2 / m - mean * mean) / (m - 1));
                    final double z = (mean - exact[k - 1]) / se;
                    assertTrue(Math.abs(z) < 4.1, "seed=" + seed + " " + norm + " beta=" + beta + " m" + k + ": " + mean
                            + " ± " + se + " vs exact " + exact[k - 1] + ", z=" + z);
                }
            }
        }
    }
}
