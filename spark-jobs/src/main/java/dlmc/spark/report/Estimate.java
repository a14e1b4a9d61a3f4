package dlmc.spark.report;

/**
 * One row of a run's {@code estimates/} table (data/README.md "estimates/"), nulls read as NaN
 * ({@code index} 0 when null).
 *
 * @param theorySource where the {@code theory} value comes from when the table says so (a
 *                     {@code theory_source} column), else null
 */
record Estimate(int timeIndex, double t, String quantity, int index, double value, double stdError,
        double binLo, double binHi, long count, double theory, String theorySource) {

    /** @return true for a histogram bin with finite edges (not an {@code _underflow}/{@code _overflow} row). */
    boolean isBin() {
        return Double.isFinite(binLo) && Double.isFinite(binHi);
    }

    /** @return true for a scalar or per-index estimate (no bin edges at all). */
    boolean isScalar() {
        return Double.isNaN(binLo) && Double.isNaN(binHi);
    }

    /** @return the quantity with its index, e.g. {@code singular_value_mean[2]}. */
    String label() {
        return index > 0 ? quantity + "[" + index + "]" : quantity;
    }

    /** @return (value − theory)/std_error, NaN when any is missing or the s.e. is 0. */
    double z() {
        if (!Double.isFinite(value) || !Double.isFinite(theory) || !(stdError > 0) || Double.isInfinite(stdError)) {
            return Double.NaN;
        }
        return (value - theory) / stdError;
    }
}
