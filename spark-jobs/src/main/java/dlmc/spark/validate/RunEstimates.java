package dlmc.spark.validate;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code estimates/} table of one finished run (data/README.md), read with Spark into the
 * driver. The table holds a few hundred rows per save time (never per trajectory), so collecting
 * it is cheap. Immutable.
 */
final class RunEstimates {
    /** One row of the table; NaN for a null double. */
    record Estimate(double t, String quantity, int index, double value, double stdError, double binLo, double binHi,
                long count, double theory) {
    }

    private final String runDir;
    private final List<Estimate> rows;

    private RunEstimates(String runDir, List<Estimate> rows) {
        this.runDir = runDir;
        this.rows = rows;
    }

    /** Reads {@code runDir/estimates}. */
    static RunEstimates read(SparkSession spark, String runDir) {
        List<Estimate> rows = new ArrayList<>();
        for (Row r : spark.read().parquet(runDir + "/estimates").collectAsList()) {
            rows.add(new Estimate(r.getDouble(r.fieldIndex("t")), r.getString(r.fieldIndex("quantity")),
                    r.isNullAt(r.fieldIndex("index")) ? -1 : r.getInt(r.fieldIndex("index")),
                    num(r, "value"), num(r, "std_error"), num(r, "bin_lo"), num(r, "bin_hi"),
                    r.getLong(r.fieldIndex("count")), num(r, "theory")));
        }
        return new RunEstimates(runDir, rows);
    }

    private static double num(Row r, String column) {
        int i = r.fieldIndex(column);
        return r.isNullAt(i) ? Double.NaN : r.getDouble(i);
    }

    String runDir() {
        return runDir;
    }

    /** @return the largest save time. */
    double lastTime() {
        return rows.stream().mapToDouble(Estimate::t).max().orElseThrow();
    }

    /**
     * @param index the 1-based index of a per-index quantity, or -1
     * @return the single non-histogram row of the quantity at time t
     * @throws IllegalStateException when the run has no such row
     */
    Estimate scalar(String quantity, double t, int index) {
        for (Estimate r : rows) {
            if (r.t == t && r.quantity.equals(quantity) && r.index == index && Double.isNaN(r.binLo)) {
                return r;
            }
        }
        throw new IllegalStateException("no estimate " + quantity + (index < 0 ? "" : "[" + index + "]")
                + " at t = " + t + " in " + runDir);
    }

    /**
     * @return every bin of the histogram {@code quantity} at time t, including the
     *         {@code _underflow} / {@code _overflow} rows when present, in increasing bin order
     */
    List<Estimate> histogram(String quantity, double t) {
        List<Estimate> bins = new ArrayList<>();
        for (Estimate r : rows) {
            if (r.t == t && (r.quantity.equals(quantity) || r.quantity.equals(quantity + "_underflow")
                    || r.quantity.equals(quantity + "_overflow"))) {
                bins.add(r);
            }
        }
        if (bins.isEmpty()) {
            throw new IllegalStateException("no histogram " + quantity + " at t = " + t + " in " + runDir);
        }
        bins.sort((a, b) -> Double.compare(a.binLo, b.binLo));
        return bins;
    }
}
