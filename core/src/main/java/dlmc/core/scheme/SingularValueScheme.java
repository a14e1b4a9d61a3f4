package dlmc.core.scheme;

import dlmc.core.model.DlnModel;

/**
 * The layer-singular-value SDE of math-spec §3.3/§3.4 integrated directly (§6.5), scheme name
 * {@code singular-values}, for <b>spectral</b> energies only (E(X) = e(σ), {@code
 * Energy.isSpectral()}), where the λ's are autonomous:
 * <pre>
 *   dλ_i = [ −λ_i^{N−1} ∂E/∂σ_i + (κ/(βN)) Σ_{j≠i} 2λ_i/(λ_i² − λ_j²) + (1/(βN)) ∂S/∂λ_i · 1{entropy} ] dt
 *          + sqrt(2κ/(βN)) dW_i,     λ_i = σ_i^{1/N},
 * </pre>
 * with ∂E/∂σ_i = (∇E(diag σ))_ii (E's Euclidean gradient at X = diag(λ^N)).
 *
 * <p>Step ({@link LayerValueStep}): tamed explicit smooth part, drift-implicit singular part in the
 * type-D Weyl chamber (so the values never swap, for any Δt and from coincident values such as
 * X(0) = I), then reflection λ_i ← |λ_i| at 0 and descending order. Reflection and pass-through
 * give the same law for unsigned singular values because the drift is odd in λ_d (§3.3
 * "Boundary"). Fixed step Δt (the last step before a save time is shortened to hit it exactly).
 * Randomness: d Gaussians per step from the stream.
 *
 * <p><b>State.</b> Only λ is simulated; the singular vectors are not. {@code state} reports
 * X = diag(σ), σ = λ^N descending — the right spectrum but a conventional frame (U = V = I), so
 * quantities of X other than its singular values (and E, S, F, which depend on σ only) are not
 * meaningful. {@code orthogonalityResidual} and {@code balanceResidual} are NaN.
 *
 * <p>Orders: the noise is additive (EM = Milstein), so strong 1 and weak 1 are the orders for a
 * Lipschitz drift; the interaction 2λ_i/(λ_i² − λ_j²) is singular, so they are nominal, checked
 * empirically (slow tier). Itô.
 *
 * <p>Immutable and thread-safe; steppers are not.
 */
public final class SingularValueScheme implements DlnScheme {
    /** Scheme name in experiment files. */
    public static final String NAME = "singular-values";
    /** The {@link #unsupportedReason} text for a non-spectral energy. */
    public static final String NEEDS_SPECTRAL =
            "needs a spectral energy (E depends on singular values only), e.g. none or confining";

    private static final SchemeInfo INFO = new SchemeInfo(NAME, 1.0, 1.0, "Ito",
            "lambda-SDE of math-spec 3.4/6.5 (spectral energies only): tamed explicit smooth drift, drift-implicit "
                    + "interaction in the type-D Weyl chamber, reflection at 0; additive noise so EM = Milstein, but "
                    + "the interaction 2 lambda_i/(lambda_i^2 - lambda_j^2) is singular: orders are nominal; "
                    + "singular vectors are not simulated (state reports X = diag(sigma))");

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public String unsupportedReason(DlnModel model) {
        if (model.energy() == null || !model.energy().isSpectral()) {
            return "scheme " + NAME + " " + NEEDS_SPECTRAL + "; got "
                    + (model.energy() == null ? "no energy" : "model.energy " + model.energy());
        }
        return null;
    }

    /**
     * @param dt the step Δt, finite and &gt; 0
     * @throws IllegalArgumentException if dt is not finite and positive or the model is unsupported,
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
        return new SingularValueStepper(model, dt);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
