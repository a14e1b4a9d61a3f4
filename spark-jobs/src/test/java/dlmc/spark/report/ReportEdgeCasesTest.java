package dlmc.spark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report on hand-made runs at the edges (no Spark): one trajectory (no standard errors), two
 * trajectories (no χ² p-value), and the colours of the DLN Gibbs reference lines.
 */
class ReportEdgeCasesTest {
    private static final double NA = Double.NaN;

    private static Estimate scalar(int ti, double t, String q, int index, double value, double se, long count, double theory) {
        return new Estimate(ti, t, q, index, value, se, NA, NA, count, theory, null);
    }

    private static Estimate bin(int ti, double t, String q, double lo, double hi, double value, double se, long count,
            double theory) {
        return new Estimate(ti, t, q, 0, value, se, lo, hi, count, theory, null);
    }

    private static RunReader.Run run(String manifest, List<Estimate> rows, double... times) throws Exception {
        JsonNode m = new ObjectMapper().readTree(manifest);
        return new RunReader.Run(new org.apache.hadoop.fs.Path("/tmp/r"), m, rows, times);
    }

    private static final String DYSON = "\"config\": {\"model\": {\"type\": \"dyson\", \"beta\": 1, \"n\": 4}}";

    /**
     * A Dyson-like run of M trajectories at t = 0, 1: a 4-bin density at both times (the values of
     * one trajectory: 4 eigenvalues), λ_max in one bin (one value per trajectory), moment_2 with
     * theory, lambda_max_variance (undefined for M = 1).
     */
    private static RunReader.Run dyson(long m) throws Exception {
        boolean one = m == 1;
        double se = one ? NA : 0.05;
        List<Estimate> rows = new ArrayList<>();
        for (int ti = 0; ti < 2; ti++) {
            double t = ti;
            for (int b = 0; b < 4; b++) {
                rows.add(bin(ti, t, "density", -2 + b, -1 + b, 0.25, se, one ? 1 : m, 0.2 + 0.1 * (b % 2)));
            }
            for (int b = 0; b < 4; b++) {
                rows.add(bin(ti, t, "lambda_max_density", b, b + 1, b == 2 ? 1.0 : 0.0, one ? NA : 0.1, b == 2 ? m : 0, NA));
            }
            rows.add(scalar(ti, t, "trajectories", 0, m, NA, m, NA));
            rows.add(scalar(ti, t, "moment_2", 0, 1.1 + ti, se, m, 1.0 + ti));
            rows.add(scalar(ti, t, "lambda_max_variance", 0, one ? NA : 0.3, one ? NA : 0.1, m, NA));
        }
        return run("{\"experiment\": \"e\", \"run_id\": \"r\", \"trajectories\": " + m + ", \"status_counts\": {\"ok\": " + m
                + "}, " + DYSON + "}", rows, 0, 1);
    }

    /**
     * The k-NN joint-entropy row carries the exact GβE entropy as theory, but the Kozachenko–Leonenko
     * estimate is biased upward by many s.e. at n = 8 and usual ensemble sizes (measured on
     * exact tridiagonal GβE samples, M = 2000, k = 4: n = 8 gives +0.40 nats ≈ 11 s.e. for β = 1 and
     * +0.69 ≈ 18 s.e. for β = 0.5; data/README.md). A page that shows such a z next to "exact GβE
     * entropy" without saying so reads as a failed simulation, so the note must name the estimator's
     * bias whenever the row has a theory value at n > 3, and only then.
     */
    @Test
    void theKnnEntropyRowIsFlaggedAsABiasedEstimator() throws Exception {
        List<Estimate> rows = new ArrayList<>();
        rows.add(scalar(0, 1, "trajectories", 0, 2000, NA, 2000, NA));
        rows.add(scalar(0, 1, "moment_2", 0, 1.12, 0.006, 2000, 1.125));
        List<Estimate> withKnn = new ArrayList<>(rows);
        withKnn.add(scalar(0, 1, "spectrum_entropy_knn", 0, -0.613, 0.037, 2000, -0.958));
        String manifest = "{\"experiment\": \"e\", \"run_id\": \"r\", \"trajectories\": 2000, "
                + "\"status_counts\": {\"ok\": 2000}, \"config\": {\"model\": {\"type\": \"dyson\", \"beta\": 1, \"n\": 8}}}";
        String html = HtmlPage.render(run(manifest, withKnn, 1), List.of(), "");
        assertTrue(html.contains("spectrum_entropy_knn: the k-NN estimate of an n-dimensional entropy is biased beyond its"
                + " standard error for n &gt; 3"), html);
        assertTrue(html.contains("so a large |z| there is the estimator's bias, not the simulation's."), html);
        assertFalse(HtmlPage.render(run(manifest, rows, 1), List.of(), "").contains("k-NN estimate"));
        // n = 3: within about one s.e. (KnnEntropy.UNBIASED_MAX_N), no caveat
        String n3 = manifest.replace("\"n\": 8", "\"n\": 3");
        assertFalse(HtmlPage.render(run(n3, withKnn, 1), List.of(), "").contains("k-NN estimate"));
    }

    @Test
    void oneTrajectoryHasNoErrorBarsNoStatisticsAndOnlyMeaningfulPages(@TempDir Path dir) throws Exception {
        RunReader.Run run = dyson(1);
        Plots plots = new Plots(run, null, dir);
        List<Plots.Figure> figures = plots.drawAll();
        List<String> files = figures.stream().map(Plots.Figure::file).toList();
        // the density at the final time only; λ_max of one trajectory is one value: no histogram; no status chart
        assertEquals(List.of("density-t1.png", "moment-2-vs-t.png"), files);
        for (Plots.Figure f : figures) {
            String text = f.title() + " " + f.subtitle() + " " + f.caption();
            assertFalse(text.contains("±") || text.contains("1.96") || text.contains("error across") || text.contains("p = "),
                    text);
            assertTrue(text.contains("one trajectory"), text);
            assertFalse(f.fit().hasTheory(), "no χ² without standard errors: " + f);
        }
        Plots.Figure density = figures.get(0);
        // the KS distance needs no s.e.: cumulative (0.25 − theory) × width is 0.05, 0, 0.05, 0
        assertTrue(density.subtitle().startsWith("KS D = 0.05000 vs the theory column (one trajectory: no standard errors, no χ²)"),
                density.subtitle());
        Plots.Figure moment = figures.get(1);
        assertEquals("moment_2 versus time: one trajectory vs theory", moment.title());
        assertEquals("one trajectory: no standard error, z or χ²", moment.subtitle());

        String html = HtmlPage.render(run, figures, plots.densityTimesNote());
        assertTrue(html.contains("<p id=\"single-trajectory\"><b>One trajectory</b> (status ok)"), html);
        assertTrue(html.contains("<tr><th>quantity</th><th>value</th><th>theory</th></tr>"), "no s.e., count or z column");
        assertTrue(html.contains("Undefined for one trajectory: lambda_max_variance."), html);
        assertFalse(html.contains("<td><code>lambda_max_variance</code>"), "no row of an undefined value");
        assertFalse(html.contains("standard errors are across trajectories"), html);
        assertFalse(html.contains("p-values there"), html);
    }

    /**
     * 100 trajectories, of which only 2 are accepted at t = 1 (the others failed): the t = 1 terms are drawn but
     * not summed into the χ² over the save times, the histogram at t = 1 has no p-value, and the final-time table
     * does not mark a |z| &gt; 3 there (a 2-trajectory z is Cauchy); found by the report audit, where a
     * step-limited run showed p = 2e-12 from its last save time.
     */
    @Test
    void saveTimesWithFewAcceptedTrajectoriesAreNotTested(@TempDir Path dir) throws Exception {
        List<Estimate> rows = new ArrayList<>();
        long[] accepted = {100, 2};
        for (int ti = 0; ti < 2; ti++) {
            long m = accepted[ti];
            for (int b = 0; b < 4; b++) {
                rows.add(bin(ti, ti, "density", -2 + b, -1 + b, 0.25, 0.01, 100 * m, 0.2 + 0.1 * (b % 2)));
            }
            rows.add(scalar(ti, ti, "trajectories", 0, m, NA, m, NA));
            // t = 0: z = 1; t = 1: z = 8 from two trajectories
            rows.add(scalar(ti, ti, "moment_2", 0, ti == 0 ? 1.05 : 2.4, 0.05, m, 1.0 + ti));
        }
        RunReader.Run run = run("{\"experiment\": \"e\", \"run_id\": \"r\", \"trajectories\": 100, \"status_counts\":"
                + " {\"ok\": 2, \"step_limit\": 98}, " + DYSON + "}", rows, 0, 1);
        assertFalse(run.fewTrajectories());
        assertTrue(run.fewAt(1) && !run.fewAt(0));
        Plots plots = new Plots(run, null, dir);
        List<Plots.Figure> figures = plots.drawAll();
        Plots.Figure moment = figures.stream().filter(f -> f.file().equals("moment-2-vs-t.png")).findFirst().orElseThrow();
        assertEquals(1, moment.fit().dof(), moment.toString());
        assertEquals(1.0, moment.fit().chi2(), 1e-9, moment.toString());
        assertTrue(moment.subtitle().contains("1 save time(s) with fewer than 30 accepted trajectories not in χ²"), moment.subtitle());
        Plots.Figure late = figures.stream().filter(f -> f.file().equals("density-t1.png")).findFirst().orElseThrow();
        assertTrue(late.fit().hasTheory() && Double.isNaN(late.fit().p()), late.toString());
        Plots.Figure early = figures.stream().filter(f -> f.file().equals("density-t0.png")).findFirst().orElseThrow();
        assertTrue(Double.isFinite(early.fit().p()), early.toString());
        String html = HtmlPage.render(run, figures, plots.densityTimesNote());
        assertTrue(html.contains("Only 2 trajectories were accepted at this time"), html);
        assertTrue(html.contains("<td class=\"num\">8.00</td>"), "z = 8 shown, not marked: " + html);
        assertFalse(html.contains("<td class=\"num bad\">"), html);
    }

    @Test
    void twoTrajectoriesGiveChiSquareWithoutPValue(@TempDir Path dir) throws Exception {
        RunReader.Run run = dyson(2);
        assertTrue(run.fewTrajectories() && !run.singleTrajectory());
        Plots plots = new Plots(run, null, dir);
        List<Plots.Figure> figures = plots.drawAll();
        Plots.Figure moment = figures.stream().filter(f -> f.file().equals("moment-2-vs-t.png")).findFirst().orElseThrow();
        assertEquals(2, moment.fit().dof());
        assertTrue(Double.isNaN(moment.fit().p()), moment.toString());
        assertTrue(moment.subtitle().contains("χ² = 8.000 / 2 dof (no p-value: too few trajectories for reliable s.e.)"),
                moment.subtitle());
        assertTrue(figures.stream().anyMatch(f -> f.file().equals("status-counts.png")));
        assertTrue(figures.stream().anyMatch(f -> f.file().equals("lambda-max-density-t1.png")), "two values: drawn");
        String html = HtmlPage.render(run, figures, plots.densityTimesNote());
        assertTrue(html.contains("With only 2 trajectories each s.e. is itself very uncertain"), html);
        // 30 trajectories: the p-value is back
        assertFalse(run("{\"trajectories\": 30}", List.of(), 0).fewTrajectories());
    }

    /** KS needs no standard error; χ² does. */
    @Test
    void ksDistanceWithoutStandardErrors() {
        List<Estimate> bins = List.of(bin(0, 1, "density", 0, 0.5, 0.8, NA, 1, 1.0), bin(0, 1, "density", 0.5, 1, 1.2, NA, 1, 1.0));
        Fit f = Fit.ofHistogram(bins, null);
        assertFalse(f.hasTheory());
        assertEquals(0.1, f.ks(), 1e-12);
        assertEquals("KS D = 0.1000 (no standard errors: no χ²)", f.describe());
        assertEquals("no theory", Fit.ofHistogram(List.of(bin(0, 1, "density", 0, 1, 1, NA, 1, NA)), null).describe());
    }

    /**
     * DLN per-index series with their Gibbs lines: each dash-dotted Gibbs line is drawn in the colour of
     * the curve of its index, so the chart uses the colours of indices 1 and 2 only — none of the
     * next palette colours, which the Gibbs lines used to take.
     */
    @Test
    void gibbsLinesShareTheColourOfTheirSeries(@TempDir Path dir) throws Exception {
        List<Estimate> rows = new ArrayList<>();
        double[] times = {0, 1, 2};
        for (int ti = 0; ti < 3; ti++) {
            rows.add(scalar(ti, ti, "singular_value_mean", 1, 3 - 0.5 * ti, 0.05, 40, NA));
            rows.add(scalar(ti, ti, "singular_value_mean", 2, 1 + 0.2 * ti, 0.05, 40, NA));
        }
        rows.add(scalar(2, 2, "gibbs_singular_value_mean", 1, 2, 0.05, 40, 1.8));
        rows.add(scalar(2, 2, "gibbs_singular_value_mean", 2, 1.4, 0.05, 40, 1.6));
        RunReader.Run run = run("{\"trajectories\": 40, \"config\": {\"model\": {\"type\": \"dln\", \"d\": 2, \"depth\": 2}}}",
                rows, times);
        List<Plots.Figure> figures = new Plots(run, null, dir).drawAll();
        Plots.Figure f = figures.stream().filter(x -> x.file().equals("singular-value-mean-vs-t.png")).findFirst().orElseThrow();
        assertTrue(f.caption().contains("dash-dotted horizontal lines, each in the colour of its index"), f.caption());
        // the only χ² is the Gibbs one, of the last save time: over the indices there, not "over the save times"
        assertEquals("final t: χ² = 32.00 / 2 dof, p = 1.13e-07 vs the Gibbs law", f.subtitle());
        assertFalse(f.caption().contains("over the save times"), f.caption());
        assertTrue(f.caption().endsWith(". The final-t χ² sums ((value − Gibbs)/s.e.)² over the indices i at the last save time"
                + " only."), f.caption());
        BufferedImage img = ImageIO.read(dir.resolve(f.file()).toFile());
        for (int i = 0; i < 4; i++) {
            long pixels = count(img, Plots.seriesColor(i));
            if (i < 2) {
                assertTrue(pixels > 200, "colour of index " + (i + 1) + " drawn: " + pixels);
            } else {
                assertEquals(0, pixels, "palette colour " + i + " belongs to no series and must not be drawn");
            }
        }
    }

    /**
     * DLN d = 1: the orbit entropy is a constant (s.e. 0 at every time) and equals its Gibbs value to
     * rounding: the subtitle says so instead of "no standard errors".
     */
    @Test
    void aConstantEqualToItsGibbsValueIsSaidToBeEqual(@TempDir Path dir) throws Exception {
        double log4 = Math.log(4);
        List<Estimate> rows = new ArrayList<>();
        for (int ti = 0; ti < 2; ti++) {
            rows.add(scalar(ti, ti, "entropy_mean", 0, log4, 0.0, 40, NA));
        }
        rows.add(scalar(1, 1, "gibbs_entropy_mean", 0, log4, 0.0, 40, Math.nextDown(log4)));
        RunReader.Run run = run("{\"trajectories\": 40, \"config\": {\"model\": {\"type\": \"dln\", \"d\": 1}}}", rows, 0, 1);
        Plots.Figure f = new Plots(run, null, dir).drawAll().get(0);
        assertEquals("entropy_mean versus time: simulation vs the stationary Gibbs law (t → ∞)", f.title());
        assertEquals("final t: equal to the Gibbs law (to rounding)", f.subtitle());
    }

    /**
     * Every trajectory failed after t = 0 (as beta3-sde with scheme.max_steps=1000 and scheme.epsilon=0.001): the page says how many
     * failed, the table shows t = 0 (the last time with estimates) instead of a column of blanks, the
     * empty histograms are not drawn, and the versus-time charts say why points are missing.
     */
    @Test
    void failedTrajectoriesAreStatedAndEmptyTimesSkipped(@TempDir Path dir) throws Exception {
        List<Estimate> rows = new ArrayList<>();
        for (int ti = 0; ti < 2; ti++) {
            boolean ok = ti == 0;
            for (int b = 0; b < 4; b++) {
                rows.add(bin(ti, ti, "density", b, b + 1, ok ? 0.25 : NA, ok ? 0.05 : NA, ok ? 6 : 0, 0.25));
            }
            rows.add(scalar(ti, ti, "trajectories", 0, ok ? 6 : 0, NA, ok ? 6 : 0, NA));
            rows.add(scalar(ti, ti, "moment_2", 0, ok ? 0.97 : NA, ok ? 0.02 : NA, ok ? 6 : 0, 0.98));
        }
        RunReader.Run run = run("{\"experiment\": \"e\", \"run_id\": \"r\", \"trajectories\": 6, \"status_counts\":"
                + " {\"step_limit\": 6}, " + DYSON + "}", rows, 0, 1);
        Plots plots = new Plots(run, null, dir);
        List<Plots.Figure> figures = plots.drawAll();
        assertEquals(List.of("density-t0.png", "moment-2-vs-t.png", "status-counts.png"),
                figures.stream().map(Plots.Figure::file).toList());
        assertTrue(plots.densityTimesNote().contains("density is not drawn at t = 1 (fewer than 2 values there"),
                plots.densityTimesNote());
        // the note does not first claim every save time and then list the exceptions
        assertTrue(plots.densityTimesNote().startsWith("Spectral densities are shown at 1 of the 2 save times, those where they have values. "),
                plots.densityTimesNote());
        assertFalse(plots.densityTimesNote().contains("every save time"), plots.densityTimesNote());
        assertTrue(figures.get(1).subtitle().contains("no estimate at 1 save time(s): no trajectory accepted there"),
                figures.get(1).subtitle());
        assertFalse(figures.get(1).subtitle().contains("non-finite"), figures.get(1).subtitle());
        String html = HtmlPage.render(run, figures, plots.densityTimesNote());
        assertTrue(html.contains("<b>6 of 6 trajectories failed</b> (step_limit 6)"), html);
        assertTrue(html.contains("No trajectory was accepted after t = 0 (all had failed by t = 1)"), html);
        assertTrue(html.contains("<h2>Estimates at t = 0</h2>"), html);
        assertTrue(html.contains("<td><code>moment_2</code></td><td class=\"num\">0.970000</td>"), html);
        // no failure: no such paragraph
        assertFalse(HtmlPage.render(dyson(40), List.of(), "").contains("trajectories failed"));
    }

    /**
     * The Spark entropy estimators write no row at all at a save time where every trajectory had
     * failed (beta3-sde with scheme.epsilon=0.001, scheme.max_steps=1000): the versus-time chart
     * says why those times have no point, as it does for the NaN rows of the other quantities.
     */
    @Test
    void aQuantityWithoutRowsWhereEveryTrajectoryFailedSaysSo(@TempDir Path dir) throws Exception {
        List<Estimate> rows = new ArrayList<>();
        for (int ti = 0; ti < 3; ti++) {
            boolean ok = ti == 0;
            rows.add(scalar(ti, ti, "trajectories", 0, ok ? 6 : 0, NA, ok ? 6 : 0, NA));
        }
        rows.add(scalar(0, 0, "spectral_density_entropy", 0, 1.36, 0.01, 6, NA));
        RunReader.Run run = run("{\"experiment\": \"e\", \"run_id\": \"r\", \"trajectories\": 6, \"status_counts\":"
                + " {\"step_limit\": 6}, " + DYSON + "}", rows, 0, 1, 2);
        Plots.Figure f = new Plots(run, null, dir).drawAll().stream()
                .filter(x -> x.file().equals("spectral-density-entropy-vs-t.png")).findFirst().orElseThrow();
        assertEquals("no theory; no estimate at 2 save time(s): no trajectory accepted there", f.subtitle());
    }

    /** More save times than {@link Plots#MAX_DENSITY_TIMES}: the note names the evenly spaced subset in a sentence. */
    @Test
    void theDensityNoteOfManySaveTimesReads(@TempDir Path dir) throws Exception {
        List<Estimate> rows = new ArrayList<>();
        double[] times = new double[14];
        for (int ti = 0; ti < times.length; ti++) {
            times[ti] = ti;
            for (int b = 0; b < 4; b++) {
                rows.add(bin(ti, ti, "density", b, b + 1, 0.25, 0.05, 40, NA));
            }
            rows.add(scalar(ti, ti, "trajectories", 0, 40, NA, 40, NA));
        }
        RunReader.Run run = run("{\"trajectories\": 40, " + DYSON + "}", rows, times);
        Plots plots = new Plots(run, null, dir);
        plots.drawAll();
        assertEquals("Spectral densities are shown at 12 evenly spaced of the 14 save times (first and last included).",
                plots.densityTimesNote());
    }

    /**
     * A fixed start (dln-regression-depth1 at t = 0): every trajectory has the same values, so every
     * bin has s.e. 0. The subtitle says so rather than "no standard errors" (there are: they are 0).
     */
    @Test
    void aHistogramWithZeroStandardErrorsSaysSo(@TempDir Path dir) throws Exception {
        List<Estimate> rows = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            rows.add(bin(0, 0, "singular_value_density", b, b + 1, b == 1 ? 1.0 : 0.0, 0.0, b == 1 ? 160 : 0, b == 1 ? 1.0 : 0.0));
        }
        rows.add(scalar(0, 0, "trajectories", 0, 40, NA, 40, NA));
        RunReader.Run run = run("{\"trajectories\": 40, \"config\": {\"model\": {\"type\": \"dln\", \"d\": 4, \"depth\": 1}}}",
                rows, 0);
        Plots.Figure f = new Plots(run, null, dir).drawAll().get(0);
        assertEquals("KS D = 0.000 vs the theory column (s.e. 0, the same histogram in every trajectory: no χ²)", f.subtitle());
    }

    /**
     * dln-gradient-flow (one trajectory of a deterministic flow from a fixed start): the page does not
     * call it a sample path scattering around an ensemble mean nor advise more trajectories, and the
     * scheme residuals the flow does not carry are not called "undefined for one trajectory".
     */
    @Test
    void oneTrajectoryOfADeterministicFlow() throws Exception {
        List<Estimate> rows = List.of(scalar(0, 1, "trajectories", 0, 1, NA, 1, NA),
                scalar(0, 1, "energy_mean", 0, 0.5, NA, 1, NA),
                scalar(0, 1, "orthogonality_residual_max", 0, NA, NA, 1, NA),
                scalar(0, 1, "balance_residual_max", 0, NA, NA, 1, NA),
                scalar(0, 1, "spectrum_entropy_knn", 0, NA, NA, 1, NA));
        String model = "\"config\": {\"model\": {\"type\": \"dln\", \"d\": 3, \"depth\": 3, \"initial\": {\"type\": \"identity\"}},"
                + " \"scheme\": {\"type\": \"gradient-flow\"}}";
        String svdModel = model.replace("gradient-flow", "svd-frame");
        String html = HtmlPage.render(run("{\"trajectories\": 1, \"scheme\": \"gradient-flow\", \"status_counts\": {\"ok\": 1}, "
                + model + "}", rows, 1), List.of(), "");
        assertTrue(html.contains("the scheme (gradient-flow) is deterministic and the start fixed, so every trajectory follows"
                + " this same path and more trajectories would repeat it."), html);
        assertFalse(html.contains("scatters around") || html.contains("to compare with theory"), html);
        // the final-time table agrees with the header: its theory is the solution the path follows, not an ensemble mean
        assertTrue(html.contains("beside the theory (here the exact solution the path follows, not an ensemble mean;"), html);
        assertFalse(html.contains("(an ensemble mean;"), html);
        assertTrue(html.contains("Undefined for one trajectory: spectrum_entropy_knn."), html);
        assertTrue(html.contains("Not recorded by this scheme (it carries no frame or no layers): balance_residual_max,"
                + " orthogonality_residual_max."), html);
        // a stochastic scheme keeps the sample-path wording
        String svd = HtmlPage.render(run("{\"trajectories\": 1, \"scheme\": \"svd-frame\", \"status_counts\": {\"ok\": 1}, "
                + svdModel + "}", rows, 1), List.of(), "");
        assertTrue(svd.contains("every value below is that one sample path, not an ensemble mean"), svd);
        assertTrue(svd.contains("(an ensemble mean;"), svd);
        assertFalse(html.contains("the integrator's error"), html);
        // β = ∞: no noise with any scheme, the same path every time
        String cold = HtmlPage.render(run("{\"trajectories\": 1, \"scheme\": \"svd-frame\", \"status_counts\": {\"ok\": 1}, "
                + svdModel.replace("\"depth\": 3,", "\"depth\": 3, \"beta\": \"Infinity\",") + "}", rows, 1), List.of(), "");
        assertTrue(cold.contains("there is no noise (β = ∞ or κ = 0) and the start fixed, so every trajectory follows this same path"), cold);
        // depth 1 with an energy: the theory is the flow's exact solution, and the page gives the largest gap
        List<Estimate> exact = List.of(scalar(0, 1, "trajectories", 0, 1, NA, 1, NA),
                scalar(0, 1, "energy_mean", 0, 0.5, NA, 1, 0.5 + 3e-14),
                scalar(0, 1, "singular_value_mean", 1, 1.25, NA, 1, 1.25 - 1e-15));
        String depthOne = "\"config\": {\"model\": {\"type\": \"dln\", \"d\": 3, \"depth\": 1, \"energy\": {\"type\":"
                + " \"regression\"}, \"initial\": {\"type\": \"identity\"}}, \"scheme\": {\"type\": \"gradient-flow\"}}";
        String flow = HtmlPage.render(run("{\"trajectories\": 1, \"scheme\": \"gradient-flow\", \"status_counts\": {\"ok\": 1}, "
                + depthOne + "}", exact, 1), List.of(), "");
        assertTrue(flow.contains("The theory is the exact solution of the N = 1 gradient flow: the largest |value − theory| over the"
                + " rows and save times is 3.0e-14, the integrator's error."), flow);
    }

    /**
     * A fixed start at t = 0 (the λ-law run of dln-langevin-confining with E = none): the entropy has
     * s.e. 0 and equals its exact theory to the last digits. That point is not "skipped" evidence; one
     * that really differs with s.e. 0 still is.
     */
    @Test
    void aValueEqualToItsTheoryToRoundingIsNotASkippedTerm() {
        List<Estimate> points = List.of(scalar(0, 0, "entropy_mean", 0, 13.851456962559162, 0.0, 300, 13.851456962560214),
                scalar(1, 1, "entropy_mean", 0, 14.4, 0.1, 300, 14.5));
        Fit f = Fit.ofPoints(points);
        assertEquals(0, f.skipped());
        assertEquals("χ² = 1.000 / 1 dof, p = 0.317", f.describe());
        assertEquals(1, Fit.ofPoints(List.of(scalar(0, 0, "entropy_mean", 0, 13.9, 0.0, 300, 13.85))).skipped());
    }

    /**
     * Every trajectory failed after t = 0: the versus-time series has one point, where a band cannot be
     * drawn; its ±1.96 s.e. is an error bar instead, and the caption says so.
     */
    @Test
    void aOnePointSeriesGetsAnErrorBar(@TempDir Path dir) throws Exception {
        List<Estimate> rows = new ArrayList<>();
        for (int ti = 0; ti < 3; ti++) {
            boolean ok = ti == 0;
            rows.add(scalar(ti, ti, "trajectories", 0, ok ? 6 : 0, NA, ok ? 6 : 0, NA));
            rows.add(scalar(ti, ti, "lambda_max_mean", 0, ok ? 1.7 : NA, ok ? 0.05 : NA, ok ? 6 : 0, NA));
        }
        RunReader.Run run = run("{\"trajectories\": 6, \"status_counts\": {\"step_limit\": 6}, " + DYSON + "}", rows, 0, 1, 2);
        Plots.Figure f = new Plots(run, null, dir).drawAll().stream()
                .filter(x -> x.file().equals("lambda-max-mean-vs-t.png")).findFirst().orElseThrow();
        assertTrue(f.caption().contains("the shaded band is ±1.96 standard errors (95 % if normal) (an error bar where a series"
                + " has a single point)"), f.caption());
        // the bar spans 1.7 ± 0.098 of a range that is little more than that: well over 150 pixels of the series colour
        long pixels = count(ImageIO.read(dir.resolve(f.file()).toFile()), Plots.seriesColor(0));
        assertTrue(pixels > 150, "error bar drawn: " + pixels);
        // and not under the axis line: the time axis keeps a margin below t = 0
        org.jfree.chart.plot.XYPlot plot = Plots.basePlot("time t", "y");
        plot.setDataset(new org.jfree.data.xy.XYSeriesCollection(new org.jfree.data.xy.XYSeries("s") {
            {
                add(0.0, 1.0);
                add(1.0, 2.0);
            }
        }));
        plot.setRenderer(new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer());
        assertTrue(plot.getDomainAxis().getLowerBound() < 0, "lower bound " + plot.getDomainAxis().getLowerBound());
    }

    /**
     * n = 3 (gue-ou with model.n=3): the spacing chart's note does not send the reader to an unfolded
     * spacing chart the run does not have (unfolded spacings need n ≥ 4); at n ≥ 4 it still does.
     */
    @Test
    void theSurmiseNotePointsToAnUnfoldedChartOnlyWhenThereIsOne(@TempDir Path dir) throws Exception {
        String yaml = java.nio.file.Files.readString(Path.of("../conf/experiments/gue-ou.yaml")).replace("n: 64", "n: 3");
        dlmc.core.model.DysonModel model = (dlmc.core.model.DysonModel) dlmc.spark.config.ExperimentConfig.fromEffective(yaml).model();
        List<Estimate> rows = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            rows.add(bin(0, 1, "spacing_density", b, b + 1, 0.25, 0.02, 40, NA));
        }
        rows.add(scalar(0, 1, "trajectories", 0, 40, NA, 40, NA));
        Plots.Figure f = new Plots(run("{\"trajectories\": 40, " + DYSON + "}", rows, 1), model, dir).drawAll().get(0);
        assertTrue(f.subtitle().contains("surmise is a reference only: n ≥ 3 gaps are not unfolded"), f.subtitle());
        assertFalse(f.subtitle().contains("unfolded spacing chart"), f.subtitle());
        List<Estimate> withUnfolded = new ArrayList<>(rows);
        for (int b = 0; b < 4; b++) {
            withUnfolded.add(bin(0, 1, "unfolded_spacing_density", b, b + 1, 0.25, 0.02, 40, NA));
        }
        Plots.Figure g = new Plots(run("{\"trajectories\": 40, " + DYSON + "}", withUnfolded, 1), model, java.nio.file.Files.createDirectories(dir.resolve("b")))
                .drawAll().stream().filter(x -> x.file().startsWith("spacing-density")).findFirst().orElseThrow();
        assertTrue(g.subtitle().contains("(see the unfolded spacing chart)"), g.subtitle());
    }

    private static long count(BufferedImage img, Color c) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == (c.getRGB() & 0xffffff)) {
                    n++;
                }
            }
        }
        return n;
    }
}
