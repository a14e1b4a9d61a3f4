package dlmc.spark.report;

import com.fasterxml.jackson.databind.JsonNode;
import dlmc.core.model.DysonModel;
import dlmc.core.theory.FiniteNOnePointLaw;
import dlmc.core.theory.SemicircleLaw;
import dlmc.core.theory.SineKernelSpacingLaw;
import dlmc.core.theory.TracyWidom;
import dlmc.core.theory.TwoByTwoSpacingLaw;
import dlmc.core.theory.WignerSurmise;
import dlmc.spark.io.HumanNumbers;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The report's charts (JFreeChart, rendered headless to PNG), all drawn from the {@code estimates/}
 * table: histograms with ±1 s.e. error bars against the {@code theory} column (bin averages) and,
 * for Dyson runs, the closed-form curves of math-spec §5.2 (semicircle, exact 2×2 spacing law /
 * Wigner surmise; for λ_max the Tracy–Widom density, whose bin averages from the TW CDF also give
 * the λ_max histogram its χ² and KS, see {@link #tracyWidomTheory}); scalar estimates versus time with
 * ±1.96 s.e. bands and their theory; the trajectory status counts of the manifest.
 */
final class Plots {
    static final int WIDTH = 960;
    static final int HEIGHT = 600;
    /** At most this many save times get their own spectral-density chart. */
    static final int MAX_DENSITY_TIMES = 12;
    /** Histograms drawn at (up to {@link #MAX_DENSITY_TIMES}) save times; the others at the last time. */
    static final Set<String> PER_TIME_HISTOGRAMS = Set.of("density", "singular_value_density", "layer_singular_value_density");
    /** Relative difference below which a value with s.e. 0 is said to equal its theory (rounding only). */
    static final double EQUAL_TOLERANCE = 1e-9;
    /** A histogram of fewer values than this (one λ_max of one trajectory, no value at all) is not drawn. */
    static final int MIN_HISTOGRAM_VALUES = 2;
    /** At most this many eigenvalue paths are drawn for a one-trajectory run (evenly spaced ranks). */
    static final int MAX_PATHS = 64;
    /** Legend of the stationary Gibbs law drawn over the final time (DLN {@code gibbs_} rows). */
    static final String GIBBS_LEGEND = "stationary Gibbs law (math-spec §3.5, t → ∞)";

    private static final Color SIM = new Color(0x1f, 0x4e, 0x9c);
    private static final Color SIM_FILL = new Color(0x9e, 0xbc, 0xe8);
    private static final Color THEORY = new Color(0xd6, 0x27, 0x28);
    private static final Color CURVE = new Color(0x2c, 0xa0, 0x2c);
    private static final Color GIBBS_COLOR = new Color(0xe6, 0x55, 0x0d);
    private static final Color[] SERIES = {SIM, new Color(0xff, 0x7f, 0x0e), new Color(0x2c, 0xa0, 0x2c),
        new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b), new Color(0xe3, 0x77, 0xc2),
        new Color(0x7f, 0x7f, 0x7f), new Color(0xbc, 0xbd, 0x22), new Color(0x17, 0xbe, 0xcf)};
    private static final BasicStroke DASH_DOT = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {10f, 4f, 2f, 4f}, 0f);
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {8f, 5f}, 0f);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * One chart of the report.
     *
     * @param section heading it is listed under
     * @param file    PNG file name (relative to the report directory)
     * @param title   what is compared
     * @param subtitle the distance to theory ({@link Fit#describe}) and notes
     * @param caption how to read it
     * @param fit     the numbers behind the subtitle ({@link Fit#NONE} where nothing is compared)
     */
    record Figure(String section, String file, String title, String subtitle, String caption, Fit fit) {
    }

    /** A closed-form density drawn as a smooth curve. */
    record Curve(String label, DoubleUnaryOperator f) {
    }

    private final RunReader.Run run;
    private final Path dir;
    private final DysonModel dyson;
    private final List<Figure> figures = new ArrayList<>();
    private final Set<String> files = new LinkedHashSet<>();
    private String densityTimesNote = "";

    /**
     * @param dyson the run's Dyson model (for the closed-form curves), or null (DLN, or a config the
     *              current version cannot parse)
     * @param dir   local directory the PNGs are written to
     */
    Plots(RunReader.Run run, DysonModel dyson, Path dir) {
        this.run = run;
        this.dyson = dyson;
        this.dir = dir;
    }

    /** @return a note on which save times the spectral density is shown at. */
    String densityTimesNote() {
        return densityTimesNote;
    }

    /**
     * Draws every chart; returns them in page order. A histogram is drawn only where it holds at least
     * {@link #MIN_HISTOGRAM_VALUES} values (one value is a spike, not a distribution). A run with one
     * trajectory ({@link RunReader.Run#singleTrajectory}) gets its per-time histograms at the final
     * time only, the eigenvalue paths of that trajectory instead (Dyson, when it kept its snapshots),
     * and no status chart (its one status is stated on the page).
     */
    List<Figure> drawAll() throws IOException {
        List<String> all = run.estimates().stream().filter(Estimate::isBin).map(Estimate::quantity).distinct().toList();
        // gibbs_ histograms are overlaid on the final-time histogram of the same quantity (when there is one)
        List<String> histograms = all.stream().filter(q -> !(q.startsWith(TheorySources.GIBBS)
                && all.contains(q.substring(TheorySources.GIBBS.length())))).toList();
        boolean single = run.singleTrajectory();
        int[] shown = single ? new int[] {run.lastTimeIndex()} : selectTimes(run.times().length, MAX_DENSITY_TIMES);
        eigenvaluePaths();
        StringBuilder missing = new StringBuilder();
        Set<Integer> drawnTimes = new java.util.TreeSet<>();
        for (String q : histograms) {
            if (!PER_TIME_HISTOGRAMS.contains(q)) {
                continue;
            }
            List<String> empty = new ArrayList<>();
            for (int ti : shown) {
                if (drawable(q, ti)) {
                    histogram(q, ti);
                    drawnTimes.add(ti);
                } else {
                    empty.add(fmt(run.times()[ti]));
                }
            }
            if (!empty.isEmpty() && empty.size() < shown.length) {
                missing.append(' ').append(q).append(" is not drawn at t = ").append(String.join(", ", empty)).append(" (fewer than ")
                        .append(MIN_HISTOGRAM_VALUES).append(" values there: no trajectory accepted, or a single value).");
            }
        }
        // "every save time" only when nothing is missing, so the note never says "every" and then
        // lists exceptions; otherwise the exceptions follow a sentence that announces them
        boolean some = missing.length() > 0;
        // a DLN run has no spectral density: its per-time histograms are of the singular values
        String what = "dln".equals(run.manifest().path("config").path("model").path("type").asText())
                ? "Singular-value histograms are " : "Spectral densities are ";
        densityTimesNote = (single
                ? "One trajectory: its histograms are shown at the final time only"
                        + (run.paths().isEmpty() ? "." : "; the eigenvalue paths chart shows its spectrum at every save time.")
                : shown.length == run.times().length
                ? what + (some ? "shown at " + drawnTimes.size() + " of the " + shown.length + " save times, those where they"
                        + " have values." : "shown at every save time (" + shown.length + ").")
                : what + "shown at " + shown.length + " evenly spaced of the " + run.times().length
                        + " save times (first and last included)" + (some ? ", where they have values." : ".")) + missing;
        for (String q : histograms) {
            if (PER_TIME_HISTOGRAMS.contains(q)) {
                continue;
            }
            int last = lastTimeWith(q);
            if (last >= 0) {
                histogram(q, last);
            }
        }
        timeSeries();
        if (!single) {
            statusCounts();
        }
        return figures;
    }

    /** @return k evenly spaced indices of 0..count−1 (all of them when count ≤ k), first and last included. */
    static int[] selectTimes(int count, int k) {
        if (count <= k) {
            int[] all = new int[count];
            for (int i = 0; i < count; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[k];
        for (int j = 0; j < k; j++) {
            out[j] = (int) Math.round(j * (count - 1) / (double) (k - 1));
        }
        return out;
    }

    private int lastTimeWith(String quantity) {
        for (int ti = run.lastTimeIndex(); ti >= 0; ti--) {
            if (drawable(quantity, ti)) {
                return ti;
            }
        }
        return -1;
    }

    /**
     * @return whether the histogram of the quantity at save time ti has bins holding at least
     *         {@link #MIN_HISTOGRAM_VALUES} values (the {@code count} of its bins and of its
     *         {@code _underflow}/{@code _overflow} rows: the number of values that fell there)
     */
    boolean drawable(String quantity, int ti) {
        List<Estimate> bins = bins(quantity, ti);
        if (bins.isEmpty()) {
            return false;
        }
        long values = bins.stream().mapToLong(Estimate::count).sum();
        for (String tail : List.of("_underflow", "_overflow")) {
            Estimate e = single(quantity + tail, ti);
            values += e == null ? 0 : e.count();
        }
        // counts not recorded (every count 0 although some bin has mass): trust the values
        return values >= MIN_HISTOGRAM_VALUES || values == 0 && bins.stream().anyMatch(e -> e.value() > 0);
    }

    private List<Estimate> bins(String quantity, int ti) {
        return run.rows(quantity, ti).stream().filter(Estimate::isBin).sorted(Comparator.comparingDouble(Estimate::binLo)).toList();
    }

    private Estimate single(String quantity, int ti) {
        return run.rows(quantity, ti).stream().filter(e -> e.index() == 0).findFirst().orElse(null);
    }

    // ---------------------------------------------------------------- eigenvalue paths (one trajectory)

    /**
     * A one-trajectory Dyson run that kept its snapshots: its eigenvalues λ_i(t) at the save times,
     * one line per rank i (at most {@link #MAX_PATHS}, evenly spaced ranks with the smallest and the
     * largest), with the semicircle edges ±R(t) where R is known. Straight segments join the save
     * times; the path between them is not recorded.
     */
    private void eigenvaluePaths() throws IOException {
        List<RunReader.Snapshot> snaps = run.paths();
        if (snaps.isEmpty()) {
            return;
        }
        int n = snaps.stream().mapToInt(s -> s.spectrum().length).max().orElse(0);
        if (n == 0) {
            return;
        }
        int[] ranks = selectTimes(n, MAX_PATHS);
        XYSeriesCollection paths = new XYSeriesCollection();
        for (int i : ranks) {
            XYSeries s = new XYSeries("λ_" + (i + 1), false, true);
            for (RunReader.Snapshot snap : snaps) {
                if (i < snap.spectrum().length && Double.isFinite(snap.spectrum()[i])) {
                    s.add(snap.t(), snap.spectrum()[i]);
                }
            }
            paths.addSeries(s);
        }
        XYPlot plot = basePlot("time t", "eigenvalue λ_i");
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, snaps.size() <= 40);
        for (int k = 0; k < paths.getSeriesCount(); k++) {
            r.setSeriesPaint(k, SIM);
            r.setSeriesStroke(k, new BasicStroke(1.3f));
            r.setSeriesShape(k, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
            r.setSeriesVisibleInLegend(k, k == 0);
        }
        r.setLegendItemLabelGenerator((ds, series) -> ranks.length == n
                ? "eigenvalues λ_1 ≤ … ≤ λ_" + n + " of the one trajectory"
                : ranks.length + " of the " + n + " eigenvalues (evenly spaced ranks) of the one trajectory");
        plot.setDataset(0, paths);
        plot.setRenderer(0, r);
        XYSeries upper = new XYSeries("semicircle edges ±R(t) (n → ∞)", false, true);
        XYSeries lower = new XYSeries("−R(t)", false, true);
        if (dyson != null) {
            double t0 = snaps.get(0).t();
            double t1 = snaps.get(snaps.size() - 1).t();
            for (int k = 0; k <= 200; k++) {
                double t = t0 + (t1 - t0) * k / 200.0;
                double radius = dyson.semicircleRadius(t);
                if (Double.isFinite(radius) && radius >= 0) {
                    upper.add(t, radius);
                    lower.add(t, -radius);
                }
            }
        }
        if (upper.getItemCount() > 0) {
            XYSeriesCollection edges = new XYSeriesCollection();
            edges.addSeries(upper);
            edges.addSeries(lower);
            XYLineAndShapeRenderer er = new XYLineAndShapeRenderer(true, false);
            for (int k = 0; k < 2; k++) {
                er.setSeriesPaint(k, CURVE);
                er.setSeriesStroke(k, DASHED);
            }
            er.setSeriesVisibleInLegend(1, false);
            plot.setDataset(1, edges);
            plot.setRenderer(1, er);
        }
        String failed = snaps.stream().map(RunReader.Snapshot::status).filter(st -> st != null && !st.equals("ok"))
                .findFirst().orElse(null);
        String title = "Eigenvalue paths λ_i(t) of the one trajectory";
        String subtitle = n + " eigenvalues at " + snaps.size() + " save times"
                + (ranks.length < n ? ", " + ranks.length + " drawn" : "")
                + (failed != null ? "; the trajectory stopped with status " + failed + " at t = "
                        + fmt(snaps.get(snaps.size() - 1).t()) : "")
                + "; no theory for a single path";
        String file = unique("eigenvalue-paths.png");
        save(chart(title, subtitle, plot), file);
        String caption = "The spectrum of the one trajectory (snapshots/ table) at every save time, one line per eigenvalue"
                + " rank" + (ranks.length < n ? " (" + ranks.length + " evenly spaced ranks of " + n + ", the smallest and"
                        + " the largest included)" : "") + "; straight segments join the save times (the path between them is"
                + " not recorded)" + (upper.getItemCount() > 0 ? "; dashed green: the semicircle edges ±R(t) of the model"
                        + " (math-spec §5.2, an n → ∞ limit; the largest eigenvalue fluctuates around R on the scale"
                        + " R n^{−2/3})" : "") + ".";
        figures.add(new Figure("Spectral density", file, title, subtitle, caption, Fit.NONE));
    }

    // ---------------------------------------------------------------- histograms

    private void histogram(String q, int ti) throws IOException {
        List<Estimate> bins = bins(q, ti);
        double t = run.times()[ti];
        Estimate over = single(q + "_overflow", ti);
        Estimate under = single(q + "_underflow", ti);
        double lo = bins.get(0).binLo();
        double hi = bins.get(bins.size() - 1).binHi();

        String what;
        String xLabel;
        String yLabel = "probability density";
        String section;
        Curve curve = null;
        List<String> notes = new ArrayList<>();
        TracyWidomTheory tw = null;
        switch (q) {
            case "density" -> {
                what = "Spectral density";
                section = "Spectral density";
                xLabel = "eigenvalue λ";
                yLabel = "density (fraction of eigenvalues per unit λ)";
                double r = dyson == null ? Double.NaN : dyson.semicircleRadius(t);
                FiniteNOnePointLaw exact = dyson == null ? null : FiniteNOnePointLaw.of(dyson.n(), dyson.beta(), r);
                if (exact != null) {
                    // the estimator's theory column holds the same law's bin averages (n = 1, or β = 2, n ≤ 400)
                    curve = new Curve(String.format(Locale.ROOT, "exact finite-n density (n = %d, β = %s)", dyson.n(),
                            fmt(dyson.beta())), exact::density);
                } else if (r > 0 && Double.isFinite(r)) {
                    SemicircleLaw law = new SemicircleLaw(r);
                    curve = new Curve(String.format(Locale.ROOT, "semicircle, R = %s (n → ∞)", fmt(r)), law::density);
                }
            }
            case "lambda_max_density" -> {
                what = "Largest eigenvalue λ_max";
                section = "Largest eigenvalue";
                xLabel = "λ_max";
                tw = tracyWidom(ti, bins, under, notes);
                if (tw != null) {
                    bins = tw.bins();
                    under = tw.underflow();
                    curve = tw.curve();
                }
            }
            case "spacing_density" -> {
                what = "Nearest-neighbour spacing";
                section = "Spacings";
                xLabel = "spacing s / mean spacing";
                curve = spacingCurve(notes);
            }
            case "unfolded_spacing_density" -> {
                what = "Unfolded bulk nearest-neighbour spacing";
                section = "Spacings";
                xLabel = "unfolded spacing s (semicircle unfolding, left end in the central half)";
                curve = sineKernelCurve(ti, notes);
            }
            case "singular_value_density" -> {
                what = "Singular values σ of X";
                section = "Singular values";
                xLabel = "singular value σ";
                yLabel = "density (fraction of singular values per unit σ)";
            }
            case "layer_singular_value_density" -> {
                what = "Layer singular values λ = σ^{1/N}";
                section = "Singular values";
                xLabel = "layer singular value λ";
                yLabel = "density (fraction per unit λ)";
            }
            default -> {
                what = q;
                section = "Other histograms";
                xLabel = q;
            }
        }

        boolean single = run.singleTrajectory();
        Fit fit = reliable(Fit.ofHistogram(bins, under), ti);
        String theoryLabel = tw != null ? tw.label() : theoryLabel(q, bins);
        boolean columnTheory = bins.stream().anyMatch(e -> Double.isFinite(e.theory()));
        String against = columnTheory ? theoryLabel : curve != null ? curve.label() + " (curve only)" : "no theory";
        // DLN: the stationary Gibbs law of the gibbs_ rows (last save time only), drawn over this histogram
        List<Estimate> gibbsBins = ti == run.lastTimeIndex() && !q.startsWith(TheorySources.GIBBS)
                ? bins(TheorySources.GIBBS + q, ti) : List.of();
        Fit gibbsFit = reliable(Fit.ofHistogram(gibbsBins, single(TheorySources.GIBBS + q + "_underflow", ti)), ti);
        boolean gibbs = gibbsBins.stream().anyMatch(e -> Double.isFinite(e.theory()));
        if (gibbs && !columnTheory) {
            against = TheorySources.GIBBS_LABEL + ", t → ∞";
        }
        String sim = single ? "one trajectory" : "simulation";
        String title = against.equals("no theory")
                ? String.format(Locale.ROOT, "%s at t = %s: %s (no theory)", what, fmt(t), sim)
                : String.format(Locale.ROOT, "%s at t = %s: %s vs %s", what, fmt(t), sim, against);

        YIntervalSeries points = new YIntervalSeries(single ? "the one trajectory (no standard error)"
                : "simulation, ±1 s.e. (" + trajectories(ti) + " trajectories)");
        XYSeries steps = new XYSeries("simulation histogram", false, true);
        XYSeries theory = new XYSeries((tw != null ? "theory, bin averages: " : "theory column: ") + theoryLabel, false, true);
        double yMax = 0;
        for (Estimate e : bins) {
            double v = e.value();
            double se = Double.isFinite(e.stdError()) ? e.stdError() : 0;
            if (Double.isFinite(v)) {
                points.add(0.5 * (e.binLo() + e.binHi()), v, v - se, v + se);
                steps.add(e.binLo(), v);
                steps.add(e.binHi(), v);
                yMax = Math.max(yMax, v + se);
            }
            if (Double.isFinite(e.theory())) {
                theory.add(e.binLo(), e.theory());
                theory.add(e.binHi(), e.theory());
                yMax = Math.max(yMax, e.theory());
            } else if (theory.getItemCount() > 0) {
                theory.add(e.binLo(), Double.NaN);
            }
        }
        XYSeries gibbsSteps = new XYSeries(GIBBS_LEGEND, false, true);
        for (Estimate e : gibbsBins) {
            if (Double.isFinite(e.theory())) {
                gibbsSteps.add(e.binLo(), e.theory());
                gibbsSteps.add(e.binHi(), e.theory());
                yMax = Math.max(yMax, e.theory());
            } else if (gibbsSteps.getItemCount() > 0) {
                gibbsSteps.add(e.binLo(), Double.NaN);
            }
        }
        XYSeries smooth = null;
        if (curve != null) {
            smooth = new XYSeries(curve.label(), false, true);
            for (int i = 0; i <= 600; i++) {
                double x = lo + (hi - lo) * i / 600.0;
                double y = curve.f().applyAsDouble(x);
                if (Double.isFinite(y)) {
                    smooth.add(x, y);
                    yMax = Math.max(yMax, y);
                }
            }
        }

        XYPlot plot = basePlot(xLabel, yLabel);
        int k = 0;
        k = addLines(plot, k, steps, SIM_FILL, new BasicStroke(1.5f), false);
        if (theory.getItemCount() > 0) {
            k = addLines(plot, k, theory, THEORY, new BasicStroke(2.2f), false);
        }
        if (gibbsSteps.getItemCount() > 0) {
            k = addLines(plot, k, gibbsSteps, GIBBS_COLOR, DASHED, false);
        }
        if (smooth != null) {
            k = addLines(plot, k, smooth, CURVE, DASHED, false);
        }
        YIntervalSeriesCollection pc = new YIntervalSeriesCollection();
        pc.addSeries(points);
        XYErrorRenderer er = new XYErrorRenderer();
        er.setDrawXError(false);
        er.setDefaultLinesVisible(false);
        er.setDefaultShapesVisible(true);
        er.setSeriesPaint(0, SIM);
        er.setErrorPaint(SIM);
        er.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
        plot.setDataset(k, pc);
        plot.setRenderer(k, er);
        ((NumberAxis) plot.getRangeAxis()).setRange(0, yMax > 0 ? yMax * 1.08 : 1);
        ((NumberAxis) plot.getDomainAxis()).setRange(lo, hi);

        List<String> sub = new ArrayList<>();
        if (columnTheory || !gibbs) {
            sub.add(!columnTheory ? "no theory in the estimates: no χ²/KS"
                    : distance(fit, tw != null ? "Tracy–Widom (n → ∞)" : "the theory column", zeroErrors(bins)));
        }
        if (gibbs) {
            sub.add("final t: " + distance(gibbsFit, "the Gibbs law", zeroErrors(bins)));
        }
        if (under != null && Double.isFinite(under.value()) && under.value() > 0) {
            sub.add("fraction below the range " + fmt(under.value()));
        }
        if (over != null && Double.isFinite(over.value()) && over.value() > 0) {
            sub.add("fraction above the range " + fmt(over.value()));
        }
        sub.addAll(notes);
        String subtitle = String.join("; ", sub);
        String file = unique(slug(q) + "-t" + ti + ".png");
        save(chart(title, subtitle, plot), file);
        String caption = "Histogram of " + q + (single ? " of the one trajectory" : "") + " at save time index " + ti
                + " (t = " + fmt(t) + ", range [" + fmt(lo) + ", " + fmt(hi) + "), " + bins.size() + " bins): "
                + (single ? "dots and light steps are its bin heights (one trajectory has no standard error: no error bars, no χ²)"
                        : "dots with error bars are the estimate ±1 standard error across trajectories, the light steps the histogram")
                + (tw != null ? "; the red steps are the Tracy–Widom bin averages (F_β(s_hi) − F_β(s_lo))/width, the dashed"
                        + " green curve the density f_β(s) ds/dλ, both with s = n^{2/3}(λ/(R/2) − 2), R = " + fmt(tw.radius())
                        + ", n = " + tw.n() + " (math-spec §5.2; TW_β in the β-ensemble convention of tracy-widom.tsv, an n → ∞"
                        + " limit with finite-n corrections O(n^−2/3)); the underflow row enters KS with F_β at the lower edge"
                        : (columnTheory ? "; the red steps are the theory column of the estimates (bin averages)" : "")
                        + (curve != null ? "; the dashed green curve is " + (q.equals("unfolded_spacing_density")
                                ? "the sine-kernel density p_β(s) = E_β''(s) (Fredholm determinants, the n → ∞ bulk law of"
                                        + " math-spec §5.2; the eigenvalues were unfolded with the semicircle CDF, x = n F(λ/R),"
                                        + " and a spacing kept when its left end lies in [n/4, 3n/4))"
                                : "the closed form (math-spec §5.2)") : ""))
                + (columnTheory ? (single ? "" : ". χ² sums ((value − theory)/s.e.)² over the bins with a theory value")
                        + "; KS D is the largest difference of the two cumulative sums at the bin edges." : ".");
        figures.add(new Figure(section, file, title, subtitle, caption, columnTheory ? fit : Fit.NONE));
        if (gibbs) {
            figures.set(figures.size() - 1, withGibbs(figures.get(figures.size() - 1), q, columnTheory, gibbsFit, single));
        }
    }

    /**
     * A histogram figure with the DLN Gibbs overlay explained in its caption; without a theory column
     * its χ²/KS are those against the Gibbs law (the {@code gibbs_} rows of the last save time).
     */
    private static Figure withGibbs(Figure f, String q, boolean columnTheory, Fit gibbsFit, boolean single) {
        String caption = f.caption() + " The dashed orange steps are the stationary Gibbs law of math-spec §3.5 (bin averages"
                + " of the t → ∞ law, rows " + TheorySources.GIBBS + q + "), which the final time approaches only when it is"
                + " long enough to equilibrate" + (columnTheory ? "." : (single ? "" : "; χ² sums ((value − Gibbs)/s.e.)² over"
                + " the bins with a Gibbs value") + "; KS D is the largest difference of the two cumulative sums at the bin edges.");
        return new Figure(f.section(), f.file(), f.title(), f.subtitle(), caption, columnTheory ? f.fit() : gibbsFit);
    }

    /**
     * @return the fit, without its p-value when the run has too few trajectories ({@link RunReader.Run#fewTrajectories})
     *         or, for a fit at one save time ti ≥ 0, when too few were accepted there ({@link RunReader.Run#fewAt})
     */
    private Fit reliable(Fit fit, int ti) {
        return run.fewTrajectories() || (ti >= 0 && run.fewAt(ti)) ? fit.withoutP() : fit;
    }


    /**
     * @return the subtitle's distance to a theory: {@link Fit#describe} and "vs" it; without standard
     *         errors the KS distance alone, saying why there is no χ²
     */
    private String distance(Fit fit, String against, boolean zeroErrors) {
        if (fit.hasTheory()) {
            return fit.describe() + " vs " + against;
        }
        String why = run.singleTrajectory() ? "one trajectory: no standard errors, no χ²"
                : zeroErrors ? "s.e. 0, the same histogram in every trajectory: no χ²"
                : fit.sparse() > 0 ? "every bin expects fewer than " + Fit.MIN_EXPECTED_VALUES + " values: no χ²"
                : "no standard errors: no χ²";
        return Double.isFinite(fit.ks()) ? String.format(Locale.ROOT, "KS D = %.4g vs %s (%s)", fit.ks(), against, why)
                : "no χ² or KS vs " + against + " (" + why + ")";
    }

    /**
     * @return whether every bin with a value has standard error 0 (every trajectory put its values in
     *         the same bins, e.g. a fixed start at t = 0), as opposed to having no standard error
     */
    private static boolean zeroErrors(List<Estimate> bins) {
        return bins.stream().anyMatch(e -> Double.isFinite(e.value()))
                && bins.stream().filter(e -> Double.isFinite(e.value())).allMatch(e -> e.stdError() == 0);
    }

    private String theoryLabel(String q, List<Estimate> bins) {
        for (Estimate e : bins) {
            if (e.theorySource() != null && !e.theorySource().isBlank()) {
                return e.theorySource();
            }
        }
        String inferred = TheorySources.label(q, run.manifest().path("config"), run.times());
        return inferred != null ? inferred : "bin averages (source not recorded)";
    }

    /**
     * The Tracy–Widom law of λ_max (math-spec §5.2): the bins, with theory = bin averages of the TW_β
     * density mapped to λ, (F_β(s(hi)) − F_β(s(lo)))/(hi − lo), s(λ) = n^{2/3}(λ/(R/2) − 2) (the tw_*
     * scaling of estimates.md, {@link TracyWidom#scaled}); the underflow row with theory F_β(s(lo₀));
     * the density curve f_β(s(λ))·ds/dλ, ds/dλ = 2 n^{2/3}/R.
     */
    record TracyWidomTheory(List<Estimate> bins, Estimate underflow, Curve curve, String label, double radius, int n) {
    }

    /**
     * The Tracy–Widom theory of the λ_max histogram at save time ti, when the run has tw_* rows with a
     * theory (β ∈ {1, 2, 4}, n ≥ 2, R finite and &gt; 0) and the estimates carry no theory for the
     * bins themselves; else null (with a note). Adds the tw_mean / tw_variance z to the notes.
     */
    private TracyWidomTheory tracyWidom(int ti, List<Estimate> bins, Estimate underflow, List<String> notes) {
        Estimate mean = single("tw_mean", ti);
        Estimate var = single("tw_variance", ti);
        if (mean == null || var == null || dyson == null || !Double.isFinite(mean.theory()) || !Double.isFinite(var.theory())) {
            notes.add(noTracyWidom(dyson == null ? -1 : dyson.n(), dyson == null ? Double.NaN : dyson.beta(), mean != null));
            return null;
        }
        if (Double.isFinite(mean.z()) && Double.isFinite(var.z())) {
            notes.add("tw_mean z = " + HumanNumbers.format("%.2f", mean.z()) + ", tw_variance z = "
                    + HumanNumbers.format("%.2f", var.z()));
        }
        double r = dyson.semicircleRadius(run.times()[ti]);
        int n = dyson.n();
        double beta = dyson.beta();
        if (!(r > 0) || Double.isInfinite(r) || n < 2 || !TracyWidom.isTabulated(beta)
                || bins.stream().anyMatch(e -> Double.isFinite(e.theory()))) {
            return null;
        }
        return tracyWidomTheory(bins, underflow, beta, r, n);
    }

    /**
     * Why a λ_max histogram has no Tracy–Widom curve, in the words of its note.
     *
     * @param n    the Dyson model's n, or −1 for another model
     * @param rows whether the run has tw_* rows at that time (then without a theory)
     */
    static String noTracyWidom(int n, double beta, boolean rows) {
        if (n < 0) {
            return "no Tracy–Widom law for this model";
        }
        if (n == 1) {
            return "n = 1: λ_max is the one eigenvalue (its law is that of the density chart)";
        }
        if (rows && !TracyWidom.isTabulated(beta)) {
            return "no Tracy–Widom law for β = " + fmt(beta) + " here (β = 1, 2, 4 only)";
        }
        return "no Tracy–Widom rows at this time (they need a known semicircle radius R > 0)";
    }

    /** {@link TracyWidomTheory} for the given bins (ascending, finite edges) and law; see there. */
    static TracyWidomTheory tracyWidomTheory(List<Estimate> bins, Estimate underflow, double beta, double r, int n) {
        List<Estimate> out = new ArrayList<>(bins.size());
        double fLo = TracyWidom.cdf(beta, TracyWidom.scaled(bins.get(0).binLo(), r, n));
        Estimate under = underflow == null ? null : withTheory(underflow, fLo);
        for (Estimate e : bins) {
            double lo = TracyWidom.cdf(beta, TracyWidom.scaled(e.binLo(), r, n));
            double hi = TracyWidom.cdf(beta, TracyWidom.scaled(e.binHi(), r, n));
            out.add(withTheory(e, (hi - lo) / (e.binHi() - e.binLo())));
        }
        double jacobian = 2 * Math.cbrt((double) n * n) / r;
        String label = String.format(Locale.ROOT, "Tracy–Widom β = %s (n → ∞ limit; finite-n corrections O(n^−2/3))", fmt(beta));
        Curve curve = new Curve(String.format(Locale.ROOT, "TW_%s density f_β(s) ds/dλ", fmt(beta)),
                x -> TracyWidom.density(beta, TracyWidom.scaled(x, r, n)) * jacobian);
        return new TracyWidomTheory(out, under, curve, label, r, n);
    }

    private static Estimate withTheory(Estimate e, double theory) {
        return new Estimate(e.timeIndex(), e.t(), e.quantity(), e.index(), e.value(), e.stdError(), e.binLo(), e.binHi(),
                e.count(), theory, e.theorySource());
    }

    private Curve spacingCurve(List<String> notes) {
        if (dyson == null) {
            return null;
        }
        double beta = dyson.beta();
        if (dyson.n() == 2) {
            TwoByTwoSpacingLaw law = new TwoByTwoSpacingLaw(beta, 1.0);
            return new Curve("exact 2×2 law, mean-normalised", law::normalisedDensity);
        }
        if (beta == 1.0 || beta == 2.0 || beta == 4.0) {
            // the unfolded spacing chart exists only for n ≥ 4 with R known (data/README.md): point to it only then
            boolean unfolded = run.estimates().stream().anyMatch(e -> e.quantity().equals("unfolded_spacing_density"));
            notes.add("surmise is a reference only: n ≥ 3 gaps are not unfolded" + (unfolded ? " (see the unfolded spacing chart)" : ""));
            WignerSurmise w = new WignerSurmise(beta);
            return new Curve("Wigner surmise β = " + fmt(beta), w::density);
        }
        return null;
    }

    /**
     * The sine-kernel density p_β (β = 1, 2, 4) over the unfolded spacing histogram, with the
     * unfolded_spacing_mean / _variance z in the notes.
     */
    private Curve sineKernelCurve(int ti, List<String> notes) {
        Estimate mean = single("unfolded_spacing_mean", ti);
        Estimate var = single("unfolded_spacing_variance", ti);
        if (mean != null && Double.isFinite(mean.z())) {
            notes.add(String.format(Locale.ROOT, "mean %s (z = %s)", fmt(mean.value()), HumanNumbers.format("%.2f", mean.z()))
                    + (var != null && Double.isFinite(var.z())
                            ? String.format(Locale.ROOT, ", variance %s vs %s (z = %s)", fmt(var.value()), fmt(var.theory()),
                                    HumanNumbers.format("%.2f", var.z())) : ""));
        }
        if (dyson == null || !SineKernelSpacingLaw.isAvailable(dyson.beta())) {
            return null;
        }
        notes.add("theory: n → ∞ limit, finite-n bias measured in estimates.md");
        SineKernelSpacingLaw law = SineKernelSpacingLaw.of(dyson.beta());
        return new Curve("sine-kernel law β = " + fmt(dyson.beta()) + " (n → ∞)", law::density);
    }

    // ---------------------------------------------------------------- scalars versus time

    private void timeSeries() throws IOException {
        Map<String, List<Estimate>> byQuantity = new LinkedHashMap<>();
        for (Estimate e : run.estimates()) {
            if (e.isScalar()) {
                byQuantity.computeIfAbsent(e.quantity(), x -> new ArrayList<>()).add(e);
            }
        }
        List<String> names = new ArrayList<>(byQuantity.keySet());
        names.sort(Comparator.comparingInt(Plots::priority).thenComparing(Comparator.naturalOrder()));
        for (String q : names) {
            List<Estimate> rows = byQuantity.get(q);
            if (rows.stream().noneMatch(e -> Double.isFinite(e.value())) || q.equals("trajectories")) {
                continue; // trajectories: a count, shown in the status plot and the table, not an estimate
            }
            boolean gibbsRow = q.startsWith(TheorySources.GIBBS);
            if (gibbsRow && byQuantity.containsKey(q.substring(TheorySources.GIBBS.length()))) {
                continue; // drawn as the Gibbs line on the chart of the regular quantity
            }
            seriesChart(q, rows, gibbsRow ? List.of() : byQuantity.getOrDefault(TheorySources.GIBBS + q, List.of()));
        }
    }

    /**
     * The smallest value-axis range of a chart of maxima (residuals): the largest finite value when it is
     * below JFreeChart's default minimum range (1e-8), which would flatten residuals near rounding
     * (≈ 1e-16) to 0, but not below 1e-30; else that default. All zeros (e.g. the balance residual of a
     * depth-1 parameter flow) keep the default too: a range of ~1e-308 (Double.MIN_NORMAL, used here before)
     * sent JFreeChart's tick-unit search through every power of ten, for minutes on one chart.
     */
    static double maximumRangeMinimum(List<Estimate> rows) {
        final double fallback = 1e-8;
        double largest = 0;
        for (Estimate e : rows) {
            if (Double.isFinite(e.value())) {
                largest = Math.max(largest, Math.abs(e.value()));
            }
        }
        return largest > 0 && largest < fallback ? Math.max(largest, 1e-30) : fallback;
    }

    /** z = (value − theory)/s.e. per save time, with the ±1.96 lines. */
    private static XYPlot zPanel(Map<Integer, List<Estimate>> byIndex) {
        XYSeriesCollection zs = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        int i = 0;
        for (Map.Entry<Integer, List<Estimate>> g : byIndex.entrySet()) {
            XYSeries s = new XYSeries("z" + (g.getKey() > 0 ? "[" + g.getKey() + "]" : ""), false, true);
            for (Estimate e : g.getValue()) {
                if (Double.isFinite(e.z())) {
                    s.add(e.t(), e.z());
                }
            }
            r.setSeriesPaint(i, SERIES[i % SERIES.length]);
            r.setSeriesVisibleInLegend(i, false);
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
            zs.addSeries(s);
            i++;
        }
        NumberAxis zAxis = new NumberAxis("z");
        zAxis.setAutoRangeIncludesZero(true);
        XYPlot z = new XYPlot(zs, null, zAxis, r);
        z.setBackgroundPaint(Color.WHITE);
        z.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        z.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        for (double y : new double[] {-1.96, 1.96}) {
            z.addRangeMarker(new ValueMarker(y, THEORY, DASHED));
        }
        z.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        double max = 2.5;
        for (int k = 0; k < zs.getSeriesCount(); k++) {
            XYSeries s = zs.getSeries(k);
            for (int j = 0; j < s.getItemCount(); j++) {
                max = Math.max(max, Math.abs(s.getY(j).doubleValue()) * 1.1);
            }
        }
        zAxis.setRange(-max, max);
        return z;
    }

    /** Page order: the thermodynamic quantities first, then entropies, moments, the rest. */
    static int priority(String q) {
        return switch (q) {
            case "entropy_mean" -> 0;
            case "energy_mean" -> 1;
            case "free_energy_mean" -> 2;
            default -> q.contains("entropy") ? 3 : q.startsWith("moment_") ? 4 : q.equals("trajectories") ? 9 : 5;
        };
    }

    /**
     * The colour of the series of per-index position i (0 for a quantity without index): its band,
     * its theory line ({@link #THEORY} when the chart has one series) and its Gibbs line share it,
     * so every reference line can be told apart by the colour of the curve it belongs to.
     */
    static Color seriesColor(int i) {
        return SERIES[i % SERIES.length];
    }

    /**
     * @param gibbs the {@code gibbs_} rows of the same quantity (DLN, last save time only; value = the
     *              final estimate, theory = the stationary Gibbs law of math-spec §3.5), or empty
     */
    private void seriesChart(String q, List<Estimate> rows, List<Estimate> gibbs) throws IOException {
        Map<Integer, List<Estimate>> byIndex = new LinkedHashMap<>();
        rows.stream().sorted(Comparator.comparingInt(Estimate::index).thenComparingInt(Estimate::timeIndex))
                .forEach(e -> byIndex.computeIfAbsent(e.index(), x -> new ArrayList<>()).add(e));
        List<Integer> indices = new ArrayList<>(byIndex.keySet());
        boolean indexed = indices.size() > 1;
        XYPlot plot = basePlot("time t", q);
        final String source = TheorySources.label(q, run.manifest().path("config"), run.times());
        // *_max rows (the scheme residuals) are a largest value over the trajectories, with no standard error
        final boolean maximum = q.endsWith("_max");
        final boolean single = run.singleTrajectory();
        final boolean deterministic = HtmlPage.deterministic(run.manifest());
        // no standard error anywhere (one trajectory): no band, no z panel, no χ²
        final boolean errors = rows.stream().anyMatch(e -> Double.isFinite(e.stdError()) && e.stdError() > 0);
        YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
        XYSeriesCollection theories = new XYSeriesCollection();
        List<Color> theoryColors = new ArrayList<>();
        int skippedNonFinite = 0;
        Set<Integer> noTrajectory = new java.util.TreeSet<>();
        Set<Integer> noErrorTimes = new java.util.TreeSet<>();
        for (Map.Entry<Integer, List<Estimate>> g : byIndex.entrySet()) {
            String label = g.getKey() > 0 ? q + "[" + g.getKey() + "]" : q;
            YIntervalSeries s = new YIntervalSeries(label + (maximum ? " (largest over the trajectories)"
                    : single ? " (the one trajectory)" : errors ? " ± 1.96 s.e." : " (no standard error)"));
            XYSeries th = new XYSeries("theory " + label + (source == null ? "" : " (" + source + ")"), false, true);
            for (Estimate e : g.getValue()) {
                if (Double.isFinite(e.value())) {
                    if (!Double.isFinite(e.stdError()) && !maximum) {
                        noErrorTimes.add(e.timeIndex());
                    }
                    double half = Double.isFinite(e.stdError()) ? 1.96 * e.stdError() : 0;
                    s.add(e.t(), e.value(), e.value() - half, e.value() + half);
                } else if (Double.isNaN(e.value()) && trajectoriesAt(e.timeIndex()) == 0) {
                    noTrajectory.add(e.timeIndex()); // every trajectory had failed by then: no estimate
                } else {
                    skippedNonFinite++;
                }
                if (Double.isFinite(e.theory())) {
                    th.add(e.t(), e.theory());
                }
            }
            bands.addSeries(s);
            if (th.getItemCount() > 0) {
                theories.addSeries(th);
                theoryColors.add(indexed ? seriesColor(indices.indexOf(g.getKey())).darker() : THEORY);
            }
        }
        // a save time at which every trajectory had failed may have no row at all for this quantity (the
        // Spark entropy estimators write none there): it is missing for the same reason as a NaN row
        Set<Integer> withRow = new java.util.HashSet<>();
        rows.forEach(e -> withRow.add(e.timeIndex()));
        for (int ti = 0; ti <= run.lastTimeIndex(); ti++) {
            if (!withRow.contains(ti) && trajectoriesAt(ti) == 0) {
                noTrajectory.add(ti);
            }
        }
        DeviationRenderer dev = new DeviationRenderer(true, true);
        dev.setAlpha(0.25f);
        for (int i = 0; i < bands.getSeriesCount(); i++) {
            Color c = seriesColor(i);
            dev.setSeriesPaint(i, c);
            dev.setSeriesFillPaint(i, c);
            dev.setSeriesStroke(i, new BasicStroke(2f));
            dev.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
        }
        plot.setDataset(0, bands);
        plot.setRenderer(0, dev);
        // a band needs two points: a series with one point (every other save time without an estimate, e.g.
        // all trajectories failed after t = 0) gets its ±1.96 s.e. as an error bar instead (dataset 3)
        YIntervalSeriesCollection lone = new YIntervalSeriesCollection();
        XYErrorRenderer loneRenderer = new XYErrorRenderer();
        loneRenderer.setDrawXError(false);
        loneRenderer.setDefaultLinesVisible(false);
        loneRenderer.setDefaultShapesVisible(false);
        loneRenderer.setErrorStroke(new BasicStroke(2f));
        loneRenderer.setCapLength(10);
        for (int i = 0; i < bands.getSeriesCount(); i++) {
            YIntervalSeries s = bands.getSeries(i);
            if (s.getItemCount() == 1 && s.getYHighValue(0) > s.getYLowValue(0)) {
                YIntervalSeries bar = new YIntervalSeries(s.getKey() + " (error bar)");
                bar.add(s.getX(0).doubleValue(), s.getYValue(0), s.getYLowValue(0), s.getYHighValue(0));
                loneRenderer.setSeriesPaint(lone.getSeriesCount(), seriesColor(i));
                loneRenderer.setSeriesVisibleInLegend(lone.getSeriesCount(), false);
                lone.addSeries(bar);
            }
        }
        boolean loneBars = lone.getSeriesCount() > 0;
        if (loneBars) {
            loneRenderer.setErrorPaint(null); // the series paint
            plot.setDataset(3, lone);
            plot.setRenderer(3, loneRenderer);
        }
        XYPlot zPlot = null;
        if (theories.getSeriesCount() > 0) {
            XYLineAndShapeRenderer tr = new XYLineAndShapeRenderer(true, true);
            for (int i = 0; i < theories.getSeriesCount(); i++) {
                tr.setSeriesPaint(i, theoryColors.get(i));
                tr.setSeriesStroke(i, DASHED);
                tr.setSeriesShape(i, new java.awt.Rectangle(-3, -3, 6, 6));
                tr.setSeriesShapesFilled(i, false);
            }
            plot.setDataset(1, theories);
            plot.setRenderer(1, tr);
            if (rows.stream().anyMatch(e -> Double.isFinite(e.z()))) {
                zPlot = zPanel(byIndex);
            }
        }
        Fit gibbsFit = reliable(Fit.ofPoints(gibbs), run.lastTimeIndex());
        XYSeriesCollection gl = gibbsLines(gibbs, indices);
        boolean gibbsDrawn = gl.getSeriesCount() > 0;
        if (gibbsDrawn) {
            plot.setDataset(2, gl);
            XYLineAndShapeRenderer gr = new XYLineAndShapeRenderer(true, false);
            for (int i = 0; i < gl.getSeriesCount(); i++) {
                // the Gibbs line of index i in the colour of the series of index i (dash-dotted)
                gr.setSeriesPaint(i, seriesColor(indices.indexOf(gibbsIndex(gl.getSeries(i)))));
                gr.setSeriesStroke(i, DASH_DOT);
            }
            plot.setRenderer(2, gr);
        }
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        if (maximum) {
            range.setAutoRangeMinimumSize(maximumRangeMinimum(rows));
            range.setAutoRangeIncludesZero(true);
        } else {
            range.setAutoRangeIncludesZero(false);
        }

        // save times where fewer than MIN_TRAJECTORIES_FOR_P trajectories were accepted: their s.e. is too
        // uncertain for a χ² term (a 2-trajectory z is Cauchy); they are drawn, with their z, but not summed
        Set<Integer> fewTimes = new java.util.TreeSet<>();
        // (a run of few trajectories in all keeps every term, and its χ² has no p-value: reliable)
        rows.stream().filter(e -> Double.isFinite(e.z()) && run.fewAt(e.timeIndex()) && !run.fewTrajectories())
                .forEach(e -> fewTimes.add(e.timeIndex()));
        Fit fit = reliable(Fit.ofPoints(rows.stream().filter(e -> !fewTimes.contains(e.timeIndex())).toList()), -1);
        boolean theory = theories.getSeriesCount() > 0;
        String label = byIndex.containsKey(0) ? q : q + "[i]";
        String title = label + " versus time: " + (single ? "one trajectory" : "simulation")
                + (theory ? " vs theory" : "")
                + (gibbsDrawn ? (theory ? " and" : " vs") + " the stationary Gibbs law (t → ∞)" : "")
                + (theory || gibbsDrawn ? "" : " (no theory)");
        List<String> sub = new ArrayList<>();
        // s.e. 0 everywhere: the same value in every trajectory (e.g. the constant orbit entropy of d = 1)
        boolean zeroErrors = rows.stream().filter(e -> Double.isFinite(e.value())).allMatch(e -> e.stdError() == 0);
        String noErrors = single ? "one trajectory: no standard error, z or χ²"
                : zeroErrors ? "s.e. 0 (the same value in every trajectory): no z or χ²" : "no standard errors: no z or χ²";
        boolean gibbsEqual = gibbs.stream().anyMatch(e -> Double.isFinite(e.theory())) && gibbs.stream()
                .filter(e -> Double.isFinite(e.theory()))
                .allMatch(e -> Math.abs(e.value() - e.theory()) <= EQUAL_TOLERANCE * Math.max(1, Math.abs(e.theory())));
        if (theory || !gibbsDrawn) {
            sub.add(!theory ? "no theory" : fit.hasTheory() ? fit.describe() + " over the save times with a theory value" : noErrors);
        }
        if (gibbsDrawn) {
            sub.add("final t: " + (!gibbsFit.hasTheory() && gibbsEqual && !single ? "equal to the Gibbs law (to rounding)"
                    : !gibbsFit.hasTheory() ? (theory ? "" : noErrors + ", ") + "Gibbs law drawn"
                    : (gibbsFit.dof() == 1 ? "z = " + HumanNumbers.format("%.2f", gibbs.stream()
                    .filter(e -> Double.isFinite(e.z())).findFirst().orElseThrow().z()) + ", " : "")
                    + gibbsFit.describe() + " vs the Gibbs law"));
        }
        if (!theory && !gibbsDrawn && single && !maximum) {
            sub.add("the values of the one trajectory, no standard error");
        }
        if (!noTrajectory.isEmpty()) {
            sub.add("no estimate at " + noTrajectory.size() + " save time(s): no trajectory accepted there");
        }
        if (!fewTimes.isEmpty() && !single) {
            sub.add(fewTimes.size() + " save time(s) with fewer than " + Fit.MIN_TRAJECTORIES_FOR_P + " accepted trajectories"
                    + " not in χ²");
        }
        if (errors && !noErrorTimes.isEmpty()) {
            sub.add("no s.e. at " + noErrorTimes.size() + " save time(s) (fewer than 2 accepted trajectories): no band there");
        }
        if (skippedNonFinite > 0) {
            sub.add(skippedNonFinite + " non-finite point(s) not drawn");
        }
        String subtitle = String.join("; ", sub);
        String file = unique(slug(q) + "-vs-t.png");
        if (zPlot != null) {
            CombinedDomainXYPlot both = new CombinedDomainXYPlot(plot.getDomainAxis());
            plot.setDomainAxis(null);
            both.add(plot, 3);
            both.add(zPlot, 1);
            both.setGap(8);
            save(chart(title, subtitle, both), file);
        } else {
            save(chart(title, subtitle, plot), file);
        }
        String what = maximum ? " at every save time: the largest value over the trajectories (no standard error)"
                : single && deterministic ? " at every save time for the one trajectory: the path of a flow without noise"
                        + " from a fixed start, which every trajectory would follow (no standard error, so no band, z or χ²)"
                : single ? " at every save time for the one trajectory: a sample path, not an ensemble mean (no standard"
                        + " error, so no band, z or χ²)"
                : errors ? " at every save time; the shaded band is ±1.96 standard errors (95 % if normal)"
                        + (loneBars ? " (an error bar where a series has a single point)" : "")
                : " at every save time (no standard error at any time: no band, z or χ²)";
        String caption = (single && !maximum ? "Value of " : "Estimate of ") + q + (indexed ? " for each index i" : "") + what
                + (theory ? "; dashed: the theory column of the estimates" + (single && deterministic ? " (the exact solution"
                        + " of the flow: the path should lie on it up to the integrator's error)" : single ? " (an expected value"
                        + " over the ensemble: one trajectory scatters around it)" : "")
                        + (zPlot != null ? "; lower panel: z = (value − theory)/s.e. with the ±1.96 lines" : "") : "")
                + (gibbsDrawn ? "; dash-dotted horizontal line" + (indexed ? "s, each in the colour of its index" : "")
                        + ": the stationary Gibbs law of math-spec §3.5 (rows " + TheorySources.GIBBS + q + ", a t → ∞ value:"
                        + " the final time is compared with it, the earlier ones need not be close)" : "")
                + (fit.hasTheory() ? ". χ² sums ((value − theory)/s.e.)² over the save times (time points"
                        + " of one run are correlated through shared trajectories, so p is indicative)" : "")
                // the Gibbs χ² is of the last save time only: over the indices there, not over the save times
                + (gibbsFit.hasTheory() ? (fit.hasTheory() ? "; the" : ". The") + " final-t χ² sums ((value − Gibbs)/s.e.)² over "
                        + (indexed ? "the indices i" : "the one value") + " at the last save time only" : "")
                + ".";
        String section = q.contains("entropy") || q.contains("energy") ? "Entropy and energy"
                : q.startsWith("moment_") ? "Moments" : "Scalars versus time";
        figures.add(new Figure(section, file, title, subtitle, caption, fit.hasTheory() ? fit : gibbsFit));
    }

    /** Horizontal lines at the Gibbs values, one per index (its key, {@link #gibbsIndex}), across the save times. */
    private XYSeriesCollection gibbsLines(List<Estimate> gibbs, List<Integer> indices) {
        XYSeriesCollection c = new XYSeriesCollection();
        double t0 = run.times()[0];
        double t1 = run.times()[run.lastTimeIndex()];
        for (Estimate e : gibbs.stream().sorted(Comparator.comparingInt(Estimate::index)).toList()) {
            if (!Double.isFinite(e.theory()) || !indices.contains(e.index())) {
                continue;
            }
            XYSeries s = new XYSeries(new GibbsKey(e.index(), GIBBS_LEGEND + (indices.size() > 1 && e.index() > 0
                    ? " [" + e.index() + "]" : "")), false, true);
            s.add(t0, e.theory());
            s.add(t1, e.theory());
            c.addSeries(s);
        }
        return c;
    }

    /** Series key of a Gibbs line: the legend text, and the index whose colour it takes. */
    record GibbsKey(int index, String legend) implements Comparable<GibbsKey> {
        @Override
        public int compareTo(GibbsKey o) {
            return legend.compareTo(o.legend);
        }

        @Override
        public String toString() {
            return legend;
        }
    }

    private static int gibbsIndex(XYSeries s) {
        return ((GibbsKey) s.getKey()).index();
    }

    // ---------------------------------------------------------------- status counts

    private void statusCounts() throws IOException {
        JsonNode counts = run.manifest().path("status_counts");
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        long total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = counts.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            ds.addValue(e.getValue().asLong(), "trajectories", e.getKey());
            total += e.getValue().asLong();
        }
        if (ds.getColumnCount() == 0) {
            return;
        }
        JFreeChart c = ChartFactory.createBarChart("Trajectory status counts (" + total + " trajectories)",
                "status", "trajectories", ds, PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot p = c.getCategoryPlot();
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(new Color(0xcc, 0xcc, 0xcc));
        BarRenderer br = (BarRenderer) p.getRenderer();
        br.setBarPainter(new StandardBarPainter());
        br.setShadowVisible(false);
        br.setSeriesPaint(0, SIM);
        br.setMaximumBarWidth(0.15);
        br.setDefaultItemLabelGenerator(new org.jfree.chart.labels.StandardCategoryItemLabelGenerator());
        br.setDefaultItemLabelsVisible(true);
        ((NumberAxis) p.getRangeAxis()).setUpperMargin(0.12);
        String subtitle = "from manifest.json status_counts; no theory";
        c.addSubtitle(subtitleTitle(subtitle));
        style(c);
        String file = unique("status-counts.png");
        save(c, file);
        figures.add(new Figure("Trajectory status", file, "Trajectory status counts", subtitle,
                "Trajectories by final status (ok, or why a trajectory stopped: data/README.md \"trajectories/\").",
                Fit.NONE));
    }

    // ---------------------------------------------------------------- chart plumbing

    /** @return the {@code trajectories} estimate at save time ti (ok snapshots accepted), −1 when absent. */
    private long trajectoriesAt(int ti) {
        Estimate e = single("trajectories", ti);
        return e == null || !Double.isFinite(e.value()) ? -1 : (long) e.value();
    }

    private String trajectories(int ti) {
        Estimate e = single("trajectories", ti);
        return e == null || !Double.isFinite(e.value()) ? "?" : Long.toString((long) e.value());
    }

    static XYPlot basePlot(String xLabel, String yLabel) {
        XYPlot plot = new XYPlot();
        NumberAxis x = new NumberAxis(xLabel);
        NumberAxis y = new NumberAxis(yLabel);
        x.setAutoRangeIncludesZero(false);
        // the first save time is t = 0: with JFreeChart's sticky zero the axis starts exactly there and the
        // points (and error bars) at t = 0 sit half under the axis line; keep the usual margin instead
        x.setAutoRangeStickyZero(false);
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        return plot;
    }

    private static int addLines(XYPlot plot, int k, XYSeries s, Color c, BasicStroke stroke, boolean shapes) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, shapes);
        r.setSeriesPaint(0, c);
        r.setSeriesStroke(0, stroke);
        plot.setDataset(k, new XYSeriesCollection(s));
        plot.setRenderer(k, r);
        return k + 1;
    }

    private static JFreeChart chart(String title, String subtitle, org.jfree.chart.plot.Plot plot) {
        JFreeChart c = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 17), plot, true);
        c.addSubtitle(subtitleTitle(subtitle));
        style(c);
        return c;
    }

    private static TextTitle subtitleTitle(String text) {
        TextTitle t = new TextTitle(text, new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        t.setPaint(new Color(0x33, 0x33, 0x33));
        return t;
    }

    private static void style(JFreeChart c) {
        c.setBackgroundPaint(Color.WHITE);
        c.setAntiAlias(true);
        c.setTextAntiAlias(true);
        LegendTitle legend = c.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(BlockBorder.NONE);
            legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        }
    }

    private void save(JFreeChart c, String file) throws IOException {
        ChartUtils.saveChartAsPNG(dir.resolve(file).toFile(), c, WIDTH, HEIGHT);
    }

    private String unique(String file) {
        String f = file;
        for (int i = 2; !files.add(f); i++) {
            f = file.replace(".png", "-" + i + ".png");
        }
        return f;
    }

    static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    /** A short, exact-enough number: up to 5 significant digits, no trailing zeros. */
    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        String s = HumanNumbers.format("%.5g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
