package dlmc.core.estimate;

/**
 * One row of the tidy long-format estimates table (interface.md §3, {@code estimates/}); the
 * quantity names are listed in {@code dlmc/estimates.md} and on {@link SpectralEstimator}.
 *
 * <p>Fields: {@code t} save time; {@code quantity} estimator name; {@code value} estimate;
 * {@code stdError} its standard error across trajectories (NaN where not defined); {@code binLo},
 * {@code binHi} bin edges for histogram quantities (±∞ for the underflow/overflow rows, NaN
 * otherwise); {@code count} number of trajectories behind the estimate, or for histogram rows the
 * raw number of values in the bin; {@code theory} the reference value (NaN where none).
 *
 * <p>A plain immutable class, not a record (Kryo 4 cannot serialise records); public final fields
 * plus bean getters (for Spark bean encoders); a private no-arg constructor for Kryo.
 */
public final class EstimateRow {
    public final double t;
    public final String quantity;
    public final double value;
    public final double stdError;
    public final double binLo;
    public final double binHi;
    public final long count;
    public final double theory;
    /** 1-based index for per-index quantities (e.g. the i-th singular value), −1 when none. */
    public final int index;

    /** For serialisation frameworks only. */
    private EstimateRow() {
        this(Double.NaN, "", Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0L, Double.NaN, -1);
    }

    /** A row without an index (index = −1). */
    public EstimateRow(double t, String quantity, double value, double stdError, double binLo, double binHi,
            long count, double theory) {
        this(t, quantity, value, stdError, binLo, binHi, count, theory, -1);
    }

    /** A row with a 1-based {@code index} (or −1). */
    public EstimateRow(double t, String quantity, double value, double stdError, double binLo, double binHi,
            long count, double theory, int index) {
        this.index = index;
        this.t = t;
        this.quantity = quantity;
        this.value = value;
        this.stdError = stdError;
        this.binLo = binLo;
        this.binHi = binHi;
        this.count = count;
        this.theory = theory;
    }

    public double getT() {
        return t;
    }

    public String getQuantity() {
        return quantity;
    }

    public double getValue() {
        return value;
    }

    public double getStdError() {
        return stdError;
    }

    public double getBinLo() {
        return binLo;
    }

    public double getBinHi() {
        return binHi;
    }

    public long getCount() {
        return count;
    }

    public double getTheory() {
        return theory;
    }

    @Override
    public String toString() {
        return "EstimateRow[t=" + t + ", " + quantity + ", value=" + value + ", se=" + stdError + ", bin=[" + binLo
                + ", " + binHi + "), count=" + count + ", theory=" + theory + "]";
    }
}
