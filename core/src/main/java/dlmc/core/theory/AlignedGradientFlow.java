package dlmc.core.theory;

import dlmc.core.energy.ConfiningEnergy;
import dlmc.core.energy.Energy;
import dlmc.core.energy.RegressionEnergy;
import dlmc.core.linalg.Svd;
import dlmc.core.random.RandomStream;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;

/**
 * Exact solution of the end-to-end Riemannian gradient flow dX/dt = −𝒜_{N,X}(∇E(X)) (math-spec §2.3)
 * from an <em>aligned</em> start (oracle O8 of §7), and its reference rows (the point mass at X(t),
 * through the {@link SampledSpectrumReference} engine with two identical draws).
 *
 * <p>Energies: E(X) = (c/2)‖X‖_F² − ⟨B, X⟩ + const with c &gt; 0 — {@code regression} (c = 1,
 * B = Φ) and {@code confining} (c = α, B = 0). The start is aligned when X(0) and B have a common
 * SVD basis, UᵀX(0)V = diag(a) and UᵀBV = diag(φ) (tried with U, V from the SVD of B, then from that
 * of X(0); off-diagonal parts below {@link #ALIGNMENT_TOLERANCE} relative). Then X(t) = U diag(x(t)) Vᵀ:
 * 𝒜_{N,X}(U diag(g) Vᵀ) = U diag(L_ii g_i) Vᵀ with L_ii = N σ_i^{2−2/N} (§2.1), so every mode solves
 * <pre>
 *   x' = −N |x|^p (c x − φ),   p = 2 − 2/N,
 * </pre>
 * and never changes sign (for N ≥ 2, 0 is a fixed point). With y = |x| &gt; 0 and ψ = sign(a)·φ,
 * y' = −N y^p (c y − ψ): y tends to ψ/c if ψ &gt; 0 and to 0 otherwise. Solved
 * <ul>
 *   <li>ψ = 0: y = (y_0^{−p} + N c p t)^{−1/p};</li>
 *   <li>N = 2 (p = 1, logistic; O8): y = ψ y_0 / (c y_0 + (ψ − c y_0) e^{−2ψt});</li>
 *   <li>otherwise: y = e^s with T(s) = t, T(s) = (1/N) ∫_{s_0}^{s} e^{(1−p)u} / (ψ − c e^u) du
 *       (s = log y), the pole at s* = log(ψ/c) (ψ &gt; 0) integrated in closed form within distance 1 of s*,
 *       A log|(s* − s_0)/(s* − s)| with A = (ψ/c)^{1−p}/ψ, the smooth rest by 16-point
 *       Gauss–Legendre panels of width ≤ 1/2; T is monotone and the root is found by Newton's method
 *       safeguarded by bisection ({@link #logRoot}), from the previous save time's solution.</li>
 * </ul>
 * Accuracy: T to ≈ 1e-15 relative (the rest is analytic in a strip of half-width π about the real
 * axis: the other poles are at s* + 2πik, or at log|ψ/c| + iπ(2k+1) for ψ &lt; 0), hence x(t) to a few
 * ulps; tested against the closed forms and a fine scalar Runge–Kutta integration.
 *
 * <p>Times are on the M24 clock (callers pass {@code DlnModel.m24Time(t)}). Immutable.
 */
public final class AlignedGradientFlow extends SampledSpectrumReference {
    /** Largest relative off-diagonal part of UᵀX(0)V, UᵀBV accepted as aligned (SVD rounding is ~d ε_mach). */
    public static final double ALIGNMENT_TOLERANCE = 1e-10;
    private static final GaussLegendre RULE = new GaussLegendre(16);
    private static final double PANEL = 0.5;
    /** Distance in log y from the pole s* within which {@link #time} subtracts the pole. */
    private static final double NEAR = 1.0;

    private final Solution solution;

    /**
     * @param solution the modes at the save times ({@link #solve})
     * @param lambdaHi per save time, upper end of the λ histogram [0, hi)
     * @param sigmaHi  per save time, upper end of the σ histogram [0, hi)
     * @param bins     bins per histogram ≥ 1
     */
    public AlignedGradientFlow(Solution solution, double[] lambdaHi, double[] sigmaHi, int bins) {
        super(solution.d, solution.depth, solution.x.length, lambdaHi, sigmaHi, bins, 2, 0, samplers(solution));
        this.solution = solution;
    }

    public Solution solution() {
        return solution;
    }

    /** X(t_k) = U diag(x(t_k)) Vᵀ at the save times; immutable. */
    public static final class Solution {
        final int d;
        final int depth;
        private final Energy energy;
        private final DMatrixRMaj u;
        private final DMatrixRMaj v;
        /** x[k][i]: mode i (signed) at save time k. */
        final double[][] x;

        private Solution(int depth, Energy energy, DMatrixRMaj u, DMatrixRMaj v, double[][] x) {
            this.d = u.numRows;
            this.depth = depth;
            this.energy = energy;
            this.u = u;
            this.v = v;
            this.x = x;
        }

        /** @return X(t_k), a new d×d matrix. */
        public DMatrixRMaj matrixAt(int k) {
            return compose(k, 1);
        }

        /** @return E(X(t_k)). */
        public double energy(int k) {
            return energy.value(matrixAt(k));
        }

        /** U diag(sign(x)|x|^{1/root}) Vᵀ: X at root 1, a matrix with the layer values λ = |x|^{1/N} at root N. */
        private DMatrixRMaj compose(int k, int root) {
            final DMatrixRMaj out = new DMatrixRMaj(d, d);
            final double[] c = new double[d];
            for (int i = 0; i < d; i++) {
                c[i] = root == 1 ? x[k][i] : Math.pow(Math.abs(x[k][i]), 1.0 / root);
            }
            for (int r = 0; r < d; r++) {
                for (int col = 0; col < d; col++) {
                    double s = 0;
                    for (int i = 0; i < d; i++) {
                        s += u.get(r, i) * c[i] * v.get(col, i);
                    }
                    out.set(r, col, s);
                }
            }
            return out;
        }
    }

    /**
     * The aligned solution at the given (M24) times, or null when the class comment's conditions fail:
     * N &lt; 2 (N = 1 is the linear flow of {@link DepthOneOuReference}), E neither {@code regression}
     * nor {@code confining}, or X(0) and B without a common SVD basis.
     *
     * @param depth N
     * @param energy E
     * @param x0 X(0), d×d, not modified
     * @param times save times ≥ 0 on the M24 clock
     */
    public static Solution solve(int depth, Energy energy, DMatrixRMaj x0, double[] times) {
        final int d = x0.numRows;
        final DMatrixRMaj b = target(energy, d);
        if (depth < 2 || x0.numCols != d || b == null) {
            return null;
        }
        final double c;
        if (energy instanceof ConfiningEnergy) {
            // ∇E(X) = αX: c = α read off the gradient at the identity
            final DMatrixRMaj g = new DMatrixRMaj(d, d);
            final DMatrixRMaj eye = new DMatrixRMaj(d, d);
            for (int i = 0; i < d; i++) {
                eye.set(i, i, 1);
            }
            energy.gradient(eye, g);
            c = g.get(0, 0);
        } else {
            c = 1;
        }
        final double[] a = new double[d];
        final double[] phi = new double[d];
        final DMatrixRMaj u = new DMatrixRMaj(d, d);
        final DMatrixRMaj v = new DMatrixRMaj(d, d);
        if (!(commonBasis(b, x0, phi, a, u, v) <= ALIGNMENT_TOLERANCE)
                && !(commonBasis(x0, b, a, phi, u, v) <= ALIGNMENT_TOLERANCE)) {
            return null;
        }
        final double[][] x = new double[times.length][d];
        for (int i = 0; i < d; i++) {
            final double[] xi = modes(depth, c, phi[i], a[i], times);
            for (int k = 0; k < times.length; k++) {
                x[k][i] = xi[k];
            }
        }
        return new Solution(depth, energy, u, v, x);
    }

    /**
     * How far the start is from aligned ({@link #solve}'s condition): the smaller, over the SVD bases of B and
     * of X(0), of max_{i≠j} |(UᵀoV)_ij| / ‖o‖_F for the other matrix o (0 when o = 0). {@link #solve} accepts
     * a start when this is at most {@link #ALIGNMENT_TOLERANCE}; a value a little above it is a start meant
     * to be aligned but given with rounded entries (for the run summary's hint).
     *
     * @param energy E
     * @param x0 X(0), d×d, not modified
     * @return the relative off-diagonal part, or NaN when E is neither {@code regression} nor {@code confining}
     *         (no target to align with) or an SVD fails
     */
    public static double misalignment(Energy energy, DMatrixRMaj x0) {
        final int d = x0.numRows;
        final DMatrixRMaj b = target(energy, d);
        if (b == null || x0.numCols != d) {
            return Double.NaN;
        }
        final double[] a = new double[d];
        final double[] phi = new double[d];
        final DMatrixRMaj u = new DMatrixRMaj(d, d);
        final DMatrixRMaj v = new DMatrixRMaj(d, d);
        final double first = commonBasis(b, x0, phi, a, u, v);
        final double second = commonBasis(x0, b, a, phi, u, v);
        return Double.isNaN(first) ? second : Double.isNaN(second) ? first : Math.min(first, second);
    }

    /** B of the class comment (a copy): Φ for {@code regression}, 0 for {@code confining}; null for other energies. */
    private static DMatrixRMaj target(Energy energy, int d) {
        if (energy instanceof RegressionEnergy r) {
            return r.target().copy();
        }
        return energy instanceof ConfiningEnergy ? new DMatrixRMaj(d, d) : null;
    }

    /**
     * U, V from the SVD of {@code basis}; the off-diagonal part of UᵀoV relative to ‖o‖_F (0 when o = 0).
     * When it is within {@link #ALIGNMENT_TOLERANCE}, also the diagonal of {@code basis}'s SVD into
     * {@code dBasis}, that of UᵀoV into {@code dOther}, and U, V.
     *
     * @return max_{i≠j} |(UᵀoV)_ij| / ‖o‖_F, NaN if the SVD fails
     */
    private static double commonBasis(DMatrixRMaj basis, DMatrixRMaj other, double[] dBasis, double[] dOther,
            DMatrixRMaj u, DMatrixRMaj v) {
        final int d = basis.numRows;
        final Svd svd = new Svd(d);
        if (!svd.decompose(basis)) {
            return Double.NaN;
        }
        final DMatrixRMaj su = new DMatrixRMaj(d, d);
        final DMatrixRMaj sv = new DMatrixRMaj(d, d);
        final double[] s = new double[d];
        svd.copyTo(su, s, sv);
        double norm = 0;
        double off = 0;
        final double[] diag = new double[d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                norm += other.get(i, j) * other.get(i, j);
                double m = 0;
                for (int r = 0; r < d; r++) {
                    for (int q = 0; q < d; q++) {
                        m += su.get(r, i) * other.get(r, q) * sv.get(q, j);
                    }
                }
                if (i == j) {
                    diag[i] = m;
                } else {
                    off = Math.max(off, Math.abs(m));
                }
            }
        }
        final double relative = norm == 0 ? 0 : off / Math.sqrt(norm);
        if (relative <= ALIGNMENT_TOLERANCE) {
            System.arraycopy(s, 0, dBasis, 0, d);
            System.arraycopy(diag, 0, dOther, 0, d);
            u.setTo(su);
            v.setTo(sv);
        }
        return relative;
    }

    /**
     * One mode: x(t) for x' = −N|x|^p (c x − φ), x(0) = x0 (class comment).
     *
     * @param n N ≥ 2
     * @param c c &gt; 0
     * @param phi φ (any sign)
     * @param x0 x(0) (any sign; 0 stays 0)
     * @param t t ≥ 0
     */
    static double mode(int n, double c, double phi, double x0, double t) {
        return modes(n, c, phi, x0, new double[] {t})[0];
    }

    /** x(t) at each of the times (any order; increasing times are solved from the previous one). */
    static double[] modes(int n, double c, double phi, double x0, double[] times) {
        final double[] out = new double[times.length];
        if (x0 == 0) {
            return out;
        }
        final double sign = Math.signum(x0);
        final double psi = sign * phi;
        final double y0 = Math.abs(x0);
        double sPrev = Math.log(y0);
        double tPrev = 0;
        for (int k = 0; k < times.length; k++) {
            final double t = times[k];
            final double y;
            if (t == 0) {
                y = y0;
            } else if (psi == 0 || n == 2 || (psi > 0 && psi == c * y0)) {
                y = magnitude(n, c, psi, y0, t);
            } else {
                if (t < tPrev) {
                    sPrev = Math.log(y0);
                    tPrev = 0;
                }
                sPrev = logRoot(n, c, psi, sPrev, t - tPrev);
                tPrev = t;
                y = Math.exp(sPrev);
            }
            out[k] = sign * y;
        }
        return out;
    }

    /** y(t) for y' = −N y^p (c y − ψ), y(0) = y0 &gt; 0. */
    static double magnitude(int n, double c, double psi, double y0, double t) {
        final double p = 2 - 2.0 / n;
        if (psi == 0) {
            return Math.pow(Math.pow(y0, -p) + n * c * p * t, -1 / p);
        }
        if (psi > 0 && psi == c * y0) {
            return y0; // at the fixed point
        }
        if (n == 2) {
            // logistic; for ψ < 0 the exponential may overflow: y → 0 (the sign of the quotient is +)
            // c y0 (1 − e) + ψ e, with 1 − e = −expm1(−2ψt): the form c y0 + (ψ − c y0) e cancels for small ψt
            final double e = Math.exp(-2 * psi * t);
            final double y = psi * y0 / (-c * y0 * Math.expm1(-2 * psi * t) + psi * e);
            return Double.isFinite(y) ? Math.abs(y) : 0.0;
        }
        return byQuadrature(n, c, psi, y0, t);
    }

    /** y(t) as {@link #magnitude}, by the root of T(log y) = t for every N ≥ 2 and ψ (class comment). */
    static double byQuadrature(int n, double c, double psi, double y0, double t) {
        if (t == 0 || (psi > 0 && psi == c * y0)) {
            return y0;
        }
        return Math.exp(logRoot(n, c, psi, Math.log(y0), t));
    }

    /**
     * s = log y after a further time dt &gt; 0 from s_from: the root of T(s_from, s) = dt (T of the class
     * comment from s_from), by Newton's method in the distance σ = |s − s_from| along the direction of
     * motion (dT/ds = e^{(1−p)s}/(N(ψ − c e^s)) in closed form), safeguarded by bisection on a bracket:
     * [0, |s* − s_from|) towards the fixed point, [0, 2^k] found by doubling towards 0. Stops when a step
     * no longer changes σ (to the last bits).
     */
    static double logRoot(int n, double c, double psi, double sFrom, double dt) {
        final double p = 2 - 2.0 / n;
        final boolean pole = psi > 0;
        final double star = pole ? Math.log(psi / c) : Double.NaN;
        final double dir = pole && sFrom < star ? 1 : -1;
        double lo = 0;
        double hi;
        if (pole) {
            hi = Math.abs(star - sFrom);
        } else {
            hi = 1;
            while (time(n, c, psi, sFrom, sFrom + dir * hi) < dt) {
                lo = hi;
                hi *= 2;
                if (hi > 1e6) {
                    return Double.NEGATIVE_INFINITY; // y below e^{-10^6}: zero in double precision
                }
            }
        }
        double sigma = lo;
        double g = lo == 0 ? -dt : time(n, c, psi, sFrom, sFrom + dir * lo) - dt;
        for (int it = 0; it < 400; it++) {
            final double s = sFrom + dir * sigma;
            final double slope = dir * Math.exp((1 - p) * s) / (n * (psi - c * Math.exp(s)));
            double next = sigma - g / slope;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (next == sigma || next == lo || next == hi) {
                break;
            }
            sigma = next;
            g = time(n, c, psi, sFrom, sFrom + dir * sigma) - dt;
            if (g == 0) {
                break;
            }
            if (g < 0) {
                lo = sigma;
            } else {
                hi = sigma;
            }
        }
        return sFrom + dir * sigma;
    }

    /**
     * T(s0, s) = (1/N) ∫_{s0}^{s} e^{(1−p)u}/(ψ − c e^u) du ≥ 0 for s between s0 and the limit (class comment).
     * The pole's closed form is used only within {@link #NEAR} of s* (there the integrand and the subtracted pole
     * A/(s* − u) are of the same size); farther out the integrand is smooth and integrated as it is. Subtracting
     * the pole far from it cancels catastrophically when ψ/c ≪ e^{s0} (A ≈ (c/ψ)^p/c is then huge: a target
     * singular value of 1e-17, rounding of an exact zero, gave y(1) = 1.2e-5 instead of 0.245).
     */
    static double time(int n, double c, double psi, double s0, double s) {
        if (!(psi > 0)) {
            return panels(n, c, psi, s0, s, false) / n;
        }
        final double star = Math.log(psi / c);
        final double side = Math.signum(star - s0); // s0 and s lie on this side of s*
        final double edge = star - side * NEAR;
        if (Math.abs(star - s0) <= NEAR) {
            return panels(n, c, psi, s0, s, true) / n;
        }
        if (Math.abs(star - s) >= NEAR) {
            return panels(n, c, psi, s0, s, false) / n;
        }
        return (panels(n, c, psi, s0, edge, false) + panels(n, c, psi, edge, s, true)) / n;
    }

    /** ∫_{s0}^{s} e^{(1−p)u}/(ψ − c e^u) du by Gauss–Legendre panels, with the pole subtracted and added back in closed form. */
    private static double panels(int n, double c, double psi, double s0, double s, boolean pole) {
        final double p = 2 - 2.0 / n;
        final double star = pole ? Math.log(psi / c) : Double.NaN;
        final double amp = pole ? Math.pow(psi / c, 1 - p) / psi : 0;
        final int panels = Math.max(1, (int) Math.ceil(Math.abs(s - s0) / PANEL));
        double sum = 0;
        for (int j = 0; j < panels; j++) {
            final double a = s0 + (s - s0) * j / panels;
            final double b = j == panels - 1 ? s : s0 + (s - s0) * (j + 1) / panels;
            for (int k = 0; k < RULE.size(); k++) {
                final double w = RULE.node(k, a, b);
                double f = Math.exp((1 - p) * w) / (psi - c * Math.exp(w));
                if (pole) {
                    f -= amp / (star - w);
                }
                sum += RULE.weight(k, a, b) * f;
            }
        }
        if (pole) {
            sum += amp * Math.log(Math.abs((star - s0) / (star - s)));
        }
        return sum;
    }

    private static Supplier<Sampler> samplers(Solution solution) {
        return () -> new Sampler() {
            @Override
            public void draw(RandomStream stream) {
                // deterministic: every draw is X(t)
            }

            @Override
            public void matrixAt(int k, DMatrixRMaj y) {
                y.setTo(solution.compose(k, solution.depth));
            }
        };
    }
}
