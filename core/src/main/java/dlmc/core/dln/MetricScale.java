package dlmc.core.dln;

/**
 * The normalisation of the metric operator (math-spec §2.1, "Note on normalisation"; §8
 * "Parameters"; §9 item 4): the engine's operator is {@code factor(N)·𝒜_{N,X}}. Experiment key
 * {@code model.metric_scale} ({@link #key}).
 * <ul>
 *   <li>{@link #M24}: factor 1, Menon's unnormalised 𝒜_{N,X} (eigenvalues L_ij). The default, and
 *       the convention of every formula in math-spec.</li>
 *   <li>{@link #CMV}: factor 1/N, Cohen–Menon–Veraszto's 𝒜/N (metric g^CMV = N·g^N). Dynamics in
 *       this convention equal M24 dynamics run at time t/N.</li>
 * </ul>
 *
 * <h2>Why CMV is M24 at time t/N, exactly, for the whole Riemannian Langevin equation</h2>
 * Every term of the RLE of §3.4 is proportional to the inverse metric 𝒜:
 * <ul>
 *   <li>the energy drift −grad_g E = −𝒜(∇E) (§2.3) and the entropic drift (1/β) grad_g S =
 *       (1/β) 𝒜(∇S) (§3.4), with ∇ the Frobenius gradient. S(X) = log vol(𝒪_X) itself is the
 *       same function in both conventions: the orbit volume is measured upstairs, in the Frobenius
 *       metric of Mat_d^N (§4.1), which the downstairs normalisation does not touch;</li>
 *   <li>the Brownian motion (§3.1, §3.2): its noise covariance is (2κ/β) g^{-1} = (2κ/β) 𝒜 (noise
 *       sqrt(2κ/β) 𝒜^{1/2}(dB)) and its Itô drift (κ/β) b with b = div 𝒜 − ½ 𝒜 ∇ log det 𝒜, which
 *       is linear in 𝒜 (log det(c𝒜) = const + log det 𝒜): "BM on (M, c g) is BM on (M, g) run at
 *       speed 1/c" (§2.1).</li>
 * </ul>
 * So the generator of the CMV equation is 1/N times the M24 generator, and X^CMV(t) has the law of
 * X^M24(t/N) from the same X(0) (§2.1 conversion), for every energy, β, κ and either entropy
 * switch, and as processes (all save times jointly). The engine therefore has one implementation
 * of each scheme, for M24, and runs a CMV model as that M24 scheme with step Δt/N to the times
 * t/N ({@code dlmc.core.scheme.TimeChangedStepper}); for the Euler-type schemes this is even the
 * same discretisation (one CMV step of size Δt, drift ·Δt/N and noise sqrt(2κΔt/(βN)) 𝒜^{1/2}G,
 * is one M24 step of size Δt/N). Time-dependent theory follows the same rule ({@link #m24Time}:
 * the λ-law of §3.3 at t is the M24 law at t/N); the stationary Gibbs laws of §3.5 are unchanged
 * (dvol_{N g} = N^{d²/2} dvol_g: the same normalised density).
 */
public enum MetricScale {
    /** factor 1 (default). */
    M24("m24"),
    /** factor 1/N. */
    CMV("cmv");

    /** The default normalisation, {@link #M24}. */
    public static final MetricScale DEFAULT = M24;

    private final String key;

    MetricScale(String key) {
        this.key = key;
    }

    /**
     * @param N depth, ≥ 1
     * @return the constant {@code metricScale}: 1 for M24, 1/N for CMV
     */
    public double factor(int N) {
        Kernel.checkDepth(N);
        return this == M24 ? 1.0 : 1.0 / N;
    }

    /**
     * The time of the M24 process whose law at that time is the law of this normalisation's
     * process at {@code t} (class comment): t for M24, t / N for CMV. Computed as the division
     * t / N (not t · (1/N)), the rounding that the run layer applies to save times and steps alike.
     *
     * @param t a time on this normalisation's clock (≥ 0)
     * @param N depth, ≥ 1
     * @return t for {@link #M24}, t / N for {@link #CMV}
     */
    public double m24Time(double t, int N) {
        Kernel.checkDepth(N);
        return this == M24 ? t : t / N;
    }

    /** @return the experiment-file value of {@code model.metric_scale}: {@code m24} or {@code cmv}. */
    public String key() {
        return key;
    }

    /** @return the normalisation named {@code key} ({@code m24}, {@code cmv}), or null if there is none. */
    public static MetricScale fromKey(String key) {
        for (MetricScale s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }

    /** @return "m24 or cmv" (for error messages). */
    public static String allowed() {
        return "m24 or cmv";
    }
}
