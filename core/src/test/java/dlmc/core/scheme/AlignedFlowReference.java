package dlmc.core.scheme;

import java.util.function.DoubleUnaryOperator;

/**
 * Reference solution of the aligned gradient flow (math-spec §2.3, oracle O8): for
 * E = ½‖X − Φ‖², Φ = U diag(φ) Vᵀ, X(0) = U diag(σ0) Vᵀ the singular vectors stay fixed and each
 * singular value solves σ' = −N σ^{2−2/N}(σ − φ):
 * <ul>
 *   <li>N = 1: σ(t) = φ + (σ0 − φ) e^{−t};</li>
 *   <li>N = 2: σ(t) = φ / (1 + (φ/σ0 − 1) e^{−2φt});</li>
 *   <li>any N: σ(t) is the root of τ(σ) = t, τ(σ) = ∫_{σ0}^{σ} ds / (N s^{2−2/N}(φ − s)),
 *       τ by adaptive Simpson quadrature (absolute tolerance {@link #QUADRATURE_TOLERANCE}),
 *       the root by bisection on the segment between σ0 and φ (τ is monotone there, from 0 to ∞).</li>
 * </ul>
 * Requires σ0 &gt; 0, φ &gt; 0, σ0 ≠ φ for the quadrature form. Accuracy: the error in τ is at most
 * ~1e-14, hence the error in σ is ~1e-14·|σ'| ≲ 1e-13 for the O(1) values used in the tests.
 */
final class AlignedFlowReference {
    /** Absolute tolerance of the adaptive Simpson rule on τ (time units). */
    static final double QUADRATURE_TOLERANCE = 1e-14;
    private static final int MAX_DEPTH = 50;
    /** 64 ε_mach: a Richardson correction below this fraction of a panel's value is rounding noise. */
    private static final double ROUNDOFF = 64 * Math.ulp(1.0);
    private static final int BISECTIONS = 200;

    private AlignedFlowReference() {
    }

    /** The closed forms for N = 1, 2 (class comment). */
    static double closedForm(int N, double sigma0, double phi, double t) {
        if (N == 1) {
            return phi + (sigma0 - phi) * Math.exp(-t);
        }
        if (N == 2) {
            return phi / (1.0 + (phi / sigma0 - 1.0) * Math.exp(-2.0 * phi * t));
        }
        throw new IllegalArgumentException("closed form only for N = 1, 2; got N = " + N);
    }

    /** σ(t) for any N ≥ 1 by quadrature and bisection (class comment). */
    static double byQuadrature(int N, double sigma0, double phi, double t) {
        if (t == 0) {
            return sigma0;
        }
        // bisection in u ∈ [0, 1): σ(u) = σ0 + u (φ − σ0); τ(σ(u)) increases from 0 to ∞
        double lo = 0;
        double hi = 1;
        for (int k = 0; k < BISECTIONS && hi - lo > 0; k++) {
            final double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) {
                break;
            }
            if (tau(N, sigma0, phi, sigma0 + mid * (phi - sigma0)) < t) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return sigma0 + 0.5 * (lo + hi) * (phi - sigma0);
    }

    /** τ(σ) = ∫_{σ0}^{σ} ds / (N s^{2−2/N}(φ − s)). */
    static double tau(int N, double sigma0, double phi, double sigma) {
        final DoubleUnaryOperator f = s -> 1.0 / (N * Math.pow(s, 2.0 - 2.0 / N) * (phi - s));
        return simpson(f, sigma0, sigma, QUADRATURE_TOLERANCE);
    }

    /** Adaptive Simpson with Richardson extrapolation, absolute tolerance tol. */
    static double simpson(DoubleUnaryOperator f, double a, double b, double tol) {
        final double fa = f.applyAsDouble(a);
        final double fb = f.applyAsDouble(b);
        final double m = 0.5 * (a + b);
        final double fm = f.applyAsDouble(m);
        return recurse(f, a, b, fa, fm, fb, (b - a) / 6.0 * (fa + 4 * fm + fb), tol, MAX_DEPTH);
    }

    private static double recurse(DoubleUnaryOperator f, double a, double b, double fa, double fm, double fb,
                                  double whole, double tol, int depth) {
        final double m = 0.5 * (a + b);
        final double lm = 0.5 * (a + m);
        final double rm = 0.5 * (m + b);
        final double flm = f.applyAsDouble(lm);
        final double frm = f.applyAsDouble(rm);
        final double left = (m - a) / 6.0 * (fa + 4 * flm + fm);
        final double right = (b - m) / 6.0 * (fm + 4 * frm + fb);
        final double delta = left + right - whole;
        // stop at the tolerance, or where the Richardson correction is round-off of the panel sum
        if (depth <= 0 || Math.abs(delta) <= Math.max(15 * tol, ROUNDOFF * Math.abs(left + right))) {
            return left + right + delta / 15.0;
        }
        return recurse(f, a, m, fa, flm, fm, left, 0.5 * tol, depth - 1)
                + recurse(f, m, b, fm, frm, fb, right, 0.5 * tol, depth - 1);
    }
}
