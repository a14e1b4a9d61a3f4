package dlmc.core.estimate;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * Kozachenko–Leonenko k-nearest-neighbour estimator of the differential entropy (nats) of a law
 * on R^d from M iid points (here: the joint law of a spectrum, d = n eigenvalues, one point per
 * trajectory):
 * <pre>
 *   Ĥ = ψ(M) − ψ(k) + log V_d + (d/M) Σ_i log ε_i,    V_d = π^{d/2} / Γ(1 + d/2),
 * </pre>
 * ε_i the Euclidean distance from point i to its k-th nearest other point, V_d the volume of the
 * Euclidean unit ball (Kozachenko &amp; Leonenko 1987; Kraskov, Stögbauer &amp; Grassberger 2004,
 * eq. 20). Points that coincide with their k-th neighbour (ε_i = 0, e.g. every trajectory at a
 * zero start) give −∞: the law then has atoms.
 *
 * <p><b>Standard error.</b> {@link #stdError()} is sd(T_i)/sqrt(M) with T_i the per-point term
 * ψ(M) − ψ(k) + log V_d + d log ε_i. It is approximate: the T_i are weakly dependent (they share
 * neighbours), and T_i ≈ −log f(X_i) + log Γ-noise, so the sd includes the ψ'(k) variance of the
 * ball mass; with fixed k this is the right order (Delattre &amp; Fournier 2017). Measured
 * calibration (spread of Ĥ over 200 independent ensembles vs the mean reported s.e., GβE
 * spectra): see {@code KnnEntropyTest} and {@code dlmc/estimates.md}.
 *
 * <p><b>Bias</b> (measured against the exact GβE entropy, {@code dlmc.core.theory.GbeEntropy};
 * the numbers are in {@code dlmc/estimates.md}). Sources:
 * <ul>
 *   <li>Boundary of the Weyl chamber: ordered spectra live in λ_1 ≤ … ≤ λ_n. Near a wall the k-NN
 *       ball sticks out of the support, so V_d ε^d overstates the ball's mass and Ĥ is pushed up.
 *       The Euclidean distance between two sorted vectors is already the quotient distance
 *       min_π |x − πy| (rearrangement inequality), so the walls act as mirrors, not as cliffs.</li>
 *   <li>The density vanishes like gap^β at the walls, which softens the boundary effect (little
 *       mass near the walls) but makes f non-smooth for β = 1 (|gap| kink); the smoothness bias
 *       is O((k/M)^{2/d}) in the interior.</li>
 *   <li>Curse of dimension: both terms decay like M^{−c/d}; at d = 5 with M = 10⁴ the bias is
 *       several hundredths of a nat, and it grows quickly with d (at M = 2000 from ≤ 1.8 s.e. at
 *       d = 4 to 3–17 s.e. at d = 8; hence the run-time cap {@code estimates.knn_max_n}, default
 *       4, and {@link #UNBIASED_MAX_N}).</li>
 *   <li>k: larger k lowers the variance (ψ'(k)) and raises the smoothing bias; the default
 *       {@link #DEFAULT_K} = 4 was chosen from the measured table.</li>
 * </ul>
 *
 * <p><b>Algorithm.</b> A k-d tree built by median splits (quickselect, cycling coordinates,
 * leaves of ≤ {@link #LEAF} points; O(M log M)), coordinates copied into tree order for locality,
 * then one depth-first k-NN query per point with a bounded max-heap: O(M log M) expected for
 * fixed d. Workspaces are kept and grown, so repeated calls and the queries allocate nothing.
 * Deterministic: the result depends only on the points and their order (the per-point terms are
 * summed in input order). Not thread-safe.
 */
public final class KnnEntropy {
    /** Default neighbour order k. */
    public static final int DEFAULT_K = 4;
    /**
     * The largest dimension at which the measured bias (k = 4, exact GβE samples, β = ½, 1, 2, 4;
     * {@code dlmc/estimates.md}) stays within about one s.e. at M = 2000: n = 3 (−0.011 to −0.030
     * with s.e. 0.027). At n = 4 it is −0.044 to +0.054 (up to 1.8 s.e.), at n = 8 +0.13 to +0.66
     * (3 to 17 s.e.), and at fixed n the ratio bias / s.e. grows with M.
     */
    public static final int UNBIASED_MAX_N = 3;

    /**
     * @return the caveat printed next to a {@code spectrum_entropy_knn} estimate with a theory value
     *         when n &gt; {@link #UNBIASED_MAX_N} (the run summary and the report say the same)
     */
    public static String biasCaveat() {
        return "spectrum_entropy_knn: the k-NN estimate of an n-dimensional entropy is biased beyond its standard error"
                + " for n > " + UNBIASED_MAX_N + ", more so for small beta and, relative to the s.e., at large M"
                + " (measured on exact GbetaE samples, M = 2000, k = 4: n = 4 up to 1.8 s.e., n = 8 +0.13 to +0.66 nats,"
                + " 3 to 17 s.e.; core/src/main/resources/dlmc/estimates.md)";
    }
    /** Maximum number of points in a leaf of the k-d tree. */
    public static final int LEAF = 8;

    private final int d;
    private final int k;
    private final double logUnitBall;
    private final double[] query;
    private final double[] heap; // k best squared distances, max-heap
    private int heapSize;
    private int[] order = new int[0];      // tree position -> input index
    private double[] coords = new double[0]; // tree order, row-major
    private double[] terms = new double[0];  // per input index
    private double value = Double.NaN;
    private double stdError = Double.NaN;
    private int count;

    /**
     * @param d dimension ≥ 1
     * @param k neighbour order ≥ 1
     */
    public KnnEntropy(int d, int k) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + d);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        this.d = d;
        this.k = k;
        this.logUnitBall = 0.5 * d * Math.log(Math.PI) - LogGamma.value(1 + 0.5 * d);
        this.query = new double[d];
        this.heap = new double[k];
    }

    /** @return log V_d, the log-volume of the Euclidean unit ball in R^d. */
    public double logUnitBall() {
        return logUnitBall;
    }

    /**
     * Estimates the entropy of the law of {@code m} points.
     *
     * @param points row-major m × d (point i at [i·d, (i+1)·d)). Not modified.
     * @param m      number of points; m ≤ k gives NaN
     * @return the estimate Ĥ (also {@link #value()}); −∞ if some point has ε_i = 0
     * @throws IllegalArgumentException if the array is too short or holds a non-finite value
     */
    public double estimate(double[] points, int m) {
        if (points.length < (long) m * d) {
            throw new IllegalArgumentException("points has " + points.length + " values, need m*d = " + (long) m * d);
        }
        count = m;
        if (m <= k) {
            value = Double.NaN;
            stdError = Double.NaN;
            return value;
        }
        ensureCapacity(m);
        for (int i = 0; i < m * d; i++) {
            if (!Double.isFinite(points[i])) {
                throw new IllegalArgumentException("point " + i / d + " has a non-finite coordinate " + points[i]);
            }
        }
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        build(points, 0, m, 0);
        for (int p = 0; p < m; p++) {
            System.arraycopy(points, order[p] * d, coords, p * d, d);
        }
        final double offset = Digamma.value(m) - Digamma.value(k) + logUnitBall;
        for (int p = 0; p < m; p++) {
            System.arraycopy(coords, p * d, query, 0, d);
            heapSize = 0;
            search(p, 0, m, 0);
            // heap[0] is the k-th smallest squared distance
            terms[order[p]] = offset + 0.5 * d * Math.log(heap[0]);
        }
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += terms[i];
        }
        value = sum / m;
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            stdError = Double.NaN;
            return value;
        }
        double ss = 0;
        for (int i = 0; i < m; i++) {
            final double e = terms[i] - value;
            ss += e * e;
        }
        stdError = Math.sqrt(ss / (m - 1) / m);
        return value;
    }

    /** @return the last estimate (NaN before the first call). */
    public double value() {
        return value;
    }

    /** @return the approximate standard error of the last estimate (class comment); NaN if undefined. */
    public double stdError() {
        return stdError;
    }

    /** @return the number of points of the last estimate. */
    public int count() {
        return count;
    }

    private void ensureCapacity(int m) {
        if (order.length < m) {
            order = new int[m];
            terms = new double[m];
            coords = new double[m * d];
        }
    }

    /** Orders order[lo, hi) so that the median (by coordinate depth mod d) is at mid, recursively. */
    private void build(double[] pts, int lo, int hi, int depth) {
        if (hi - lo <= LEAF) {
            return;
        }
        final int mid = (lo + hi) >>> 1;
        select(pts, lo, hi - 1, mid, depth % d);
        build(pts, lo, mid, depth + 1);
        build(pts, mid + 1, hi, depth + 1);
    }

    /** Quickselect (Hoare partition, median-of-three pivot) on order[lo..hi] by coordinate c. */
    private void select(double[] pts, int lo, int hi, int target, int c) {
        while (hi > lo) {
            final int mid = (lo + hi) >>> 1;
            final double a = pts[order[lo] * d + c];
            final double b = pts[order[mid] * d + c];
            final double e = pts[order[hi] * d + c];
            final double pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), e));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (pts[order[i] * d + c] < pivot) {
                    i++;
                }
                while (pts[order[j] * d + c] > pivot) {
                    j--;
                }
                if (i <= j) {
                    final int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    /** k-NN search of the query (tree position self excluded) in the subtree of positions [lo, hi). */
    private void search(int self, int lo, int hi, int depth) {
        if (hi - lo <= LEAF) {
            for (int p = lo; p < hi; p++) {
                if (p != self) {
                    offer(distance2(p));
                }
            }
            return;
        }
        final int mid = (lo + hi) >>> 1;
        final int c = depth % d;
        final double diff = query[c] - coords[mid * d + c];
        if (diff < 0) {
            search(self, lo, mid, depth + 1);
            if (mid != self) {
                offer(distance2(mid));
            }
            if (heapSize < k || diff * diff < heap[0]) {
                search(self, mid + 1, hi, depth + 1);
            }
        } else {
            search(self, mid + 1, hi, depth + 1);
            if (mid != self) {
                offer(distance2(mid));
            }
            if (heapSize < k || diff * diff < heap[0]) {
                search(self, lo, mid, depth + 1);
            }
        }
    }

    private double distance2(int p) {
        double s = 0;
        final int o = p * d;
        for (int j = 0; j < d; j++) {
            final double e = coords[o + j] - query[j];
            s += e * e;
        }
        return s;
    }

    /** Keeps the k smallest squared distances in a max-heap. */
    private void offer(double v) {
        if (heapSize < k) {
            int i = heapSize++;
            heap[i] = v;
            while (i > 0) {
                final int parent = (i - 1) >>> 1;
                if (heap[parent] >= heap[i]) {
                    break;
                }
                final double t = heap[parent];
                heap[parent] = heap[i];
                heap[i] = t;
                i = parent;
            }
            return;
        }
        if (v >= heap[0]) {
            return;
        }
        heap[0] = v;
        int i = 0;
        while (true) {
            final int l = 2 * i + 1;
            if (l >= k) {
                break;
            }
            int big = l;
            if (l + 1 < k && heap[l + 1] > heap[l]) {
                big = l + 1;
            }
            if (heap[i] >= heap[big]) {
                break;
            }
            final double t = heap[i];
            heap[i] = heap[big];
            heap[big] = t;
            i = big;
        }
    }
}
