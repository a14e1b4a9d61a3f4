package dlmc.core.theory;

import dlmc.core.dln.OrbitEntropy;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;

/**
 * Exact-sampling reference for the layer singular values of the g^N Brownian motion (E = 0, no
 * entropic drift; math-spec §3.3 equivalence theorem, oracle O15): at time t, λ(t) has the law of
 * the singular values of
 * <pre>
 *   Y = Λ_0 + sqrt(2κ t/(βN)) G,   G a d×d standard Ginibre matrix,  Λ_0 = diag(λ(0)),
 * </pre>
 * the Euclidean matrix Brownian motion at inverse temperature β/κ (§3.4: with anisotropy κ the
 * downstairs noise is the g^N BM at β/κ) observed at time t/N. For a Ginibre start X(0) = s·G_0,
 * λ(0) = σ(s G_0)^{1/N} is drawn first (the λ-law holds conditionally on λ(0)).
 *
 * <p>Draw m uses the random stream keyed (seed, {@link #ID_OFFSET} + m) — ids far from the run's
 * trajectory ids (0 .. M−1) and from the pilot's (2^62 + i) — and the same G (and G_0) at every
 * save time (common random numbers: the reference is smooth in t). Statistics per save time:
 * E λ_i, E σ_i = E λ_i^N (i = 1..d descending), E Σλ², E S(X) (§4.1), and the pooled one-point
 * bin probabilities (1/d) Σ_i P(λ_i ∈ bin) of the λ and σ histograms. Their Monte Carlo standard
 * error is that of an ensemble of {@code draws} trajectories ({@link #meanStandardErrors}).
 *
 * <p>Closed form instead of sampling (§3.3): E‖Y‖_F² = Σ λ_i(0)² + d²·2κt/(βN)
 * ({@link #exactSumSquares}).
 *
 * <p>Times are on the clock of [M24]'s metric operator 𝒜 (math-spec §2.1, metricScale = 1). For a
 * model with {@code metric_scale: cmv} (𝒜/N) the law at its time t is this law at t/N
 * ({@link dlmc.core.dln.MetricScale#m24Time}); {@code dlmc.core.run.DlnReferences} passes those times.
 *
 * <p>Deterministic: draws are split into fixed blocks summed in block order, whatever the thread
 * schedule. Immutable after construction and thread-safe.
 */
public final class LambdaLawReference {
    /** First stream id of the reference draws: 2^62 + 2^61. */
    public static final long ID_OFFSET = (1L << 62) + (1L << 61);
    private static final int BLOCK = 4096;

    private final int d;
    private final int depth;
    private final int bins;
    private final int times;
    private final int draws;
    private final double[][] layerMeans;
    private final double[][] layerSe;
    private final double[][] sigmaMeans;
    private final double[] sumSquares;
    private final double[] sumSquaresSe;
    private final double[] entropy;
    private final double[][] layerMass;
    private final double[][] sigmaMass;

    /** The initial layer singular values: fixed λ(0), or X(0) = s·G_0. */
    public static final class Start {
        final double[] lambda0;
        final double ginibreScale;

        private Start(double[] lambda0, double ginibreScale) {
            this.lambda0 = lambda0;
            this.ginibreScale = ginibreScale;
        }

        /** @param lambda0 λ(0) (any order, each ≥ 0). Copied. */
        public static Start fixed(double[] lambda0) {
            return new Start(lambda0.clone(), Double.NaN);
        }

        /** @param scale s &gt; 0 of X(0) = s·G_0 */
        public static Start ginibre(double scale) {
            return new Start(null, scale);
        }

        public boolean isFixed() {
            return lambda0 != null;
        }
    }

    /**
     * @param d        width ≥ 1
     * @param depth    N ≥ 1
     * @param beta     β &gt; 0 (may be +∞: no noise)
     * @param kappa    κ ≥ 0
     * @param start    λ(0)
     * @param times    save times t ≥ 0 on the M24 clock (t/N for a CMV model's save time t)
     * @param lambdaHi per save time, upper end of the λ histogram [0, hi)
     * @param sigmaHi  per save time, upper end of the σ histogram [0, hi)
     * @param bins     bins per histogram ≥ 1
     * @param draws    reference draws ≥ 2
     * @param seed     the run seed
     */
    public LambdaLawReference(int d, int depth, double beta, double kappa, Start start, double[] times,
            double[] lambdaHi, double[] sigmaHi, int bins, int draws, long seed) {
        if (d < 1 || depth < 1 || bins < 1 || draws < 2) {
            throw new IllegalArgumentException("need d, depth, bins >= 1 and draws >= 2");
        }
        if (!(beta > 0) || !(kappa >= 0) || Double.isInfinite(kappa)) {
            throw new IllegalArgumentException("need beta > 0 and finite kappa >= 0, got " + beta + ", " + kappa);
        }
        if (lambdaHi.length != times.length || sigmaHi.length != times.length) {
            throw new IllegalArgumentException("one histogram range per save time expected");
        }
        this.d = d;
        this.depth = depth;
        this.bins = bins;
        this.times = times.length;
        this.draws = draws;
        final int k = times.length;
        final double[] scale = new double[k];
        for (int i = 0; i < k; i++) {
            scale[i] = Math.sqrt(2 * kappa * times[i] / (beta * depth));
        }
        final int blocks = (draws + BLOCK - 1) / BLOCK;
        final Sums[] partial = new Sums[blocks];
        IntStream.range(0, blocks).parallel().forEach(b -> partial[b] = block(b * BLOCK,
                Math.min(draws, (b + 1) * BLOCK), start, scale, lambdaHi, sigmaHi, seed));
        final Sums total = new Sums(d, k, bins);
        for (Sums s : partial) {
            total.add(s);
        }
        layerMeans = new double[k][d];
        layerSe = new double[k][d];
        sigmaMeans = new double[k][d];
        sumSquares = new double[k];
        sumSquaresSe = new double[k];
        entropy = new double[k];
        layerMass = new double[k][bins + 1];
        sigmaMass = new double[k][bins + 1];
        final double m = draws;
        for (int t = 0; t < k; t++) {
            for (int i = 0; i < d; i++) {
                final double mean = total.lambda[t][i] / m;
                layerMeans[t][i] = mean;
                final double var = Math.max(0, (total.lambdaSq[t][i] - m * mean * mean) / (m - 1));
                layerSe[t][i] = Math.sqrt(var / m);
                sigmaMeans[t][i] = total.sigma[t][i] / m;
            }
            sumSquares[t] = total.sumSquares[t] / m;
            sumSquaresSe[t] = Math.sqrt(Math.max(0, (total.sumSquaresSq[t] - m * sumSquares[t] * sumSquares[t])
                    / (m - 1)) / m);
            entropy[t] = total.entropy[t] / m;
            for (int b = 0; b <= bins; b++) {
                layerMass[t][b] = total.lambdaCount[t][b] / (m * d);
                sigmaMass[t][b] = total.sigmaCount[t][b] / (m * d);
            }
        }
    }

    /** Per-block sums (Kahan is unnecessary: 2e5 terms of O(1) lose ~1e-11 relative). */
    private static final class Sums {
        final double[][] lambda;
        final double[][] lambdaSq;
        final double[][] sigma;
        final double[] sumSquares;
        final double[] sumSquaresSq;
        final double[] entropy;
        final long[][] lambdaCount;
        final long[][] sigmaCount;

        Sums(int d, int k, int bins) {
            lambda = new double[k][d];
            lambdaSq = new double[k][d];
            sigma = new double[k][d];
            sumSquares = new double[k];
            sumSquaresSq = new double[k];
            entropy = new double[k];
            lambdaCount = new long[k][bins + 1];
            sigmaCount = new long[k][bins + 1];
        }

        void add(Sums o) {
            for (int t = 0; t < sumSquares.length; t++) {
                for (int i = 0; i < lambda[t].length; i++) {
                    lambda[t][i] += o.lambda[t][i];
                    lambdaSq[t][i] += o.lambdaSq[t][i];
                    sigma[t][i] += o.sigma[t][i];
                }
                sumSquares[t] += o.sumSquares[t];
                sumSquaresSq[t] += o.sumSquaresSq[t];
                entropy[t] += o.entropy[t];
                for (int b = 0; b < lambdaCount[t].length; b++) {
                    lambdaCount[t][b] += o.lambdaCount[t][b];
                    sigmaCount[t][b] += o.sigmaCount[t][b];
                }
            }
        }
    }

    private Sums block(int from, int to, Start start, double[] scale, double[] lambdaHi, double[] sigmaHi, long seed) {
        final int k = scale.length;
        final Sums s = new Sums(d, k, bins);
        final RandomStream stream = Streams.of(seed, ID_OFFSET + from);
        final OrbitEntropy orbit = new OrbitEntropy(d, depth);
        final DMatrixRMaj g = new DMatrixRMaj(d, d);
        final DMatrixRMaj y = new DMatrixRMaj(d, d);
        final double[] lambda0 = new double[d];
        final double[] lam = new double[d];
        final double[] sig = new double[d];
        for (int m = from; m < to; m++) {
            stream.reset(seed, ID_OFFSET + m);
            if (start.isFixed()) {
                System.arraycopy(start.lambda0, 0, lambda0, 0, d);
            } else {
                stream.gaussians(g.data, 0, d * d);
                for (int i = 0; i < d * d; i++) {
                    y.data[i] = start.ginibreScale * g.data[i];
                }
                singularValues(y, lambda0);
                for (int i = 0; i < d; i++) {
                    lambda0[i] = root(lambda0[i]);
                }
            }
            stream.gaussians(g.data, 0, d * d);
            for (int t = 0; t < k; t++) {
                for (int i = 0; i < d * d; i++) {
                    y.data[i] = scale[t] * g.data[i];
                }
                for (int i = 0; i < d; i++) {
                    y.data[i * d + i] += lambda0[i];
                }
                singularValues(y, lam);
                double ss = 0;
                for (int i = 0; i < d; i++) {
                    final double l = lam[i];
                    sig[i] = power(l);
                    s.lambda[t][i] += l;
                    s.lambdaSq[t][i] += l * l;
                    s.sigma[t][i] += sig[i];
                    ss += l * l;
                    s.lambdaCount[t][bin(l, lambdaHi[t])]++;
                    s.sigmaCount[t][bin(sig[i], sigmaHi[t])]++;
                }
                s.sumSquares[t] += ss;
                s.sumSquaresSq[t] += ss * ss;
                s.entropy[t] += orbit.valueFromLayerValues(lam);
            }
        }
        return s;
    }

    private double root(double x) {
        return depth == 1 ? x : Math.pow(x, 1.0 / depth);
    }

    private double power(double l) {
        double p = l;
        for (int n = 1; n < depth; n++) {
            p *= l;
        }
        return p;
    }

    /** Bin of x on [0, hi) as in the estimator's histogram ({@code bins} = overflow). */
    private int bin(double x, double hi) {
        if (!(x < hi)) {
            return bins;
        }
        return Math.min((int) (x * bins / hi), bins - 1);
    }

    /**
     * Descending singular values (y is overwritten for d ≥ 3): closed form for d = 2 (σ_2 =
     * |det|/σ_1, no cancellation), one-sided Jacobi otherwise.
     */
    private static void singularValues(DMatrixRMaj y, double[] out) {
        final int d = y.numRows;
        if (d == 1) {
            out[0] = Math.abs(y.data[0]);
            return;
        }
        if (d == 2) {
            final double a = y.data[0];
            final double b = y.data[1];
            final double c = y.data[2];
            final double e = y.data[3];
            final double p = Math.hypot(a + e, c - b);
            final double q = Math.hypot(a - e, c + b);
            final double s1 = 0.5 * (p + q);
            out[0] = s1;
            out[1] = s1 > 0 ? Math.abs(a * e - b * c) / s1 : 0;
            return;
        }
        jacobiSingularValues(y, out);
    }

    /**
     * One-sided Jacobi (Hestenes) singular values of the d×d matrix y (overwritten): plane rotations
     * of column pairs until all pairs are orthogonal to 1e-15 relative; the singular values are the
     * column norms (high relative accuracy, also for the smallest). Descending into out.
     */
    static void jacobiSingularValues(DMatrixRMaj y, double[] out) {
        final int d = y.numRows;
        final double[] a = y.data;
        for (int sweep = 0; sweep < 60; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < d - 1; p++) {
                for (int q = p + 1; q < d; q++) {
                    double alpha = 0;
                    double beta = 0;
                    double gamma = 0;
                    for (int r = 0; r < d; r++) {
                        final double x = a[r * d + p];
                        final double z = a[r * d + q];
                        alpha += x * x;
                        beta += z * z;
                        gamma += x * z;
                    }
                    if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta) || gamma == 0) {
                        continue;
                    }
                    rotated = true;
                    final double zeta = (beta - alpha) / (2 * gamma);
                    final double t = Math.signum(zeta == 0 ? 1 : zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    final double c = 1 / Math.sqrt(1 + t * t);
                    final double s = c * t;
                    for (int r = 0; r < d; r++) {
                        final double x = a[r * d + p];
                        final double z = a[r * d + q];
                        a[r * d + p] = c * x - s * z;
                        a[r * d + q] = s * x + c * z;
                    }
                }
            }
            if (!rotated) {
                break;
            }
        }
        for (int j = 0; j < d; j++) {
            double n = 0;
            for (int r = 0; r < d; r++) {
                n += a[r * d + j] * a[r * d + j];
            }
            out[j] = Math.sqrt(n);
        }
        java.util.Arrays.sort(out, 0, d);
        for (int i = 0; i < d / 2; i++) {
            final double tmp = out[i];
            out[i] = out[d - 1 - i];
            out[d - 1 - i] = tmp;
        }
    }

    /**
     * E Σλ² = Σ λ_i(0)² + d²·2κt/(βN) for a fixed start (math-spec §3.3: E‖Y_{t/N}‖² with
     * i.i.d. N(0, 2κt/(βN)) increments); for the Ginibre start with N = 1, d²(s² + 2κt/β). t on
     * the M24 clock: a CMV model at time t passes t/N, giving Σ λ_i(0)² + d²·2κ(t/N)/(βN).
     *
     * @return the exact value, or NaN for a Ginibre start with N ≥ 2 (E Σσ(G_0)^{2/N} has no closed form here)
     */
    public static double exactSumSquares(int d, int depth, double beta, double kappa, Start start, double t) {
        final double inc = (double) d * d * 2 * kappa * t / (beta * depth);
        if (start.isFixed()) {
            double s = 0;
            for (double l : start.lambda0) {
                s += l * l;
            }
            return s + inc;
        }
        return depth == 1 ? d * d * start.ginibreScale * start.ginibreScale + inc : Double.NaN;
    }

    public int draws() {
        return draws;
    }

    /** @return E λ_i at save time index k (i = 0..d−1, descending). */
    public double layerMean(int k, int i) {
        return layerMeans[k][i];
    }

    /** @return Monte Carlo standard errors of the reference E λ_i at save time k. */
    public double[] meanStandardErrors(int k) {
        return layerSe[k].clone();
    }

    /** @return E σ_i at save time k. */
    public double singularValueMean(int k, int i) {
        return sigmaMeans[k][i];
    }

    /** @return the sample mean of Σλ² at save time k (compare {@link #exactSumSquares}). */
    public double sumSquaresMean(int k) {
        return sumSquares[k];
    }

    /** @return the Monte Carlo standard error of {@link #sumSquaresMean}. */
    public double sumSquaresStandardError(int k) {
        return sumSquaresSe[k];
    }

    /** @return E S(X) at save time k. */
    public double entropyMean(int k) {
        return entropy[k];
    }

    /** @return pooled λ bin probabilities at save time k: bins, then [hi, ∞). */
    public double[] layerBinMasses(int k) {
        return layerMass[k].clone();
    }

    /** @return pooled σ bin probabilities at save time k: bins, then [hi, ∞). */
    public double[] singularValueBinMasses(int k) {
        return sigmaMass[k].clone();
    }

    public int times() {
        return times;
    }
}
