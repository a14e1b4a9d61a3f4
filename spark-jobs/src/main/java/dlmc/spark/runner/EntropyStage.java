package dlmc.spark.runner;

import dlmc.core.estimate.EstimateRow;
import dlmc.core.estimate.KnnEntropy;
import dlmc.core.estimate.SpacingEntropy;
import dlmc.core.model.DysonModel;
import dlmc.core.theory.GbeEntropy;
import dlmc.core.theory.GueOnePointEntropy;
import dlmc.spark.config.ExperimentConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The entropy estimates of one save time, computed on an executor after a shuffle keyed by the
 * save-time index (no spectrum reaches the driver; only the rows below do). Quantities (names in
 * {@code dlmc/estimates.md}):
 * <ul>
 *   <li>{@code spectrum_entropy_knn}: {@link KnnEntropy} of the joint law of the ordered spectrum
 *       (one point in R^n per trajectory), only when n ≤ {@code estimates.knn_max_n}; from at most
 *       about {@code estimates.knn_max_points} trajectories: with stride s = ceil(T / cap), the
 *       trajectories whose id is a multiple of s (a deterministic, partition-independent choice);</li>
 *   <li>{@code spectral_density_entropy}: {@link SpacingEntropy} of the one-point law (the mean
 *       empirical spectral density) from the eigenvalues pooled over trajectories, subsampled
 *       deterministically to at most about {@code estimates.density_entropy_max_values} values:
 *       with stride s = ceil(T·n / cap) (T the planned trajectories), trajectory id j keeps the
 *       eigenvalue indices i with (i + j) mod s = 0, so every index is used equally often.</li>
 * </ul>
 * Theory (Dyson, R = {@code DysonModel.semicircleRadius(t)} finite, i.e. the spectrum is exactly a
 * scaled GβE): {@link GbeEntropy#orderedOfRadius} for the joint law; for the one-point law the same
 * value when n = 1, {@link GueOnePointEntropy} when β = 2, NaN otherwise. DLN: NaN.
 *
 * <p>Determinism: a group is sorted by trajectory id before anything is computed, so the rows do
 * not depend on the partitioning. Immutable; serialisable (shipped in the task closure).
 */
final class EntropyStage implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String KNN = "spectrum_entropy_knn";
    static final String DENSITY = "spectral_density_entropy";

    private final double[] times;
    private final int n;
    private final int knnMaxN;
    private final int knnK;
    private final int stride;
    private final long knnStride;
    private final double[] knnTheory;
    private final double[] densityTheory;

    EntropyStage(ExperimentConfig config, int n) {
        this.times = config.grid().times();
        this.n = n;
        this.knnMaxN = config.knnMaxN();
        this.knnK = config.knnK();
        this.stride = stride(config.trajectories(), n, config.densityEntropyMaxValues());
        this.knnStride = Math.max(1, (config.trajectories() + config.knnMaxPoints() - 1) / config.knnMaxPoints());
        this.knnTheory = new double[times.length];
        this.densityTheory = new double[times.length];
        Arrays.fill(knnTheory, Double.NaN);
        Arrays.fill(densityTheory, Double.NaN);
        DysonModel model = config.model();
        if (model != null) {
            final double beta = model.beta();
            // the standard GUE one-point entropy depends on n only: computed once, scaled per time
            final double gueStandard = n > 1 && beta == 2.0 && n <= GueOnePointEntropy.MAX_N
                    ? GueOnePointEntropy.standard(n) : Double.NaN;
            for (int i = 0; i < times.length; i++) {
                final double r = model.semicircleRadius(times[i]);
                if (!(r >= 0) || Double.isInfinite(r)) {
                    continue;
                }
                knnTheory[i] = GbeEntropy.orderedOfRadius(n, beta, r);
                if (n == 1) {
                    densityTheory[i] = knnTheory[i];
                } else if (!Double.isNaN(gueStandard)) {
                    // GueOnePointEntropy.scaled(n, s) = standard(n) + log s
                    densityTheory[i] = gueStandard + Math.log(GbeEntropy.scaleOfRadius(n, beta, r));
                }
            }
        }
    }

    /** @return s = ceil(T·n / cap), at least 1. */
    static int stride(long trajectories, int n, int cap) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (trajectories * n + cap - 1) / cap));
    }

    /** @return whether trajectory {@code id} keeps eigenvalue index {@code i} in the one-point sample. */
    static boolean keep(long id, int i, int stride) {
        return (i + id) % stride == 0;
    }

    /** @return whether the snapshots carry the whole spectrum (the k-NN estimate is computed). */
    boolean fullSpectra() {
        return n <= knnMaxN;
    }

    int stride() {
        return stride;
    }

    /**
     * @return whether trajectory {@code id} carries its whole spectrum (it is one of the k-NN
     *         estimate's points); otherwise it carries only its one-point subsample
     */
    boolean fullSample(long id) {
        return fullSpectra() && id % knnStride == 0;
    }

    /** Executor side: the rows of save time {@code timeIndex} from its (unordered) batches. */
    List<EstimateRow> rows(int timeIndex, Iterable<EntropySample> group) {
        List<EntropySample> batches = new ArrayList<>();
        for (EntropySample b : group) {
            if (b.size() > 0) {
                batches.add(b);
            }
        }
        // chunks are disjoint id ranges and a batch is in ascending id: this is id order
        batches.sort(Comparator.comparingLong(b -> b.ids[0]));
        int m = 0;
        int mk = 0;
        int total = 0;
        for (EntropySample b : batches) {
            m += b.size();
            for (int k = 0; k < b.size(); k++) {
                boolean full = fullSample(b.ids[k]);
                mk += full ? 1 : 0;
                total += full ? countKept(b.ids[k]) : b.offsets[k + 1] - b.offsets[k];
            }
        }
        final double t = times[timeIndex];
        List<EstimateRow> out = new ArrayList<>(2);
        if (fullSpectra()) {
            double[] pts = new double[mk * n];
            int j = 0;
            for (EntropySample b : batches) {
                for (int k = 0; k < b.size(); k++) {
                    if (fullSample(b.ids[k])) {
                        System.arraycopy(b.values, b.offsets[k], pts, j++ * n, n);
                    }
                }
            }
            KnnEntropy knn = new KnnEntropy(n, knnK);
            knn.estimate(pts, mk);
            out.add(new EstimateRow(t, KNN, knn.value(), knn.stdError(), Double.NaN, Double.NaN, mk,
                    knnTheory[timeIndex]));
        }
        double[] values = new double[total];
        int[] cluster = new int[total];
        int c = 0;
        int j = 0;
        for (EntropySample b : batches) {
            for (int k = 0; k < b.size(); k++, j++) {
                final long id = b.ids[k];
                final boolean full = fullSample(id);
                for (int i = 0, p = b.offsets[k]; p < b.offsets[k + 1]; i++, p++) {
                    if (!full || keep(id, i, stride)) {
                        values[c] = b.values[p];
                        cluster[c++] = j;
                    }
                }
            }
        }
        SpacingEntropy spacing = new SpacingEntropy();
        spacing.estimate(values, cluster, total, m);
        out.add(new EstimateRow(t, DENSITY, spacing.value(), spacing.stdError(), Double.NaN, Double.NaN, m,
                densityTheory[timeIndex]));
        return out;
    }

    private int countKept(long id) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (keep(id, i, stride)) {
                c++;
            }
        }
        return c;
    }
}
