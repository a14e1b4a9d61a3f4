package dlmc.core.theory;

/**
 * Reference values of the mean consecutive-spacing ratio ⟨r⟩, r_i = min(s_i, s_{i+1})/max(s_i,
 * s_{i+1}), for β = 1, 2, 4, read from {@code dlmc/reference/spacing-ratio.tsv} (Atas, Bogomolny,
 * Giraud, Roux, PRL 110, 084101 (2013); see the file header):
 * <ul>
 *   <li>{@link #surmise3x3(double)}: exact for n = 3 Gaussian β-ensembles (4 − 2√3 ≈ 0.5359 for β = 1),
 *       recomputed by quadrature;</li>
 *   <li>{@link #largeNNumerics(double)}: large-n <em>numerical</em> values (0.5307, 0.5996, 0.6744),
 *       approximate, with quoted uncertainty 1e-4; not an exact oracle at any finite n.</li>
 * </ul>
 * Not part of math-spec §5.2; provenance is the paper. Thread-safe.
 */
public final class SpacingRatioReference {
    /** Classpath name of the reference table. */
    public static final String RESOURCE = "/dlmc/reference/spacing-ratio.tsv";

    private SpacingRatioReference() {
    }

    private static final class Table {
        static final ReferenceTable TABLE = ReferenceTable.load(RESOURCE);
    }

    /** @return exact ⟨r⟩ for 3×3 Gaussian β-ensembles; NaN unless β ∈ {1, 2, 4}. */
    public static double surmise3x3(double beta) {
        return lookup("surmise-3x3", beta);
    }

    /** @return the large-n numerical ⟨r⟩ (approximate); NaN unless β ∈ {1, 2, 4}. */
    public static double largeNNumerics(double beta) {
        return lookup("large-n-numerics", beta);
    }

    private static double lookup(String kind, double beta) {
        if (!TracyWidom.isTabulated(beta)) {
            return Double.NaN;
        }
        return Table.TABLE.number("mean_r", "beta", Integer.toString((int) beta), "kind", kind);
    }
}
