package dlmc.core.model;

/**
 * The three normalisations of Dyson Brownian motion (math-spec §5.1). Never mix them.
 *
 * <ul>
 *   <li>{@link #D1} unscaled: dλ_i = sqrt(2/β) dB_i + Σ_{j≠i} dt/(λ_i − λ_j);</li>
 *   <li>{@link #D2} mean-field: dλ_i = sqrt(2/(βn)) dB_i + (1/n) Σ_{j≠i} dt/(λ_i − λ_j);</li>
 *   <li>{@link #OU} D2 plus the confinement −λ_i/2 dt (stationary GβE, semicircle on [−2, 2]).</li>
 * </ul>
 */
public enum Normalization {
    D1("d1"), D2("d2"), OU("ou");

    private final String key;

    Normalization(String key) {
        this.key = key;
    }

    /** @return the experiment-file spelling ({@code d1 | d2 | ou}). */
    public String key() {
        return key;
    }

    /** @return the normalisation spelled {@code key}, or null if none. */
    public static Normalization fromKey(String key) {
        for (Normalization v : values()) {
            if (v.key.equals(key)) {
                return v;
            }
        }
        return null;
    }
}
