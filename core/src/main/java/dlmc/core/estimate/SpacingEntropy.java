package dlmc.core.estimate;

import org.apache.commons.numbers.gamma.Digamma;

/**
 * m-spacing estimator of the differential entropy (nats) of a law on R from N values (here: the
 * one-point law, i.e. the mean empirical spectral density, from eigenvalues pooled over
 * trajectories). Ebrahimi, Pflughoeft &amp; Soofi (1994), "Two measures of sample entropy", with a
 * ψ correction of the interior terms:
 * <pre>
 *   Ĥ = (1/N) Σ_{i=1}^{N} log( N (X_(i+m) − X_(i−m)) / (c_i m) ) + log(2m) − ψ(2m) + ψ(N+1) − log N,
 *   c_i = 1 + (i−1)/m (i ≤ m),  2 (m &lt; i ≤ N−m),  1 + (N−i)/m (i &gt; N−m),
 * </pre>
 * X_(j) the order statistics with X_(j) = X_(1) for j &lt; 1 and X_(N) for j &gt; N. The first sum is
 * Ebrahimi's estimator (which corrects Vasicek's boundary terms); the constant removes the exact
 * interior bias for uniform data, E log(N(X_(i+m) − X_(i−m))/(2m)) = log(N/(2m)) + ψ(2m) − ψ(N+1)
 * (spacings of uniform order statistics are Beta(2m, N+1−2m)). Spacing m = max(1, round(N^{1/3})),
 * at most (N − 1)/2 (N^{1/3} rather than √N: {@code dlmc/estimates.md}). Zero spacings (atoms)
 * give −∞.
 *
 * <p><b>Dependent values, standard error.</b> The values of one trajectory are not independent
 * (eigenvalues repel). Each value carries a cluster label (its trajectory); the estimator uses
 * the pooled order statistics, whose window of 2m ≪ number of clusters neighbours mixes many
 * trajectories, so the dependence barely changes the bias, but it does change the variance. The
 * per-value term T_i = log(N(X_(i+m) − X_(i−m))/(c_i m)) ≈ −log f(X_(i)) is the influence function of
 * the entropy plus spacing noise; {@link #stdError()} is the cluster-robust (ratio-estimator)
 * standard error over trajectories, sqrt(G/(G−1) Σ_g (S_g − Ĥ' N_g)²) / N with S_g the sum of the
 * terms and N_g the number of values of cluster g, Ĥ' the mean term. Approximate (the spacing
 * noise is included, so it tends to be conservative); its calibration was measured (see
 * {@code dlmc/estimates.md}).
 *
 * <p><b>Scaling.</b> O(N): the order statistics come from a stable LSD radix sort of the indices by
 * the values' order-preserving 64-bit keys (ties, −0.0 with 0.0 included, broken by input order;
 * passes whose byte is the same for every value are skipped); workspaces of 8 bytes per value
 * grow and are reused. The caller caps N (the Spark job subsamples eigenvalues
 * deterministically, see {@code dlmc/estimates.md}). Deterministic given the input order. Not
 * thread-safe.
 */
public final class SpacingEntropy {
    private int[] idx = new int[0];
    private int[] tmp = new int[0];
    private final int[] counts = new int[8 * 256];
    private double[] clusterSum = new double[0];
    private int[] clusterCount = new int[0];
    private double value = Double.NaN;
    private double stdError = Double.NaN;
    private int spacing;

    /** An estimator with empty workspaces. */
    public SpacingEntropy() {
    }

    /**
     * @param values   N values. Not modified.
     * @param cluster  cluster label of each value in [0, clusters), e.g. the trajectory's rank. Not modified.
     * @param size     N; N &lt; 3 gives NaN
     * @param clusters number of clusters G
     * @return the estimate Ĥ (also {@link #value()})
     * @throws IllegalArgumentException on a non-finite value, a label out of range or short arrays
     */
    public double estimate(double[] values, int[] cluster, int size, int clusters) {
        if (values.length < size || cluster.length < size) {
            throw new IllegalArgumentException("arrays shorter than N = " + size);
        }
        if (size < 3) {
            value = Double.NaN;
            stdError = Double.NaN;
            spacing = 0;
            return value;
        }
        if (idx.length < size) {
            idx = new int[size];
            tmp = new int[size];
        }
        if (clusterSum.length < clusters) {
            clusterSum = new double[clusters];
            clusterCount = new int[clusters];
        }
        for (int i = 0; i < size; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value " + i + " is not finite: " + values[i]);
            }
            if (cluster[i] < 0 || cluster[i] >= clusters) {
                throw new IllegalArgumentException("cluster label " + cluster[i] + " of value " + i + " not in [0, "
                        + clusters + ")");
            }
        }
        sort(values, size);
        final int n = size;
        final int m = Math.max(1, Math.min((n - 1) / 2, (int) Math.round(Math.cbrt(n))));
        spacing = m;
        java.util.Arrays.fill(clusterSum, 0, clusters, 0.0);
        java.util.Arrays.fill(clusterCount, 0, clusters, 0);
        final double logN = Math.log(n);
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            final double hiV = values[idx[Math.min(i + m, n) - 1]];
            final double loV = values[idx[Math.max(i - m, 1) - 1]];
            final double c = i <= m ? 1 + (i - 1.0) / m : i > n - m ? 1 + (double) (n - i) / m : 2.0;
            final double term = logN + Math.log((hiV - loV) / (c * m));
            sum += term;
            final int g = cluster[idx[i - 1]];
            clusterSum[g] += term;
            clusterCount[g]++;
        }
        final double mean = sum / n;
        final double correction = Math.log(2.0 * m) - Digamma.value(2.0 * m) + Digamma.value(n + 1.0) - logN;
        value = mean + correction;
        if (!Double.isFinite(mean)) {
            stdError = Double.NaN;
            return value;
        }
        int used = 0;
        double ss = 0;
        for (int g = 0; g < clusters; g++) {
            if (clusterCount[g] > 0) {
                used++;
                final double e = clusterSum[g] - mean * clusterCount[g];
                ss += e * e;
            }
        }
        stdError = used >= 2 ? Math.sqrt(ss * used / (used - 1.0)) / n : Double.NaN;
        return value;
    }

    /** @return the last estimate (NaN before the first call). */
    public double value() {
        return value;
    }

    /** @return the cluster-robust standard error of the last estimate (class comment). */
    public double stdError() {
        return stdError;
    }

    /** @return the spacing m of the last estimate. */
    public int spacing() {
        return spacing;
    }

    /**
     * The order-preserving key of a finite value: the IEEE bits with the sign bit flipped (v ≥ 0) or
     * all bits flipped (v &lt; 0), whose unsigned order is the numeric order; −0.0 is keyed as +0.0
     * so it ties with it, as under {@code <}.
     */
    private static long key(double v) {
        final long b = Double.doubleToRawLongBits(v == 0 ? 0.0 : v);
        return b ^ ((b >> 63) | Long.MIN_VALUE);
    }

    /**
     * idx[0, n) ← the indices 0, …, n − 1 in ascending order of v, ties in index order: LSD radix
     * sort of the indices by {@link #key}(v), one byte per pass (a byte that every key shares is
     * skipped). Each pass is stable, so equal values keep their index order: the permutation of a
     * stable comparison sort. The keys are recomputed from v in each pass rather than stored, which
     * keeps the workspace at two int arrays. v finite.
     */
    private void sort(double[] v, int n) {
        int[] ix = idx;
        int[] it = tmp;
        final int[] count = counts;
        java.util.Arrays.fill(count, 0);
        for (int i = 0; i < n; i++) {
            final long key = key(v[i]);
            ix[i] = i;
            for (int d = 0; d < 8; d++) {
                count[(d << 8) | (int) ((key >>> (d << 3)) & 0xFF)]++;
            }
        }
        final long first = key(v[0]);
        for (int d = 0; d < 8; d++) {
            final int base = d << 8;
            final int shift = d << 3;
            if (count[base + (int) ((first >>> shift) & 0xFF)] == n) {
                continue;
            }
            int sum = 0;
            for (int b = 0; b < 256; b++) {
                final int c = count[base + b];
                count[base + b] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                final int j = ix[i];
                final int pos = count[base + (int) ((key(v[j]) >>> shift) & 0xFF)]++;
                it[pos] = j;
            }
            final int[] is = ix;
            ix = it;
            it = is;
        }
        idx = ix;
        tmp = it;
    }
}
