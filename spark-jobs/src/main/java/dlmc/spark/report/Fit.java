package dlmc.spark.report;

import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Distance between an estimate and its theory (the {@code theory} column of the estimates).
 *
 * <ul>
 *   <li>χ² = Σ ((value − theory)/std_error)² over the bins (or save times) where the theory, the value
 *       and a positive standard error exist; dof = the number of terms; p = P(χ²_dof ≥ χ²). The
 *       std_error is across trajectories, the i.i.d. unit (data/README.md), so each term is
 *       approximately N(0, 1)² when the theory is exact. Histogram bins are weakly correlated (the
 *       fractions sum to one) and much of the theory is an n → ∞ limit (math-spec §5.2), so p is a
 *       guide, not a test.</li>
 *   <li>KS-type distance D = max over bin edges |F̂ − F|, F̂ the cumulative sum of value × width
 *       (starting from the {@code _underflow} row when it has a value and a theory), F the same sum
 *       of the theory bin averages. Only when every bin has a theory value; it needs no standard
 *       error, so a one-trajectory run (no s.e., no χ²) still has it.</li>
 * </ul>
 *
 * @param chi2    the χ² statistic (NaN when no term)
 * @param dof     number of terms
 * @param p       upper tail probability of χ²_dof
 * @param ks      the KS-type distance, NaN when not defined
 * <p>Sparse histogram bins are not χ² terms: a bin where the theory expects fewer than
 * {@value #MIN_EXPECTED_VALUES} values (theory × width × the histogram's values per unit mass, Σ count /
 * Σ value × width) has an across-trajectory s.e. estimated from a handful of values, which is far too
 * small whenever the bin happens to get fewer values than expected; such terms made χ² reject exact
 * theory on small ensembles (a λ-law run of 300 trajectories with 48 bins: p = 1e-5 for the σ
 * histogram, while a 24-bin run of 8 000 trajectories fits with p = 0.36). They stay in the KS distance.
 *
 * @param skipped terms that had a theory but no usable standard error (e.g. an empty bin in every trajectory)
 * @param skippedMass histograms: the theory probability mass of the skipped bins (they are not in χ²,
 *                    but they are in the KS distance); NaN for series of points
 * @param sparse      histograms: bins left out of χ² as sparse (class comment)
 * @param sparseMass  histograms: their theory probability mass (0 when none)
 */
record Fit(double chi2, int dof, double p, double ks, int skipped, double skippedMass, int sparse, double sparseMass) {
    static final Fit NONE = new Fit(Double.NaN, 0, Double.NaN, Double.NaN, 0, Double.NaN);
    /** A histogram bin with fewer expected values than this is not a χ² term (class comment). */
    static final int MIN_EXPECTED_VALUES = 20;

    Fit(double chi2, int dof, double p, double ks, int skipped) {
        this(chi2, dof, p, ks, skipped, Double.NaN);
    }

    Fit(double chi2, int dof, double p, double ks, int skipped, double skippedMass) {
        this(chi2, dof, p, ks, skipped, skippedMass, 0, 0.0);
    }

    /**
     * @return the histogram's values per unit probability mass, Σ count / Σ value × width over the
     *         bins that have values, or NaN when the rows carry no counts (the expected number of
     *         values in a bin is theory × width × this)
     */
    static double valuesPerMass(List<Estimate> bins) {
        double counted = 0;
        double mass = 0;
        for (Estimate e : bins) {
            if (e.count() > 0 && e.value() > 0 && Double.isFinite(e.value())) {
                counted += e.count();
                mass += e.value() * (e.binHi() - e.binLo());
            }
        }
        return counted > 0 && mass > 0 ? counted / mass : Double.NaN;
    }

    /** @return true when at least one χ² term compared an estimate with a theory value and its s.e. */
    boolean hasTheory() {
        return dof > 0;
    }

    /** @return true when there is any distance to show: a χ² term or the KS distance. */
    boolean hasDistance() {
        return dof > 0 || Double.isFinite(ks);
    }

    /** χ² of a series of scalar estimates (e.g. one quantity over the save times); no KS distance. */
    static Fit ofPoints(List<Estimate> points) {
        double chi2 = 0;
        int dof = 0;
        int skipped = 0;
        for (Estimate e : points) {
            if (!Double.isFinite(e.theory()) || !Double.isFinite(e.value())) {
                continue;
            }
            double z = e.z();
            if (Double.isNaN(z)) {
                skipped += equal(e) ? 0 : 1;
                continue;
            }
            chi2 += z * z;
            dof++;
        }
        return dof == 0 ? new Fit(Double.NaN, 0, Double.NaN, Double.NaN, skipped)
                : new Fit(chi2, dof, pValue(chi2, dof), Double.NaN, skipped);
    }

    /**
     * χ² and the KS-type distance of a histogram.
     *
     * @param bins      the bins with finite edges, ascending
     * @param underflow the {@code _underflow} row, or null
     */
    static Fit ofHistogram(List<Estimate> bins, Estimate underflow) {
        final double perMass = valuesPerMass(bins);
        List<Estimate> terms = new java.util.ArrayList<>();
        int sparse = 0;
        double sparseMass = 0;
        for (Estimate e : bins) {
            double p = e.theory() * (e.binHi() - e.binLo());
            // only bins that would be χ² terms (a finite z); bins without a usable s.e. keep their own note
            if (Double.isFinite(perMass) && Double.isFinite(e.z()) && p * perMass < MIN_EXPECTED_VALUES) {
                sparse++;
                sparseMass += p;
                continue;
            }
            terms.add(e);
        }
        Fit chi = ofPoints(terms);
        boolean complete = !bins.isEmpty() && bins.stream().allMatch(e -> Double.isFinite(e.theory()) && Double.isFinite(e.value()));
        double ks = Double.NaN;
        if (complete) {
            double f = 0;
            double g = 0;
            if (underflow != null && Double.isFinite(underflow.value()) && Double.isFinite(underflow.theory())) {
                f = underflow.value();
                g = underflow.theory();
            }
            ks = Math.abs(f - g);
            for (Estimate e : bins) {
                double w = e.binHi() - e.binLo();
                f += e.value() * w;
                g += e.theory() * w;
                ks = Math.max(ks, Math.abs(f - g));
            }
        }
        double skippedMass = 0;
        for (Estimate e : terms) {
            if (Double.isFinite(e.theory()) && Double.isFinite(e.value()) && Double.isNaN(e.z()) && !equal(e)) {
                skippedMass += e.theory() * (e.binHi() - e.binLo());
            }
        }
        return new Fit(chi.chi2, chi.dof, chi.p, ks, chi.skipped, chi.hasTheory() ? skippedMass : Double.NaN, sparse,
                sparseMass);
    }

    /**
     * @return this fit without its p-value (NaN), for a run of fewer than {@link #MIN_TRAJECTORIES_FOR_P}
     *         trajectories: there each s.e. is estimated from so few values that z is far from N(0, 1)
     *         (Student t with M − 1 degrees of freedom; M = 2: a Cauchy law), and the χ²_dof tail
     *         probability would be wrong by orders of magnitude
     */
    Fit withoutP() {
        return new Fit(chi2, dof, Double.NaN, ks, skipped, skippedMass, sparse, sparseMass);
    }

    /**
     * @return whether a value equals its theory to rounding ({@link Plots#EQUAL_TOLERANCE}, relative):
     *         with s.e. 0 such a term is no evidence left out of χ² (e.g. a fixed start at t = 0, where
     *         the estimate and the exact theory differ in the last digits)
     */
    static boolean equal(Estimate e) {
        return Math.abs(e.value() - e.theory()) <= Plots.EQUAL_TOLERANCE * Math.max(1, Math.abs(e.theory()));
    }

    /** Fewer trajectories than this: no χ² p-value ({@link #withoutP}). */
    static final int MIN_TRAJECTORIES_FOR_P = 30;

    static double pValue(double chi2, int dof) {
        return ChiSquaredDistribution.of(dof).survivalProbability(chi2);
    }

    /**
     * @return e.g. "χ² = 70.2 / 64 dof, p = 0.28; KS D = 0.0123"; "KS D = 0.0123 (no standard errors:
     *         no χ²)" when only the KS distance exists; "no theory" when nothing was compared
     */
    /** A probability mass to two significant digits, and 0 as "0" (not "0.0"). */
    private static String mass(double m) {
        return m == 0 ? "0" : String.format(Locale.ROOT, "%.2g", m);
    }

    String describe() {
        if (!hasTheory()) {
            if (sparse > 0 && Double.isFinite(ks)) {
                return String.format(Locale.ROOT, "KS D = %.4g (no χ²: every bin expects fewer than %d values)", ks,
                        MIN_EXPECTED_VALUES);
            }
            return Double.isFinite(ks) ? String.format(Locale.ROOT, "KS D = %.4g (no standard errors: no χ²)", ks) : "no theory";
        }
        StringBuilder b = new StringBuilder(Double.isNaN(p)
                ? String.format(Locale.ROOT, "χ² = %.4g / %d dof (no p-value: too few trajectories for reliable s.e.)", chi2, dof)
                : String.format(Locale.ROOT, "χ² = %.4g / %d dof, p = %.3g", chi2, dof, p));
        if (Double.isFinite(ks)) {
            b.append(String.format(Locale.ROOT, "; KS D = %.4g", ks));
        }
        List<String> notes = new java.util.ArrayList<>();
        if (skipped > 0 && Double.isFinite(skippedMass)) {
            // an empty bin has no across-trajectory s.e.; its theory mass says how much evidence is left out
            notes.add(String.format(Locale.ROOT, "%d empty bins with theory mass %s not in χ²", skipped, mass(skippedMass)));
        } else if (skipped > 0) {
            notes.add(String.format(Locale.ROOT, "%d with s.e. 0 skipped", skipped));
        }
        if (sparse > 0) {
            notes.add(String.format(Locale.ROOT, "%d sparse bins, each expecting fewer than %d values, theory mass %s, not in χ²",
                    sparse, MIN_EXPECTED_VALUES, mass(sparseMass)));
        }
        if (!notes.isEmpty()) {
            b.append(" (").append(String.join("; ", notes)).append(')');
        }
        return b.toString();
    }
}
