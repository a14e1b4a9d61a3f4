package dlmc.core.estimate;

/**
 * Unfolds a Dyson spectrum with its semicircle and keeps the nearest-neighbour spacings of the bulk
 * (math-spec §5.2: the n → ∞ bulk spacing law is that of the sine process, {@code
 * dlmc.core.theory.SineKernelSpacingLaw}).
 *
 * <p><b>Unfolding.</b> With R the semicircle radius at the save time, x_i = n F(λ_i/R),
 * F(u) = 1/2 + (u sqrt(1 − u²) + arcsin u)/π on [−1, 1] (clamped to 0 / 1 outside): the unfolded
 * points have mean density 1 in the n → ∞ limit (the semicircle CDF; its finite-n deviation is
 * O(1/n) in the bulk and is part of the measured bias, {@code dlmc/estimates.md}).
 *
 * <p><b>Bulk window.</b> Spacing s_i = x_{i+1} − x_i is kept when its <em>left</em> end lies in the
 * central half of the unfolded axis, x_i ∈ [n/4, 3n/4) (and i &lt; n − 1). For a stationary point
 * process of intensity 1 the expected number of points in a window W whose next spacing falls in
 * ds is exactly |W| p(s) ds (the Palm law of the spacing), so the pooled ratio (spacings in a bin)
 * / (spacings kept) is consistent for p. Requiring <em>both</em> ends in W instead — the other
 * common rule — keeps a spacing s with probability (|W| − s)/|W| only, which tilts the law by
 * (1 − s/|W|) and lowers the mean by about Var(s)/|W| (0.006 for the GUE at n = 64); measured in
 * {@code dlmc/estimates.md}.
 *
 * <p>Stateless, thread-safe.
 */
public final class BulkUnfolding {
    /** Smallest n for which the unfolded bulk spacings are estimated (the window then holds ≥ 2 points on average). */
    public static final int MIN_N = 4;
    /** The bulk window [WINDOW_LO·n, WINDOW_HI·n) of the unfolded axis (left end of a spacing). */
    public static final double WINDOW_LO = 0.25;
    public static final double WINDOW_HI = 0.75;

    private BulkUnfolding() {
    }

    /**
     * F(u), the CDF of the semicircle on [−1, 1]: 1/2 + (u sqrt(1 − u²) + arcsin u)/π, 0 below −1,
     * 1 above 1, NaN for NaN.
     */
    public static double semicircleCdf(double u) {
        if (Double.isNaN(u)) {
            return Double.NaN;
        }
        if (u <= -1) {
            return 0.0;
        }
        if (u >= 1) {
            return 1.0;
        }
        return 0.5 + (u * Math.sqrt((1 - u) * (1 + u)) + Math.asin(u)) / Math.PI;
    }

    /**
     * Writes the bulk unfolded spacings of one spectrum into {@code out} (class comment). O(n), no
     * allocation.
     *
     * @param spectrum ascending eigenvalues, length n ≥ 2. Not modified.
     * @param radius   semicircle radius R &gt; 0
     * @param out      length ≥ n − 1. Modified: out[0, k) = the kept spacings, in ascending order of i.
     * @return k, the number of spacings kept
     * @throws IllegalArgumentException if R is not finite and &gt; 0 or out is too short
     */
    public static int bulkSpacings(double[] spectrum, double radius, double[] out) {
        final int n = spectrum.length;
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("semicircle radius must be finite and > 0, got " + radius);
        }
        if (out.length < n - 1) {
            throw new IllegalArgumentException("output has " + out.length + " slots, need " + (n - 1));
        }
        final double lo = WINDOW_LO * n;
        final double hi = WINDOW_HI * n;
        int k = 0;
        double x = n * semicircleCdf(spectrum[0] / radius);
        for (int i = 0; i < n - 1; i++) {
            final double next = n * semicircleCdf(spectrum[i + 1] / radius);
            if (x >= lo && x < hi) {
                out[k++] = next - x;
            } else if (x >= hi) {
                break;
            }
            x = next;
        }
        return k;
    }
}
