package dlmc.core.estimate;

import java.util.Arrays;

/**
 * A fixed-bin histogram over [lo, hi) (underflow x &lt; lo, overflow x ≥ hi and NaN) of values
 * pooled over clusters (trajectories), estimated as a <em>ratio</em>: the probability of bin b is
 * p̂_b = Σ_g y_gb / Σ_g x_g, y_gb the values of cluster g in b and x_g its number of values, with
 * the cluster-robust (delta-method, trajectories as clusters) standard error
 * <pre>
 *   se(p̂_b) = sqrt( G/(G − 1) · Σ_g (y_gb − p̂_b x_g)² ) / Σ_g x_g,
 * </pre>
 * G the number of clusters accepted (those with no value included; they add nothing to the sum).
 * The values inside a cluster may be dependent; the clusters are independent. This is the same
 * standard error as {@link SpacingEntropy}'s.
 *
 * <p><b>Why pooled.</b> When clusters contribute different, random numbers of values (the spacings
 * in a bulk window), the mean over clusters of the per-cluster fractions y_gb/x_g weights a value
 * by 1/x_g and converges to E[y_b/x] ≠ E y_b / E x, which is not the law of a typical value (for a
 * stationary point process, the Palm law); the pooled ratio converges to E y_b / E x, which is.
 * ({@link HistogramAccumulator} averages fractions: right where every cluster has the same
 * number of values.)
 *
 * <p><b>Storage, merging.</b> Per slot Σ y, Σ y², Σ x y, and Σ x, Σ x², all as longs: sums of
 * integers, so {@link #combine} is exact and the state does not depend on how clusters were
 * grouped (as long as no sum exceeds 2^63: with n values per cluster, M n² &lt; 9·10^18). A cluster
 * costs O(its values), not O(bins). Bin of x: floor((x − lo)·bins/(hi − lo)), clamped to bins − 1
 * for x &lt; hi (as {@link HistogramAccumulator}). Not thread-safe; deterministic. Plain class
 * (Kryo FieldSerializer); the transient scratch array is rebuilt lazily.
 */
public final class PooledHistogramAccumulator {
    private double lo;
    private double hi;
    private int bins;
    private long clusters;
    /** Clusters with at least one value. */
    private long contributing;
    private long values;
    private long valuesSq;
    /** Slot 0 = underflow, 1..bins = bins, bins + 1 = overflow: Σ y, Σ y², Σ x y. */
    private long[] counts;
    private long[] countsSq;
    private long[] cross;
    private transient int[] scratch;

    /** For serialisation frameworks only. */
    private PooledHistogramAccumulator() {
    }

    /**
     * @throws IllegalArgumentException unless lo &lt; hi are finite and bins ≥ 1
     */
    public PooledHistogramAccumulator(double lo, double hi, int bins) {
        HistogramAccumulator.checkBins(lo, hi, bins);
        this.lo = lo;
        this.hi = hi;
        this.bins = bins;
        this.counts = new long[bins + 2];
        this.countsSq = new long[bins + 2];
        this.cross = new long[bins + 2];
    }

    /** @return −1 for underflow (x &lt; lo), {@code bins} for overflow (x ≥ hi or NaN), else the bin */
    public int binIndex(double x) {
        return HistogramAccumulator.binIndex(x, lo, hi, bins);
    }

    /**
     * Adds one cluster whose values are {@code values[from..to)}; an empty range is a cluster with
     * no value (it counts in G).
     *
     * @param values Not modified.
     */
    public void acceptCluster(double[] values, int from, int to) {
        final long x = Math.max(0, to - from);
        clusters++;
        if (x == 0) {
            return;
        }
        contributing++;
        this.values += x;
        this.valuesSq += x * x;
        if (scratch == null) {
            scratch = new int[bins + 2];
        }
        for (int i = from; i < to; i++) {
            scratch[binIndex(values[i]) + 1]++;
        }
        for (int i = from; i < to; i++) {
            final int slot = binIndex(values[i]) + 1;
            final long y = scratch[slot];
            if (y > 0) {
                counts[slot] += y;
                countsSq[slot] += y * y;
                cross[slot] += x * y;
                scratch[slot] = 0;
            }
        }
    }

    /**
     * Merges {@code other} (not modified) into this; exact.
     *
     * @throws IllegalArgumentException if the ranges or bin counts differ
     */
    public void combine(PooledHistogramAccumulator other) {
        if (!sameBinning(other)) {
            throw HistogramAccumulator.binningMismatch(lo, hi, bins, other.lo, other.hi, other.bins);
        }
        for (int s = 0; s < bins + 2; s++) {
            counts[s] += other.counts[s];
            countsSq[s] += other.countsSq[s];
            cross[s] += other.cross[s];
        }
        clusters += other.clusters;
        contributing += other.contributing;
        values += other.values;
        valuesSq += other.valuesSq;
    }

    /** @return true if lo, hi and bins are identical. */
    public boolean sameBinning(PooledHistogramAccumulator other) {
        return HistogramAccumulator.sameBinning(lo, hi, bins, other.lo, other.hi, other.bins);
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

    /** @return lower edge of bin b ∈ [0, bins] (b = bins: hi). */
    public double binLo(int b) {
        return HistogramAccumulator.binLo(b, lo, hi, bins);
    }

    /** @return upper edge of bin b (exactly hi for the last bin). */
    public double binHi(int b) {
        return binLo(b + 1);
    }

    /** @return G, the clusters accepted (with or without values). */
    public long clusters() {
        return clusters;
    }

    /** @return the clusters that had at least one value. */
    public long contributingClusters() {
        return contributing;
    }

    /** @return Σ x_g, the values pooled. */
    public long values() {
        return values;
    }

    /** @return the pooled number of values in bin b; b = −1 underflow, b = bins overflow. */
    public long count(int b) {
        return counts[slot(b)];
    }

    /** @return p̂_b = count(b) / values(); NaN when no value was pooled. */
    public double probability(int b) {
        return values == 0 ? Double.NaN : (double) counts[slot(b)] / values;
    }

    /** @return the cluster-robust standard error of {@link #probability(int)}; NaN if G &lt; 2 or no value. */
    public double probabilityStandardError(int b) {
        if (clusters < 2 || values == 0) {
            return Double.NaN;
        }
        final int s = slot(b);
        final double p = (double) counts[s] / values;
        // Σ (y − p x)² = Σy² − 2p Σxy + p² Σx² (integer sums, exact)
        final double ss = countsSq[s] - 2 * p * cross[s] + p * p * valuesSq;
        final double g = clusters;
        return Math.sqrt(Math.max(0.0, ss) * g / (g - 1)) / values;
    }

    /** @return probability(b)/binWidth for 0 ≤ b &lt; bins. */
    public double density(int b) {
        checkBin(b);
        return probability(b) / binWidth();
    }

    /** @return standard error of {@link #density(int)}. */
    public double densityStandardError(int b) {
        checkBin(b);
        return probabilityStandardError(b) / binWidth();
    }

    private void checkBin(int b) {
        HistogramAccumulator.checkBin(b, bins);
    }

    private int slot(int b) {
        return HistogramAccumulator.slot(b, bins);
    }

    @Override
    public String toString() {
        return "PooledHistogramAccumulator[[" + lo + ", " + hi + ")x" + bins + ", clusters=" + clusters + ", values="
                + values + ", counts=" + Arrays.toString(counts) + "]";
    }
}
