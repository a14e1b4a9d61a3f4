package dlmc.core.theory;

import dlmc.core.dln.OrbitEntropy;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;

/**
 * The sampling engine of the DLN exact-sampling references: draws of a random d×d matrix Y(t) whose
 * singular values have, at every save time t, the law of the layer singular values λ(t) of the model
 * (σ = λ^N), and the statistics of the DLN estimate rows over those draws: E λ_i, E σ_i (i = 1..d
 * descending), E Σλ², E S(X) (math-spec §4.1) and the pooled one-point bin probabilities
 * (1/d) Σ_i P(λ_i ∈ bin) of the λ and σ histograms. What Y(t) is belongs to the subclass:
 * {@link LambdaLawReference} (§3.3, E = 0) and {@link DepthOneOuReference} (N = 1, a quadratic E).
 *
 * <p>Draw m uses the random stream keyed (seed, {@link #ID_OFFSET} + m) — ids far from the run's
 * trajectory ids (0 .. M−1) and from the pilot's (2^62 + i) — and the same Gaussians at every save
 * time (common random numbers: the reference is smooth in t). The Monte Carlo standard error of a
 * statistic is that of an ensemble of {@code draws} trajectories ({@link #meanStandardErrors}).
 *
 * <p>Deterministic: draws are split into fixed blocks summed in block order, whatever the thread
 * schedule. Immutable after construction and thread-safe.
 */
public abstract class SampledSpectrumReference {
    /** First stream id of the reference draws: 2^62 + 2^61. */
    public static final long ID_OFFSET = (1L << 62) + (1L << 61);
    private static final int BLOCK = 4096;

    /** One block's draws: the per-draw randomness, then Y at each save time. Not thread-safe. */
    interface Sampler {
        /** Draws what one sample path needs from {@code stream} (already positioned for the draw). */
        void draw(RandomStream stream);

        /** y ← Y(t_k) of the current draw (d×d, row-major); y may be overwritten by the caller afterwards. */
        void matrixAt(int k, DMatrixRMaj y);
    }

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

    /**
     * Samples and reduces: {@code draws} draws, {@code times} save times.
     *
     * @param samplers a new sampler per block of draws (each used by one thread)
     */
    SampledSpectrumReference(int d, int depth, int times, double[] lambdaHi, double[] sigmaHi, int bins, int draws,
            long seed, Supplier<Sampler> samplers) {
        if (d < 1 || depth < 1 || bins < 1 || draws < 2) {
            throw new IllegalArgumentException("need d, depth, bins >= 1 and draws >= 2");
        }
        if (lambdaHi.length != times || sigmaHi.length != times) {
            throw new IllegalArgumentException("one histogram range per save time expected");
        }
        this.d = d;
        this.depth = depth;
        this.bins = bins;
        this.times = times;
        this.draws = draws;
        final int k = times;
        final int blocks = (draws + BLOCK - 1) / BLOCK;
        final Sums[] partial = new Sums[blocks];
        IntStream.range(0, blocks).parallel().forEach(b -> partial[b] = block(b * BLOCK,
                Math.min(draws, (b + 1) * BLOCK), samplers.get(), lambdaHi, sigmaHi, seed));
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

    private Sums block(int from, int to, Sampler sampler, double[] lambdaHi, double[] sigmaHi, long seed) {
        final int k = times;
        final Sums s = new Sums(d, k, bins);
        final RandomStream stream = Streams.of(seed, ID_OFFSET + from);
        final OrbitEntropy orbit = new OrbitEntropy(d, depth);
        final DMatrixRMaj y = new DMatrixRMaj(d, d);
        final double[] lam = new double[d];
        final double[] sig = new double[d];
        for (int m = from; m < to; m++) {
            stream.reset(seed, ID_OFFSET + m);
            sampler.draw(stream);
            for (int t = 0; t < k; t++) {
                sampler.matrixAt(t, y);
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
    static void singularValues(DMatrixRMaj y, double[] out) {
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

    /** @return the sample mean of Σλ² at save time k. */
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
