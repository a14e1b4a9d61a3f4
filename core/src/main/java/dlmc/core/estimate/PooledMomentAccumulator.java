package dlmc.core.estimate;

/**
 * Mean and variance of values pooled over clusters (trajectories), as ratio estimators with
 * cluster-robust (delta-method) standard errors, the companion of
 * {@link PooledHistogramAccumulator} (see there why pooled). With x_g the number of values of
 * cluster g, u_g their sum and v_g the sum of their squares, X = Σx_g:
 * <pre>
 *   mean     m̂ = Σu_g / X,                      se² = G/(G−1) Σ_g (u_g − m̂ x_g)² / X²
 *   variance ŝ² = Σv_g / X − m̂²,               se² = G/(G−1) Σ_g h_g² / X²,
 *            h_g = (v_g − m̂₂ x_g) − 2 m̂ (u_g − m̂ x_g),  m̂₂ = Σv_g / X
 * </pre>
 * (h_g the cluster's influence on ŝ² = m̂₂ − m̂²). ŝ² is the plug-in variance of the pooled
 * values (no X/(X − 1) correction: X is in the thousands here). The sums of squares are expanded
 * (Σh² from Σv², Σu², Σx², Σuv, Σvx, Σux), which loses about log10(x (E s²)²/Var s²) ≈ 2 digits
 * for bulk spacings; harmless for a standard error.
 *
 * <p>Storage: the count sums as longs (exact), the others as doubles added in call order, so the
 * state is a deterministic function of the sequence of accept/combine calls and merging is exact
 * up to one rounding per sum. Empty behaviour: NaN without values; the standard errors need G ≥ 2.
 * Not thread-safe.
 */
public final class PooledMomentAccumulator {
    private long clusters;
    private long contributing;
    private long x;
    private long xx;
    private double u;
    private double v;
    private double uu;
    private double vv;
    private double uv;
    private double ux;
    private double vx;

    /** An empty accumulator. */
    public PooledMomentAccumulator() {
    }

    /**
     * Adds one cluster with values {@code values[from..to)} (an empty range is a cluster without
     * values: it counts in G).
     *
     * @param values finite. Not modified.
     */
    public void acceptCluster(double[] values, int from, int to) {
        clusters++;
        final long n = Math.max(0, to - from);
        if (n == 0) {
            return;
        }
        contributing++;
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            final double w = values[i];
            s1 += w;
            s2 += w * w;
        }
        x += n;
        xx += n * n;
        u += s1;
        v += s2;
        uu += s1 * s1;
        vv += s2 * s2;
        uv += s1 * s2;
        ux += s1 * n;
        vx += s2 * n;
    }

    /** Merges {@code other} (not modified) into this. */
    public void combine(PooledMomentAccumulator other) {
        clusters += other.clusters;
        contributing += other.contributing;
        x += other.x;
        xx += other.xx;
        u += other.u;
        v += other.v;
        uu += other.uu;
        vv += other.vv;
        uv += other.uv;
        ux += other.ux;
        vx += other.vx;
    }

    /** @return G, the clusters accepted. */
    public long clusters() {
        return clusters;
    }

    /** @return the clusters with at least one value. */
    public long contributingClusters() {
        return contributing;
    }

    /** @return X, the values pooled. */
    public long values() {
        return x;
    }

    /** @return the pooled mean; NaN without values. */
    public double mean() {
        return x == 0 ? Double.NaN : u / x;
    }

    /** @return the cluster-robust standard error of {@link #mean()}; NaN if G &lt; 2 or no value. */
    public double meanStandardError() {
        if (clusters < 2 || x == 0) {
            return Double.NaN;
        }
        final double m = u / x;
        final double ss = uu - 2 * m * ux + m * m * xx;
        return scale(ss);
    }

    /** @return the plug-in variance of the pooled values; NaN without values. */
    public double variance() {
        if (x == 0) {
            return Double.NaN;
        }
        final double m = u / x;
        return v / x - m * m;
    }

    /** @return the cluster-robust (delta-method) standard error of {@link #variance()}; NaN if G &lt; 2 or no value. */
    public double varianceStandardError() {
        if (clusters < 2 || x == 0) {
            return Double.NaN;
        }
        final double m = u / x;
        final double m2 = v / x;
        // h = v + a u + b x, a = −2m, b = 2m² − m2
        final double a = -2 * m;
        final double b = 2 * m * m - m2;
        final double ss = vv + a * a * uu + b * b * xx + 2 * a * uv + 2 * b * vx + 2 * a * b * ux;
        return scale(ss);
    }

    private double scale(double ss) {
        final double g = clusters;
        return Math.sqrt(Math.max(0.0, ss) * g / (g - 1)) / x;
    }

    @Override
    public String toString() {
        return "PooledMomentAccumulator[clusters=" + clusters + ", values=" + x + ", mean=" + mean() + ", variance="
                + variance() + "]";
    }
}
