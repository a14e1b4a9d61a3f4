package dlmc.spark.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlmc.spark.io.RunLayout;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a finished run (interface.md §3) through the Hadoop FileSystem API and Spark: the
 * {@code manifest.json} and the {@code estimates/} table. The snapshots are not needed (they may be
 * disabled): every plot is drawn from the ensemble estimates and their standard errors, except the
 * eigenvalue paths of a one-trajectory Dyson run, read from its snapshots when it kept them.
 */
final class RunReader {
    /** Orders the rows by (time, quantity, index, bin), so nothing depends on Parquet file order. */
    static final Comparator<Estimate> ORDER = Comparator.comparingInt(Estimate::timeIndex)
            .thenComparing(Estimate::quantity)
            .thenComparingInt(Estimate::index)
            .thenComparingDouble(Estimate::binLo);

    private RunReader() {
    }

    /**
     * One snapshot's spectrum (data/README.md "snapshots/"), read only for a one-trajectory Dyson run,
     * where the report draws the eigenvalue paths.
     */
    record Snapshot(int timeIndex, double t, double[] spectrum, String status) {
    }

    /**
     * A run as the report sees it.
     *
     * @param paths the snapshots of trajectory 0 in time order when the run has one trajectory, is a
     *              Dyson run and kept its snapshots; else empty
     */
    record Run(Path dir, JsonNode manifest, List<Estimate> estimates, double[] times, List<Snapshot> paths) {
        Run(Path dir, JsonNode manifest, List<Estimate> estimates, double[] times) {
            this(dir, manifest, estimates, times, List.of());
        }

        /**
         * @return true when the run has exactly one trajectory (manifest {@code trajectories}): its
         *         "estimates" are the values of one sample path, with no standard errors
         */
        boolean singleTrajectory() {
            return manifest.path("trajectories").asLong(0) == 1;
        }

        /**
         * @return true when the run has 2 .. {@link Fit#MIN_TRAJECTORIES_FOR_P} − 1 trajectories: its
         *         standard errors exist but are too uncertain for a χ² p-value ({@link Fit#withoutP})
         */
        boolean fewTrajectories() {
            long m = manifest.path("trajectories").asLong(0);
            return m > 1 && m < Fit.MIN_TRAJECTORIES_FOR_P;
        }

        /** @return the trajectories accepted at save time ti (its {@code trajectories} row), −1 when unknown. */
        long acceptedAt(int ti) {
            return rows("trajectories", ti).stream().filter(e -> Double.isFinite(e.value())).mapToLong(e -> (long) e.value())
                    .findFirst().orElse(-1);
        }

        /**
         * @return true when 2 .. {@link Fit#MIN_TRAJECTORIES_FOR_P} − 1 trajectories were accepted at save time ti:
         *         standard errors exist there but are too uncertain for a χ² p-value or a |z| &gt; 3 flag (failed
         *         paths can leave a large run with a few trajectories at late times)
         */
        boolean fewAt(int ti) {
            long m = acceptedAt(ti);
            return m > 1 && m < Fit.MIN_TRAJECTORIES_FOR_P;
        }

        /** @return the rows at one save time, in {@link #ORDER}. */
        List<Estimate> at(int timeIndex) {
            return estimates.stream().filter(e -> e.timeIndex() == timeIndex).toList();
        }

        /** @return the rows of one quantity at one save time (bins ascending). */
        List<Estimate> rows(String quantity, int timeIndex) {
            return estimates.stream().filter(e -> e.timeIndex() == timeIndex && e.quantity().equals(quantity)).toList();
        }

        int lastTimeIndex() {
            return times.length - 1;
        }
    }

    static JsonNode manifest(FileSystem fs, Path runDir) throws IOException {
        try (InputStream in = fs.open(new Path(runDir, RunLayout.MANIFEST))) {
            return new ObjectMapper().readTree(in);
        }
    }

    static Run read(SparkSession spark, FileSystem fs, Path runDir) throws IOException {
        JsonNode manifest = manifest(fs, runDir);
        List<Row> rows = spark.read().parquet(new Path(runDir, RunLayout.ESTIMATES).toString()).collectAsList();
        List<Estimate> estimates = new ArrayList<>(rows.size());
        for (Row r : rows) {
            estimates.add(new Estimate(
                    r.getInt(r.fieldIndex("time_index")),
                    r.getDouble(r.fieldIndex("t")),
                    r.getString(r.fieldIndex("quantity")),
                    intOrZero(r, "index"),
                    doubleOrNaN(r, "value"),
                    doubleOrNaN(r, "std_error"),
                    doubleOrNaN(r, "bin_lo"),
                    doubleOrNaN(r, "bin_hi"),
                    r.isNullAt(r.fieldIndex("count")) ? 0 : r.getLong(r.fieldIndex("count")),
                    doubleOrNaN(r, "theory"),
                    stringOrNull(r, "theory_source")));
        }
        estimates.sort(ORDER);
        double[] times = estimates.stream().mapToInt(Estimate::timeIndex).distinct().sorted()
                .mapToDouble(i -> estimates.stream().filter(e -> e.timeIndex() == i).findFirst().orElseThrow().t())
                .toArray();
        int maxIndex = estimates.stream().mapToInt(Estimate::timeIndex).max().orElse(-1);
        if (times.length != maxIndex + 1) {
            throw new IOException("estimates/ of " + runDir + ": save time indices are not 0.." + maxIndex
                    + " (found " + times.length + " distinct)");
        }
        return new Run(runDir, manifest, List.copyOf(estimates), times, paths(spark, fs, runDir, manifest));
    }

    /** The snapshots of the one trajectory of a one-trajectory Dyson run (see {@link Run#paths}). */
    private static List<Snapshot> paths(SparkSession spark, FileSystem fs, Path runDir, JsonNode manifest) throws IOException {
        Path snapshots = new Path(runDir, RunLayout.SNAPSHOTS);
        if (manifest.path("trajectories").asLong(0) != 1 || "dln".equals(manifest.path("config").path("model").path("type").asText())
                || !fs.exists(snapshots)) {
            return List.of();
        }
        List<Snapshot> out = new ArrayList<>();
        for (Row r : spark.read().parquet(snapshots.toString()).select("time_index", "t", "spectrum", "status").collectAsList()) {
            List<Object> values = r.getList(2);
            double[] spectrum = new double[values.size()];
            for (int i = 0; i < spectrum.length; i++) {
                spectrum[i] = values.get(i) == null ? Double.NaN : ((Number) values.get(i)).doubleValue();
            }
            out.add(new Snapshot(r.getInt(0), r.getDouble(1), spectrum, r.isNullAt(3) ? null : r.getString(3)));
        }
        out.sort(Comparator.comparingInt(Snapshot::timeIndex));
        return List.copyOf(out);
    }

    private static boolean has(Row r, String column) {
        return Arrays.asList(r.schema().fieldNames()).contains(column);
    }

    private static double doubleOrNaN(Row r, String column) {
        if (!has(r, column)) {
            return Double.NaN;
        }
        int i = r.fieldIndex(column);
        return r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
    }

    private static int intOrZero(Row r, String column) {
        if (!has(r, column)) {
            return 0;
        }
        int i = r.fieldIndex(column);
        return r.isNullAt(i) ? 0 : ((Number) r.get(i)).intValue();
    }

    private static String stringOrNull(Row r, String column) {
        if (!has(r, column)) {
            return null;
        }
        int i = r.fieldIndex(column);
        return r.isNullAt(i) ? null : r.get(i).toString();
    }
}
