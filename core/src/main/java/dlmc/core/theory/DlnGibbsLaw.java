package dlmc.core.theory;

import dlmc.core.dln.Kernel;
import dlmc.core.dln.OrbitEntropy;

/**
 * Stationary (Gibbs) law of the layer singular values of the DLN Riemannian Langevin equation with
 * the confining energy E = (α/2)‖X‖² = (α/2) Σ λ_i^{2N} (math-spec §3.4, §3.5; oracles O16, O17 of
 * §7), for width d ≤ {@value #MAX_WIDTH}, any depth N, inverse temperature β, anisotropy κ &gt; 0,
 * with or without the entropic drift. The invariant measure e^{−(β/κ)F} dvol_{g^N} (§3.5, F = E − S/β
 * with entropy, F = E without) has, on the chamber λ_1 &gt; … &gt; λ_d &gt; 0, the density
 * <pre>
 *   p(λ) ∝ exp(−(βα/(2κ)) Σ λ_i^{2N}) · Π_{i&lt;j} (λ_i² − λ_j²) · [Π_{i&lt;j} L_ij^{1/(2κ)}  if entropy]
 * </pre>
 * (vol(𝒪_X) ∝ Π L_ij^{1/2}, §4.1; dvol_{g^N} → van(Λ²) dλ, §3.5 last row; for κ = 1 this is the
 * table's sqrt(van(Λ^{2N}) van(Λ²)) resp. van(Λ²)). Check by the λ-SDE of §3.4: its drift is
 * (κ/(βN)) ∂ log p, the condition for p to be stationary with diffusion coefficient κ/(βN).
 *
 * <p>Numerics: nested composite Gauss–Legendre over the ordered chamber cut at λ_1 = Λ_max, where
 * Λ_max is chosen so that the envelope exp(−cλ^{2N}) λ^q of the density (q the total polynomial
 * degree) has dropped by e^{−40} from its maximum; the number of panels per level is doubled until
 * Z, E λ_i, E Σλ² change by less than {@value #TOLERANCE} (relative), up to a per-d limit
 * ({@link #converged()} is false if it is reached). One-point bin masses integrate λ_i over each bin
 * (its own Gauss–Legendre panel) and the other coordinates over the chamber above / below it. The
 * densities are smooth in the interior of the chamber (linear zeros at its walls), so the rule
 * converges spectrally; the corrected O16 values (N = 2, α = 1, β = 2, κ = 1, entropy:
 * E λ_2 = 0.345313, E Σλ² = 1.157039) are reproduced to 1e-9 (tested).
 *
 * <p>Large depth: the factor exp(−cλ^{2N}) is a wall of relative width ~1/N, and λ^N (E σ) and the
 * entropy's kernel rise on the same scale towards it; uniform panels miss both (d = 2 did not
 * converge from N = 50 on). When the wall is narrower than half the range ({@link #wallStart}),
 * each level puts half its panels on the wall and half graded geometrically towards it, Λ_max is
 * bisected to the e^{−40} point, and the bin masses use the same nodes. d ≤ 2 then converges for
 * every N tested (to 10000; N = 500 matches an independent mpmath quadrature to 1e-12, tested);
 * d = 3 with its 16 panels per level only up to moderate N (β = 2, κ = α = 1: N = 10, not 20).
 *
 * <p>Immutable after construction and thread-safe.
 */
public final class DlnGibbsLaw {
    /** Largest width supported (cost grows like (nodes per level)^d). */
    public static final int MAX_WIDTH = 3;
    /** Relative change at which the panel doubling stops. */
    public static final double TOLERANCE = 1e-6;
    private static final int ORDER = 8;
    private static final int BIN_ORDER = 4;
    private static final double TAIL_LOG = 40;
    /** The wall starts where 1 − exp(−cλ^{2N}) = e^{−WALL_LOG} (below 1e-8), see {@link #wallStart}. */
    private static final double WALL_LOG = 18.5;
    /** Graded panels end this many 1/(2N) (relative) below the wall; one panel covers the rest. */
    private static final double GRADED_END = 0.05;
    private static final int[] MAX_PANELS = {0, 512, 64, 16};

    private final int d;
    private final int depth;
    private final double beta;
    private final double kappa;
    private final double alpha;
    private final boolean entropy;
    private final double c;
    private final double lMax;
    /** Panel break point at the start of the confinement wall, or NaN (see {@link #wallStart}). */
    private final double wall;
    private final GaussLegendre rule = new GaussLegendre(ORDER);
    private final GaussLegendre binRule = new GaussLegendre(BIN_ORDER);
    private final double logShift;
    private int panels;
    /** Panels per level for the bin masses: half the accepted count (its moments were already within TOLERANCE). */
    private int binPanels;
    private boolean converged;
    private double z;
    private final double[] layerMeans;
    private final double[] sigmaMeans;
    private double sumSquares;
    private double energyMean;
    private double entropyMean;

    private interface Leaf {
        void at(double[] lam, double w);
    }

    /** A quadrature node x with weight w of one variable. */
    private interface Node {
        void at(double x, double w);
    }

    /**
     * @param d       width, 1 ≤ d ≤ {@value #MAX_WIDTH}
     * @param depth   N ≥ 1
     * @param beta    β, finite and &gt; 0
     * @param kappa   κ, finite and &gt; 0
     * @param alpha   confinement α, finite and &gt; 0
     * @param entropy whether the entropic drift (1/β) grad S is on
     * @throws IllegalArgumentException naming the offending value
     */
    public DlnGibbsLaw(int d, int depth, double beta, double kappa, double alpha, boolean entropy) {
        if (d < 1 || d > MAX_WIDTH) {
            throw new IllegalArgumentException("Gibbs quadrature supports d in [1, " + MAX_WIDTH + "], got " + d);
        }
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1, got " + depth);
        }
        checkPositive("beta", beta);
        checkPositive("kappa", kappa);
        checkPositive("alpha", alpha);
        this.d = d;
        this.depth = depth;
        this.beta = beta;
        this.kappa = kappa;
        this.alpha = alpha;
        this.entropy = entropy;
        this.c = beta * alpha / (2 * kappa);
        final double coarse = cutoff();
        this.wall = wallStart(coarse);
        this.lMax = Double.isNaN(wall) ? coarse : refinedCutoff(coarse);
        this.layerMeans = new double[d];
        this.sigmaMeans = new double[d];
        panels = 2;
        this.logShift = maxLogDensity(panels);
        double[] prev = moments(panels);
        converged = false;
        while (2 * panels <= MAX_PANELS[d]) {
            panels *= 2;
            final double[] next = moments(panels);
            final boolean stable = close(prev, next, TOLERANCE);
            prev = next;
            if (stable) {
                converged = true;
                break;
            }
        }
        binPanels = Math.max(2, panels / 2);
        z = prev[0];
        for (int i = 0; i < d; i++) {
            layerMeans[i] = prev[1 + i] / z;
            sigmaMeans[i] = prev[1 + d + i] / z;
        }
        sumSquares = prev[1 + 2 * d] / z;
        energyMean = prev[2 + 2 * d] / z;
        entropyMean = prev[3 + 2 * d] / z;
    }

    private static void checkPositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("Gibbs law needs a finite " + name + " > 0, got " + v);
        }
    }

    private static boolean close(double[] a, double[] b, double tol) {
        final double za = a[0];
        final double zb = b[0];
        if (!(Math.abs(za - zb) <= tol * Math.abs(zb))) {
            return false;
        }
        for (int k = 1; k < a.length - 2; k++) {
            final double ma = a[k] / za;
            final double mb = b[k] / zb;
            if (!(Math.abs(ma - mb) <= tol * Math.max(Math.abs(mb), 1e-300))) {
                return false;
            }
        }
        return true;
    }

    /** Λ_max: the envelope exp(−c x^{2N}) x^q is e^{−40} below its maximum (class comment). */
    private double cutoff() {
        final double q = envelopeDegree();
        final double mode = q > 0 ? Math.pow(q / (2 * depth * c), 1.0 / (2 * depth)) : 0;
        final double hMode = envelope(mode, q);
        double x = Math.max(mode, Math.pow(1 / c, 1.0 / (2 * depth)));
        while (envelope(x, q) > hMode - TAIL_LOG) {
            x *= 1.1;
        }
        return x;
    }

    /**
     * {@link #cutoff} bisected down to the e^{−40} point itself: for large N the envelope falls by
     * far more than 40 within one step of 1.1 (λ^{2N} grows by 1.1^{2N}), and the wall panels should
     * cover the wall, not the empty range above it.
     */
    private double refinedCutoff(double coarse) {
        final double q = envelopeDegree();
        final double mode = q > 0 ? Math.pow(q / (2 * depth * c), 1.0 / (2 * depth)) : 0;
        final double level = envelope(mode, q) - TAIL_LOG;
        double lo = Math.max(mode, coarse / 1.1);
        double hi = coarse;
        for (int k = 0; k < 100 && hi - lo > 1e-12 * hi; k++) {
            final double mid = 0.5 * (lo + hi);
            if (envelope(mid, q) > level) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** q: the total polynomial degree of the density in λ_1 (class comment of {@link #cutoff}). */
    private double envelopeDegree() {
        final double pairs = d * (d - 1) / 2.0;
        return 2 * pairs * (1 + (entropy ? (depth - 1) / (2 * kappa) : 0)) + (d - 1);
    }

    private double envelope(double x, double q) {
        if (x == 0) {
            return q > 0 ? Double.NEGATIVE_INFINITY : 0;
        }
        return -c * Math.pow(x, 2 * depth) + q * Math.log(x);
    }

    /**
     * The start of the confinement wall, a panel break point for large N. Above it the factor
     * exp(−cλ^{2N}) falls from 1 to e^{−40} within a relative width of about (WALL_LOG + log 40)/(2N);
     * below it 1 − exp(−cλ^{2N}) &lt; e^{−WALL_LOG}, but factors such as λ^N (E σ) and the entropy's
     * L_ij^{1/(2κ)} ~ λ^{(N−1)/κ} still rise on a scale 1/N towards the wall. Panels spread uniformly
     * over [0, Λ_max] resolve neither for large N (d = 2, β = 2, κ = α = 1: no convergence from
     * N = 50 on), so {@link #chain} then puts uniform panels on the wall and panels graded
     * geometrically towards it below ({@link #graded}).
     *
     * @param cut the chamber cut Λ_max
     * @return the point, or NaN when it is below Λ_max/2 (small N: uniform panels throughout)
     */
    private double wallStart(double cut) {
        final double a = Math.pow(c, -1.0 / (2 * depth)) * Math.exp(-WALL_LOG / (2 * depth));
        return a > 0.5 * cut && a < cut ? a : Double.NaN;
    }

    /**
     * log p(λ) up to a constant, for λ_1 &gt; … &gt; λ_d &gt; 0 (class comment).
     *
     * @param lam length d, strictly decreasing, positive. Not modified.
     */
    public double logDensity(double[] lam) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s -= c * Math.pow(lam[i] * lam[i], depth);
        }
        final double w = 1 / (2 * kappa);
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                s += Math.log((lam[i] - lam[j]) * (lam[i] + lam[j]));
                if (entropy) {
                    s += w * Kernel.logEntry(lam[i], lam[j], depth);
                }
            }
        }
        return s;
    }

    /**
     * Visits ordered lam[from] &gt; … &gt; lam[to−1] in (lo, hi) with weights, then {@code next}, by the
     * {@link #nodes} of each level with p panels.
     */
    private void chain(double[] lam, int from, int to, double lo, double hi, double w, int p, Leaf next) {
        if (from == to) {
            next.at(lam, w);
            return;
        }
        nodes(lo, hi, p, (y, wy) -> {
            lam[from] = y;
            chain(lam, from + 1, to, lo, y, w * wy, p, next);
        });
    }

    /**
     * The Gauss–Legendre nodes and weights of one variable over (a, b): p equal panels — or, with a
     * {@link #wallStart}, p/2 panels graded towards min(b, wall) below it ({@link #graded}) and p/2
     * equal panels on the wall.
     */
    private void nodes(double a, double b, int p, Node f) {
        if (Double.isNaN(wall)) {
            uniform(a, b, p, f);
            return;
        }
        final int half = Math.max(1, p / 2);
        final double top = Math.min(b, wall);
        if (top > a) {
            graded(a, top, half, f);
        }
        if (b > wall) {
            uniform(Math.max(a, wall), b, half, f);
        }
    }

    /** Nodes of {@code count} equal panels of (a, b). */
    private void uniform(double a, double b, int count, Node f) {
        final double h = (b - a) / count;
        for (int k = 0; k < count; k++) {
            final double pa = a + k * h;
            final double pb = k == count - 1 ? b : pa + h;
            for (int n = 0; n < ORDER; n++) {
                f.at(rule.node(n, pa, pb), rule.weight(n, pa, pb));
            }
        }
    }

    /**
     * Nodes over (a, b), b ≤ the wall, graded towards b: λ = b − (b − a)e^{−τ} with {@code count} equal
     * panels in τ ∈ [0, T], e^{−T}(b − a) = {@value #GRADED_END} b/(2N), then one panel over the rest
     * [b − {@value #GRADED_END} b/(2N), b]. A factor λ^M rising on the scale b/M towards b is
     * e^{−M e^{−τ}} in τ, smooth on the scale 1.
     */
    private void graded(double a, double b, int count, Node f) {
        final double len = b - a;
        final double end = GRADED_END * b / (2 * depth);
        if (!(len > end)) {
            uniform(a, b, 1, f);
            return;
        }
        final double tMax = Math.log(len / end);
        final double h = tMax / count;
        for (int k = 0; k < count; k++) {
            final double ta = k * h;
            final double tb = k == count - 1 ? tMax : ta + h;
            for (int n = 0; n < ORDER; n++) {
                final double e = len * Math.exp(-rule.node(n, ta, tb));
                f.at(b - e, rule.weight(n, ta, tb) * e);
            }
        }
        uniform(b - end, b, 1, f);
    }

    private double maxLogDensity(int p) {
        final double[] max = {Double.NEGATIVE_INFINITY};
        chain(new double[d], 0, d, 0, lMax, 1, p, (lam, w) -> max[0] = Math.max(max[0], logDensity(lam)));
        return max[0];
    }

    /** {Z, Σ λ_i-weighted, Σ λ_i^N-weighted, Σλ², energy, entropy} (unnormalised). */
    private double[] moments(int p) {
        final double[] acc = new double[4 + 2 * d];
        final OrbitEntropy orbit = new OrbitEntropy(d, depth);
        chain(new double[d], 0, d, 0, lMax, 1, p, (lam, w) -> {
            final double pw = Math.exp(logDensity(lam) - logShift) * w;
            acc[0] += pw;
            double ss = 0;
            double e = 0;
            for (int i = 0; i < d; i++) {
                acc[1 + i] += pw * lam[i];
                final double sigma = Math.pow(lam[i], depth);
                acc[1 + d + i] += pw * sigma;
                ss += lam[i] * lam[i];
                e += sigma * sigma;
            }
            acc[1 + 2 * d] += pw * ss;
            acc[2 + 2 * d] += pw * 0.5 * alpha * e;
            acc[3 + 2 * d] += pw * orbit.valueFromLayerValues(lam);
        });
        return acc;
    }

    /** @return whether the panel doubling met {@link #TOLERANCE} before its limit. */
    public boolean converged() {
        return converged;
    }

    /** @return the chamber cut Λ_max (mass beyond it is below e^{−40} of the peak, class comment). */
    public double cutoffLambda() {
        return lMax;
    }

    /** @return E λ_i, i = 1..d (descending order), as a fresh array. */
    public double[] layerMeans() {
        return layerMeans.clone();
    }

    /** @return E σ_i = E λ_i^N. */
    public double[] singularValueMeans() {
        return sigmaMeans.clone();
    }

    /** @return E Σ λ_i². */
    public double sumSquaresMean() {
        return sumSquares;
    }

    /** @return E E(X) = (α/2) E Σ λ_i^{2N}. */
    public double energyMean() {
        return energyMean;
    }

    /** @return E S(X) (orbit entropy of math-spec §4.1, with c_d, as in the observations). */
    public double entropyMean() {
        return entropyMean;
    }

    /**
     * One-point law of the layer singular values (all indices pooled: (1/d) Σ_i P(λ_i ∈ ·)) on the
     * histogram grid [0, hi) of {@code bins} equal bins.
     *
     * @return length bins + 1: the bin probabilities, then the probability of [hi, ∞)
     */
    public double[] layerBinMasses(double hi, int bins) {
        final double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = b == bins ? hi : b * hi / bins;
        }
        return masses(edges);
    }

    /**
     * The same for the singular values σ = λ^N on the grid [0, hi) (bin [a, b) of σ is [a^{1/N},
     * b^{1/N}) of λ).
     */
    public double[] singularValueBinMasses(double hi, int bins) {
        final double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = Math.pow(b == bins ? hi : b * hi / bins, 1.0 / depth);
        }
        return masses(edges);
    }

    /** Masses of [e_k, e_{k+1}) and of [e_last, ∞), edges increasing from 0. */
    private double[] masses(double[] edges) {
        final int bins = edges.length - 1;
        final double[] out = new double[bins + 1];
        final double[] lam = new double[d];
        final double[] acc = new double[1];
        final Leaf leaf = (l, w) -> acc[0] += Math.exp(logDensity(l) - logShift) * w;
        for (int k = 0; k <= bins; k++) {
            final double a = Math.min(edges[Math.min(k, bins)], lMax);
            final double b = k == bins ? lMax : Math.min(edges[k + 1], lMax);
            if (!(b > a)) {
                continue;
            }
            final Node bin = (x, wx) -> {
                for (int i = 0; i < d; i++) {
                    final int index = i;
                    lam[index] = x;
                    chain(lam, 0, index, x, lMax, wx, binPanels,
                            (l, w) -> chain(l, index + 1, d, 0, x, w, binPanels, leaf));
                }
            };
            acc[0] = 0;
            if (!Double.isNaN(wall)) {
                // the bin's own variable needs the wall's panels too (a bin is wider than the wall for large N)
                nodes(a, b, Math.max(2, binPanels / 2), bin);
            } else {
                final int sub = k == bins ? binPanels : 1;
                final double h = (b - a) / sub;
                for (int s = 0; s < sub; s++) {
                    final double pa = a + s * h;
                    final double pb = s == sub - 1 ? b : pa + h;
                    for (int n = 0; n < BIN_ORDER; n++) {
                        bin.at(binRule.node(n, pa, pb), binRule.weight(n, pa, pb));
                    }
                }
            }
            out[k] = acc[0] / (d * z);
        }
        return out;
    }

    @Override
    public String toString() {
        return "DlnGibbsLaw[d=" + d + ", N=" + depth + ", beta=" + beta + ", kappa=" + kappa + ", alpha=" + alpha
                + ", entropy=" + entropy + ", panels=" + panels + ", binPanels=" + binPanels + ", converged=" + converged
                + "]";
    }
}
