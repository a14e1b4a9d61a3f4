package dlmc.core.run;

import dlmc.core.dln.OrbitEntropy;
import dlmc.core.energy.ConfiningEnergy;
import dlmc.core.energy.NoEnergy;
import dlmc.core.estimate.DlnTheory;
import dlmc.core.linalg.Svd;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import dlmc.core.scheme.DlnScheme;
import dlmc.core.theory.AlignedGradientFlow;
import dlmc.core.theory.DepthOneOuReference;
import dlmc.core.theory.DlnGibbsLaw;
import dlmc.core.theory.LambdaLawReference;
import dlmc.core.theory.MarchenkoPastur;
import org.ejml.data.DMatrixRMaj;

/**
 * Plan-time theory for the DLN estimate rows (called by {@link DlnSpec#planEstimates} on the
 * driver, after the histogram ranges are fixed). Theory is attached only where the model is
 * exactly the process the reference describes; everything else stays NaN.
 *
 * <ul>
 *   <li><b>λ-law</b> (math-spec §3.3): a stochastic scheme (not an ODE flow), E = 0 and no entropic
 *       drift (or N = 1, where S ≡ 0). Then λ(t) ~ singular values of Λ_0 + sqrt(2κt/(βN)) G.
 *       E Σλ² = Σλ_i(0)² + d²·2κt/(βN) exactly (fixed start; Ginibre start with N = 1:
 *       d²(s² + 2κt/β)); E E = 0; the other rows from {@link LambdaLawReference} with
 *       {@link #lambdaLawDraws} draws (stream ids from 2^62 + 2^61), when that is at least
 *       {@value #MIN_DRAWS}. N = 1 with a Ginibre start and too large d for sampling: the σ (= λ)
 *       histograms get the Marchenko–Pastur limit of σ²/(d(s² + 2κt/β)) (O18, d → ∞).</li>
 *   <li><b>Depth one, quadratic E</b> (§3.4 with 𝒜_{1,X} = id, S ≡ 0): N = 1 and E ≠ 0
 *       ({@link DepthOneOuReference}: X(t) is an Ornstein–Uhlenbeck matrix, Gaussian). Exact:
 *       E Σσ², E E, E S = 0 and E F = E E; sampled ({@link #depthOneDraws} draws, when at least
 *       {@value #MIN_DRAWS}): the means and the histograms. A deterministic scheme (the ODE flows
 *       {@code gradient-flow} and {@code parameter-flow}, §2.3 and §6.2, which ignore β and κ) gets
 *       the same law without noise (β = ∞): the exact solution X(t) = X̄(t) of the linear ODE
 *       dX/dt = −∇E(X) from a fixed start — every row exact, the means and histograms from
 *       σ(X̄(t)) (two identical draws) —, and from a Ginibre start the Gaussian law of X̄(t) with
 *       the start's variance s² carried along, s² e^{−2h_j t}, sampled as above. Not formed for d &gt;
 *       {@value DepthOneOuReference#MAX_WIDTH} (or d &gt; {@value DepthOneOuReference#MAX_WIDTH_FULL_H}
 *       when H is full, as for {@code sensing} unless Σ_k m_k m_kᵀ is diagonal).</li>
 *   <li><b>Aligned gradient flow</b> (§2.3, oracle O8): no noise ({@link #gradientFlow}: a deterministic
 *       scheme, β = ∞, or κ = 0 with the entropy off, where the RLE of §3.4 is the gradient flow), N ≥ 2, a fixed start aligned with E = {@code regression} or
 *       {@code confining} ({@link AlignedGradientFlow}): the exact solution on every row, at the M24 times
 *       (for a stochastic scheme at β = ∞ the gap to it is the scheme's time-step error).</li>
 *   <li><b>Gibbs</b> (§3.5): a stochastic scheme, E = (α/2)‖X‖², κ &gt; 0, finite β, d ≤ 3:
 *       {@link DlnGibbsLaw} for the {@code gibbs_} rows at the last save time.</li>
 * </ul>
 *
 * <p>Metric normalisation ({@link DlnModel#metricScale}, math-spec §2.1 note): the formulas above
 * are [M24]'s (𝒜). With {@code metric_scale: cmv} (𝒜/N) the process at time t has the law of the
 * M24 process at t/N ({@link dlmc.core.dln.MetricScale}), so every time-dependent reference is
 * evaluated at {@link DlnModel#m24Time}(t) = t/N: E Σλ² = Σλ_i(0)² + d²·2κ(t/N)/(βN), the sampled
 * λ-law and the Marchenko–Pastur limit at t/N. The stationary Gibbs law does not depend on the
 * normalisation (the Riemannian volume of N·g^N is a constant multiple of that of g^N).
 */
public final class DlnReferences {
    /** Upper bound on the λ-law reference draws. */
    public static final int MAX_DRAWS = 200_000;
    /** Below this many draws the sampled λ-law reference is not attached. */
    public static final int MIN_DRAWS = 20_000;
    /** Work budget: draws × (save times with t &gt; 0) × max(1, (d/3)³). */
    public static final double DRAW_BUDGET = 1.5e6;

    private DlnReferences() {
    }

    /** @return whether the scheme integrates the stochastic model (not a deterministic ODE flow). */
    static boolean stochastic(DlnScheme scheme) {
        return !"ODE".equals(scheme.info().calculus());
    }

    /**
     * @return whether the scheme integrates the plain gradient flow dX/dt = −𝒜(∇E) (math-spec §2.3): an ODE
     *         flow, or the RLE of §3.4 without noise and without the entropic and Brownian drifts — β = ∞, or
     *         κ = 0 with the entropy off (§8, "Limits")
     */
    static boolean gradientFlow(DlnModel model, DlnScheme scheme) {
        return !stochastic(scheme) || Double.isInfinite(model.beta()) || (model.kappa() == 0 && !model.entropy());
    }

    /** @return whether the λ-law of math-spec §3.3 describes the model integrated by the scheme. */
    public static boolean lambdaLawApplies(DlnModel model, DlnScheme scheme) {
        return stochastic(scheme) && model.energy() instanceof NoEnergy && (!model.entropy() || model.depth() == 1);
    }

    /**
     * @return whether the depth-one Ornstein–Uhlenbeck law describes the model integrated by the scheme
     *         (N = 1, a quadratic E other than none — which the λ-law covers —; for a deterministic
     *         scheme the law without noise, the exact solution of the linear ODE: class comment)
     */
    public static boolean depthOneApplies(DlnModel model, DlnScheme scheme) {
        return model.depth() == 1 && !(model.energy() instanceof NoEnergy) && model.energy().isQuadratic();
    }

    /**
     * Draws of the sampled depth-one reference: as {@link #lambdaLawDraws}, the work per draw and save
     * time multiplied by 1 + d/3 when the Hessian is full (a d²×d² product per matrix).
     */
    public static int depthOneDraws(int d, SaveGrid grid, boolean fullHessian) {
        final int draws = lambdaLawDraws(d, grid);
        return fullHessian ? (int) Math.floor(draws / (1 + d / 3.0)) : draws;
    }

    /** @return whether the stationary Gibbs law of math-spec §3.5 is computed for the model. */
    public static boolean gibbsApplies(DlnModel model, DlnScheme scheme) {
        return stochastic(scheme) && model.energy() instanceof ConfiningEnergy && model.kappa() > 0
                && Double.isFinite(model.beta()) && model.d() <= DlnGibbsLaw.MAX_WIDTH;
    }

    /**
     * Draws of the sampled λ-law reference: min({@value #MAX_DRAWS}, {@value #DRAW_BUDGET} /
     * (K·max(1, (d/3)³))), K the number of save times with t &gt; 0 (at least 1).
     */
    public static int lambdaLawDraws(int d, SaveGrid grid) {
        int k = 0;
        for (int i = 0; i < grid.size(); i++) {
            if (grid.time(i) > 0) {
                k++;
            }
        }
        final double w = Math.max(1.0, Math.pow(d / 3.0, 3));
        return (int) Math.min(MAX_DRAWS, Math.floor(DRAW_BUDGET / (Math.max(1, k) * w)));
    }

    /** The start of the λ-law: λ(0) = σ(X(0))^{1/N}, or the Ginibre scale. */
    static LambdaLawReference.Start start(DlnModel model) {
        final int d = model.d();
        final DlnInitial init = model.initial();
        if (init instanceof DlnInitial.Ginibre g) {
            return LambdaLawReference.Start.ginibre(g.scale);
        }
        final DMatrixRMaj x = new DMatrixRMaj(d, d);
        model.initialMatrix(null, x); // identity and matrix starts draw nothing
        final Svd svd = new Svd(d);
        if (!svd.decompose(x)) {
            throw new IllegalStateException("SVD of the initial matrix failed");
        }
        final double[] lambda0 = svd.sigma().clone();
        for (int i = 0; i < d; i++) {
            lambda0[i] = Math.pow(lambda0[i], 1.0 / model.depth());
        }
        return LambdaLawReference.Start.fixed(lambda0);
    }

    /**
     * Theory of the regular rows, per save time of {@code grid} (on the model's clock; all NaN where
     * nothing applies). The λ-law is evaluated at {@link DlnModel#m24Time} of each save time.
     */
    public static DlnTheory regular(DlnModel model, DlnScheme scheme, SaveGrid grid, double[] sigmaHi,
            double[] lambdaHi, int bins, long seed) {
        final int d = model.d();
        final int n = model.depth();
        final DlnTheory th = new DlnTheory(grid.size(), d, bins);
        if (depthOneApplies(model, scheme)) {
            return depthOne(model, stochastic(scheme), grid, sigmaHi, lambdaHi, bins, seed, th);
        }
        if (gradientFlow(model, scheme)) {
            // no noise (an ODE flow, β = ∞, or κ = 0 without entropy): the aligned flow's exact solution where it applies
            final DlnTheory aligned = aligned(model, grid, sigmaHi, lambdaHi, bins, th);
            if (aligned != null || !stochastic(scheme)) {
                return th;
            }
        }
        if (!lambdaLawApplies(model, scheme)) {
            return th;
        }
        final double beta = model.beta();
        final double kappa = model.kappa();
        final LambdaLawReference.Start start = start(model);
        final int draws = lambdaLawDraws(d, grid);
        // the references are M24 laws: the model's save time t is the M24 time t/N for metric_scale cmv
        final double[] m24Times = grid.times();
        for (int k = 0; k < m24Times.length; k++) {
            m24Times[k] = model.m24Time(m24Times[k]);
        }
        final LambdaLawReference ref = draws >= MIN_DRAWS ? new LambdaLawReference(d, n, beta, kappa, start,
                m24Times, lambdaHi, sigmaHi, bins, draws, seed) : null;
        for (int k = 0; k < grid.size(); k++) {
            final double t = m24Times[k];
            th.setEnergy(k, 0.0);
            if (ref != null) {
                for (int i = 0; i < d; i++) {
                    th.setLayerMean(k, i, ref.layerMean(k, i));
                    th.setSingularValueMean(k, i, ref.singularValueMean(k, i));
                }
                th.setSumSquares(k, ref.sumSquaresMean(k));
                th.setEntropy(k, ref.entropyMean(k));
                th.setFreeEnergy(k, Double.isInfinite(beta) ? 0.0 : -ref.entropyMean(k) / beta);
                th.setLayerMasses(k, ref.layerBinMasses(k), lambdaHi[k] / bins);
                th.setSingularValueMasses(k, ref.singularValueBinMasses(k), sigmaHi[k] / bins);
            } else if (n == 1 && !start.isFixed()) {
                final double s = ((DlnInitial.Ginibre) model.initial()).scale;
                final double v = s * s + (Double.isInfinite(beta) ? 0 : 2 * kappa * t / beta);
                final MarchenkoPastur mp = new MarchenkoPastur(1.0);
                th.setLayerMasses(k, rootMasses(mp, d * v, lambdaHi[k], bins), lambdaHi[k] / bins);
                th.setSingularValueMasses(k, rootMasses(mp, d * v, sigmaHi[k], bins), sigmaHi[k] / bins);
            }
            final double exact = LambdaLawReference.exactSumSquares(d, n, Double.isInfinite(beta) ? 1 : beta,
                    Double.isInfinite(beta) ? 0 : kappa, start, t);
            if (!Double.isNaN(exact)) {
                th.setSumSquares(k, exact);
            }
        }
        return th;
    }

    /**
     * The rows of a flow without noise at depth N ≥ 2 from an aligned start ({@link AlignedGradientFlow},
     * oracle O8): every row exact, at the M24 times, written into th and returned; null (th unchanged) when
     * the start is not aligned (or E not regression / confining, or a Ginibre start).
     */
    private static DlnTheory aligned(DlnModel model, SaveGrid grid, double[] sigmaHi, double[] lambdaHi, int bins,
            DlnTheory th) {
        if (model.initial() instanceof DlnInitial.Ginibre) {
            return null;
        }
        final int d = model.d();
        final DMatrixRMaj x0 = new DMatrixRMaj(d, d);
        model.initialMatrix(null, x0); // identity and matrix starts draw nothing
        final double[] times = grid.times();
        for (int k = 0; k < times.length; k++) {
            times[k] = model.m24Time(times[k]);
        }
        final AlignedGradientFlow.Solution solution = AlignedGradientFlow.solve(model.depth(), model.energy(), x0, times);
        if (solution == null) {
            return null;
        }
        final AlignedGradientFlow ref = new AlignedGradientFlow(solution, lambdaHi, sigmaHi, bins);
        for (int k = 0; k < grid.size(); k++) {
            final double energy = solution.energy(k);
            final double entropy = ref.entropyMean(k);
            for (int i = 0; i < d; i++) {
                th.setLayerMean(k, i, ref.layerMean(k, i));
                th.setSingularValueMean(k, i, ref.singularValueMean(k, i));
            }
            th.setSumSquares(k, ref.sumSquaresMean(k));
            th.setEnergy(k, energy);
            th.setEntropy(k, entropy);
            th.setFreeEnergy(k, OrbitEntropy.freeEnergy(energy, entropy, model.beta()));
            th.setLayerMasses(k, ref.layerBinMasses(k), lambdaHi[k] / bins);
            th.setSingularValueMasses(k, ref.singularValueBinMasses(k), sigmaHi[k] / bins);
        }
        return th;
    }

    /** The rows of {@link #depthOneApplies} (class comment); th unchanged when the law is not formed. */
    private static DlnTheory depthOne(DlnModel model, boolean stochastic, SaveGrid grid, double[] sigmaHi,
            double[] lambdaHi, int bins, long seed, DlnTheory th) {
        final int d = model.d();
        final DMatrixRMaj x0;
        final double ginibre;
        if (model.initial() instanceof DlnInitial.Ginibre g) {
            x0 = null;
            ginibre = g.scale;
        } else {
            x0 = new DMatrixRMaj(d, d);
            model.initialMatrix(null, x0); // identity and matrix starts draw nothing
            ginibre = Double.NaN;
        }
        final double[] times = grid.times(); // N = 1: the m24 and cmv clocks agree
        // an ODE flow ignores β and κ: its law is the noiseless one (β = ∞)
        final double beta = stochastic ? model.beta() : Double.POSITIVE_INFINITY;
        final DepthOneOuReference.Law law = DepthOneOuReference.law(d, beta, model.kappa(), model.energy(), x0,
                ginibre, times);
        if (law == null) {
            return th;
        }
        // without noise from a fixed start every draw is X̄(t): two draws give the exact values
        final boolean pointMass = x0 != null && Double.isInfinite(beta);
        final int draws = pointMass ? 2 : depthOneDraws(d, grid, law.fullHessian());
        final DepthOneOuReference ref = pointMass || draws >= MIN_DRAWS
                ? new DepthOneOuReference(law, lambdaHi, sigmaHi, bins, draws, seed) : null;
        for (int k = 0; k < grid.size(); k++) {
            final double energy = law.exactEnergy(k);
            th.setSumSquares(k, law.exactSumSquares(k));
            th.setEnergy(k, energy);
            th.setEntropy(k, 0.0);
            th.setFreeEnergy(k, energy);
            if (ref != null) {
                for (int i = 0; i < d; i++) {
                    th.setLayerMean(k, i, ref.layerMean(k, i));
                    th.setSingularValueMean(k, i, ref.singularValueMean(k, i));
                }
                th.setLayerMasses(k, ref.layerBinMasses(k), lambdaHi[k] / bins);
                th.setSingularValueMasses(k, ref.singularValueBinMasses(k), sigmaHi[k] / bins);
            }
        }
        return th;
    }

    private static double[] rootMasses(MarchenkoPastur mp, double scale, double hi, int bins) {
        final double[] m = new double[bins + 1];
        for (int b = 0; b < bins; b++) {
            final double lo = b * hi / bins;
            final double up = b == bins - 1 ? hi : (b + 1) * hi / bins;
            m[b] = mp.rootProbability(lo, up, scale);
        }
        m[bins] = 1 - mp.rootCdf(hi, scale);
        return m;
    }

    /**
     * @return the run's warning when {@link #gibbsApplies} but the quadrature did not converge
     *         ({@link DlnGibbsLaw#converged}), so that the {@code gibbs_} rows are left out
     */
    public static String gibbsNotConverged(DlnModel model) {
        return "no gibbs_ rows: the quadrature of the stationary Gibbs law (math-spec 3.5) did not converge for d = "
                + model.d() + ", depth N = " + model.depth() + " (it does for d <= 2; for d = 3 only up to moderate N)";
    }

    /**
     * The stationary law for the {@code gibbs_} rows at the last save time, or null when
     * {@link #gibbsApplies} is false or the quadrature did not converge. The same for either
     * {@link DlnModel#metricScale} (a time change does not change the stationary law).
     */
    public static DlnTheory gibbs(DlnModel model, DlnScheme scheme, double sigmaHi, double lambdaHi, int bins) {
        if (!gibbsApplies(model, scheme)) {
            return null;
        }
        final int d = model.d();
        final double alpha = ((ConfiningEnergy) model.energy()).alpha();
        final DlnGibbsLaw law = new DlnGibbsLaw(d, model.depth(), model.beta(), model.kappa(), alpha,
                model.entropy());
        if (!law.converged()) {
            return null;
        }
        final DlnTheory th = new DlnTheory(1, d, bins);
        final double[] lm = law.layerMeans();
        final double[] sm = law.singularValueMeans();
        for (int i = 0; i < d; i++) {
            th.setLayerMean(0, i, lm[i]);
            th.setSingularValueMean(0, i, sm[i]);
        }
        th.setSumSquares(0, law.sumSquaresMean());
        th.setEnergy(0, law.energyMean());
        th.setEntropy(0, law.entropyMean());
        th.setFreeEnergy(0, law.energyMean() - law.entropyMean() / model.beta());
        th.setLayerMasses(0, law.layerBinMasses(lambdaHi, bins), lambdaHi / bins);
        th.setSingularValueMasses(0, law.singularValueBinMasses(sigmaHi, bins), sigmaHi / bins);
        return th;
    }
}
