package dlmc.core.estimate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.model.DysonModel;
import dlmc.core.model.InitialCondition;
import dlmc.core.model.Normalization;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.run.Observation;
import dlmc.core.run.SaveGrid;
import dlmc.core.testing.TestSeeds;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Theory columns vs exact GOE samples (D1 from 0, β = 1: H_t = sqrt(t)(G + Gᵀ)/sqrt 2, math-spec
 * §5.1). Each assertion is a two-sided 4-s.e. z-test: false-failure probability 6.3e-5 per
 * assertion; with the χ² test of the GUE density (1e-4), 5.4e-4 for the class (7 z-assertions). The seed is {@link TestSeeds#seed()} ({@code -Ddlmc.seed}) and is
 * printed in every failure message.
 */
@Tag("statistical")
class SpectralEstimatorStatisticalTest {
    private static final double Z = 4.0;
    private static final int M = 20_000;
    private static final double T = 0.7;

    private static void assertWithinZ(EstimateRow r, long seed) {
        double z = (r.value - r.theory) / r.stdError;
        assertTrue(Math.abs(z) < Z, "seed=" + seed + " " + r.quantity + " value=" + r.value + " theory=" + r.theory
                + " se=" + r.stdError + " z=" + z);
    }

    private static EstimateRow find(List<EstimateRow> rows, String q) {
        return rows.stream().filter(r -> r.t == T && r.quantity.equals(q)).findFirst().orElseThrow();
    }

    /** Fills obs with the ascending eigenvalues of a GOE(n) sample at D1 time T. */
    private static void goe(RandomStream stream, int n, DMatrixRMaj h, EigenDecomposition_F64<DMatrixRMaj> eig,
            Observation obs) {
        final double s = Math.sqrt(T / 2);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double g = stream.gaussian();
                double v = i == j ? 2 * s * g : s * (g + stream.gaussian());
                h.set(i, j, v);
                h.set(j, i, v);
            }
        }
        if (!eig.decompose(h.copy())) {
            throw new IllegalStateException("eigen decomposition failed");
        }
        for (int i = 0; i < n; i++) {
            obs.spectrum[i] = eig.getEigenvalue(i).real;
        }
        java.util.Arrays.sort(obs.spectrum);
        double e = 0;
        for (double x : obs.spectrum) {
            e += 0.5 * x * x;
        }
        obs.energy = e;
        obs.entropy = Double.NaN;
    }

    private static List<EstimateRow> run(int n, long seed) {
        DysonModel model = new DysonModel(1.0, n, Normalization.D1, new InitialCondition.Zero());
        EstimatorLayout layout = EstimatorLayout.forDyson(model, new SaveGrid(new double[] {0, T}), 32);
        SpectralEstimator est = new SpectralEstimator(layout);
        DMatrixRMaj h = new DMatrixRMaj(n, n);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        Observation obs = new Observation(n);
        for (int j = 0; j < M; j++) {
            goe(Streams.of(seed, j), n, h, eig, obs);
            est.accept(1, obs);
        }
        return est.rows();
    }

    @Test
    void twoByTwoSpacingMeanAndEnergyMatchExactTheory() {
        long seed = TestSeeds.seed();
        List<EstimateRow> rows = run(2, seed);
        assertWithinZ(find(rows, "spacing_mean"), seed); // O19: exact E s
        assertWithinZ(find(rows, "energy_mean"), seed); // exact 3T for n = 2, β = 1
    }

    /**
     * Non-classical β (0.5 and 3): exact 3×3 GβE samples from the tridiagonal model (D1 at t = 1),
     * against the quadrature of Atas et al.'s density (SpacingRatioReference.surmise3x3). A wrong
     * exponent in the density moves ⟨r⟩ by ≥ 0.04 (β ± 1), ≥ 20 s.e. here.
     */
    /**
     * Rows at t = 1 of M exact GβE(n) spectra from the tridiagonal model (D1 at t = 1 from 0), with
     * energy ½Σλ² and entropy β Σ log gaps as DysonSimulator records them.
     */
    private static List<EstimateRow> tridiagonalRows(double beta, int n, long seed) {
        DysonModel model = new DysonModel(beta, n, Normalization.D1, new InitialCondition.Zero());
        SpectralEstimator est = new SpectralEstimator(EstimatorLayout.forDyson(model, new SaveGrid(new double[] {0, 1}), 32));
        Observation obs = new Observation(n);
        for (int j = 0; j < M; j++) {
            dlmc.core.random.GaussianEnsembles.tridiagonalSpectrum(beta, n, Streams.of(seed, j), obs.spectrum);
            double e = 0;
            for (double x : obs.spectrum) {
                e += 0.5 * x * x;
            }
            obs.energy = e;
            obs.entropy = beta * dlmc.core.observe.SpectralObservables.logVandermonde(obs.spectrum);
            est.accept(1, obs);
        }
        return est.rows().stream().filter(x -> x.t == 1).toList();
    }

    private static EstimateRow scalarRow(List<EstimateRow> rows, String q) {
        return rows.stream().filter(x -> x.quantity.equals(q)).findFirst().orElseThrow();
    }

    @Test
    void threeByThreeSpacingRatioMatchesAtasSurmiseForNonClassicalBeta() {
        long seed = TestSeeds.seed();
        for (double beta : new double[] {0.5, 3}) {
            EstimateRow r = scalarRow(tridiagonalRows(beta, 3, seed), "spacing_ratio_mean");
            assertTrue(Double.isFinite(r.theory), "beta=" + beta + ": no theory");
            assertWithinZ(r, seed);
        }
    }

    /**
     * entropy_mean (β Σ_{i<j} log(λ_j − λ_i), as DysonSimulator records it) against its exact
     * finite-n theory β E log|Δ| (GbeEntropy.meanLogVandermondeOfRadius) on exact 5×5 GβE samples
     * from the tridiagonal model (D1 at t = 1) for non-classical β. A missing scale term
     * (n(n−1)/2 · log s) moves the theory by ≥ 1.5 nats, hundreds of s.e.
     */
    @Test
    void entropyMeanMatchesTheExactMeanLogVandermonde() {
        long seed = TestSeeds.seed();
        final int n = 5;
        for (double beta : new double[] {0.5, 3}) {
            EstimateRow r = scalarRow(tridiagonalRows(beta, n, seed), "entropy_mean");
            assertTrue(Double.isFinite(r.theory), "beta=" + beta + ": no theory");
            assertWithinZ(r, seed);
        }
    }

    /**
     * β = 2, n = 4: the density rows' theory is the exact finite-n GUE one-point law
     * (FiniteNOnePointLaw); exact tridiagonal samples (D1 at t = 1) land on it. Statistic: Σ z² over
     * the bins that expect ≥ 20 eigenvalues, against the χ² quantile of its degrees of freedom at
     * 1 − 1e-4 (false-failure probability 1e-4; the z are only approximately normal, and bins share
     * trajectories). With the n → ∞ semicircle instead, Σ z² is in the thousands here.
     */
    @Test
    void gueDensityMatchesTheExactFiniteNLaw() {
        long seed = TestSeeds.seed();
        final int n = 4;
        double chi2 = 0;
        int dof = 0;
        for (EstimateRow r : tridiagonalRows(2.0, n, seed)) {
            if (!r.quantity.equals("density") || r.theory * (r.binHi - r.binLo) * M * n < 20) {
                continue;
            }
            final double z = (r.value - r.theory) / r.stdError;
            chi2 += z * z;
            dof++;
        }
        final double limit = org.apache.commons.statistics.distribution.ChiSquaredDistribution.of(dof)
                .inverseSurvivalProbability(1e-4);
        final double c2 = chi2;
        final int k = dof;
        assertTrue(dof >= 15 && chi2 < limit, () -> "seed=" + seed + " chi2=" + c2 + " dof=" + k + " limit=" + limit);
    }

    @Test
    void threeByThreeSpacingRatioMatchesAtasSurmise() {
        long seed = TestSeeds.seed();
        assertWithinZ(find(run(3, seed), "spacing_ratio_mean"), seed); // exact 4 − 2 sqrt 3
    }
}
