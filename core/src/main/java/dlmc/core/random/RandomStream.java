package dlmc.core.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The random numbers of one trajectory: a Philox4x64-10 counter-based generator whose 128-bit
 * key is {@code (runSeed, trajectoryId)} and whose 256-bit counter starts at zero — the sequence
 * of Commons RNG's {@code Philox4x64(new long[] {runSeed, trajectoryId, 0, 0, 0, 0})}, computed
 * by {@link PhiloxSource} (faster on JDK 17; identical draws). {@link #reset} re-keys in place
 * and allocates nothing.
 *
 * <p>Every draw is therefore a pure function of {@code (runSeed, trajectoryId, draw index)}: a
 * trajectory gives the same numbers whichever partition, executor or retry computes it
 * (design.md, "Data flow"). Distinct trajectory ids select distinct Philox keys, i.e. independent
 * streams; no jumping or splitting by partition index is ever used.
 *
 * <p>Gaussians come from Commons RNG's {@link ZigguratSampler.NormalizedGaussian}; chi variates
 * from the gamma law chi^2_k = Gamma(k/2, scale 2), sampled exactly as Commons RNG's
 * {@link AhrensDieterMarsagliaTsangGammaSampler} does (Marsaglia–Tsang 2000 for shape ≥ 1,
 * Ahrens–Dieter GS 1974 for shape &lt; 1, same draws in the same order, bit for bit — checked by
 * {@code RandomStreamTest}), but without building a sampler object per call.
 *
 * <p>Not thread-safe: one instance per trajectory (or reuse one per task with {@link #reset}).
 */
public final class RandomStream {
    /** Name of the generator recorded in run manifests. */
    public static final String ALGORITHM = "PHILOX_4X64 (Commons RNG, key = (seed, trajectory_id), counter from 0)";
    /** Name of the Gaussian sampler recorded in run manifests. */
    public static final String GAUSSIAN_SAMPLER = "ZigguratSampler.NormalizedGaussian";

    private long seed;
    private long trajectoryId;
    private PhiloxSource source;
    private ZigguratSampler.NormalizedGaussian gaussian;
    /** The Gaussian sampler of Commons RNG's gamma sampler, bound to {@link #source}. */
    private NormalizedGaussianSampler gammaGaussian;

    RandomStream(long seed, long trajectoryId) {
        reset(seed, trajectoryId);
    }

    /**
     * Re-keys this stream to {@code (seed, trajectoryId)} with the counter at zero; afterwards it
     * produces exactly the draws of {@code Streams.of(seed, trajectoryId)}.
     */
    public void reset(long seed, long trajectoryId) {
        this.seed = seed;
        this.trajectoryId = trajectoryId;
        if (source == null) {
            source = new PhiloxSource(seed, trajectoryId);
            // the samplers keep no state but the source: built once, valid across re-keying
            gaussian = ZigguratSampler.NormalizedGaussian.of(source);
            gammaGaussian = GAMMA_GAUSSIAN_FACTORY.apply(source);
        } else {
            source.rekey(seed, trajectoryId);
        }
    }

    /** @return the run seed (first key word). */
    public long seed() {
        return seed;
    }

    /** @return the trajectory id (second key word). */
    public long trajectoryId() {
        return trajectoryId;
    }

    /** @return the underlying provider, for samplers of {@code dlmc.core.random} only. */
    UniformRandomProvider provider() {
        return source;
    }

    /** @return one standard normal N(0, 1) draw. */
    public double gaussian() {
        return gaussian.sample();
    }

    /**
     * Fills {@code out[offset .. offset+length)} with i.i.d. N(0, 1) draws, in index order.
     *
     * @param out Modified.
     */
    public void gaussians(double[] out, int offset, int length) {
        final int end = offset + length;
        for (int i = offset; i < end; i++) {
            out[i] = gaussian.sample();
        }
    }

    /** @return a uniform draw in [0, 1). */
    public double uniform() {
        return source.nextDouble();
    }

    /**
     * A chi-distributed draw with {@code k > 0} degrees of freedom (the square root of a
     * chi-squared(k) = Gamma(k/2, scale 2) variate). Allocates nothing.
     *
     * @throws IllegalArgumentException if {@code k <= 0}
     */
    public double chi(double k) {
        if (!(k > 0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("chi degrees of freedom must be a finite number > 0, got " + k);
        }
        final double shape = 0.5 * k;
        return Math.sqrt(shape >= 1 ? gammaMarsagliaTsang(shape, 2.0) : gammaAhrensDieter(shape, 2.0));
    }

    /**
     * Gamma(shape ≥ 1, scale) by Marsaglia and Tsang (ACM TOMS 26(3), 2000): with
     * d = shape − 1/3, c = 1/(3√d), repeat x ~ N(0,1), v = (1 + cx)³ until v &gt; 0 and, with
     * u ~ U[0,1), u &lt; 1 − 0.0331x⁴ (squeeze) or log u &lt; x²/2 + d(1 − v + log v); return
     * scale·d·v.
     */
    private double gammaMarsagliaTsang(double shape, double scale) {
        final double d = shape - ONE_THIRD;
        final double c = ONE_THIRD / Math.sqrt(d);
        while (true) {
            final double x = gammaGaussian.sample();
            final double w = 1 + c * x;
            final double v = w * w * w;
            if (v <= 0) {
                continue;
            }
            final double x2 = x * x;
            final double u = source.nextDouble();
            if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
                return scale * d * v;
            }
        }
    }

    /**
     * Gamma(shape &lt; 1, scale) by Ahrens and Dieter's algorithm GS (Computing 12, 1974, p. 228):
     * b = 1 + shape/e; p = b·u; if p ≤ 1, x = p^{1/shape}, accept if u' ≤ e^{−x}; otherwise
     * x = −log((b − p)/shape), accept if u' ≤ x^{shape−1}; return scale·x.
     */
    private double gammaAhrensDieter(double shape, double scale) {
        final double b = 1 + shape / Math.E;
        final double inv = 1 / shape;
        while (true) {
            final double p = b * source.nextDouble();
            if (p <= 1) {
                final double x = Math.pow(p, inv);
                if (source.nextDouble() <= Math.exp(-x)) {
                    return scale * x;
                }
            } else {
                final double x = -Math.log((b - p) * inv);
                if (source.nextDouble() <= Math.pow(x, shape - 1)) {
                    return scale * x;
                }
            }
        }
    }

    private static final double ONE_THIRD = 1d / 3;

    /**
     * The normalized Gaussian sampler Commons RNG's gamma sampler uses internally, for the
     * bit-for-bit match of {@link #chi}.
     */
    private static final java.util.function.Function<UniformRandomProvider, NormalizedGaussianSampler> GAMMA_GAUSSIAN_FACTORY =
            ZigguratSampler.NormalizedGaussian::of;
}
