package dlmc.core.estimate;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Theory values of the DLN estimate rows ({@link DlnEstimator}), per save time (index k of the
 * experiment's save grid, on the model's clock — the values for {@code metric_scale: cmv} are the
 * M24 laws at t/N, filled in by {@code dlmc.core.run.DlnReferences}): E σ_i, E λ_i
 * (i = 1..d), E Σλ², E S, E E, E F, and the σ and λ histogram densities (bin probability / bin
 * width, then the overflow probability). NaN where no theory applies. Filled once on the driver at
 * plan time (see {@code dlmc.core.run.DlnReferences}), then carried by the immutable
 * {@link DlnEstimatorLayout}, which copies it. Plain class (Kryo FieldSerializer; Java-serialisable like
 * the layout).
 */
public final class DlnTheory implements Serializable {
    private static final long serialVersionUID = 1L;
    private int times;
    private int d;
    private int bins;
    private double[] values;

    /** For serialisation frameworks only. */
    private DlnTheory() {
    }

    /** All-NaN theory for {@code times} save times. */
    public DlnTheory(int times, int d, int bins) {
        if (times < 1 || d < 1 || bins < 1) {
            throw new IllegalArgumentException("times, d and bins must be >= 1");
        }
        this.times = times;
        this.d = d;
        this.bins = bins;
        this.values = new double[times * slots()];
        Arrays.fill(values, Double.NaN);
    }

    DlnTheory copy() {
        DlnTheory c = new DlnTheory(times, d, bins);
        System.arraycopy(values, 0, c.values, 0, values.length);
        return c;
    }

    private int slots() {
        return 2 * d + 4 + 2 * (bins + 1);
    }

    private int base(int k) {
        if (k < 0 || k >= times) {
            throw new IllegalArgumentException("time index " + k + " out of [0, " + times + ")");
        }
        return k * slots();
    }

    public int times() {
        return times;
    }

    public int d() {
        return d;
    }

    public int bins() {
        return bins;
    }

    /** @param i 0-based index of σ_i (descending) */
    public double singularValueMean(int k, int i) {
        return values[base(k) + i];
    }

    public void setSingularValueMean(int k, int i, double v) {
        values[base(k) + i] = v;
    }

    /** @param i 0-based index of λ_i (descending) */
    public double layerMean(int k, int i) {
        return values[base(k) + d + i];
    }

    public void setLayerMean(int k, int i, double v) {
        values[base(k) + d + i] = v;
    }

    public double sumSquares(int k) {
        return values[base(k) + 2 * d];
    }

    public void setSumSquares(int k, double v) {
        values[base(k) + 2 * d] = v;
    }

    public double entropy(int k) {
        return values[base(k) + 2 * d + 1];
    }

    public void setEntropy(int k, double v) {
        values[base(k) + 2 * d + 1] = v;
    }

    public double energy(int k) {
        return values[base(k) + 2 * d + 2];
    }

    public void setEnergy(int k, double v) {
        values[base(k) + 2 * d + 2] = v;
    }

    public double freeEnergy(int k) {
        return values[base(k) + 2 * d + 3];
    }

    public void setFreeEnergy(int k, double v) {
        values[base(k) + 2 * d + 3] = v;
    }

    /** @param b bin 0..bins−1, or bins for the overflow probability */
    public double singularValueDensity(int k, int b) {
        return values[base(k) + 2 * d + 4 + b];
    }

    /** @param b bin 0..bins−1, or bins for the overflow probability */
    public double layerDensity(int k, int b) {
        return values[base(k) + 2 * d + 4 + bins + 1 + b];
    }

    /**
     * Sets the σ histogram theory from bin probabilities.
     *
     * @param masses length bins + 1: bin probabilities, then the overflow probability
     * @param width  the bin width (density = probability / width)
     */
    public void setSingularValueMasses(int k, double[] masses, double width) {
        setMasses(base(k) + 2 * d + 4, masses, width);
    }

    /** The same for the λ histogram. */
    public void setLayerMasses(int k, double[] masses, double width) {
        setMasses(base(k) + 2 * d + 4 + bins + 1, masses, width);
    }

    private void setMasses(int at, double[] masses, double width) {
        if (masses.length != bins + 1) {
            throw new IllegalArgumentException("expected " + (bins + 1) + " masses, got " + masses.length);
        }
        for (int b = 0; b < bins; b++) {
            values[at + b] = masses[b] / width;
        }
        values[at + bins] = masses[bins];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DlnTheory t && times == t.times && d == t.d && bins == t.bins
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }
}
