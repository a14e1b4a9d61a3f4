package dlmc.core.scheme;

import dlmc.core.model.DysonModel;

/**
 * Drift-implicit Euler scheme on the eigenvalues (math-spec §6.1-3), scheme name
 * {@code implicit}, any β &gt; 0 and all three normalisations:
 * <pre>  λ^{k+1} = argmin_{μ_1 &lt; ... &lt; μ_n} ½‖μ − λ^k − σ sqrt(Δt) ξ^k‖² − Δt c Φ(μ) + Δt θ/2 ‖μ‖²,</pre>
 * Φ(μ) = Σ_{i&lt;j} log(μ_j − μ_i), (σ², c, θ) from {@link DysonModel}; equivalently
 * λ^{k+1} − Δt b(λ^{k+1}) = λ^k + σ sqrt(Δt) ξ^k with the full drift b taken implicitly (the OU
 * confinement too). Solved by Newton with chamber-preserving backtracking
 * ({@link ImplicitStepSolver}).
 *
 * <p>Step: fixed. Each save interval [t, T] is cut into m = ⌈(T − t)/dt⌉ equal steps, so the
 * save time is hit exactly and steps are never longer than {@code dt}. Draws: n Gaussians per
 * step, in index order, nothing else; the path depends only on (seed, trajectory id).
 *
 * <p>Ordering: every iterate lies in the open Weyl chamber for every Δt (barrier), so the scheme
 * never swaps or merges particles and never rejects a step. For β ≥ 1 this is consistent with the
 * exact process, which never collides. For 0 &lt; β &lt; 1 the exact particles do collide
 * (§6.1-5); the ordered process is then the reflected (multivalued, Cépa–Lépingle) solution, and
 * this scheme approximates that reflected process (for n = 2 its gap is a Bessel process of
 * dimension β + 1 reflected at 0).
 *
 * <p>Coincident eigenvalues (e.g. the zero start): the minimiser is well defined for any λ^k,
 * so the step still works; Newton is then started from the sorted target with ties spread apart
 * ({@link ImplicitStepSolver#startingPoint}).
 *
 * <p>Orders: strong 1 and weak 1 (Itô), nominal, as for {@link EulerMaruyamaScheme}. The noise is
 * additive (σ constant), so the Milstein correction vanishes and drift-implicit Euler is the
 * drift-implicit Milstein scheme: for a smooth, Lipschitz drift the standard theory gives strong
 * order 1, explicit or drift-implicit alike (Kloeden &amp; Platen, <i>Numerical Solution of
 * Stochastic Differential Equations</i>, 1992, ch. 10 strong Taylor and ch. 12 implicit strong
 * schemes). The drift 1/(λ_i − λ_j) is smooth but not globally Lipschitz on the Weyl chamber, so
 * the order holds away from collisions; math-spec §6.1-3 gives the scheme without a rate ([NT20]
 * prove rates for a semi-implicit variant, not read). Measured
 * strong order ({@code DysonStrongOrderSlowTest}, nested grids on one Brownian path, h = T/8 …
 * T/256, T = 0.25, seeds 20260415 / 7 / 20250611): 1.028, 1.003, 1.002 (± 0.009) on D1, β = 4,
 * n = 3 and 1.009, 1.004, 1.011 (± 0.006) on OU, β = 8, n = 4; 0.99–1.02 on four more settings
 * (D1 and OU, β = 2 … 4); near collisions it drops (D1, β = 1, λ(0) = (−0.5, 0, 0.5): 0.81), still
 * well above ½. The strong order was formerly declared ½ (the generic order of Euler schemes
 * for multiplicative noise), which these measurements contradict. The slow tier checks both
 * orders ({@code WeakOrderSlowTest}, {@code DysonStrongOrderSlowTest}).
 *
 * <p>Immutable and thread-safe; steppers are not.
 */
public final class ImplicitScheme implements DysonScheme {
    /** Scheme name in experiment files. */
    public static final String NAME = "implicit";

    private static final SchemeInfo INFO = new SchemeInfo(NAME, 1.0, 1.0, "Ito",
            "drift-implicit Euler (math-spec 6.1-3); strong 1 (additive noise) and weak 1 hold for Lipschitz "
                    + "drift only: the singular drift 1/(lambda_i - lambda_j) violates the hypotheses (measured "
                    + "strong order 1.00-1.03 away from collisions); [NT20] prove rates for a semi-implicit "
                    + "variant (not read). Stays in the Weyl chamber for every dt; for beta < 1 "
                    + "approximates the reflected (Cepa-Lepingle) process");

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public String unsupportedReason(DysonModel model) {
        return null;
    }

    /**
     * @param dt the maximum step, finite and &gt; 0
     * @throws IllegalArgumentException if {@code dt} is not finite and positive
     */
    @Override
    public DysonStepper newStepper(DysonModel model, double dt) {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("scheme.dt must be finite and > 0, got " + dt);
        }
        return new ImplicitStepper(model, dt);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
