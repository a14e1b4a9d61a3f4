package dlmc.core.scheme;

/**
 * How {@link SvdFrameScheme} takes the λ-update of math-spec §6.4 step 4 (experiment key
 * {@code scheme.lambda_step}). All use the diagonal noises sqrt(2κΔt/(βN)) Z_ii and are followed
 * by the same reflection at 0 and descending re-order (§6.4 steps 5–6). The default is
 * {@link #DEFAULT} = {@link #PAIR_IMPLICIT}: as accurate as {@link #IMPLICIT} (measured) and
 * faster — see {@link #PAIR_IMPLICIT}.
 */
public enum LambdaStep {
    /**
     * Smooth part of the drift (energy, entropy) tamed explicit, interaction drift-implicit (Newton
     * solve) — "the semi-implicit step of §6.1-3 for the singular part" (§6.4 step 4, §6.5). Never
     * swaps values, for any Δt and from coincident values (X(0) = I). The reference that
     * {@link #PAIR_IMPLICIT} (the default) approximates; the previous default, still available
     * ({@code lambda_step: implicit}).
     */
    IMPLICIT("implicit"),
    /**
     * The tamed explicit step written out in §6.4 step 4: the whole drift b (energy, interaction,
     * entropy) evaluated at λ and tamed, τ = b/(1 + Δt‖b‖₂) (§6.1-2 taming):
     * λ*_i = λ_i + τ_i Δt + sqrt(2κΔt/(βN)) Z_ii. Needs distinct values when the interaction is on
     * (κ &gt; 0, β &lt; ∞, d ≥ 2): its drift 2λ_i/(λ_i² − λ_j²) is infinite at a tie. Cheaper (no
     * Newton solve); the gap rule Δt ≤ ε² βN/(2κ) min_i (λ_i − λ_{i+1})² of §6.4 is advisable:
     * where near-collisions are frequent its error shrinks only like sqrt(Δt) (measured; see
     * {@link SvdFrameScheme}).
     */
    TAMED("tamed"),
    /**
     * An IMEX approximation of {@link #IMPLICIT} without the Newton solve: the smooth part tamed
     * explicit as there, the interaction implicit only within near pairs of neighbours (gap below
     * 8 sqrt(κΔt/(βN)), each pair's two-particle equation solved exactly) and explicit elsewhere,
     * refined by two fixed-point sweeps of the implicit equation ({@code LayerValueStep}, math-spec
     * §6.4 step 4 "or the semi-implicit step of §6.1-3", §6.1-3, §6.5). Falls back to the Newton
     * solve for the rare step whose values would leave the chamber (a close triple). Measured
     * against {@link #IMPLICIT} on the same Brownian paths: W4 (d = 8, N = 4, β = 2) E σ_1, E σ_d at
     * t = 1 differ by +0.005 %, −0.011 % at Δt = 1e-3, shrinking faster than linearly in Δt; the
     * d = 2 Gibbs time averages by ≤ 2e-7 relative (see {@link SvdFrameScheme}). Needs no gap rule
     * and starts from coincident values (X(0) = I).
     *
     * <p>The default ({@link #DEFAULT}): at the implicit step's accuracy it is faster — W4 measured
     * on a quiet machine (bench/RESULTS.md, fourth session): {@code bench/compare.sh} 156 868
     * trajectories/s against 136 296/s for {@link #IMPLICIT} (1.15 ×); same-JVM interleaved A/B
     * ({@code bench/ab.sh}) 1.015 × W3 against 0.822 × W3 (1.23 ×).
     */
    PAIR_IMPLICIT("pair-implicit");

    /** The mode used when {@code scheme.lambda_step} is not given: {@link #PAIR_IMPLICIT}. */
    public static final LambdaStep DEFAULT = PAIR_IMPLICIT;

    private final String key;

    LambdaStep(String key) {
        this.key = key;
    }

    /** @return the experiment-file value: {@code implicit}, {@code tamed} or {@code pair-implicit}. */
    public String key() {
        return key;
    }

    /** @return the mode named {@code key}, or null if there is none. */
    public static LambdaStep fromKey(String key) {
        for (LambdaStep s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }

    /** @return "implicit, tamed or pair-implicit" (for error messages). */
    public static String allowed() {
        return "implicit, tamed or pair-implicit";
    }
}
