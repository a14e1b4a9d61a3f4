package dlmc.core.estimate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.model.DysonModel;
import dlmc.core.model.InitialCondition;
import dlmc.core.model.Normalization;
import dlmc.core.random.GaussianEnsembles;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.run.Observation;
import dlmc.core.run.SaveGrid;
import dlmc.core.testing.StatChecks;
import dlmc.core.testing.TestSeeds;
import dlmc.core.theory.SineKernelSpacingLaw;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code unfolded_spacing_density}, {@code _mean}, {@code _variance} of exact GβE samples (n = 64,
 * tridiagonal model = D1 at t = 1 from 0, R = 2 sqrt n, math-spec §5.1) through
 * {@link SpectralEstimator}, against the n → ∞ sine-kernel law ({@link SineKernelSpacingLaw},
 * §5.2), for β = 1, 2, 4.
 *
 * <p>Every check is |value − theory| ≤ z·s.e. + allowance, the allowance the finite-n bias
 * measured with {@code dlmc.bench.UnfoldedSpacingBias 64 BETA 20000 10} (2·10⁵ spectra per β,
 * {@code dlmc/estimates.md}): density, the largest |Δ| over the bins and β (0.0062, β = 4) plus 3
 * measurement s.e. (≤ 0.003), rounded up; mean and variance per β, |bias| + 3 measurement s.e.,
 * rounded up. False-failure probability ≤ 1e-3 for the class: 3 β × (32 bins + mean + variance)
 * = 102 two-sided z-checks at 1e-3/102 each (|z| ≤ 4.42; the s.e. is the cluster-robust one, whose
 * calibration was measured at 0.83–1.17 over 10 ensembles, and the bias allowances hold with margin).
 * Negative controls: the same checks against the Poisson law e^{−s} and against the sine-kernel law
 * of a wrong β must fail (their distance is 20–100 s.e. in the first bins at this M, so a control
 * passes falsely with probability far below 1e-9). The Wigner surmise is within 0.016 of the law
 * (β = 1) and cannot be separated at this M (the 2·10⁵-sample measurement does separate it).
 */
@Tag("statistical")
class UnfoldedSpacingStatTest {
    private static final int N = 64;
    /** Spectra per β: about 0.3 ms each, split over the cores. */
    private static final int M = 2500;
    private static final int CHUNKS = 8;
    private static final int[] BETAS = {1, 2, 4};
    private static final int CHECKS = BETAS.length * (32 + 2);
    private static final double ALPHA = 1e-3 / CHECKS;
    /** Density allowance (class comment): 0.0062 + 3 × 0.0011 → 0.01. */
    private static final double DENSITY_ALLOWANCE = 0.01;
    /** Mean bias +0.0041 ± 0.0001, +0.00001 ± 0.00005, −0.0020 ± 0.00004 (β = 1, 2, 4). */
    private static final double[] MEAN_ALLOWANCE = {0.0045, 0.0003, 0.0025};
    /** Variance bias +0.0023 ± 0.0002, +0.0002 ± 0.0001, −0.0004 ± 0.0001 (β = 1, 2, 4). */
    private static final double[] VARIANCE_ALLOWANCE = {0.003, 0.0006, 0.0006};

    private static List<EstimateRow> run(int beta, long seed) {
        final DysonModel model = new DysonModel(beta, N, Normalization.D1, new InitialCondition.Zero());
        final EstimatorLayout layout = EstimatorLayout.forDyson(model, new SaveGrid(new double[] {0, 1}), 32);
        // chunks in parallel, combined in chunk order: the result does not depend on the schedule
        final SpectralEstimator[] parts = new SpectralEstimator[CHUNKS];
        IntStream.range(0, CHUNKS).parallel().forEach(c -> {
            final SpectralEstimator e = new SpectralEstimator(layout);
            final Observation obs = new Observation(N);
            obs.entropy = Double.NaN;
            obs.energy = Double.NaN;
            final double[] work = new double[N];
            for (int j = c; j < M; j += CHUNKS) {
                final RandomStream stream = Streams.of(seed, (long) beta << 40 | j);
                GaussianEnsembles.tridiagonalSpectrum(beta, N, stream, obs.spectrum, work);
                e.accept(1, obs);
            }
            parts[c] = e;
        });
        for (int c = 1; c < CHUNKS; c++) {
            parts[0].combine(parts[c]);
        }
        return parts[0].rows().stream().filter(r -> r.t == 1.0).toList();
    }

    private static EstimateRow row(List<EstimateRow> rows, String q) {
        return rows.stream().filter(r -> r.quantity.equals(q)).findFirst().orElseThrow();
    }

    private static List<EstimateRow> bins(List<EstimateRow> rows) {
        return rows.stream().filter(r -> r.quantity.equals(SpectralEstimator.UNFOLDED_SPACING_DENSITY)).toList();
    }

    /** @return the bins whose density misses {@code mass}(lo, hi)/width by more than z·s.e. + allowance */
    private static long misses(List<EstimateRow> bins, DoubleBinaryOperator mass) {
        final double z = StatChecks.zThreshold(ALPHA);
        return bins.stream().filter(r -> Math.abs(r.value - mass.applyAsDouble(r.binLo, r.binHi) / (r.binHi - r.binLo))
                > z * r.stdError + DENSITY_ALLOWANCE).count();
    }

    @Test
    void exactEnsemblesFollowTheSineKernelLawAndNotPoissonOrAnotherBeta() {
        final long seed = TestSeeds.seed();
        for (int k = 0; k < BETAS.length; k++) {
            final int beta = BETAS[k];
            final List<EstimateRow> rows = run(beta, seed);
            final List<EstimateRow> bins = bins(rows);
            assertTrue(bins.size() == 32, "32 bins");
            for (EstimateRow r : bins) {
                StatChecks.assertWithin("beta " + beta + " unfolded_spacing_density [" + r.binLo + ", " + r.binHi + ")",
                        r.value, r.stdError, r.theory, DENSITY_ALLOWANCE, ALPHA);
            }
            final EstimateRow mean = row(rows, SpectralEstimator.UNFOLDED_SPACING_MEAN);
            StatChecks.assertWithin("beta " + beta + " unfolded_spacing_mean", mean.value, mean.stdError, 1.0,
                    MEAN_ALLOWANCE[k], ALPHA);
            final EstimateRow var = row(rows, SpectralEstimator.UNFOLDED_SPACING_VARIANCE);
            StatChecks.assertWithin("beta " + beta + " unfolded_spacing_variance", var.value, var.stdError,
                    SineKernelSpacingLaw.of(beta).variance(), VARIANCE_ALLOWANCE[k], ALPHA);

            // negative controls: the same test rejects Poisson spacings and the other β's laws
            final long poisson = misses(bins, (lo, hi) -> Math.exp(-lo) - Math.exp(-hi));
            assertTrue(poisson > 0, "beta " + beta + ": the Poisson law e^{-s} was not rejected; seed = " + seed);
            for (int other : BETAS) {
                if (other != beta) {
                    final SineKernelSpacingLaw wrong = SineKernelSpacingLaw.of(other);
                    final long m = misses(bins, wrong::probability);
                    assertTrue(m > 0, "beta " + beta + ": the beta = " + other + " law was not rejected; seed = " + seed);
                }
            }
        }
    }
}
