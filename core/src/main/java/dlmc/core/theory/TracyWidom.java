package dlmc.core.theory;

/**
 * Tracy–Widom moments and the edge scaling (math-spec §5.2, oracle O21).
 *
 * <p>Mean and variance of TW_β for β = 1, 2, 4 in the β-ensemble convention are data, read from
 * {@code dlmc/reference/tracy-widom.tsv} (header: math-spec §5.2, recomputed from Fredholm
 * determinants by {@code tw.py}). The scaling: for a spectrum whose semicircle has radius R and
 * n eigenvalues, {@code n^{2/3}(λ_max/(R/2) − 2) ⇒ TW_β}; for R = 2 (OU stationary) this is
 * n^{2/3}(λ_max − 2), for D1 at t = 1 from 0 (R = 2 sqrt n) it is n^{1/6}(λ_max − 2 sqrt n).
 * Finite-n corrections are O(n^{−2/3}) in the mean (use n ≥ 200 for ±0.1 / ±15 %).
 * Thread-safe (the table is loaded once).
 */
public final class TracyWidom {
    /** Classpath name of the reference table. */
    public static final String RESOURCE = "/dlmc/reference/tracy-widom.tsv";
    private static final String CONVENTION = "beta-ensemble";

    private TracyWidom() {
    }

    private static final class Table {
        static final ReferenceTable TABLE = ReferenceTable.load(RESOURCE);
    }

    /** @return true if the table has TW_β moments (β ∈ {1, 2, 4}). */
    public static boolean isTabulated(double beta) {
        return beta == 1.0 || beta == 2.0 || beta == 4.0;
    }

    /**
     * @return E TW_β (β-ensemble convention)
     * @throws IllegalArgumentException if β ∉ {1, 2, 4}
     */
    public static double mean(double beta) {
        return lookup("mean", beta);
    }

    /**
     * @return Var TW_β (β-ensemble convention)
     * @throws IllegalArgumentException if β ∉ {1, 2, 4}
     */
    public static double variance(double beta) {
        return lookup("variance", beta);
    }

    /**
     * The edge-scaled largest eigenvalue n^{2/3}(λ_max/(R/2) − 2).
     *
     * @param lambdaMax the largest eigenvalue
     * @param radius    R, the semicircle radius of the spectrum (&gt; 0 for a finite answer)
     * @param n         number of eigenvalues
     */
    public static double scaled(double lambdaMax, double radius, int n) {
        return Math.cbrt((double) n * n) * (lambdaMax / (radius / 2) - 2);
    }

    private static double lookup(String column, double beta) {
        if (!isTabulated(beta)) {
            throw new IllegalArgumentException("Tracy-Widom moments are tabulated for beta = 1, 2, 4 only, got " + beta);
        }
        return Table.TABLE.number(column, "beta", Integer.toString((int) beta), "convention", CONVENTION);
    }
}
