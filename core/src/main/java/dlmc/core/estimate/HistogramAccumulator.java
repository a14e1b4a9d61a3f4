package dlmc.core.estimate;

import java.util.Arrays;

/**
 * A fixed-bin histogram over [lo, hi) with underflow (x &lt; lo) and overflow (x ≥ hi, and NaN)
 * slots, whose statistical unit is the <em>trajectory</em>: each {@link #acceptTrajectory} call
 * contributes, for every slot b, the fraction f_b of that trajectory's values falling in b
 * (Σ_b f_b = 1 including under/overflow). The density estimate of bin b is mean(f_b)/width and
 * its standard error sd(f_b)/sqrt(M)/width across the M trajectories, which are iid, while the
 * values inside one trajectory (eigenvalues, gaps) are strongly correlated and are not.
 *
 * <p>Storage: per slot Σ f_b, Σ f_b² (sparse update: only slots a trajectory touches change, so
 * one trajectory costs O(its values), not O(bins)) and the raw value count. The variance
 * (Σf² − (Σf)²/M)/(M − 1) loses about log10((p² + v)/v) digits, p = mean fraction and v its
 * variance; for eigenvalue fractions (v ≈ p/n per bin) and 0/1 fractions (v = p(1−p)) that is
 * under two digits. {@link #combine} adds sums, so merging is exact up to one rounding per sum.
 *
 * <p>Bin of x: floor((x − lo)·bins/(hi − lo)), clamped to bins − 1 for x &lt; hi. Not thread-safe;
 * deterministic for a given sequence of calls. Plain class (Kryo FieldSerializer): the transient
 * scratch array is rebuilt lazily.
 */
public final class HistogramAccumulator {
    private double lo;
    private double hi;
    private int bins;
    private long trajectories;
    /** Slot 0 = underflow, 1..bins = bins, bins + 1 = overflow. */
    private long[] counts;
    private double[] sumFraction;
    private double[] sumFractionSq;
    private transient int[] scratch;

    /** For serialisation frameworks only. */
    private HistogramAccumulator() {
    }

    /**
     * @throws IllegalArgumentException unless lo &lt; hi are finite and bins ≥ 1
     */
    public HistogramAccumulator(double lo, double hi, int bins) {
        checkBins(lo, hi, bins);
        this.lo = lo;
        this.hi = hi;
        this.bins = bins;
        this.counts = new long[bins + 2];
        this.sumFraction = new double[bins + 2];
        this.sumFractionSq = new double[bins + 2];
    }

    /**
     * @return −1 for underflow (x &lt; lo), {@code bins} for overflow (x ≥ hi or NaN), else the bin
     */
    public int binIndex(double x) {
        return binIndex(x, lo, hi, bins);
    }

    /** The bin rule shared with {@link PooledHistogramAccumulator}: see {@link #binIndex(double)}. */
    static int binIndex(double x, double lo, double hi, int bins) {
        if (x < lo) {
            return -1;
        }
        if (!(x < hi)) {
            return bins;
        }
        final int b = (int) ((x - lo) * bins / (hi - lo));
        return Math.min(b, bins - 1);
    }

    /** @throws IllegalArgumentException unless lo &lt; hi are finite and bins ≥ 1 */
    static void checkBins(double lo, double hi, int bins) {
        if (!(lo < hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException("histogram range must be finite with lo < hi, got [" + lo + ", " + hi + ")");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("histogram bins must be >= 1, got " + bins);
        }
    }

    /**
     * Adds one trajectory whose values are {@code values[from..to)}. An empty range is ignored
     * (no trajectory counted).
     *
     * @param values Not modified.
     */
    public void acceptTrajectory(double[] values, int from, int to) {
        final int m = to - from;
        if (m <= 0) {
            return;
        }
        if (scratch == null) {
            scratch = new int[bins + 2];
        }
        for (int i = from; i < to; i++) {
            scratch[binIndex(values[i]) + 1]++;
        }
        final double inv = 1.0 / m;
        for (int i = from; i < to; i++) {
            final int slot = binIndex(values[i]) + 1;
            final int c = scratch[slot];
            if (c > 0) {
                final double f = c * inv;
                sumFraction[slot] += f;
                sumFractionSq[slot] += f * f;
                counts[slot] += c;
                scratch[slot] = 0;
            }
        }
        trajectories++;
    }

    /** Adds a trajectory with the single value x (fraction 1 in x's slot). */
    public void acceptTrajectory(double x) {
        final int slot = binIndex(x) + 1;
        sumFraction[slot] += 1.0;
        sumFractionSq[slot] += 1.0;
        counts[slot]++;
        trajectories++;
    }

    /**
     * Merges {@code other} (not modified) into this.
     *
     * @throws IllegalArgumentException if the ranges or bin counts differ
     */
    public void combine(HistogramAccumulator other) {
        if (!sameBinning(other)) {
            throw binningMismatch(lo, hi, bins, other.lo, other.hi, other.bins);
        }
        for (int s = 0; s < bins + 2; s++) {
            counts[s] += other.counts[s];
            sumFraction[s] += other.sumFraction[s];
            sumFractionSq[s] += other.sumFractionSq[s];
        }
        trajectories += other.trajectories;
    }

    /** @return true if lo, hi and bins are identical. */
    public boolean sameBinning(HistogramAccumulator other) {
        return sameBinning(lo, hi, bins, other.lo, other.hi, other.bins);
    }

    /** The binning test shared with {@link PooledHistogramAccumulator}: identical lo, hi and bins. */
    static boolean sameBinning(double lo, double hi, int bins, double lo2, double hi2, int bins2) {
        return Double.compare(lo, lo2) == 0 && Double.compare(hi, hi2) == 0 && bins == bins2;
    }

    static IllegalArgumentException binningMismatch(double lo, double hi, int bins, double lo2, double hi2, int bins2) {
        return new IllegalArgumentException("cannot combine histograms [" + lo + ", " + hi + ")x" + bins
                + " and [" + lo2 + ", " + hi2 + ")x" + bins2);
    }

    public double lo() {
        return lo;
    }

    public double hi() {
        return hi;
    }

    public int bins() {
        return bins;
    }

    /** @return (hi − lo)/bins. */
    public double binWidth() {
        return (hi - lo) / bins;
    }

    /** @return lower edge lo + b·(hi − lo)/bins of bin b ∈ [0, bins]. */
    public double binLo(int b) {
        return binLo(b, lo, hi, bins);
    }

    /** The edge rule shared with {@link PooledHistogramAccumulator}: see {@link #binLo(int)}. */
    static double binLo(int b, double lo, double hi, int bins) {
        return b == bins ? hi : lo + b * (hi - lo) / bins;
    }

    /** @return upper edge of bin b (exactly hi for the last bin). */
    public double binHi(int b) {
        return binLo(b + 1);
    }

    /** @return the number of trajectories accepted. */
    public long trajectories() {
        return trajectories;
    }

    /** @return raw number of values (over all trajectories) in bin b; b = −1 underflow, b = bins overflow. */
    public long count(int b) {
        return counts[slot(b)];
    }

    /** @return mean over trajectories of the fraction in bin b (−1 underflow, bins overflow); NaN if empty. */
    public double meanFraction(int b) {
        return trajectories == 0 ? Double.NaN : sumFraction[slot(b)] / trajectories;
    }

    /** @return standard error of {@link #meanFraction(int)} across trajectories; NaN if fewer than 2. */
    public double meanFractionStandardError(int b) {
        if (trajectories < 2) {
            return Double.NaN;
        }
        final int s = slot(b);
        final double m = trajectories;
        final double var = (sumFractionSq[s] - sumFraction[s] * sumFraction[s] / m) / (m - 1);
        return Math.sqrt(Math.max(0.0, var) / m);
    }

    /** @return meanFraction(b)/binWidth for 0 ≤ b &lt; bins. */
    public double density(int b) {
        checkBin(b);
        return meanFraction(b) / binWidth();
    }

    /** @return standard error of {@link #density(int)}. */
    public double densityStandardError(int b) {
        checkBin(b);
        return meanFractionStandardError(b) / binWidth();
    }

    private void checkBin(int b) {
        checkBin(b, bins);
    }

    private int slot(int b) {
        return slot(b, bins);
    }

    /** Shared with {@link PooledHistogramAccumulator}: b must be a regular bin, 0 ≤ b &lt; bins. */
    static void checkBin(int b, int bins) {
        if (b < 0 || b >= bins) {
            throw new IndexOutOfBoundsException("bin " + b + " not in [0, " + bins + ")");
        }
    }

    /** Shared with {@link PooledHistogramAccumulator}: the array slot of bin b ∈ [−1, bins] (−1 underflow, bins overflow). */
    static int slot(int b, int bins) {
        if (b < -1 || b > bins) {
            throw new IndexOutOfBoundsException("bin " + b + " not in [-1, " + bins + "]");
        }
        return b + 1;
    }

    @Override
    public String toString() {
        return "HistogramAccumulator[[" + lo + ", " + hi + ")x" + bins + ", trajectories=" + trajectories
                + ", counts=" + Arrays.toString(counts) + "]";
    }
}
