package dlmc.core.theory;

/**
 * Wigner's semicircle law of radius R (math-spec §5.2):
 * <pre>  ρ(x) = 2/(π R²) · sqrt(R² − x²)  on [−R, R],</pre>
 * with moments m_{2k} = C_k (R/2)^{2k} (C_k the Catalan numbers 1, 1, 2, 5, 14, ...) and odd
 * moments 0. R = 2 sqrt(n t) for D1 from 0, 2 sqrt(t) for D2 from 0, 2 for the OU stationary law
 * (math-spec §5.1, {@code DysonModel.semicircleRadius}). Immutable, thread-safe.
 */
public final class SemicircleLaw {
    private final double radius;

    /**
     * @param radius R, finite and &gt; 0
     * @throws IllegalArgumentException otherwise (R = 0 is a point mass, not a density)
     */
    public SemicircleLaw(double radius) {
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("semicircle radius must be finite and > 0, got " + radius);
        }
        this.radius = radius;
    }

    public double radius() {
        return radius;
    }

    /** @return ρ(x); 0 outside [−R, R]; NaN for NaN. */
    public double density(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= -radius || x >= radius) {
            return 0.0;
        }
        return 2.0 / (Math.PI * radius * radius) * Math.sqrt((radius - x) * (radius + x));
    }

    /**
     * F(x) = 1/2 + x sqrt(R² − x²)/(π R²) + arcsin(x/R)/π on [−R, R] (0 below, 1 above).
     *
     * @return F(x); NaN for NaN
     */
    public double cdf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= -radius) {
            return 0.0;
        }
        if (x >= radius) {
            return 1.0;
        }
        final double u = x / radius;
        return 0.5 + (u * Math.sqrt((1 - u) * (1 + u)) + Math.asin(u)) / Math.PI;
    }

    /**
     * @return the probability of [lo, hi), F(hi) − F(lo) (0 if hi ≤ lo)
     */
    public double probability(double lo, double hi) {
        return hi <= lo ? 0.0 : cdf(hi) - cdf(lo);
    }

    /**
     * m_k = ∫ x^k ρ(x) dx: 0 for odd k, C_{k/2} (R/2)^k for even k (Catalan).
     *
     * @param k ≥ 0
     * @throws IllegalArgumentException if k &lt; 0
     */
    public double moment(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("moment order must be >= 0, got " + k);
        }
        if ((k & 1) == 1) {
            return 0.0;
        }
        return catalan(k / 2) * Math.pow(radius / 2, k);
    }

    /**
     * C_j = (2j)!/(j!(j+1)!) by the recurrence C_{j+1} = C_j · 2(2j+1)/(j+2); exact in double for
     * j ≤ 30 (C_30 ≈ 3.8e15 &lt; 2^53).
     */
    static double catalan(int j) {
        double c = 1;
        for (int i = 0; i < j; i++) {
            c = c * (2.0 * (2 * i + 1)) / (i + 2);
        }
        return c;
    }

    @Override
    public String toString() {
        return "SemicircleLaw[R=" + radius + "]";
    }
}
