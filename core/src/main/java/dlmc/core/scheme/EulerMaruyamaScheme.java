package dlmc.core.scheme;

import dlmc.core.model.DysonModel;

/**
 * Explicit Euler–Maruyama on the eigenvalues with gap-adaptive steps and reject-and-halve on the
 * same Brownian path (math-spec §6.1-2), scheme name {@code euler-maruyama}, β ≥ 1, all three
 * normalisations:
 * <pre>  λ^{k+1} = λ^k + b(λ^k) Δt_k + σ ΔW_k,   ΔW_k ~ N(0, Δt_k I),</pre>
 * b, σ² = noiseVariance from {@link DysonModel}.
 *
 * <h2>Step size</h2>
 * With g_k = min_i (λ_{i+1} − λ_i) and the per-pair gaps g_{k,i},
 * <pre>  Δt_k = min( Δt_max, T − t, ε² min(1, β/2) g_k² / c, min_i ε g_{k,i} / |b_{i+1} − b_i| ).</pre>
 * Derivation (any normalisation): the noise moves a gap by σ sqrt(2Δt) in law and the nearest
 * neighbour's repulsion by about 2cΔt/g. Keeping the noise increment σ sqrt(Δt) ≤ ε g needs
 * Δt ≤ ε² g²/σ²; keeping the pair repulsion c Δt/g ≤ ε² g (ε² rather than ε: conservative) needs
 * Δt ≤ ε² g²/c. In all three normalisations σ² = 2c/β ((2/β, 1) in D1; (2/(βn), 1/n) in D2 and
 * OU), so min(1/σ², 1/c) = min(1, β/2)/c: this is §6.1-2's D1 rule ε² min(1, β/2) g² with the
 * interaction c = 1/n of D2/OU in the denominator (Δt n times larger than the D1 rule: the D2
 * spectrum is the D1 spectrum divided by sqrt n, same time). The last term makes the drift
 * increment of every gap, Δt |b_{i+1} − b_i|, at most ε times that gap even when far
 * neighbours add up (clusters). The OU confinement is Lipschitz (rate θ = 1/2) and bounded by Δt_max.
 *
 * <h2>Reject and halve</h2>
 * If a proposal leaves the chamber λ_1 &lt; ... &lt; λ_n, the step is rejected and retried on the
 * first half [t, t + Δt/2] with the first half of the <em>same</em> Brownian increment, drawn from
 * the Brownian bridge ({@link BrownianBridge}); the second half is kept and used next. The
 * trajectory therefore integrates one fixed Brownian path on a refined grid, and the law is not
 * biased towards "good" increments (as redrawing would do). Pending pieces never cross a save
 * time. Failures: more than {@code maxHalvings} consecutive halvings → {@link Status#COLLISION};
 * more than {@code maxStepsPerInterval} attempted steps (accepted + rejected) within one save
 * interval → {@link Status#STEP_LIMIT}; a non-finite proposal → {@link Status#NON_FINITE}.
 *
 * <h2>Coincident eigenvalues and near-collisions: implicit floor</h2>
 * EM cannot step where the drift is infinite (e.g. the zero start), and near a close encounter
 * Δt_k ∝ g_k² can shrink below the time resolution: for β = 1 the gap of a pair is a Bessel
 * process of dimension 2, which does not hit 0 but comes within any distance of it with a
 * probability decaying only like 1/log(1/distance), so from a zero start about a third of D1,
 * n = 2 paths on [0, 1] get closer than 1e-8. Therefore, whenever the state is not strictly
 * ordered or Δt_k &lt; h_floor = {@link #IMPLICIT_FLOOR_FRACTION} · Δt_max, the step of length
 * h_floor (capped by the save time) is a drift-implicit step ({@link ImplicitScheme}) driven by
 * the same Brownian increment; it is stable for any gap. At the switch the two step rules agree
 * (the implicit step is taken only where the adaptive EM step would be at most as long), and the
 * implicit steps cover a vanishing fraction of time as Δt_max → 0.
 *
 * <h2>Randomness</h2>
 * Draws come only from the given stream, in an order fixed by the state: n Gaussians per fresh
 * increment, n per bridge split. Results depend only on
 * (seed, trajectory id) and the configuration.
 *
 * <h2>Orders</h2>
 * Strong order 1 (additive noise) and weak order 1 hold for Lipschitz drift only; the drift
 * 1/(λ_i − λ_j) is singular, so these are the nominal orders (§6.1-2), checked empirically
 * ({@code WeakOrderSlowTest}; {@code DysonStrongOrderSlowTest}: strong slope 0.995–1.028 for the
 * fixed-step EM formula away from collisions).
 * For β &lt; 1 the exact particles collide (§6.1-5) and reject-and-halve stalls: use
 * {@code implicit}.
 *
 * <p>Immutable and thread-safe; steppers are not.
 */
public final class EulerMaruyamaScheme implements DysonScheme {
    /** Scheme name in experiment files. */
    public static final String NAME = "euler-maruyama";
    /** Default ε of the gap-adaptive step. */
    public static final double DEFAULT_EPSILON = 0.1;
    /** Default number of consecutive halvings before {@link Status#COLLISION}. */
    public static final int DEFAULT_MAX_HALVINGS = 60;
    /** Default bound on attempted steps per save interval before {@link Status#STEP_LIMIT}. */
    public static final long DEFAULT_MAX_STEPS_PER_INTERVAL = 100_000_000L;
    /**
     * h_floor / Δt_max: below this step EM switches to a drift-implicit step of length h_floor
     * (coincident eigenvalues, close encounters). 1e-6 keeps the floor far above the time
     * resolution (ulp(t)/Δt_max ~ 1e-14 for t ~ 1, Δt_max ~ 1e-2) and far below Δt_max.
     */
    public static final double IMPLICIT_FLOOR_FRACTION = 1e-6;

    private static final SchemeInfo INFO = new SchemeInfo(NAME, 1.0, 1.0, "Ito",
            "explicit Euler-Maruyama with gap-adaptive step and Brownian-bridge reject-and-halve (math-spec 6.1-2), "
                    + "drift-implicit steps below the step floor 1e-6 dt_max and from coincident eigenvalues; "
                    + "strong 1 (additive noise) and weak 1 hold for Lipschitz drift only: the singular drift "
                    + "1/(lambda_i - lambda_j) violates the hypotheses; beta >= 1 only");

    private final double epsilon;
    private final int maxHalvings;
    private final long maxStepsPerInterval;

    /** Defaults: ε = 0.1, 60 halvings, 10⁸ steps per save interval. */
    public EulerMaruyamaScheme() {
        this(DEFAULT_EPSILON, DEFAULT_MAX_HALVINGS, DEFAULT_MAX_STEPS_PER_INTERVAL);
    }

    /**
     * @param epsilon             ε of the adaptive step, finite and &gt; 0 (§6.1-2 suggests [0.05, 0.2])
     * @param maxHalvings         consecutive halvings allowed, in [1, 200]
     * @param maxStepsPerInterval attempted steps allowed per save interval, ≥ 1
     * @throws IllegalArgumentException naming the offending value
     */
    public EulerMaruyamaScheme(double epsilon, int maxHalvings, long maxStepsPerInterval) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("scheme.epsilon must be finite and > 0, got " + epsilon);
        }
        if (maxHalvings < 1 || maxHalvings > 200) {
            throw new IllegalArgumentException("scheme.max_halvings must be in [1, 200], got " + maxHalvings);
        }
        if (maxStepsPerInterval < 1) {
            throw new IllegalArgumentException("scheme.max_steps_per_interval must be >= 1, got "
                    + maxStepsPerInterval);
        }
        this.epsilon = epsilon;
        this.maxHalvings = maxHalvings;
        this.maxStepsPerInterval = maxStepsPerInterval;
    }

    public double epsilon() {
        return epsilon;
    }

    public int maxHalvings() {
        return maxHalvings;
    }

    public long maxStepsPerInterval() {
        return maxStepsPerInterval;
    }

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public String unsupportedReason(DysonModel model) {
        if (model.beta() < 1) {
            return "scheme euler-maruyama needs beta >= 1, got beta = " + model.beta()
                    + ": for beta < 1 the particles collide (math-spec 6.1-5) and reject-and-halve stalls;"
                    + " use scheme implicit";
        }
        return null;
    }

    /**
     * @param dt Δt_max, finite and &gt; 0
     * @throws IllegalArgumentException if {@code dt} is not finite and positive, or the model is
     *                                  unsupported ({@link #unsupportedReason})
     */
    @Override
    public DysonStepper newStepper(DysonModel model, double dt) {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("scheme.dt must be finite and > 0, got " + dt);
        }
        final String reason = unsupportedReason(model);
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        return new EulerMaruyamaStepper(model, dt, epsilon, maxHalvings, maxStepsPerInterval);
    }

    @Override
    public String toString() {
        return NAME + "[epsilon=" + epsilon + "]";
    }
}
