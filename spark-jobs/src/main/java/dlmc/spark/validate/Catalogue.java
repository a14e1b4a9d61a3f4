package dlmc.spark.validate;

import dlmc.core.theory.GbeEntropy;
import dlmc.core.theory.GbeMoments;
import dlmc.core.theory.GueOnePointEntropy;
import dlmc.core.theory.SineKernelSpacingLaw;
import dlmc.core.theory.TracyWidom;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;

/**
 * The checks of {@code dlmc validate} (math-spec §7) and their comparisons. Every check fails
 * falsely with probability at most its level ({@link #ALPHA} = 1e-3 unless {@code --alpha} says
 * otherwise) at its fixed seed (the seed is in its experiment and printed in the table); a check
 * made of k statistics gives each level/k (Bonferroni). Deterministic allowances (time-step bias,
 * finite n, measured estimator bias) are stated per check.
 *
 * <p>Theory values are computed here from the math-spec formulas (not read from the
 * {@code theory} column), so a wrong theory column would also be caught.
 */
final class Catalogue {
    /** Default false-failure probability per check (the level of {@link ValidationCheck.Evaluator#evaluate}). */
    static final double ALPHA = 1e-3;

    private Catalogue() {
    }

    /**
     * Factor on the reported standard error of the entropy estimates. Measured calibration
     * ({@code dlmc/estimates.md}: spread of Ĥ over 100 independent ensembles vs the mean reported
     * s.e., n = 3 and 5, M = 10⁴): k-NN 0.0136/0.0122, 0.0143/0.0123, 0.0142/0.0125 (β = 1, 2, 4
     * at n = 3), i.e. the s.e. is up to 14 % low; spacing 0.0030/0.0028 (n = 3), 0.0017/0.0018
     * (n = 5). A spread from 100 ensembles has a relative s.e. of about 7 %, so
     * 1.3 ≥ 1.14 × (1 + 2 × 0.07) covers the worst measured ratio with two standard errors of its
     * own uncertainty.
     */
    static final double ENTROPY_SE_FACTOR = 1.3;
    /** Shown after the name of an entropy statistic: its s.e. is the inflated one. */
    private static final String SE_TAG = " [s.e. x" + ENTROPY_SE_FACTOR + "]";
    /**
     * Allowance for the bias of spectrum_entropy_knn at n = 3, M = 10⁴, k = 4: measured mean
     * Ĥ − H over 100 ensembles −0.0058, −0.0104, −0.0148 (β = 1, 2, 4; {@code dlmc/estimates.md}),
     * each ± 0.0014 (spread/√100); 0.02 ≥ 0.0148 + 3 × 0.0014.
     */
    static final double KNN_N3_ALLOWANCE = 0.02;
    /**
     * Allowance for the bias of spectral_density_entropy at M = 10⁴ trajectories, n = 3 or 5 (all
     * eigenvalues used): measured +0.0008 ± 0.0003 (n = 3), +0.0005 ± 0.0002 (n = 5);
     * 0.002 ≥ 0.0008 + 3 × 0.0003.
     */
    static final double DENSITY_ALLOWANCE = 0.002;

    /**
     * Allowances for the finite-n bias of unfolded_spacing_mean / _variance of the GUE at n = 64
     * (semicircle unfolding, left end in [n/4, 3n/4)): measured +0.00001 ± 0.00005 and +0.0002 over
     * 2·10⁵ exact spectra ({@code dlmc/estimates.md}, {@code dlmc.bench.UnfoldedSpacingBias}); the
     * allowances of {@code UnfoldedSpacingStatTest} for β = 2.
     */
    static final double SK_GUE_N64_MEAN_ALLOWANCE = 0.0003;
    static final double SK_GUE_N64_VARIANCE_ALLOWANCE = 0.0006;

    /** @return the checks of {@code --quick}: Dyson matrix, Dyson SDE, DLN and entropy, about a minute in all. */
    static List<ValidationCheck> quick() {
        return List.of(
                new ValidationCheck("O20", "GOE n=8, D2 from 0, matrix (exact): finite-n E m2, E m4 at t=1",
                        "o20-goe-d2.yaml", gbeMoments(1, 8, 1.0)),
                new ValidationCheck("O19", "2x2 spacing, GOE beta=1, D1 from 0, matrix: chi2 law + E s at t=1",
                        "o19-matrix-b1.yaml", twoByTwoSpacing(1, 0.0)),
                new ValidationCheck("O19", "2x2 spacing, beta=2 eigenvalue SDE (EM), GUE start t0=1: law at tau=2",
                        "o19-sde-b2.yaml", twoByTwoSpacing(2, 1.0)),
                new ValidationCheck("O20", "D2-OU stationarity, beta=3 n=8 eigenvalue SDE (EM): E m2, E m4 at t=2",
                        "ou-sde-b3.yaml", gbeMoments(3, 8, 1.0)),
                new ValidationCheck("O17", "DLN d=1 N=2 beta=2 E=x^2/2 (singular-values): stationary lambda law",
                        "o17-dln-d1.yaml", dlnOneDimensional(2, 2.0, 1.0, 0.005)),
                new ValidationCheck("O15", "DLN g^N-BM d=3 N=3 beta=2 (svd-frame): E sum lambda^2 exact",
                        "lambda-law-svd-frame.yaml", sumSquares(3, 3, 2.0, 4 + 1 + 0.25, 0.01)),
                new ValidationCheck("ENT", "GUE n=3, D1 from 0, matrix: k-NN joint entropy, m-spacing one-point entropy at t=1",
                        "ent-gue-n3.yaml", entropies(2, 3, KNN_N3_ALLOWANCE, DENSITY_ALLOWANCE)));
    }

    /** @return the full set: the quick checks and the heavier ones (a few minutes). */
    static List<ValidationCheck> full() {
        List<ValidationCheck> all = new ArrayList<>(quick());
        all.addAll(List.of(
                new ValidationCheck("O19", "2x2 spacing, GUE beta=2, D1 from 0, matrix: chi2 law + E s at t=1",
                        "o19-matrix-b2.yaml", twoByTwoSpacing(2, 0.0)),
                new ValidationCheck("O19", "2x2 spacing, GSE beta=4, D1 from 0, matrix: chi2 law + E s at t=1",
                        "o19-matrix-b4.yaml", twoByTwoSpacing(4, 0.0)),
                new ValidationCheck("O20", "GUE n=64, D2-OU from GUE, matrix (exact): E m2, E m4 at t=2",
                        "o20-gue-ou.yaml", gbeMoments(2, 64, 1.0)),
                new ValidationCheck("O21", "Tracy-Widom GUE n=200, D2-OU stationary, matrix: mean, variance",
                        "o21-tw-gue.yaml", tracyWidom(2.0)),
                new ValidationCheck("O3", "DLN N=1 d=2 beta=2 (svd-frame): Euclidean BM, E sum sigma^2 = |X0|^2 + d^2 2t/beta",
                        "o3-dln-n1.yaml", sumSquares(2, 1, 2.0, 1 + 0.25, 0.0)),
                new ValidationCheck("OU1", "DLN N=1 d=2 beta=2 regression (matrix-em): Ornstein-Uhlenbeck, E sum sigma^2 and E E",
                        "ou-dln-n1-regression.yaml", depthOneRegression(new double[] {1, 0.3, 0.2, 0.5},
                                new double[] {0.2, 0.8, 0, 1.5}, 2.0, 1.0, 0.01)),
                new ValidationCheck("O15", "DLN g^N-BM d=3 N=3 beta=2 (singular-values): E sum lambda^2 exact",
                        "lambda-law-singular-values.yaml", sumSquares(3, 3, 2.0, 4 + 1 + 0.25, 0.01)),
                new ValidationCheck("O8", "DLN aligned gradient flow d=3 N=2 (gradient-flow, RK4): logistic singular values",
                        "o8-aligned-flow.yaml", alignedLogistic(new double[] {2, 1, 0.5}, 0.1, ALIGNED_TOLERANCE)),
                new ValidationCheck("O16", "DLN Gibbs d=2 N=2 alpha=1 beta=2 (singular-values): E lambda_2, E sum lambda^2",
                        "o16-gibbs-d2.yaml", gibbsTwoByTwo(2, 1.0, 2.0, 0.01)),
                new ValidationCheck("SK", "GUE n=64, D2-OU stationary, matrix: unfolded bulk spacing mean, variance vs sine kernel",
                        "sk-gue-n64.yaml", sineKernelSpacing(2.0, SK_GUE_N64_MEAN_ALLOWANCE, SK_GUE_N64_VARIANCE_ALLOWANCE)),
                new ValidationCheck("ENT", "GOE n=3, D1 from 0, matrix: k-NN joint entropy vs exact GbetaE at t=1",
                        "ent-knn-b1.yaml", spectrumEntropy(1, 3, KNN_N3_ALLOWANCE)),
                new ValidationCheck("ENT", "GSE n=3, D1 from 0, matrix: k-NN joint entropy vs exact GbetaE at t=1",
                        "ent-knn-b4.yaml", spectrumEntropy(4, 3, KNN_N3_ALLOWANCE)),
                new ValidationCheck("ENT", "GUE n=5, D1 from 0, matrix: m-spacing one-point entropy vs GUE kernel at t=1",
                        "ent-density-gue-n5.yaml", densityEntropy(5, DENSITY_ALLOWANCE))));
        return all;
    }

    /**
     * O20: exact finite-n moments of the Gaussian β-ensemble in the D2 normalisation
     * (math-spec §5.1, §7 O20; {@link GbeMoments}): E m2 = τ(1 + (2/β − 1)/n) and
     * E m4 = τ²[2 + (10/β − 5)/n + (3 − 10/β + 12/β²)/n²], τ the D2 time from 0 (τ = 1 for the
     * OU stationary law). Exact in law for the matrix scheme; for the eigenvalue SDE the time-step
     * bias is below the Monte-Carlo error at the steps used (measured). Two z-tests at α/2 each.
     *
     * @param tau the D2 time (ignored for OU: give 1)
     */
    static ValidationCheck.Evaluator gbeMoments(double beta, int n, double tau) {
        return (est, level) -> {
            double t = est.lastTime();
            RunEstimates.Estimate m2 = est.scalar("moment_2", t, -1);
            RunEstimates.Estimate m4 = est.scalar("moment_4", t, -1);
            return Outcome.all(
                    Comparisons.z("m2", m2.value(), m2.stdError(), GbeMoments.m2Mean(beta, n, tau), level / 2, 0),
                    Comparisons.z("m4", m4.value(), m4.stdError(), GbeMoments.m4Mean(beta, n, tau), level / 2, 0));
        };
    }

    /**
     * O19: n = 2, D1 started from a point mass (or a GβE at D1 time t0): the spacing s at D1
     * time τ = t0 + t satisfies β s²/(4τ) ~ χ²_{β+1} (math-spec §5.2), E s =
     * Γ((β+2)/2)/Γ((β+1)/2)·sqrt(8τ/β). Chi-square of the {@code spacing_density} histogram
     * (s / E s on [0, 4), plus overflow) against the bin probabilities, and a z-test of
     * {@code spacing_mean}; α/2 each. Exact in law for the matrix scheme; the EM time-step bias is
     * below the Monte-Carlo error at the steps used (measured).
     */
    static ValidationCheck.Evaluator twoByTwoSpacing(double beta, double t0) {
        return (est, level) -> {
            double t = est.lastTime();
            double tau = t0 + t;
            double meanS = Math.exp(LogGamma.value((beta + 2) / 2) - LogGamma.value((beta + 1) / 2)) * Math.sqrt(8 * tau / beta);
            ChiSquaredDistribution chi = ChiSquaredDistribution.of(beta + 1);
            List<RunEstimates.Estimate> bins = est.histogram("spacing_density", t);
            long[] obs = new long[bins.size()];
            double[] prob = new double[bins.size()];
            for (int k = 0; k < obs.length; k++) {
                RunEstimates.Estimate b = bins.get(k);
                obs[k] = b.count();
                prob[k] = cdfSpacing(chi, beta, tau, b.binHi() * meanS) - cdfSpacing(chi, beta, tau, b.binLo() * meanS);
            }
            RunEstimates.Estimate s = est.scalar("spacing_mean", t, -1);
            return Outcome.all(Comparisons.chiSquare("s/Es", obs, prob, level / 2),
                    Comparisons.z("Es", s.value(), s.stdError(), meanS, level / 2, 0));
        };
    }

    private static double cdfSpacing(ChiSquaredDistribution chi, double beta, double tau, double s) {
        if (s <= 0) {
            return 0;
        }
        return s == Double.POSITIVE_INFINITY ? 1 : chi.cumulativeProbability(beta * s * s / (4 * tau));
    }

    /**
     * O17: d = 1, E(x) = αx²/2: the layer singular value λ = |x|^{1/N} has the stationary density
     * ∝ exp(−βαλ^{2N}/2) on λ &gt; 0 (math-spec §7 O17, §3.5; S is constant for d = 1), i.e.
     * u = βαλ^{2N}/2 ~ Gamma(1/(2N), 1): P(λ ≤ x) = P_{Gamma}(βαx^{2N}/2),
     * E λ² = (2/(βα))^{1/N} Γ(3/(2N))/Γ(1/(2N)). Chi-square of {@code layer_singular_value_density}
     * and a z-test of {@code layer_sum_squares_mean} (α/2 each) at the last save time.
     *
     * @param allowance stated allowance on E λ² for the O(Δt) bias and the residual
     *                  non-stationarity at t_end: 0.005 (1.5 % of E λ² = 0.338) in the catalogue,
     *                  an estimate (the drift −λ³ is smooth, Δt = 0.002, t_end = 6 relaxation
     *                  times of order 1), not a separate measurement
     */
    static ValidationCheck.Evaluator dlnOneDimensional(int depth, double beta, double alpha, double allowance) {
        return (est, level) -> {
            double t = est.lastTime();
            double shape = 1.0 / (2 * depth);
            double c = beta * alpha / 2;
            GammaDistribution u = GammaDistribution.of(shape, 1);
            List<RunEstimates.Estimate> bins = est.histogram("layer_singular_value_density", t);
            long[] obs = new long[bins.size()];
            double[] prob = new double[bins.size()];
            for (int k = 0; k < obs.length; k++) {
                RunEstimates.Estimate b = bins.get(k);
                obs[k] = b.count();
                prob[k] = cdfGamma(u, c, depth, b.binHi()) - cdfGamma(u, c, depth, b.binLo());
            }
            double meanSq = Math.pow(1 / c, 1.0 / depth)
                    * Math.exp(LogGamma.value(3 * shape) - LogGamma.value(shape));
            RunEstimates.Estimate s = est.scalar("layer_sum_squares_mean", t, -1);
            return Outcome.all(Comparisons.chiSquare("lambda", obs, prob, level / 2),
                    Comparisons.z("E lambda^2", s.value(), s.stdError(), meanSq, level / 2, allowance));
        };
    }

    private static double cdfGamma(GammaDistribution u, double c, int depth, double x) {
        if (x <= 0) {
            return 0;
        }
        return x == Double.POSITIVE_INFINITY ? 1 : u.cumulativeProbability(c * Math.pow(x, 2 * depth));
    }

    /**
     * O15 (λ-law, exact): the layer singular values of the g^N Brownian motion without energy or
     * entropy have the law of the singular values of Y_{t/N}, Y Euclidean matrix BM with
     * Y_0 of singular values λ(0) (math-spec §3.3), so E Σλ_i² = Σλ_i(0)² + d²(2/β)(t/N) exactly;
     * N = 1 is O3 (X_t − X_0 entrywise N(0, 2t/β)). A z-test at the last save time.
     *
     * @param sumSq0    Σλ_i(0)²
     * @param allowance stated allowance for the O(Δt) bias of the scheme: 0.01 in the catalogue
     *                  (0.12 % of E Σλ² = 8.25 at Δt = 0.002; Σλ² has a constant generator drift
     *                  2d²/(βN), so the bias comes only from the Δt² terms of the tamed step); an
     *                  estimate, not a separate measurement
     */
    static ValidationCheck.Evaluator sumSquares(int d, int depth, double beta, double sumSq0, double allowance) {
        return (est, level) -> {
            double t = est.lastTime();
            RunEstimates.Estimate s = est.scalar("layer_sum_squares_mean", t, -1);
            double theory = sumSq0 + (double) d * d * (2 / beta) * (t / depth);
            return Comparisons.z("E sum lambda^2", s.value(), s.stdError(), theory, level, allowance);
        };
    }

    /** O8: RK4 at Δt = 1e-3 against the logistic solution; its global error is ≈ 1e-13 (measured 1e-14). */
    static final double ALIGNED_TOLERANCE = 1e-9;

    /**
     * O8 (math-spec §7): depth N = 2, E = ½‖X − Φ‖², Φ = diag(φ), X(0) = σ0·I share their SVD basis, so
     * σ_i(t) = φ_i / (1 + (φ_i/σ0 − 1) e^{−2φ_i t}) (the closed form, computed here independently of the
     * run's theory column). A deterministic flow: the check is |σ_i − closed form| ≤ tolerance for every
     * i at the last save time, and the theory column must agree too.
     *
     * @param phi descending target values
     */
    static ValidationCheck.Evaluator alignedLogistic(double[] phi, double sigma0, double tolerance) {
        return (est, level) -> {
            double t = est.lastTime();
            double worst = 0;
            double worstTheory = 0;
            for (int i = 0; i < phi.length; i++) {
                double exact = phi[i] / (1 + (phi[i] / sigma0 - 1) * Math.exp(-2 * phi[i] * t));
                RunEstimates.Estimate s = est.scalar("singular_value_mean", t, i + 1);
                worst = Math.max(worst, Math.abs(s.value() - exact));
                worstTheory = Double.isNaN(s.theory()) ? Double.POSITIVE_INFINITY
                        : Math.max(worstTheory, Math.abs(s.theory() - exact));
            }
            return new Outcome("max |sigma_i - logistic| = " + Comparisons.g(worst) + ", theory column "
                    + Comparisons.g(worstTheory), "both ≤ " + Comparisons.g(tolerance) + " (deterministic)",
                    worst <= tolerance && worstTheory <= tolerance);
        };
    }

    /**
     * OU1: depth N = 1 with E = ½‖X − Φ‖² is the Euclidean Langevin equation dX = −(X − Φ)dt +
     * sqrt(2κ/β) dB (𝒜_{1,X} = id, math-spec §2.1; S ≡ 0), so X_t is entrywise normal with mean
     * m = Φ + e^{−t}(X_0 − Φ) and variance v = (κ/β)(1 − e^{−2t}): E Σσ² = ‖m‖² + d²v and
     * E E = ½‖m − Φ‖² + ½d²v. z-tests of both at the last save time (α/2 each).
     *
     * @param x0        X_0, row-major
     * @param phi       Φ, row-major
     * @param allowance stated allowance for the O(Δt) bias of Euler–Maruyama on this linear SDE: 0.01
     *                  in the catalogue, against Δt/2 = 0.1 % of E Σσ² ≈ 3.3 (0.003) at Δt = 0.002; an
     *                  estimate, not a separate measurement
     */
    static ValidationCheck.Evaluator depthOneRegression(double[] x0, double[] phi, double beta, double kappa,
            double allowance) {
        return (est, level) -> {
            double t = est.lastTime();
            double v = kappa / beta * -Math.expm1(-2 * t);
            double ss = 0;
            double energy = 0;
            for (int j = 0; j < x0.length; j++) {
                double m = phi[j] + Math.exp(-t) * (x0[j] - phi[j]);
                ss += m * m + v;
                energy += 0.5 * ((m - phi[j]) * (m - phi[j]) + v);
            }
            RunEstimates.Estimate s = est.scalar("layer_sum_squares_mean", t, -1);
            RunEstimates.Estimate e = est.scalar("energy_mean", t, -1);
            return Outcome.all(
                    Comparisons.z("E sum sigma^2", s.value(), s.stdError(), ss, level / 2, allowance),
                    Comparisons.z("E E", e.value(), e.stdError(), energy, level / 2, allowance));
        };
    }

    /**
     * O16: stationary Gibbs law of the DLN-RLE with entropy, d = 2, E = α|X|²/2, κ = 1
     * (math-spec §3.5, §7 O16): p(λ) ∝ exp(−βα/2 Σλ^{2N}) sqrt((λ1^{2N} − λ2^{2N})(λ1² − λ2²)),
     * reference means by {@link dlmc.core.theory.DlnGibbsLaw} (nested Gauss–Legendre, the same law the
     * estimates' gibbs_ rows use; checked here against an independent NumPy quadrature in WrongTheoryTest). z-tests of E λ_2 and E Σλ² (α/2 each) with a
     * stated allowance for the O(Δt) bias: 0.01 in the catalogue at Δt = 0.001, scaled from the
     * −1.5 % bias of E σ₂ measured at Δt = 0.002 for the hybrid scheme (math-spec §7.2), i.e.
     * about 0.8 % of E Σλ² = 1.157; an estimate, not a separate measurement.
     */
    static ValidationCheck.Evaluator gibbsTwoByTwo(int depth, double alpha, double beta, double allowance) {
        return (est, level) -> {
            double t = est.lastTime();
            dlmc.core.theory.DlnGibbsLaw q = new dlmc.core.theory.DlnGibbsLaw(2, depth, beta, 1.0, alpha, true);
            RunEstimates.Estimate l2 = est.scalar("layer_singular_value_mean", t, 2);
            RunEstimates.Estimate s = est.scalar("layer_sum_squares_mean", t, -1);
            return Outcome.all(
                    Comparisons.z("E lambda_2", l2.value(), l2.stdError(), q.layerMeans()[1], level / 2, allowance),
                    Comparisons.z("E sum lambda^2", s.value(), s.stdError(), q.sumSquaresMean(), level / 2, allowance));
        };
    }

    /**
     * O21: n^{2/3}(λ_max/(R/2) − 2) against Tracy–Widom (math-spec §5.2, {@link TracyWidom}):
     * mean within 0.1 and variance within 15 % (the spec's finite-n allowances, O(n^{−2/3})
     * corrections) plus the Monte-Carlo error; α/2 each.
     */
    static ValidationCheck.Evaluator tracyWidom(double beta) {
        return (est, level) -> {
            double t = est.lastTime();
            RunEstimates.Estimate m = est.scalar("tw_mean", t, -1);
            RunEstimates.Estimate v = est.scalar("tw_variance", t, -1);
            double var = TracyWidom.variance(beta);
            return Outcome.all(
                    Comparisons.z("TW mean", m.value(), m.stdError(), TracyWidom.mean(beta), level / 2, 0.1),
                    Comparisons.z("TW var", v.value(), v.stdError(), var, level / 2, 0.15 * var));
        };
    }

    /**
     * SK (math-spec §5.2): the bulk nearest-neighbour spacings of the spectrum unfolded with the
     * semicircle against the n → ∞ sine-kernel (Gaudin–Mehta) law: a z-test of
     * {@code unfolded_spacing_mean} against 1 and of {@code unfolded_spacing_variance} against
     * {@link SineKernelSpacingLaw#variance()} (2∫E_β − 1 by Fredholm determinants, computed here),
     * with cluster-robust standard errors and the measured finite-n allowances; α/2 each. (The
     * pooled histogram's bins are not independent counts, so no Pearson χ² on them.)
     */
    static ValidationCheck.Evaluator sineKernelSpacing(double beta, double meanAllowance, double varianceAllowance) {
        return (est, level) -> {
            double t = est.lastTime();
            RunEstimates.Estimate m = est.scalar("unfolded_spacing_mean", t, -1);
            RunEstimates.Estimate v = est.scalar("unfolded_spacing_variance", t, -1);
            return Outcome.all(
                    Comparisons.z("E s", m.value(), m.stdError(), 1.0, level / 2, meanAllowance),
                    Comparisons.z("Var s", v.value(), v.stdError(), SineKernelSpacingLaw.of(beta).variance(), level / 2,
                            varianceAllowance));
        };
    }

    /**
     * ENT (math-spec §5.1; no §7 number): D1 from 0 at time t has the eigenvalue density
     * ∝ |Δ(λ)|^β exp(−βΣλ²/(4t)), i.e. λ = sqrt(2t/β)·x with x the standard GβE, whose ordered
     * spectrum has the exact entropy {@link GbeEntropy#ordered} (Mehta's integral). A z-test of
     * {@code spectrum_entropy_knn} at the last save time, s.e. × {@link #ENTROPY_SE_FACTOR}, with
     * the measured bias allowance. The scale is computed here from t, not from the model's
     * semicircle radius as the run's {@code theory} column is.
     *
     * @param allowance bias allowance ({@link #KNN_N3_ALLOWANCE} for n = 3, M = 10⁴)
     */
    static ValidationCheck.Evaluator spectrumEntropy(double beta, int n, double allowance) {
        return (est, level) -> knnOutcome(est, beta, n, level, allowance);
    }

    /**
     * ENT: the one-point law (mean spectral density) of the GUE, D1 from 0 at time t (scale
     * sqrt(2t/β) = sqrt(t)), has the entropy {@link GueOnePointEntropy#standard} + log sqrt(t)
     * (finite-n Hermite kernel). A z-test of {@code spectral_density_entropy} at the last save
     * time, s.e. × {@link #ENTROPY_SE_FACTOR}, with the measured bias allowance.
     */
    static ValidationCheck.Evaluator densityEntropy(int n, double allowance) {
        return (est, level) -> densityOutcome(est, n, level, allowance);
    }

    /** ENT for β = 2: both entropy estimates of one run ({@link #spectrumEntropy}, {@link #densityEntropy}), α/2 each. */
    static ValidationCheck.Evaluator entropies(double beta, int n, double knnAllowance, double densityAllowance) {
        if (beta != 2.0) {
            throw new IllegalArgumentException("the one-point entropy theory is the GUE kernel: beta must be 2, got " + beta);
        }
        return (est, level) -> Outcome.all(knnOutcome(est, beta, n, level / 2, knnAllowance),
                densityOutcome(est, n, level / 2, densityAllowance));
    }

    private static Outcome knnOutcome(RunEstimates est, double beta, int n, double alpha, double allowance) {
        double t = est.lastTime();
        RunEstimates.Estimate h = est.scalar("spectrum_entropy_knn", t, -1);
        double theory = GbeEntropy.ordered(n, beta, Math.sqrt(2 * t / beta));
        return Comparisons.z("H knn" + SE_TAG, h.value(), ENTROPY_SE_FACTOR * h.stdError(), theory, alpha, allowance);
    }

    private static Outcome densityOutcome(RunEstimates est, int n, double alpha, double allowance) {
        double t = est.lastTime();
        RunEstimates.Estimate h = est.scalar("spectral_density_entropy", t, -1);
        double theory = GueOnePointEntropy.standard(n) + 0.5 * Math.log(t);
        return Comparisons.z("H 1pt" + SE_TAG, h.value(), ENTROPY_SE_FACTOR * h.stdError(), theory, alpha, allowance);
    }
}
