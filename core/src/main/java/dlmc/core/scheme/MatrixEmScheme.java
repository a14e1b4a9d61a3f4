package dlmc.core.scheme;

import dlmc.core.model.DlnModel;

/**
 * Euler–Maruyama for the DLN Riemannian Langevin equation in matrix coordinates (math-spec §3.4,
 * §6.3), scheme name {@code matrix-em}. One step of size Δt, all quantities at X_k:
 * <ol>
 *   <li>SVD X_k = U diag(σ) Vᵀ; λ = σ^{1/N}; L_ij by the finite sum.</li>
 *   <li>Draw G (d×d i.i.d. N(0, 1)) in the frame; noise sqrt(2κΔt/β) U(√L ∘ G)Vᵀ (§6.3 step 2 as
 *       written). This is sqrt(2κ/β) 𝒜^{1/2}_{N,X}(ΔB) for the Euclidean increment
 *       ΔB = sqrt(Δt) UGVᵀ, which given the past has the law of sqrt(Δt) times fresh draws: the
 *       same Markov chain as rotating a Euclidean draw into the frame (G = UᵀG'V), without the two
 *       d×d products that rotation costs (≈ 10 % of a step at d = 8, bench/RESULTS.md). The
 *       nested-grid convergence tests, which need one Euclidean Brownian path for the fine and the
 *       coarse grid, drive the stepper with Euclidean increments and rotate them.</li>
 *   <li>Drift U[−L ∘ (Uᵀ∇E V) + diag((1/β) s_i·1{entropy} + (κ(N−1)/β) λ_i^{N−2})]Vᵀ,
 *       s_i = λ_i^{N−1} ∂S/∂λ_i (§3.4).</li>
 *   <li>X_{k+1} = X_k + drift·Δt + noise.</li>
 * </ol>
 *
 * <h2>Step size</h2>
 * Base step Δt. With {@code epsilon} &gt; 0 the §6.3 step-size rule is applied as a cap (N ≥ 2 only:
 * for N = 1 the SDE is Euclidean Brownian motion with a Lipschitz drift):
 * <pre>  Δt_k = min( Δt, ε² βN/(2κ) · min(λ_d², min_i (λ_i − λ_{i+1})²),  ε λ_d^N / λ_1^{N−2} ),</pre>
 * shortened before a save time to hit it exactly. If the λ_d-terms of the cap fall below
 * {@link #MIN_STEP_FRACTION}·Δt the trajectory stops with {@link Status#RANK_DEFICIENT} (the scheme
 * is not valid near rank deficiency, see below); if only the gap term does, the step is floored at
 * MIN_STEP_FRACTION·Δt (collisions are not singular for this scheme). With ε = 0 (the default) the
 * step is the fixed Δt.
 *
 * <h2>Warning: bias near rank deficiency (§6.3)</h2>
 * For N ≥ 2 the scheme is <b>biased near rank deficiency</b>: the O(Δt) product of two off-diagonal
 * increments moves σ_d by ≈ λ_j^{N−2}Δt, not small against σ_d = λ_d^N once
 * λ_d^N ≲ λ_1^{N−2}Δt, and the diffusion coefficient ∝ σ^{1−1/N} is not Lipschitz at 0. The lower
 * tail of λ_min is too light even at small Δt (§7.1: 5 % quantile 0.118–0.127 vs 0.077; the affected
 * region shrinks only like Δt^{1/4}). Use it only while λ_min ≫ (λ_1^{N−2}Δt)^{1/N} and
 * ≫ (λ_1^{2N−4}Δt)^{1/4}; otherwise use {@link SvdFrameScheme}. Any σ_d ≤ {@link #RANK_TOLERANCE}·σ_1
 * (N ≥ 2) stops the trajectory with {@link Status#RANK_DEFICIENT}; a non-finite X or a failed SVD
 * with {@link Status#NON_FINITE}.
 *
 * <p>Orders: weak 1 away from the boundary (smooth coefficients on GL_d), strong 1/2
 * (multiplicative noise); Itô. Randomness: d² Gaussians per step from the stream.
 *
 * <p>Immutable and thread-safe; steppers are not.
 */
public final class MatrixEmScheme implements DlnScheme {
    /** Scheme name in experiment files. */
    public static final String NAME = "matrix-em";
    /** σ_d ≤ RANK_TOLERANCE·σ_1 (N ≥ 2) is rank deficiency: about 1e4 ε_mach, where the SVD still resolves σ_d. */
    public static final double RANK_TOLERANCE = 1e-12;
    /** The smallest step of the step-size rule, as a fraction of Δt. */
    public static final double MIN_STEP_FRACTION = 1e-6;
    /** Suggested ε of the step-size rule (§6.3: "ε ≈ 0.1"). */
    public static final double SUGGESTED_EPSILON = 0.1;

    private static final SchemeInfo INFO = new SchemeInfo(NAME, 0.5, 1.0, "Ito",
            "Euler-Maruyama in matrix coordinates (math-spec 6.3); weak order 1 only away from rank deficiency: "
                    + "for N >= 2 the law of lambda_min is biased wherever lambda_min is small, even at small dt "
                    + "(math-spec 6.3, 7.1); prefer svd-frame there");
    /**
     * {@link #warning} for depth N ≥ 2. Measured (bench/RESULTS.md, ninth session;
     * {@code bench/w3-w4-accuracy.sh}): d = 8, N = 4, β = 2, Δt = 1e-3, t = 1, Brownian motion: E λ_min
     * 0.489 against the exact 0.163 (§3.3), the error shrinking like Δt^0.15; svd-frame 0.167.
     */
    public static final String BIAS_WARNING = "scheme matrix-em (math-spec 6.3) is biased for depth N >= 2 "
            + "wherever the smallest layer singular value lambda_min is small, and the bias shrinks only slowly "
            + "with dt (measured: d = 8, N = 4, dt = 1e-3, Brownian motion, t = 1: mean lambda_min 0.489 against "
            + "the exact 0.163; bench/w3-w4-accuracy.sh); svd-frame (math-spec 6.4) is the recommended scheme";

    private final double epsilon;

    /** Fixed step Δt (no step-size rule). */
    public MatrixEmScheme() {
        this(0.0);
    }

    /**
     * @param epsilon ε of the §6.3 step-size rule applied as a cap (e.g. {@link #SUGGESTED_EPSILON});
     *                0 = fixed step. Finite and ≥ 0.
     * @throws IllegalArgumentException otherwise
     */
    public MatrixEmScheme(double epsilon) {
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("scheme.epsilon must be finite and >= 0, got " + epsilon);
        }
        this.epsilon = epsilon;
    }

    public double epsilon() {
        return epsilon;
    }

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public String unsupportedReason(DlnModel model) {
        return model.energy() == null ? "scheme " + NAME + " needs an energy (use none for E = 0)" : null;
    }

    /**
     * @param dt the base step Δt, finite and &gt; 0
     * @throws IllegalArgumentException if dt is not finite and positive,
     *                                  or the model is not in the M24 normalisation (run a CMV model
     *                                  through {@link TimeChangedStepper#of})
     */
    @Override
    public DlnStepper newStepper(DlnModel model, double dt) {
        Steps.requireM24(model);
        Steps.checkDt(dt);
        final String reason = unsupportedReason(model);
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        return new MatrixEmStepper(model, dt, epsilon);
    }

    /**
     * @return {@link #BIAS_WARNING} for depth N ≥ 2 with noise (κ &gt; 0, β &lt; ∞; §6.3 "Biased near
     *         rank deficiency for N ≥ 2": the bias is the O(Δt) product of two off-diagonal noise
     *         increments), else null. Without noise the step is the explicit Euler step of the
     *         deterministic flow −grad F (§3.4, §8 "Limits"), first order like any Euler step.
     */
    @Override
    public String warning(DlnModel model) {
        final boolean noisy = model.kappa() > 0 && Double.isFinite(model.beta());
        return model.depth() >= 2 && noisy ? BIAS_WARNING : null;
    }

    @Override
    public String toString() {
        return NAME + (epsilon > 0 ? "[epsilon=" + epsilon + "]" : "");
    }
}
