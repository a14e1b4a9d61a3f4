package dlmc.core.theory;

/**
 * The Marchenko–Pastur law of ratio c ∈ (0, 1] and unit variance (math-spec §5.2, oracle O18): the
 * n → ∞ limit of the eigenvalue distribution of (1/n) GᵀG, G an n×p matrix of i.i.d. N(0, 1)
 * entries, p/n → c:
 * <pre>
 *   ρ(x) = sqrt((b − x)(x − a)) / (2π c x)  on [a, b],   a = (1 − √c)², b = (1 + √c)²,
 *   m_k  = Σ_{r=0}^{k−1} c^r/(r+1) · C(k, r) C(k−1, r)   (m_1 = 1, m_2 = 1 + c, m_3 = 1 + 3c + c²).
 * </pre>
 * CDF in closed form: with x = m + r cos θ (m = 1 + c, r = 2√c, θ ∈ [0, π]),
 * <pre>
 *   F(x) = 1 − (2/π) G(θ),  G(θ) = −sin θ/(2√c) + (1+c) θ/(4c) − ((1−c)/(2c)) atan(((1−√c)/(1+√c)) tan(θ/2)),
 * </pre>
 * (from ∫ sin²θ/(m + r cos θ) dθ; G(0) = 0, G(π) = π/2). For c = 1 the atom-free hard edge at 0
 * has ρ ~ 1/(π√x).
 *
 * <p>DLN scalings (math-spec §3.3, §7 O18). A d×d Euclidean matrix Brownian motion at inverse
 * temperature β/κ started at 0 has i.i.d. N(0, v) entries with v = 2κt/β; its squared singular
 * values divided by d·v tend to MP(1). Through the λ-law of §3.3 the layer singular values λ of the
 * g^N Brownian motion started at (nearly) 0 behave like the singular values of a Euclidean BM at
 * time t/N: λ²/(d·2κt/(βN)) → MP(1). {@link #rootCdf} and {@link #rootDensity} give the law of
 * y = sqrt(s·x), x ~ MP(c), so that histogram bins of σ or λ can be integrated exactly
 * (s = d·v). These are d → ∞ limits; at finite d the one-point law differs by O(1/d) (edges).
 *
 * <p>Immutable, thread-safe.
 */
public final class MarchenkoPastur {
    private final double c;
    private final double sqrtC;
    private final double lower;
    private final double upper;

    /**
     * @param c the ratio, in (0, 1]
     * @throws IllegalArgumentException otherwise
     */
    public MarchenkoPastur(double c) {
        if (!(c > 0 && c <= 1)) {
            throw new IllegalArgumentException("Marchenko-Pastur ratio c must be in (0, 1], got " + c);
        }
        this.c = c;
        this.sqrtC = Math.sqrt(c);
        this.lower = (1 - sqrtC) * (1 - sqrtC);
        this.upper = (1 + sqrtC) * (1 + sqrtC);
    }

    public double ratio() {
        return c;
    }

    /** @return the lower edge a = (1 − √c)². */
    public double lowerEdge() {
        return lower;
    }

    /** @return the upper edge b = (1 + √c)². */
    public double upperEdge() {
        return upper;
    }

    /** @return ρ(x); 0 outside (a, b); NaN for NaN. */
    public double density(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= lower || x >= upper) {
            return 0.0;
        }
        return Math.sqrt((upper - x) * (x - lower)) / (2 * Math.PI * c * x);
    }

    /** @return F(x) = P(X ≤ x) (class comment); NaN for NaN. */
    public double cdf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= lower) {
            return 0.0;
        }
        if (x >= upper) {
            return 1.0;
        }
        final double u = Math.max(-1.0, Math.min(1.0, (x - (1 + c)) / (2 * sqrtC)));
        final double theta = Math.acos(u);
        final double g = -Math.sin(theta) / (2 * sqrtC) + (1 + c) * theta / (4 * c)
                - (1 - c) / (2 * c) * Math.atan((1 - sqrtC) / (1 + sqrtC) * Math.tan(theta / 2));
        return Math.max(0.0, Math.min(1.0, 1 - 2 / Math.PI * g));
    }

    /** @return P(lo ≤ X &lt; hi) = F(hi) − F(lo) (0 if hi ≤ lo). */
    public double probability(double lo, double hi) {
        return hi <= lo ? 0.0 : cdf(hi) - cdf(lo);
    }

    /**
     * m_k = E X^k (class comment; Narayana polynomials).
     *
     * @param k ≥ 0
     */
    public double moment(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("moment order must be >= 0, got " + k);
        }
        if (k == 0) {
            return 1.0;
        }
        double sum = 0;
        for (int r = 0; r < k; r++) {
            sum += Math.pow(c, r) / (r + 1) * binomial(k, r) * binomial(k - 1, r);
        }
        return sum;
    }

    /**
     * Density of y = sqrt(s·X), X ~ MP(c): 2y/s · ρ(y²/s).
     *
     * @param s the scale (e.g. d·v), finite and &gt; 0
     */
    public double rootDensity(double y, double s) {
        checkScale(s);
        if (Double.isNaN(y)) {
            return Double.NaN;
        }
        if (y <= 0) {
            return 0.0;
        }
        return 2 * y / s * density(y * y / s);
    }

    /**
     * P(sqrt(s·X) ≤ y) = F(y²/s) for y ≥ 0, 0 for y &lt; 0.
     *
     * @param s the scale, finite and &gt; 0
     */
    public double rootCdf(double y, double s) {
        checkScale(s);
        if (Double.isNaN(y)) {
            return Double.NaN;
        }
        return y <= 0 ? 0.0 : cdf(y * y / s);
    }

    /** @return P(lo ≤ sqrt(s·X) &lt; hi). */
    public double rootProbability(double lo, double hi, double s) {
        return hi <= lo ? 0.0 : rootCdf(hi, s) - rootCdf(lo, s);
    }

    /**
     * Scale s = d·2κt/β of the singular values of a d×d Euclidean Brownian motion at inverse
     * temperature β/κ after time t from 0 (N = 1 DLN from 0; math-spec §3.2, O18): σ²/s → MP(1).
     */
    public static double euclideanScale(int d, double t, double beta, double kappa) {
        return d * 2 * kappa * t / beta;
    }

    /**
     * Scale s = d·2κt/(βN) of the layer singular values of the g^N Brownian motion from ≈ 0
     * (math-spec §3.3 λ-law, O18): λ²/s → MP(1).
     */
    public static double layerScale(int d, int depth, double t, double beta, double kappa) {
        return euclideanScale(d, t / depth, beta, kappa);
    }

    private static void checkScale(double s) {
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("Marchenko-Pastur scale must be finite and > 0, got " + s);
        }
    }

    private static double binomial(int n, int k) {
        double b = 1;
        for (int i = 1; i <= k; i++) {
            b = b * (n - k + i) / i;
        }
        return b;
    }

    @Override
    public String toString() {
        return "MarchenkoPastur[c=" + c + "]";
    }
}
