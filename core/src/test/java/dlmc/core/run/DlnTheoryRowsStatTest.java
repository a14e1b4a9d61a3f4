package dlmc.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.dln.MetricScale;
import dlmc.core.energy.ConfiningEnergy;
import dlmc.core.energy.NoEnergy;
import dlmc.core.estimate.DlnEstimator;
import dlmc.core.estimate.DlnEstimatorLayout;
import dlmc.core.estimate.EstimateRow;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import dlmc.core.scheme.SingularValueScheme;
import dlmc.core.testing.StatChecks;
import dlmc.core.testing.TestSeeds;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * End to end: a small DLN ensemble (singular-values scheme) through {@link DlnSpec#planEstimates}
 * and {@link DlnEstimator}; the estimate rows must land on the theory that the plan attached.
 *
 * <p>Checked rows at the last save time: every mean row with a theory value, and every histogram bin
 * whose expected number of values is at least 50 (so the normal approximation of the per-bin
 * fraction mean is good). Each is a two-sided z-test at α = 1e-3/(number of checks) (Bonferroni:
 * false-failure probability ≤ 1e-3 per test method) with s.e. = the row's s.e., inflated by
 * sqrt(1 + M/draws) in the λ-law case for the Monte Carlo error of the sampled reference, plus a
 * relative allowance for the scheme's O(Δt) bias: {@value #LAMBDA_ALLOWANCE} (λ-law, Δt = 1e-3;
 * LambdaLawStatTest finds no bias at M = 20 000) and {@value #GIBBS_ALLOWANCE} (Gibbs, Δt = 2e-3,
 * measured ≤ 0.3 % in GibbsStatTest) of |theory| for means; the histogram bins get the same relative
 * allowance. Seed: {@link TestSeeds}.
 */
class DlnTheoryRowsStatTest {
    static final double LAMBDA_ALLOWANCE = 0.002;
    static final double GIBBS_ALLOWANCE = 0.004;
    /** Trajectories: λ-law case (Δt = 1e-3, T = 0.5: cheap) and Gibbs case (Δt = 2e-3, T = 6). */
    static final int M_LAMBDA = 4000;
    static final int M_GIBBS = 2000;
    static final int BINS = 16;

    /** λ-law (math-spec §3.3) with κ = 0.5: d = 2, N = 2, β = 2, E = 0, entropy off, X_0 = [[1, .3], [.2, .5]]. */
    @Test
    void lambdaLawRowsMatchTheEnsemble() {
        final DlnModel model = new DlnModel(2, 2, 2.0, 0.5, false, new NoEnergy(),
                new DlnInitial.Matrix(new double[][] {{1, 0.3}, {0.2, 0.5}}));
        final DlnSpec spec = new DlnSpec(model, new SingularValueScheme(), 1e-3);
        final SaveGrid grid = SaveGrid.every(0.25, 0.5);
        final long seed = TestSeeds.seed();
        final List<EstimateRow> rows = run(spec, grid, seed, M_LAMBDA);
        final int draws = DlnReferences.lambdaLawDraws(2, grid);
        final double inflate = Math.sqrt(1 + (double) M_LAMBDA / draws);
        final int checks = check(rows, 0.5, "", inflate, LAMBDA_ALLOWANCE, seed, M_LAMBDA);
        assertTrue(checks >= 7 + 10, "too few checked rows: " + checks);
        // E Σλ² is exact (not sampled): Σλ(0)² + d²·2κt/(βN)
        final EstimateRow ss = find(rows, 0.5, "layer_sum_squares_mean", -1);
        final double lam0 = sumLambda0Squared(new double[][] {{1, 0.3}, {0.2, 0.5}}, 2);
        assertEquals(lam0 + 4 * 2 * 0.5 * 0.5 / (2 * 2), ss.theory, 1e-12);
        assertTrue(rows.stream().noneMatch(r -> r.quantity.startsWith("gibbs_")));
    }

    /**
     * The same λ-law case with {@code metric_scale: cmv} (𝒜/N, math-spec §2.1 note) on the CMV clock:
     * T = 1 and Δt = 2e-3 are the M24 T = 0.5 and Δt = 1e-3 above (t/N, N = 2), and the ensemble
     * lands on the λ-law at t/N, E Σλ² = Σλ(0)² + d²·2κ(t/N)/(βN).
     */
    @Test
    void lambdaLawRowsMatchTheEnsembleInTheCmvNormalisation() {
        final DlnModel model = new DlnModel(2, 2, 2.0, 0.5, false, new NoEnergy(),
                new DlnInitial.Matrix(new double[][] {{1, 0.3}, {0.2, 0.5}}), MetricScale.CMV);
        final DlnSpec spec = new DlnSpec(model, new SingularValueScheme(), 2e-3);
        final SaveGrid grid = SaveGrid.every(0.5, 1.0);
        final long seed = TestSeeds.seed() + 2;
        final List<EstimateRow> rows = run(spec, grid, seed, M_LAMBDA);
        final int draws = DlnReferences.lambdaLawDraws(2, grid);
        final double inflate = Math.sqrt(1 + (double) M_LAMBDA / draws);
        final int checks = check(rows, 1.0, "", inflate, LAMBDA_ALLOWANCE, seed, M_LAMBDA);
        assertTrue(checks >= 7 + 10, "too few checked rows: " + checks);
        final EstimateRow ss = find(rows, 1.0, "layer_sum_squares_mean", -1);
        final double lam0 = sumLambda0Squared(new double[][] {{1, 0.3}, {0.2, 0.5}}, 2);
        assertEquals(lam0 + 4 * 2 * 0.5 * (1.0 / 2) / (2 * 2), ss.theory, 1e-12);
    }

    /** Gibbs (§3.5, O16): d = 2, N = 2, α = 1, β = 2, κ = 1, entropy on, X_0 = I, T = 6. */
    @Test
    void gibbsRowsMatchTheEnsembleAtTheLastTime() {
        final DlnModel model = new DlnModel(2, 2, 2.0, 1.0, true, new ConfiningEnergy(1.0), new DlnInitial.Identity(1));
        final DlnSpec spec = new DlnSpec(model, new SingularValueScheme(), 2e-3);
        final SaveGrid grid = SaveGrid.every(3, 6);
        final long seed = TestSeeds.seed() + 1;
        final List<EstimateRow> rows = run(spec, grid, seed, M_GIBBS);
        final int checks = check(rows, 6, "gibbs_", 1.0, GIBBS_ALLOWANCE, seed, M_GIBBS);
        assertTrue(checks >= 7 + 10, "too few checked rows: " + checks);
        assertEquals(0.34531289107787266, find(rows, 6, "gibbs_layer_singular_value_mean", 2).theory, 1e-6);
        // regular rows carry no theory here (the λ-law does not apply), gibbs_ rows only at the last time
        assertTrue(rows.stream().filter(r -> !r.quantity.startsWith("gibbs_")).allMatch(r -> Double.isNaN(r.theory)));
        assertTrue(rows.stream().filter(r -> r.quantity.startsWith("gibbs_")).allMatch(r -> r.t == 6));
    }

    /**
     * Depth one with a non-spectral quadratic energy (regression, d = 2, κ = 1, β = 2, X_0 = [[1, .3],
     * [.2, .5]], target Φ = [[.2, .8], [0, 1.5]], T = 1): X(t) is the Ornstein–Uhlenbeck matrix of
     * {@link dlmc.core.theory.DepthOneOuReference}; both matrix schemes land on it (Δt = 1e-3: EM's
     * variance bias is ≈ Δt/2 relative, inside the {@value #LAMBDA_ALLOWANCE} allowance).
     */
    @Test
    void depthOneRegressionRowsMatchTheOrnsteinUhlenbeckLaw() {
        final double[][] x0 = {{1, 0.3}, {0.2, 0.5}};
        final DlnModel model = new DlnModel(2, 1, 2.0, 1.0, true,
                new dlmc.core.energy.RegressionEnergy(new org.ejml.data.DMatrixRMaj(new double[][] {{0.2, 0.8}, {0, 1.5}})),
                new DlnInitial.Matrix(x0));
        final SaveGrid grid = SaveGrid.every(0.5, 1.0);
        final int draws = DlnReferences.depthOneDraws(2, grid, false);
        final double inflate = Math.sqrt(1 + (double) M_LAMBDA / draws);
        final dlmc.core.scheme.DlnScheme[] schemes = {new dlmc.core.scheme.MatrixEmScheme(), new dlmc.core.scheme.SvdFrameScheme()};
        for (int i = 0; i < schemes.length; i++) {
            final DlnSpec spec = new DlnSpec(model, schemes[i], 1e-3);
            final long seed = TestSeeds.seed() + 3 + i;
            final List<EstimateRow> rows = run(spec, grid, seed, M_LAMBDA);
            // α = 1e-3 per method: each of the two schemes' checks at 5e-4
            final int checks = check(rows, 1.0, "", inflate, LAMBDA_ALLOWANCE, seed, M_LAMBDA, 5e-4);
            assertTrue(checks >= 7 + 10, "too few checked rows: " + checks);
            // exact rows: E E(X) at t = 1 from the closed form (h = 1 for every entry)
            final double g = 1 - Math.exp(-1);
            double meanPart = 0;
            final double[] phi = {0.2, 0.8, 0, 1.5};
            final double[] x = {1, 0.3, 0.2, 0.5};
            for (int j = 0; j < 4; j++) {
                final double mj = x[j] + g * (phi[j] - x[j]);
                meanPart += (mj - phi[j]) * (mj - phi[j]);
            }
            final double v = 0.5 * (1 - Math.exp(-2)); // (κ/β)(1 − e^{−2t})
            assertEquals(0.5 * meanPart + 0.5 * 4 * v, find(rows, 1.0, "energy_mean", -1).theory, 1e-12);
            assertEquals(0.0, find(rows, 1.0, "entropy_mean", -1).theory, 0.0);
            assertTrue(rows.stream().noneMatch(r -> r.quantity.startsWith("gibbs_")));
        }
    }

    /**
     * Depth one with an energy and a deterministic scheme (RK4 gradient flow and parameter flow, which
     * ignore β and κ): the theory is the exact solution X̄(t) = Φ + (X_0 − Φ)e^{−t} of dX/dt = −(X − Φ)
     * (regression, H = I), computed here independently of {@link dlmc.core.theory.DepthOneOuReference};
     * one trajectory lands on it to RK4's error (≈ 1e-13 at Δt = 1e-3) on every row: singular values,
     * E Σσ², energy, S = 0 and both histograms (the fraction of the two values per bin).
     */
    @Test
    void depthOneGradientFlowRowsAreItsExactSolution() {
        final double[][] x0 = {{1, 0.3}, {0.2, 0.5}};
        final double[][] phi = {{0.2, 0.8}, {0, 1.5}};
        final DlnModel model = new DlnModel(2, 1, 2.0, 1.0, false,
                new dlmc.core.energy.RegressionEnergy(new org.ejml.data.DMatrixRMaj(phi)), new DlnInitial.Matrix(x0));
        final SaveGrid grid = SaveGrid.every(0.5, 1.0);
        for (dlmc.core.scheme.DlnScheme scheme : new dlmc.core.scheme.DlnScheme[] {
                new dlmc.core.scheme.GradientFlowScheme(), new dlmc.core.scheme.ParameterFlowScheme()}) {
            final String name = scheme.info().name();
            final List<EstimateRow> rows = run(new DlnSpec(model, scheme, 1e-3), grid, 5, 1);
            for (double t : new double[] {0.5, 1.0}) {
                final double decay = Math.exp(-t);
                final org.ejml.data.DMatrixRMaj xbar = new org.ejml.data.DMatrixRMaj(2, 2);
                double energy = 0;
                double sumSquares = 0;
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        final double v = phi[i][j] + (x0[i][j] - phi[i][j]) * decay;
                        xbar.set(i, j, v);
                        energy += 0.5 * (v - phi[i][j]) * (v - phi[i][j]);
                        sumSquares += v * v;
                    }
                }
                final dlmc.core.linalg.Svd svd = new dlmc.core.linalg.Svd(2);
                assertTrue(svd.decompose(xbar));
                for (int i = 0; i < 2; i++) {
                    assertEquals(svd.sigma()[i], find(rows, t, "singular_value_mean", i + 1).theory, 1e-12, name + " t=" + t);
                    assertEquals(svd.sigma()[i], find(rows, t, "layer_singular_value_mean", i + 1).theory, 1e-12, name);
                }
                assertEquals(sumSquares, find(rows, t, "layer_sum_squares_mean", -1).theory, 1e-12, name);
                assertEquals(energy, find(rows, t, "energy_mean", -1).theory, 1e-12, name);
                assertEquals(energy, find(rows, t, "free_energy_mean", -1).theory, 1e-12, name);
                assertEquals(0.0, find(rows, t, "entropy_mean", -1).theory, 0.0, name);
                // the one trajectory is the solution up to RK4's error; a histogram bin holds the same values
                assertEveryRowOnTheory(rows, t, 1e-10, name);
            }
        }
    }

    /**
     * Depth N = 3 from an aligned start (oracle O8): a diagonal target Φ = diag(2, 0.5, −0.3) and the
     * start X_0 = 0.2·I share the standard basis, so X(t) = diag(x(t)) with x' = −3|x|^{4/3}(x − φ)
     * ({@link dlmc.core.theory.AlignedGradientFlow}); the third mode, of the opposite sign, decays to 0.
     * Both deterministic schemes (RK4; the parameter flow from the balanced lift, O6) land on the exact
     * rows to RK4's error, also with {@code metric_scale: cmv} (the m24 solution at t/N). A start that is
     * not aligned gets no theory.
     */
    @Test
    void alignedGradientFlowRowsAreItsExactSolution() {
        final org.ejml.data.DMatrixRMaj phi = new org.ejml.data.DMatrixRMaj(new double[][] {{2, 0, 0}, {0, 0.5, 0}, {0, 0, -0.3}});
        final SaveGrid grid = SaveGrid.every(1.0, 3.0);
        for (MetricScale scale : MetricScale.values()) {
            final DlnModel model = new DlnModel(3, 3, 2.0, 1.0, true, new dlmc.core.energy.RegressionEnergy(phi),
                    new DlnInitial.Identity(0.2), scale);
            for (dlmc.core.scheme.DlnScheme scheme : new dlmc.core.scheme.DlnScheme[] {
                    new dlmc.core.scheme.GradientFlowScheme(), new dlmc.core.scheme.ParameterFlowScheme()}) {
                final String name = scheme.info().name() + " " + scale;
                final List<EstimateRow> rows = run(new DlnSpec(model, scheme, 1e-3), grid, 5, 1);
                final double t = 3.0;
                // the third mode (φ = −0.3 against a positive start) decays towards 0 on the exact solution too
                final double s3 = find(rows, t, "singular_value_mean", 3).theory;
                assertTrue(s3 > 0 && s3 < 0.2, name + ": " + s3);
                assertEveryRowOnTheory(rows, t, 1e-9, name);
            }
        }
        // β = ∞: the RLE is the gradient flow (no noise, no entropic or Brownian drift), so the stochastic
        // schemes get the same exact theory, and their gap to it is their first-order time-step error:
        // svd-frame at Δt = 2e-3 and 1e-3, σ_1 at t = 2 (mid-rise), error ratio ≈ 2
        final DlnModel cold = new DlnModel(3, 3, Double.POSITIVE_INFINITY, 1.0, true,
                new dlmc.core.energy.RegressionEnergy(phi), new DlnInitial.Identity(0.2));
        final double[] gap = new double[2];
        for (int h = 0; h < 2; h++) {
            final List<EstimateRow> rows = run(new DlnSpec(cold, new dlmc.core.scheme.SvdFrameScheme(), h == 0 ? 2e-3 : 1e-3),
                    SaveGrid.every(1.0, 2.0), 5, 1);
            final EstimateRow s1 = find(rows, 2.0, "singular_value_mean", 1);
            assertTrue(Double.isFinite(s1.theory), "beta = inf: theory expected");
            gap[h] = Math.abs(s1.value - s1.theory);
            assertTrue(gap[h] < 0.05, "svd-frame at beta = inf: " + s1.value + " vs " + s1.theory);
        }
        assertTrue(gap[0] / gap[1] > 1.6 && gap[0] / gap[1] < 2.5, "first order: " + gap[0] + ", " + gap[1]);
        // κ = 0 with the entropy off is the same gradient flow (finite β); with the entropy on it is the free-energy
        // flow, which has no theory
        for (boolean entropy : new boolean[] {false, true}) {
            final DlnModel still = new DlnModel(3, 3, 2.0, 0.0, entropy, new dlmc.core.energy.RegressionEnergy(phi),
                    new DlnInitial.Identity(0.2));
            final EstimateRow s1 = find(run(new DlnSpec(still, new dlmc.core.scheme.MatrixEmScheme(), 1e-3),
                    SaveGrid.every(1.0, 2.0), 5, 1), 2.0, "singular_value_mean", 1);
            assertEquals(!entropy, Double.isFinite(s1.theory), "kappa = 0, entropy " + entropy);
            if (!entropy) {
                assertEquals(s1.theory, s1.value, 0.01, "matrix-em, first order at dt = 1e-3");
            }
        }
        // not aligned: a start with an off-diagonal entry in the target's basis
        final DlnModel generic = new DlnModel(3, 3, 2.0, 1.0, true, new dlmc.core.energy.RegressionEnergy(phi),
                new DlnInitial.Matrix(new double[][] {{0.2, 0.1, 0}, {0, 0.2, 0}, {0, 0, 0.2}}));
        final List<EstimateRow> rows = run(new DlnSpec(generic, new dlmc.core.scheme.GradientFlowScheme(), 1e-3), grid, 5, 1);
        assertTrue(rows.stream().allMatch(r -> Double.isNaN(r.theory)), "theory for a start that is not aligned");
    }

    /**
     * The gradient flow at depth one from a Ginibre start X_0 = 0.8·G: X(t) = Φ + (X_0 − Φ)e^{−t} is
     * Gaussian with entry variance 0.64·e^{−2t}; an ensemble of M flows lands on the sampled reference
     * (z-tests as in the class comment; RK4's error is negligible, the allowance is kept for uniformity).
     */
    @Test
    void depthOneGradientFlowFromAGinibreStartMatchesItsGaussianLaw() {
        final DlnModel model = new DlnModel(2, 1, 2.0, 1.0, false,
                new dlmc.core.energy.RegressionEnergy(new org.ejml.data.DMatrixRMaj(new double[][] {{0.2, 0.8}, {0, 1.5}})),
                new DlnInitial.Ginibre(0.8));
        final SaveGrid grid = SaveGrid.every(0.5, 1.0);
        final int draws = DlnReferences.depthOneDraws(2, grid, false);
        final double inflate = Math.sqrt(1 + (double) M_LAMBDA / draws);
        final long seed = TestSeeds.seed() + 7;
        final List<EstimateRow> rows = run(new DlnSpec(model, new dlmc.core.scheme.GradientFlowScheme(), 1e-3), grid,
                seed, M_LAMBDA);
        final int checks = check(rows, 1.0, "", inflate, LAMBDA_ALLOWANCE, seed, M_LAMBDA);
        assertTrue(checks >= 7 + 10, "too few checked rows: " + checks);
        // exact E Σσ² at t = 1: ‖Φ e^{0}(1 − e^{−1})‖² + 4·0.64·e^{−2} (z(0) = 0)
        final double g = 1 - Math.exp(-1);
        final double mean = g * g * (0.04 + 0.64 + 0 + 2.25);
        assertEquals(mean + 4 * 0.64 * Math.exp(-2), find(rows, 1.0, "layer_sum_squares_mean", -1).theory, 1e-12);
    }

    /**
     * Every row at time t that has a theory value equals it within tol·max(1, |theory|) (a flow without noise
     * against its exact solution), and there are at least the 7 scalar and mean rows and both histograms.
     */
    static void assertEveryRowOnTheory(List<EstimateRow> rows, double t, double tol, String name) {
        int withTheory = 0;
        for (EstimateRow r : rows) {
            if (r.t != t || Double.isNaN(r.theory)) {
                continue;
            }
            withTheory++;
            assertEquals(r.theory, r.value, tol * Math.max(1, Math.abs(r.theory)),
                    name + " " + r.quantity + "[" + r.index + "] bin " + r.binLo + " t=" + t);
        }
        assertTrue(withTheory >= 7 + 2 * BINS, name + ": too few rows with theory: " + withTheory);
    }

    static double sumLambda0Squared(double[][] x0, int n) {
        final dlmc.core.linalg.Svd svd = new dlmc.core.linalg.Svd(x0.length);
        assertTrue(svd.decompose(new org.ejml.data.DMatrixRMaj(x0)));
        double s = 0;
        for (double v : svd.sigma()) {
            s += Math.pow(v, 2.0 / n);
        }
        return s;
    }

    static EstimateRow find(List<EstimateRow> rows, double t, String q, int index) {
        return rows.stream().filter(r -> r.t == t && r.quantity.equals(q) && r.index == index).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + q + "[" + index + "] at t = " + t));
    }

    /** z-tests of the rows named prefix + ... at time t that have theory (class comment); returns their number. */
    static int check(List<EstimateRow> rows, double t, String prefix, double inflate, double allowance, long seed,
            int m) {
        return check(rows, t, prefix, inflate, allowance, seed, m, 1e-3);
    }

    /** As above with a family-wise false-failure probability {@code familyAlpha} over the checked rows. */
    static int check(List<EstimateRow> rows, double t, String prefix, double inflate, double allowance, long seed,
            int m, double familyAlpha) {
        final List<EstimateRow> selected = new ArrayList<>();
        for (EstimateRow r : rows) {
            if (r.t != t || !r.quantity.startsWith(prefix) || Double.isNaN(r.theory) || !(r.stdError > 0)) {
                continue;
            }
            if (prefix.isEmpty() && r.quantity.startsWith("gibbs_")) {
                continue;
            }
            if (r.quantity.endsWith("_density")) {
                final double expectedValues = r.theory * (r.binHi - r.binLo) * m * 2;
                if (expectedValues < 50) {
                    continue;
                }
            }
            if (r.quantity.endsWith("_overflow")) {
                continue;
            }
            selected.add(r);
        }
        final double alpha = familyAlpha / selected.size();
        for (EstimateRow r : selected) {
            StatChecks.assertWithin(r.quantity + "[" + r.index + "] bin " + r.binLo + " t=" + t + " seed " + seed,
                    r.value, r.stdError * inflate, r.theory, allowance * Math.abs(r.theory), alpha);
        }
        return selected.size();
    }

    /** The rows of an M-trajectory ensemble, accumulated in fixed chunks merged in order (deterministic). */
    static List<EstimateRow> run(DlnSpec spec, SaveGrid grid, long seed, int m) {
        final DlnEstimatorLayout layout = (DlnEstimatorLayout) spec.planEstimates(grid, BINS, seed);
        final int chunks = 8;
        final DlnEstimator[] parts = new DlnEstimator[chunks];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            final DlnEstimator e = new DlnEstimator(layout);
            final TrajectoryRunner runner = new TrajectoryRunner(spec, grid, seed);
            for (int id = c * m / chunks; id < (c + 1) * m / chunks; id++) {
                final TrajectoryResult res = runner.run(id, new ObservationSink() {
                    @Override
                    public void snapshot(long trajectoryId, int timeIndex, Observation obs) {
                        if (obs.status.isOk()) {
                            e.accept(timeIndex, obs);
                        }
                    }

                    @Override
                    public void trajectory(TrajectoryResult result) {
                    }
                });
                assertTrue(res.status().isOk(), "trajectory " + id + " failed: " + res + ", seed " + seed);
            }
            parts[c] = e;
        });
        for (int c = 1; c < chunks; c++) {
            parts[0].combine(parts[c]);
        }
        return parts[0].rows();
    }
}
