package dlmc.core.theory;

/**
 * Reference values of the mean consecutive-spacing ratio ⟨r⟩, r_i = min(s_i, s_{i+1})/max(s_i,
 * s_{i+1}), for β = 1, 2, 4 read from {@code dlmc/reference/spacing-ratio.tsv} (Atas, Bogomolny,
 * Giraud, Roux, PRL 110, 084101 (2013); see the file header):
 * <ul>
 *   <li>{@link #surmise3x3(double)}: exact for n = 3 Gaussian β-ensembles (4 − 2√3 ≈ 0.5359 for β = 1),
 *       recomputed by quadrature; for any other β &gt; 0 by quadrature of the same density;</li>
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

    /**
     * @return exact ⟨r⟩ for 3×3 Gaussian β-ensembles, any β &gt; 0 (NaN otherwise): for β ∈ {1, 2, 4}
     *         the table (closed forms), else {@link #surmise3x3ByQuadrature}
     */
    public static double surmise3x3(double beta) {
        if (!(beta > 0) || !Double.isFinite(beta)) {
            return Double.NaN;
        }
        return TracyWidom.isTabulated(beta) ? lookup("surmise-3x3", beta) : surmise3x3ByQuadrature(beta);
    }

    /**
     * ⟨r⟩ of the 3×3 Gaussian β-ensemble for any β &gt; 0. Its joint eigenvalue density ∝ Π|λ_i − λ_j|^β
     * e^{−cΣλ²} (the Dumitriu–Edelman tridiagonal model realises it for every β &gt; 0) gives, with the
     * spacings s_1 = x, s_2 = r x and the centre and x integrated out, P(r) ∝ (r + r²)^β / (1 + r +
     * r²)^{1 + 3β/2} on [0, ∞) (Atas et al. 2013, their eq. (7), derived there for any β). P(1/r)/r² =
     * P(r), so ⟨min(r, 1/r)⟩ = ∫_0^1 r P(r) dr / ∫_0^1 P(r) dr, evaluated here by tanh-sinh quadrature
     * (the r^β end point is an algebraic singularity, which it integrates to full precision). Agrees
     * with the closed forms of β = 1, 2, 4 and with 30-digit mpmath values (β = 0.1 … 100) to 1e-13
     * ({@code ReferenceDataTest}).
     */
    static double surmise3x3ByQuadrature(double beta) {
        // x = 1/(1 + e^{-2u}), u = (π/2) sinh t; dx/dt = π cosh t · x (1 − x); step 2^-6 on |t| ≤ 4.5
        final double h = 1.0 / 64;
        double z = 0;
        double m = 0;
        for (int k = -288; k <= 288; k++) {
            final double t = k * h;
            final double u = 0.5 * Math.PI * Math.sinh(t);
            final double x = 1 / (1 + Math.exp(-2 * u));
            final double oneMinusX = 1 / (1 + Math.exp(2 * u));
            if (x <= 0 || oneMinusX <= 0) {
                continue;
            }
            final double w = Math.PI * Math.cosh(t) * x * oneMinusX;
            final double logP = beta * (Math.log(x) + Math.log1p(x)) - (1 + 1.5 * beta) * Math.log1p(x + x * x);
            final double f = w * Math.exp(logP);
            z += f;
            m += x * f;
        }
        return m / z;
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
