package dlmc.core.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.Philox4x64;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The random numbers of one trajectory: a Philox4x64-10 counter-based generator whose 128-bit
 * key is {@code (runSeed, trajectoryId)} and whose 256-bit counter starts at zero.
 *
 * <p>Every draw is therefore a pure function of {@code (runSeed, trajectoryId, draw index)}: a
 * trajectory gives the same numbers whichever partition, executor or retry computes it
 * (design.md, "Data flow"). Distinct trajectory ids select distinct Philox keys, i.e. independent
 * streams; no jumping or splitting by partition index is ever used.
 *
 * <p>Gaussians come from Commons RNG's {@link ZigguratSampler.NormalizedGaussian}; chi variates
 * from {@link AhrensDieterMarsagliaTsangGammaSampler} (chi^2_k = Gamma(k/2, 2)).
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
    private Philox4x64 source;
    private ZigguratSampler.NormalizedGaussian gaussian;

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
        this.source = new Philox4x64(new long[] {seed, trajectoryId, 0L, 0L, 0L, 0L});
        this.gaussian = ZigguratSampler.NormalizedGaussian.of(source);
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
     * chi-squared(k) = Gamma(k/2, scale 2) variate).
     *
     * @throws IllegalArgumentException if {@code k <= 0}
     */
    public double chi(double k) {
        if (!(k > 0)) {
            throw new IllegalArgumentException("chi degrees of freedom must be > 0, got " + k);
        }
        return Math.sqrt(AhrensDieterMarsagliaTsangGammaSampler.of(source, 0.5 * k, 2.0).sample());
    }
}
