package dlmc.core.theory;

/**
 * The Airy function Ai and its derivative Ai' on the real line, to about 1e-14 relative accuracy
 * away from the zeros of Ai (absolute accuracy ~1e-15 near them); used by the Fredholm
 * determinants of {@link TracyWidom} (math-spec §5.2).
 *
 * <p>Method (three independent pieces, cross-checked by the tests where they meet):
 * <ul>
 *   <li>|x| &gt; {@value #ASYMPTOTIC}: the asymptotic expansions DLMF 9.7.5/9.7.6 (x &gt; 0) and
 *       9.7.9/9.7.10 (x &lt; 0), summed up to the smallest term (ζ = ⅔|x|^{3/2} &gt; 38, so the
 *       truncation error, ~e^{−2ζ} relative, is negligible).</li>
 *   <li>Otherwise: the Taylor series of the Airy equation y'' = x y about the nearest tabulated
 *       centre c (spacing {@value #STEP}, |x − c| ≤ {@value #STEP}/2), coefficients from
 *       a_{k+2} = (c a_k + a_{k−1})/((k+1)(k+2)).</li>
 *   <li>The centre values: Ai(0) = 3^{−2/3}/Γ(2/3), Ai'(0) = −3^{−1/3}/Γ(1/3) (DLMF 9.2.3/9.2.4);
 *       for c &lt; 0 Taylor steps from 0 downwards (the oscillatory direction, where errors do not
 *       grow); for c &gt; 0 the steepest-descent integral
 *       Ai(x) = (e^{−ζ}/π) ∫₀^∞ e^{−√x u²} cos(u³/3) du,
 *       Ai'(x) = −(e^{−ζ}/π) ∫₀^∞ e^{−√x u²} (√x cos(u³/3) + u sin(u³/3)) du
 *       by the trapezoidal rule (exponentially convergent for this entire, rapidly decaying
 *       integrand), which has no cancellation, unlike the Maclaurin series or upward stepping.</li>
 * </ul>
 * Immutable tables, thread-safe.
 */
public final class Airy {
    /** Beyond this |x| the asymptotic expansions are used. */
    static final double ASYMPTOTIC = 15.0;
    /** Spacing of the Taylor centres. */
    static final double STEP = 0.25;
    private static final int N_CENTRES = (int) Math.round(ASYMPTOTIC / STEP);
    /** AI[N_CENTRES + j] = Ai(j · STEP), j = −N_CENTRES .. N_CENTRES; likewise AIP for Ai'. */
    private static final double[] AI = new double[2 * N_CENTRES + 1];
    private static final double[] AIP = new double[2 * N_CENTRES + 1];
    private static final double AI0 = 0.355028053887817239260063186004; // 3^{-2/3}/Γ(2/3)
    private static final double AIP0 = -0.258819403792806798405183560189; // -3^{-1/3}/Γ(1/3)

    static {
        AI[N_CENTRES] = AI0;
        AIP[N_CENTRES] = AIP0;
        final double[] out = new double[2];
        for (int j = 1; j <= N_CENTRES; j++) {
            final int i = N_CENTRES - j;
            taylor(-(j - 1) * STEP, AI[i + 1], AIP[i + 1], -STEP, out);
            AI[i] = out[0];
            AIP[i] = out[1];
            final double c = j * STEP;
            AI[N_CENTRES + j] = steepestDescent(c, false);
            AIP[N_CENTRES + j] = steepestDescent(c, true);
        }
    }

    private Airy() {
    }

    /** @return Ai(x); 0 where it underflows (x &gt; ~104), NaN for NaN */
    public static double ai(double x) {
        return eval(x, false);
    }

    /** @return Ai'(x); 0 where it underflows, NaN for NaN */
    public static double aiPrime(double x) {
        return eval(x, true);
    }

    /**
     * Ai(x) and Ai'(x) together (one Taylor sum in the tabulated range).
     *
     * @param out receives {Ai(x), Ai'(x)}
     */
    public static void aiAndPrime(double x, double[] out) {
        if (Double.isNaN(x) || Math.abs(x) > ASYMPTOTIC) {
            out[0] = ai(x);
            out[1] = aiPrime(x);
            return;
        }
        final int j = (int) Math.round(x / STEP);
        final double c = j * STEP;
        taylor(c, AI[N_CENTRES + j], AIP[N_CENTRES + j], x - c, out);
    }

    private static double eval(double x, boolean derivative) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x > ASYMPTOTIC) {
            return asymptoticPositive(x, derivative);
        }
        if (x < -ASYMPTOTIC) {
            return asymptoticNegative(-x, derivative);
        }
        final int j = (int) Math.round(x / STEP);
        final double c = j * STEP;
        final double[] out = new double[2];
        taylor(c, AI[N_CENTRES + j], AIP[N_CENTRES + j], x - c, out);
        return derivative ? out[1] : out[0];
    }

    /**
     * y(c + h) and y'(c + h) for the solution of y'' = x y with y(c) = y0, y'(c) = y1, by its Taylor
     * series (terms until they are below 1e-18 of the sum; |c h²| and |h| small enough here that
     * the series converges fast).
     */
    static void taylor(double c, double y0, double y1, double h, double[] out) {
        // y = Σ a_k h^k: a_0 = y0, a_1 = y1, a_{k+2} = (c a_k + a_{k-1}) / ((k+1)(k+2)), a_{-1} = 0
        double am1 = 0; // a_{k-1}
        double ak = y0; // a_k
        double ak1 = y1; // a_{k+1}
        double hk = 1; // h^k
        double hkm1 = 0; // h^{k-1} (unused at k = 0)
        double sum = 0;
        double dsum = 0; // Σ k a_k h^{k-1}
        int small = 0;
        for (int k = 0; k < 200; k++) {
            final double term = ak * hk;
            final double dterm = k * ak * hkm1;
            sum += term;
            dsum += dterm;
            // stop after three consecutive negligible terms (single terms vanish by structure, e.g. at c = 0)
            small = Math.abs(term) <= 1e-18 * Math.abs(sum) && Math.abs(dterm) <= 1e-18 * Math.abs(dsum) ? small + 1 : 0;
            if (small == 3) {
                break;
            }
            final double ak2 = (c * ak + am1) / ((k + 1.0) * (k + 2.0));
            am1 = ak;
            ak = ak1;
            ak1 = ak2;
            hkm1 = k == 0 ? 1 : hkm1 * h;
            hk *= h;
        }
        out[0] = sum;
        out[1] = dsum;
    }

    /** Ai or Ai' at x &gt; 0 from the steepest-descent integral (trapezoidal rule, step 0.02). */
    static double steepestDescent(double x, boolean derivative) {
        final double sx = Math.sqrt(x);
        final double zeta = 2.0 / 3.0 * x * sx;
        final double h = 0.02;
        final double uMax = Math.sqrt(45 / sx); // e^{-√x u²} < e^{-45}
        double sum = derivative ? 0.5 * sx : 0.5; // u = 0, half weight
        for (int k = 1; k * h <= uMax; k++) {
            final double u = k * h;
            final double g = Math.exp(-sx * u * u);
            final double phase = u * u * u / 3;
            sum += derivative ? g * (sx * Math.cos(phase) + u * Math.sin(phase)) : g * Math.cos(phase);
        }
        final double v = Math.exp(-zeta) / Math.PI * h * sum;
        return derivative ? -v : v;
    }

    /** DLMF 9.7.5 / 9.7.6, x &gt; 0. */
    private static double asymptoticPositive(double x, boolean derivative) {
        final double zeta = 2.0 / 3.0 * x * Math.sqrt(x);
        if (zeta > 745) {
            return derivative ? -0.0 : 0.0;
        }
        double s = 0;
        double u = 1;
        double prev = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 60; k++) {
            final double v = derivative ? -(6.0 * k + 1) / (6.0 * k - 1) * u : u; // v_0 = 1
            final double term = (k % 2 == 0 ? 1 : -1) * (k == 0 ? 1 : v) / Math.pow(zeta, k);
            if (Math.abs(term) >= prev) {
                break;
            }
            s += term;
            prev = Math.abs(term);
            u *= nextU(k + 1);
        }
        final double q = Math.sqrt(Math.sqrt(x));
        final double e = Math.exp(-zeta) / (2 * Math.sqrt(Math.PI));
        return derivative ? -q * e * s : e / q * s;
    }

    /** DLMF 9.7.9 / 9.7.10, Ai(−x) and Ai'(−x) for x &gt; 0. */
    private static double asymptoticNegative(double x, boolean derivative) {
        final double zeta = 2.0 / 3.0 * x * Math.sqrt(x);
        double even = 0;
        double odd = 0;
        double u = 1;
        double prev = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 60; k++) {
            final double c = k == 0 ? 1 : derivative ? -(6.0 * k + 1) / (6.0 * k - 1) * u : u;
            final double term = c / Math.pow(zeta, k);
            if (Math.abs(term) >= prev) {
                break;
            }
            prev = Math.abs(term);
            // Σ (−1)^k c_{2k} ζ^{−2k} and Σ (−1)^k c_{2k+1} ζ^{−2k−1}
            final int half = k / 2;
            final double signed = (half % 2 == 0 ? 1 : -1) * term;
            if (k % 2 == 0) {
                even += signed;
            } else {
                odd += signed;
            }
            u *= nextU(k + 1);
        }
        final double q = Math.sqrt(Math.sqrt(x));
        final double ph = zeta - Math.PI / 4;
        final double cos = Math.cos(ph);
        final double sin = Math.sin(ph);
        if (derivative) {
            return q / Math.sqrt(Math.PI) * (sin * even - cos * odd);
        }
        return (cos * even + sin * odd) / (Math.sqrt(Math.PI) * q);
    }

    /** u_k / u_{k−1} = (6k−5)(6k−3)(6k−1) / ((2k−1) 216 k) (DLMF 9.7.2). */
    private static double nextU(int k) {
        return (6.0 * k - 5) * (6.0 * k - 3) * (6.0 * k - 1) / ((2.0 * k - 1) * 216.0 * k);
    }
}
