package dlmc.core.scheme;

import dlmc.core.model.DlnModel;

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
 *       noise sqrt(2κΔt/(βN)) Z_ii. Implemented by {@link LayerValueStep}: the smooth part of b
 *       tamed, τ = b^s/(1 + Δt‖b^s‖), the singular (interaction) part drift-implicit — the
 *       "semi-implicit step of §6.1-3 for the singular part" that §6.4 step 4 allows; it needs no
 *       gap rule and starts from coincident values (X(0) = I).</li>
 *   <li>Reflection at 0: λ*_i &lt; 0 ⇒ λ*_i ← −λ*_i and column i of V_δ negated.</li>
 *   <li>Descending re-order of λ*, permuting the columns of UU_δ and VV_δ alike.</li>
 *   <li>U ← UU_δ, V ← VV_δ, λ ← λ*; every {@link #DEFAULT_REORTHONORMALISE_EVERY} steps U and V are
 *       re-orthonormalised (QR with positive R_ii, by modified Gram–Schmidt on the columns).</li>
 * </ol>
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
                    + "off-diagonal increment, singular values from the lambda-SDE (semi-implicit interaction, tamed "
                    + "smooth drift, reflection at 0); any energy; orders hold away from singular-value collisions "
                    + "(the interaction drift is singular there)");

    private final int reorthonormaliseEvery;

    /** Re-orthonormalises every {@value #DEFAULT_REORTHONORMALISE_EVERY} steps. */
    public SvdFrameScheme() {
        this(DEFAULT_REORTHONORMALISE_EVERY);
    }

    /**
     * @param reorthonormaliseEvery steps between re-orthonormalisations of U and V, ≥ 1
     * @throws IllegalArgumentException if it is &lt; 1
     */
    public SvdFrameScheme(int reorthonormaliseEvery) {
        if (reorthonormaliseEvery < 1) {
            throw new IllegalArgumentException("scheme.reorthonormalise_every must be >= 1, got "
                    + reorthonormaliseEvery);
        }
        this.reorthonormaliseEvery = reorthonormaliseEvery;
    }

    public int reorthonormaliseEvery() {
        return reorthonormaliseEvery;
    }

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    /** @return null: every DLN model (any energy, β, κ, entropy on or off, d ≥ 1, N ≥ 1) is supported. */
    @Override
    public String unsupportedReason(DlnModel model) {
        return model.energy() == null ? "scheme " + NAME + " needs an energy (use none for E = 0)" : null;
    }

    /**
     * @param dt the step Δt, finite and &gt; 0
     * @throws IllegalArgumentException if dt is not finite and positive
     */
    @Override
    public DlnStepper newStepper(DlnModel model, double dt) {
        Steps.checkDt(dt);
        final String reason = unsupportedReason(model);
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        return new SvdFrameStepper(model, dt, reorthonormaliseEvery);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
