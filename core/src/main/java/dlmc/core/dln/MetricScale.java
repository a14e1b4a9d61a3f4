package dlmc.core.dln;

/**
 * The normalisation of the metric operator (math-spec §2.1, "Note on normalisation"; §9 item 4):
 * the engine's operator is {@code factor(N)·𝒜_{N,X}}.
 * <ul>
 *   <li>{@link #M24}: factor 1, Menon's unnormalised 𝒜_{N,X} (eigenvalues L_ij). The default, and
 *       the convention of every formula in math-spec.</li>
 *   <li>{@link #CMV}: factor 1/N, Cohen–Menon–Veraszto's 𝒜/N (metric N·g^N). Dynamics in this
 *       convention equal M24 dynamics run at time t/N.</li>
 * </ul>
 */
public enum MetricScale {
    /** factor 1 (default). */
    M24,
    /** factor 1/N. */
    CMV;

    /** The default normalisation, {@link #M24}. */
    public static final MetricScale DEFAULT = M24;

    /**
     * @param N depth, ≥ 1
     * @return the constant {@code metricScale}: 1 for M24, 1/N for CMV
     */
    public double factor(int N) {
        Kernel.checkDepth(N);
        return this == M24 ? 1.0 : 1.0 / N;
    }
}
