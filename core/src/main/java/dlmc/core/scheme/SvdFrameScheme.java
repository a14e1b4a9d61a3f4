package dlmc.core.scheme;

import dlmc.core.dln.Kernel;
import dlmc.core.linalg.Svd;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import org.ejml.data.DMatrixRMaj;

/**
 * The recommended hybrid scheme of math-spec §6.4 for the DLN Riemannian Langevin equation (§3.4),
 * scheme name {@code svd-frame}, in the state (U, λ, V): X = U diag(λ^N) Vᵀ, U, V ∈ O_d,
 * λ_1 ≥ … ≥ λ_d ≥ 0 (the sign of det X is carried by U, V). One step of size Δt:
 * <ol>
 *   <li>L_ij from λ ({@code Kernel}, finite sum); G_E = Uᵀ∇E(X)V (any energy, spectral or not);
 *       draw Z (d×d i.i.d. N(0, 1), row-major, one matrix per step).</li>
 *   <li>Off-diagonal frame increment a_ij = sqrt(2κL_ijΔt/β) Z_ij − L_ij (G_E)_ij Δt (i ≠ j), a_ii = 0.</li>
 *   <li>SVD of M = diag(λ^N) + a = U_δ S̃ V_δᵀ (descending), signs flipped so that (U_δ)_ii ≥ 0;
 *       S̃ is discarded.</li>
 *   <li>λ from the λ-SDE with the <em>diagonal</em> noises Z_ii:
 *       b_i = −λ_i^{N−1}(G_E)_ii + (κ/(βN)) Σ_{j≠i} 2λ_i/(λ_i² − λ_j²) + (1/(βN)) ∂S/∂λ_i·1{entropy},
 *       noise sqrt(2κΔt/(βN)) Z_ii. Implemented by {@link LayerValueStep} in one of three modes
 *       ({@link LambdaStep}, experiment key {@code scheme.lambda_step}):
 *       <ul>
 *         <li>{@code implicit}: the smooth part of b tamed, τ = b^s/(1 + Δt‖b^s‖),
 *             the singular (interaction) part drift-implicit — the "semi-implicit step of §6.1-3
 *             for the singular part" that §6.4 step 4 allows; it needs no gap rule and starts from
 *             coincident values (X(0) = I). One Newton solve per step (≈ 18 % of W4's time,
 *             bench/RESULTS.md fourth session); the reference for {@code pair-implicit}.</li>
 *         <li>{@code tamed}: the tamed explicit step as §6.4 step 4 writes it, the whole b tamed
 *             (§6.1-2), τ = b/(1 + Δt‖b‖₂), λ*_i = λ_i + τ_i Δt + sqrt(2κΔt/(βN)) Z_ii; no Newton
 *             solve (cheaper), the values may cross (step 6 re-orders them). Needs distinct
 *             layer values when κ &gt; 0, β &lt; ∞ and d ≥ 2: a deterministic X(0) with repeated
 *             singular values (X(0) = I) is refused by {@link #unsupportedReason}; a tie met at
 *             reset or during a step ends the trajectory with {@link Status#COLLISION}.
 *             Accuracy (measured): weak order 1 when the values stay apart (DlnWeakOrderSlowTest,
 *             β = 20), but where near-collisions are frequent its error shrinks only like
 *             sqrt(Δt) — the explicit interaction overshoots at gaps ≲ sqrt(κΔt/(βN)). d = 2,
 *             N = 2, β = 2, Gibbs law: E λ2 off by −0.84 % at Δt = 1e-3, −0.40 % at 2.5e-4
 *             (GibbsStatTest); W4 (d = 8, N = 4, β = 2): E σ_1(t = 1) +4.3 % above the implicit
 *             step at Δt = 1e-3, +1.8 % at 1.25e-4. Not the default for that reason.</li>
 *         <li>{@code pair-implicit} (the default, {@link LambdaStep#DEFAULT}): the implicit step
 *             approximated without Newton — the interaction
 *             implicit only within near pairs of neighbours (gap &lt; 8 sqrt(κΔt/(βN)), the
 *             two-particle equation solved exactly), explicit elsewhere, then two fixed-point sweeps
 *             of the implicit equation; Newton only when a pass would leave the chamber (a close
 *             triple). Like {@code implicit} it starts from X(0) = I. Measured against
 *             {@code implicit} on the same Brownian paths (seed 11, M = 1024, W4: d = 8, N = 4,
 *             β = 2, κ = 1, X(0) = diag(linspace(1.5, 0.5, 8)), t = 1), relative E σ_1, E σ_d:
 *             Δt = 1e-3: +0.0051 %, −0.0113 % (paired s.e. 0.0007 %, 0.0012 %); 5e-4: +0.0011 %,
 *             −0.0030 %; 2.5e-4: +0.00013 %, −0.0005 % (faster than linear); fallbacks 0.13 %
 *             of the steps at 1e-3, 0.004 % at 2.5e-4. d = 2 Gibbs time averages: ≤ 2e-7 relative
 *             at Δt = 2e-3 … 5e-4 (GibbsStatTest). The tamed step at 1e-3 on the same paths:
 *             +5.4 %, −26 %. Why it is the default: as accurate as {@code implicit} (above) and
 *             faster on W4, quiet machine (bench/RESULTS.md fourth session): {@code bench/compare.sh}
 *             156 868 against 136 296 trajectories/s (1.15 ×), {@code bench/ab.sh} 1.015 against
 *             0.822 × W3 (1.23 ×).</li>
 *       </ul></li>
 *   <li>Reflection at 0: λ*_i &lt; 0 ⇒ λ*_i ← −λ*_i and column i of V_δ negated.</li>
 *   <li>Descending re-order of λ*, permuting the columns of UU_δ and VV_δ alike.</li>
 *   <li>U ← UU_δ, V ← VV_δ, λ ← λ*; every {@link #DEFAULT_REORTHONORMALISE_EVERY} steps U and V are
 *       re-orthonormalised (QR with positive R_ii, by modified Gram–Schmidt on the columns).</li>
 * </ol>
 * With a spectral energy step 3's SVDs do not depend on the frames, so the stepper takes up to four
 * steps at a time and computes their SVDs together, one per SIMD lane ({@code LaneJacobi}); each
 * step's bits are the same as when it is taken alone, with or without SIMD.
 * Fixed step Δt (shortened before a save time to hit it exactly). {@code orthogonalityResidual}
 * = max(‖UᵀU − I‖_F, ‖VᵀV − I‖_F) is observed; it stays at round-off level (~1e-15 · steps since
 * the last re-orthonormalisation).
 *
 * <p>Orders (stated, checked in the slow tier): weak 1 away from collisions of λ; strong 1/2 (the
 * frame noise is multiplicative). Itô. β = ∞ or κ = 0 remove the noise (and, for β = ∞, the
 * entropy); then the scheme is a deterministic explicit frame step.
 *
 * <p>Immutable and thread-safe; steppers are not.
 */
public final class SvdFrameScheme implements DlnScheme {
    /** Scheme name in experiment files. */
    public static final String NAME = "svd-frame";
    /** Steps between two re-orthonormalisations of U and V (§6.4 step 7, "every ~100 steps"). */
    public static final int DEFAULT_REORTHONORMALISE_EVERY = 100;

    private static final SchemeInfo INFO = new SchemeInfo(NAME, 0.5, 1.0, "Ito",
            "hybrid SVD-frame scheme of math-spec 6.4: frame rotations from the SVD of diag(lambda^N) + "
                    + "off-diagonal increment, singular values from the lambda-SDE, reflection at 0; lambda_step "
                    + "pair-implicit (default): interaction implicit within near pairs (exact two-particle solution), "
                    + "explicit elsewhere, two fixed-point sweeps, Newton only as a fallback (measured within 0.011 % "
                    + "of implicit on W4 at dt = 1e-3, 1.15-1.23 x faster); lambda_step implicit: semi-implicit "
                    + "interaction (Newton), tamed smooth drift; lambda_step tamed: the whole "
                    + "drift tamed explicit (6.4 step 4 as written; needs distinct singular values, no Newton solve; "
                    + "its error shrinks only like sqrt(dt) where collisions are frequent, measured); "
                    + "any energy; orders hold away from singular-value collisions (the interaction drift is "
                    + "singular there)");

    private final int reorthonormaliseEvery;
    private final LambdaStep lambdaStep;

    /** Re-orthonormalises every {@value #DEFAULT_REORTHONORMALISE_EVERY} steps; the default λ-step {@link LambdaStep#DEFAULT}. */
    public SvdFrameScheme() {
        this(DEFAULT_REORTHONORMALISE_EVERY);
    }

    /**
     * The default λ-step {@link LambdaStep#DEFAULT} (pair-implicit).
     *
     * @param reorthonormaliseEvery steps between re-orthonormalisations of U and V, ≥ 1
     * @throws IllegalArgumentException if it is &lt; 1
     */
    public SvdFrameScheme(int reorthonormaliseEvery) {
        this(reorthonormaliseEvery, LambdaStep.DEFAULT);
    }

    /** Re-orthonormalises every {@value #DEFAULT_REORTHONORMALISE_EVERY} steps. */
    public SvdFrameScheme(LambdaStep lambdaStep) {
        this(DEFAULT_REORTHONORMALISE_EVERY, lambdaStep);
    }

    /**
     * @param reorthonormaliseEvery steps between re-orthonormalisations of U and V, ≥ 1
     * @param lambdaStep            the λ-update of step 4 (class comment), not null
     * @throws IllegalArgumentException if reorthonormaliseEvery is &lt; 1 or lambdaStep is null
     */
    public SvdFrameScheme(int reorthonormaliseEvery, LambdaStep lambdaStep) {
        if (reorthonormaliseEvery < 1) {
            throw new IllegalArgumentException("scheme.reorthonormalise_every must be >= 1, got "
                    + reorthonormaliseEvery);
        }
        if (lambdaStep == null) {
            throw new IllegalArgumentException("scheme.lambda_step must be " + LambdaStep.allowed() + ", got null");
        }
        this.reorthonormaliseEvery = reorthonormaliseEvery;
        this.lambdaStep = lambdaStep;
    }

    public int reorthonormaliseEvery() {
        return reorthonormaliseEvery;
    }

    /** @return the λ-update mode of step 4. */
    public LambdaStep lambdaStep() {
        return lambdaStep;
    }

    /**
     * Why the λ-step mode cannot integrate this model, or null. Only {@link LambdaStep#TAMED} with
     * the interaction on (κ &gt; 0, β &lt; ∞, d ≥ 2) and a deterministic X(0) with repeated
     * singular values ({@code identity}, or a {@code matrix} whose layer values tie in the sense
     * of {@link LayerValueStep#hasTie}) is refused: the explicit interaction drift is infinite at
     * the start, so every trajectory would fail at reset with COLLISION. A random ({@code ginibre})
     * start has distinct values with probability 1 and is accepted.
     *
     * @return a reason (no key name, for the caller to prefix), or null
     */
    public String lambdaStepReason(DlnModel model) {
        final int d = model.d();
        if (lambdaStep != LambdaStep.TAMED || d < 2 || !(model.kappa() > 0) || Double.isInfinite(model.beta())) {
            return null;
        }
        final DlnInitial initial = model.initial();
        if (initial instanceof DlnInitial.Identity id) {
            return "X(0) = " + id.scale + " I has " + d + " equal singular values, where the interaction drift "
                    + "of the tamed lambda-step (math-spec 6.4 step 4) is infinite";
        }
        if (initial instanceof DlnInitial.Matrix m) {
            final Svd svd = new Svd(d);
            if (!svd.decompose(new DMatrixRMaj(m.values()))) {
                return null; // not finite: refused elsewhere (DlnModel)
            }
            final double[] lambda = new double[d];
            Kernel.layerValues(svd.sigma(), model.depth(), lambda);
            if (LayerValueStep.hasTie(lambda, d)) {
                return "the matrix X(0) has repeated singular values " + java.util.Arrays.toString(svd.sigma())
                        + " (relative gap of the layer values <= " + LayerValueStep.TIE_TOLERANCE
                        + "), where the interaction drift of the tamed lambda-step (math-spec 6.4 step 4) is infinite";
            }
        }
        return null;
    }

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    /**
     * @return null for every DLN model (any energy, β, κ, entropy on or off, d ≥ 1, N ≥ 1), except
     *         without an energy and, for {@link LambdaStep#TAMED}, the starts of
     *         {@link #lambdaStepReason}
     */
    @Override
    public String unsupportedReason(DlnModel model) {
        if (model.energy() == null) {
            return "scheme " + NAME + " needs an energy (use none for E = 0)";
        }
        final String r = lambdaStepReason(model);
        return r == null ? null : "scheme " + NAME + " with lambda_step " + lambdaStep.key() + ": " + r
                + "; use the default lambda_step " + LambdaStep.DEFAULT.key()
                + " (or implicit) or an X(0) with distinct singular values";
    }

    /**
     * @param dt the step Δt, finite and &gt; 0
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
        return new SvdFrameStepper(model, dt, reorthonormaliseEvery, lambdaStep);
    }

    /**
     * @return {@code svd-frame} for the default λ-step ({@link LambdaStep#DEFAULT}), else e.g.
     *         {@code svd-frame(lambda_step=implicit)}, {@code svd-frame(lambda_step=tamed)}
     */
    @Override
    public String toString() {
        return lambdaStep == LambdaStep.DEFAULT ? NAME : NAME + "(lambda_step=" + lambdaStep.key() + ")";
    }
}
