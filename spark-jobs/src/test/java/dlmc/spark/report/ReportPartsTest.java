package dlmc.spark.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlmc.core.run.DlnReferences;
import dlmc.core.run.SaveGrid;
import dlmc.core.theory.TracyWidom;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report's small parts: which save times are drawn, the χ²/KS definitions on a hand-made
 * histogram, the theory-source labels, the final-time table label of {@code gibbs_} rows, the
 * page sections and the manifest's warnings.
 */
class ReportPartsTest {
    @Test
    void atMostTwelveEvenlySpacedSaveTimesWithFirstAndLast() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, Plots.selectTimes(5, 12));
        int[] many = Plots.selectTimes(101, 12);
        assertEquals(12, many.length);
        assertEquals(0, many[0]);
        assertEquals(100, many[11]);
        for (int i = 1; i < many.length; i++) {
            int step = many[i] - many[i - 1];
            assertTrue(step == 9 || step == 10, "even spacing: " + java.util.Arrays.toString(many));
        }
    }

    private static Estimate bin(double lo, double hi, double value, double se, double theory) {
        return new Estimate(0, 1.0, "density", 0, value, se, lo, hi, 0, theory, null);
    }

    @Test
    void chiSquareAndKsFollowTheirDefinitions() {
        // two bins of width 0.5 on [0, 1): estimate (0.8, 1.2), theory (1, 1), s.e. 0.1 and 0.2, no underflow
        List<Estimate> bins = List.of(bin(0, 0.5, 0.8, 0.1, 1.0), bin(0.5, 1, 1.2, 0.2, 1.0));
        Fit f = Fit.ofHistogram(bins, null);
        assertEquals(2, f.dof());
        assertEquals(4.0 + 1.0, f.chi2(), 1e-12); // z = -2 and +1
        assertEquals(Math.exp(-5.0 / 2), f.p(), 1e-12); // χ²_2 survival function is e^{-x/2}
        assertEquals(0.1, f.ks(), 1e-12); // cumulative differences after the bins: -0.1, 0
        assertTrue(f.describe().startsWith("χ² = 5.000 / 2 dof, p = 0.0821; KS D = 0.1"), f.describe());

        // a bin without theory: χ² over the others, no KS; nothing with theory: "no theory"
        Fit partial = Fit.ofHistogram(List.of(bins.get(0), bin(0.5, 1, 1.2, 0.2, Double.NaN)), null);
        assertEquals(1, partial.dof());
        assertTrue(Double.isNaN(partial.ks()));
        Fit none = Fit.ofHistogram(List.of(bin(0, 1, 1, 0.1, Double.NaN)), null);
        assertFalse(none.hasTheory());
        assertEquals("no theory", none.describe());
        // an empty bin in every trajectory (s.e. 0) where the theory is 0 is no term and no warning
        Fit empty = Fit.ofPoints(List.of(bin(0, 1, 0, 0, 0), bin(1, 2, 0.5, 0.1, 0.5)));
        assertEquals(1, empty.dof());
        assertEquals(0, empty.skipped());
    }

    /**
     * The λ_max theory: bin averages of the TW₁ law mapped to λ (from the CDF) against the mapped
     * density at the bin centres (from {@link TracyWidom#density}, a separate code path): the
     * Jacobian ds/dλ = 2 n^{2/3}/R must make them agree to O(width²); the underflow row carries
     * F₁ at the lower edge, so with bins up to far in the right tail the cumulative theory reaches 1.
     */
    @Test
    void tracyWidomTheoryOfTheLambdaMaxHistogram() {
        int n = 64;
        double r = 2 * Math.sqrt(n); // D1 at t = 1 from 0
        double scale = r / 2 * Math.pow(n, -2.0 / 3); // λ = r + scale · s
        List<Estimate> bins = new java.util.ArrayList<>();
        double width = 0.02 * scale; // 0.02 in s
        for (int i = 0; i < 550; i++) { // s from −6 to 5
            double lo = r + scale * (-6 + 0.02 * i);
            bins.add(new Estimate(0, 1.0, "lambda_max_density", 0, 0.1, 0.01, lo, lo + width, 0, Double.NaN, null));
        }
        Estimate under = new Estimate(0, 1.0, "lambda_max_density_underflow", 0, 0.0, 0.0, Double.NaN, Double.NaN, 0,
                Double.NaN, null);
        Plots.TracyWidomTheory tw = Plots.tracyWidomTheory(bins, under, 1, r, n);
        assertEquals(TracyWidom.cdf(1, -6), tw.underflow().theory(), 1e-12);
        double mass = tw.underflow().theory();
        double worst = 0;
        for (Estimate e : tw.bins()) {
            double mid = 0.5 * (e.binLo() + e.binHi());
            worst = Math.max(worst, Math.abs(e.theory() - tw.curve().f().applyAsDouble(mid)));
            mass += e.theory() * (e.binHi() - e.binLo());
        }
        // the density is at most ~0.35 / scale per unit λ; midpoint rule error ≤ width² max|f''| / 24 (tiny here)
        assertTrue(worst < 3e-5 / scale, "bin average vs mapped density at the centre: " + worst * scale + " (in s units)");
        double top = TracyWidom.scaled(bins.get(bins.size() - 1).binHi(), r, n);
        assertEquals(5.0, top, 1e-9);
        assertEquals(TracyWidom.cdf(1, top), mass, 1e-12);
        assertTrue(tw.label().contains("Tracy–Widom β = 1 (n → ∞ limit"), tw.label());
        Fit f = Fit.ofHistogram(tw.bins(), tw.underflow());
        assertTrue(f.hasTheory() && Double.isFinite(f.ks()) && Double.isFinite(f.chi2()), f.describe());
    }

    /** The manifest's warnings (a scheme's known bias) open the Run section, escaped; none, no paragraph. */
    @Test
    void theLambdaMaxNoteSaysWhyThereIsNoTracyWidomCurve() {
        assertEquals("n = 1: λ_max is the one eigenvalue (its law is that of the density chart)", Plots.noTracyWidom(1, 2, false));
        assertEquals("no Tracy–Widom law for β = 3 here (β = 1, 2, 4 only)", Plots.noTracyWidom(8, 3, true));
        assertEquals("no Tracy–Widom rows at this time (they need a known semicircle radius R > 0)", Plots.noTracyWidom(8, 2, false));
        assertEquals("no Tracy–Widom law for this model", Plots.noTracyWidom(-1, Double.NaN, false));
    }

    @Test
    void manifestWarningsAreShownFirst() throws Exception {
        JsonNode warned = new ObjectMapper().readTree("{\"experiment\": \"e\", \"run_id\": \"r\","
                + " \"warnings\": [\"scheme matrix-em (math-spec 6.3) is biased <here>\"]}");
        String html = HtmlPage.render(new RunReader.Run(new org.apache.hadoop.fs.Path("/tmp/r"), warned, List.of(), new double[] {1.0}),
                List.of(), "");
        int warning = html.indexOf("<p class=\"bad\"><b>Warning:</b> scheme matrix-em (math-spec 6.3) is biased &lt;here&gt;</p>");
        assertTrue(warning > html.indexOf("<h2>Run</h2>") && warning < html.indexOf("<table>"), html);

        JsonNode clean = new ObjectMapper().readTree("{\"experiment\": \"e\", \"run_id\": \"r\", \"warnings\": []}");
        String plain = HtmlPage.render(new RunReader.Run(new org.apache.hadoop.fs.Path("/tmp/r"), clean, List.of(), new double[] {1.0}),
                List.of(), "");
        assertFalse(plain.contains("Warning:"), plain);
    }

    /** The scheme diagnostics' totals appear in the Run table when the manifest has them, not otherwise. */
    @Test
    void schemeDiagnosticsAreShownWhenTheSchemeHasThem() throws Exception {
        JsonNode frame = new ObjectMapper().readTree("{\"experiment\": \"e\", \"run_id\": \"r\", \"reorders_total\": 12,"
                + " \"reflections_total\": 345, \"biased_regime_steps_total\": null}");
        String html = HtmlPage.render(new RunReader.Run(new org.apache.hadoop.fs.Path("/tmp/r"), frame, List.of(), new double[] {1.0}),
                List.of(), "");
        assertTrue(html.contains("a reflection at 0 (math-spec 6.4 steps 5-6)</th><td>12 / 345</td>"), html);
        assertFalse(html.contains("biased region"), html);

        JsonNode em = new ObjectMapper().readTree("{\"experiment\": \"e\", \"run_id\": \"r\", \"reorders_total\": null,"
                + " \"biased_regime_steps_total\": 678}");
        String emHtml = HtmlPage.render(new RunReader.Run(new org.apache.hadoop.fs.Path("/tmp/r"), em, List.of(), new double[] {1.0}),
                List.of(), "");
        assertTrue(emHtml.contains("(lambda_1^(2N-4) dt)^(1/4))</th><td>678</td>"), emHtml);
        assertFalse(emHtml.contains("re-order"), emHtml);
        assertFalse(emHtml.contains("metric scale"), "no metric_scale in the manifest (Dyson, older runs): no line");

        // DLN runs state their metric normalisation (manifest metric_scale, math-spec §2.1)
        JsonNode cmv = new ObjectMapper().readTree("{\"experiment\": \"e\", \"run_id\": \"r\", \"metric_scale\": \"cmv\"}");
        String cmvHtml = HtmlPage.render(new RunReader.Run(new org.apache.hadoop.fs.Path("/tmp/r"), cmv, List.of(), new double[] {1.0}),
                List.of(), "");
        assertTrue(cmvHtml.contains("metric scale (math-spec §2.1)</th><td>cmv (𝒜/N"), cmvHtml);
    }

    private static JsonNode dln(int d, int depth, String energy, String initial) throws Exception {
        return dln(d, depth, energy, initial, "svd-frame");
    }

    private static JsonNode dln(int d, int depth, String energy, String initial, String scheme) throws Exception {
        return new ObjectMapper().readTree("{\"model\": {\"type\": \"dln\", \"d\": " + d + ", \"depth\": " + depth
                + ", \"entropy\": false, \"energy\": {\"type\": \"" + energy + "\"}, \"initial\": {\"type\": \""
                + initial + "\", \"scale\": 1.0}}, \"scheme\": {\"type\": \"" + scheme + "\"}}");
    }

    /**
     * A chart of maxima (residuals) keeps residuals near rounding visible (its smallest value range is
     * their size) but never asks JFreeChart for a range near Double.MIN_NORMAL: all zeros — the balance
     * residual of a depth-1 parameter flow — took 2 minutes to draw with that range.
     */
    @Test
    void chartsOfMaximaGetASaneMinimumRange() {
        java.util.function.DoubleFunction<Estimate> max = v -> new Estimate(0, 1.0, "balance_residual_max", 0, v, Double.NaN,
                Double.NaN, Double.NaN, 1, Double.NaN, null);
        assertEquals(1e-8, Plots.maximumRangeMinimum(List.of(max.apply(0), max.apply(0))), 0.0);
        assertEquals(3e-16, Plots.maximumRangeMinimum(List.of(max.apply(0), max.apply(3e-16), max.apply(Double.NaN))), 0.0);
        assertEquals(1e-30, Plots.maximumRangeMinimum(List.of(max.apply(1e-300))), 0.0);
        assertEquals(1e-8, Plots.maximumRangeMinimum(List.of(max.apply(0.5))), 0.0);
    }

    /** The Dyson density's label follows FiniteNOnePointLaw: exact for n = 1 and for β = 2 up to n = 400, else the semicircle. */
    @Test
    void dysonDensityLabelNamesTheExactFiniteNLawWhereTheEstimatorUsesIt() throws Exception {
        double[] times = {0, 1};
        ObjectMapper json = new ObjectMapper();
        for (String model : List.of("\"beta\": 2, \"n\": 4", "\"beta\": 2, \"n\": 400", "\"beta\": 0.5, \"n\": 1")) {
            JsonNode c = json.readTree("{\"model\": {\"type\": \"dyson\", " + model + "}}");
            assertEquals("exact finite-n density, bin averages", TheorySources.label("density", c, times), model);
        }
        for (String model : List.of("\"beta\": 2, \"n\": 401", "\"beta\": 1, \"n\": 4", "\"beta\": 4, \"n\": 2")) {
            JsonNode c = json.readTree("{\"model\": {\"type\": \"dyson\", " + model + "}}");
            assertEquals("semicircle bin averages (n → ∞)", TheorySources.label("density", c, times), model);
        }
    }

    @Test
    void theorySourceFollowsTheChoicesOfDlnReferences() throws Exception {
        double[] times = {0, 0.5, 1};
        JsonNode confining = dln(3, 3, "confining", "identity");
        assertEquals(TheorySources.GIBBS_LABEL, TheorySources.label("gibbs_layer_singular_value_density", confining, times));
        assertEquals(TheorySources.GIBBS_LABEL, TheorySources.label("gibbs_entropy_mean", confining, times));

        JsonNode free = dln(3, 2, "none", "identity");
        assertEquals(TheorySources.LAMBDA_LAW, TheorySources.label("layer_singular_value_density", free, times));
        assertEquals(TheorySources.LAMBDA_LAW, TheorySources.label("singular_value_mean", free, times));
        assertTrue(TheorySources.label("layer_sum_squares_mean", free, times).startsWith("exact E Σλ²"));
        assertTrue(TheorySources.label("energy_mean", free, times).startsWith("E ≡ 0"));
        // depth 1 with an energy: the Ornstein–Uhlenbeck law (DlnReferences.depthOneApplies)
        JsonNode ou = dln(2, 1, "regression", "identity");
        assertEquals(TheorySources.DEPTH_ONE, TheorySources.label("singular_value_density", ou, times));
        assertEquals(TheorySources.DEPTH_ONE, TheorySources.label("singular_value_mean", ou, times));
        assertTrue(TheorySources.label("energy_mean", ou, times).startsWith("exact E E(X)"));
        assertTrue(TheorySources.label("entropy_mean", ou, times).startsWith("S ≡ 0"));
        assertTrue(TheorySources.label("layer_sum_squares_mean", ou, times).startsWith("exact E Σσ²"));
        // depth 1 with an energy, an ODE flow: the same law without noise, the exact solution from a fixed start
        for (String scheme : new String[] {"gradient-flow", "parameter-flow"}) {
            JsonNode flow = dln(2, 1, "regression", "identity", scheme);
            for (String q : new String[] {"singular_value_density", "singular_value_mean", "energy_mean", "layer_sum_squares_mean"}) {
                assertEquals(TheorySources.DEPTH_ONE_FLOW, TheorySources.label(q, flow, times), scheme + " " + q);
            }
            assertTrue(TheorySources.label("entropy_mean", flow, times).startsWith("S ≡ 0"));
            JsonNode cloud = dln(2, 1, "regression", "ginibre", scheme);
            assertEquals(TheorySources.DEPTH_ONE_FLOW_GINIBRE, TheorySources.label("singular_value_mean", cloud, times));
            assertTrue(TheorySources.label("layer_sum_squares_mean", cloud, times).startsWith("exact E Σσ² of the N = 1 gradient flow"));
            assertEquals("the exact solution of the N = 1 gradient flow", HtmlPage.regularLaw(flow));
            assertEquals("§2.3", HtmlPage.regularLawSection(flow));
            // depth N ≥ 2: theory only from an aligned start (AlignedGradientFlow, O8)
            JsonNode aligned = dln(3, 3, "regression", "identity", scheme);
            assertEquals(TheorySources.ALIGNED_FLOW, TheorySources.label("singular_value_mean", aligned, times));
            assertEquals(TheorySources.ALIGNED_FLOW, TheorySources.label("energy_mean", aligned, times));
            assertEquals("the exact solution of the aligned gradient flow", HtmlPage.regularLaw(aligned));
        }
        // a Ginibre start with N > 1 has no closed-form E Σλ²: the sampled reference is used
        assertEquals(TheorySources.LAMBDA_LAW, TheorySources.label("layer_sum_squares_mean", dln(3, 2, "none", "ginibre"), times));

        // N = 1, Ginibre start: Marchenko–Pastur histograms exactly when the draw budget is below MIN_DRAWS
        int sampled = 0;
        int limit = 0;
        for (int d : new int[] {3, 12, 40}) {
            boolean mp = DlnReferences.lambdaLawDraws(d, new SaveGrid(times)) < DlnReferences.MIN_DRAWS;
            JsonNode c = dln(d, 1, "none", "ginibre");
            assertEquals(mp ? TheorySources.MARCHENKO_PASTUR : TheorySources.LAMBDA_LAW,
                    TheorySources.label("singular_value_density", c, times), "d = " + d);
            assertEquals(mp ? TheorySources.MARCHENKO_PASTUR : TheorySources.LAMBDA_LAW,
                    TheorySources.label("layer_singular_value_density", c, times), "d = " + d);
            assertTrue(TheorySources.label("layer_sum_squares_mean", c, times).startsWith("exact E Σλ²"));
            sampled += mp ? 0 : 1;
            limit += mp ? 1 : 0;
        }
        assertTrue(sampled > 0 && limit > 0, "both branches exercised");
        // identity start at a large width: still the sampled reference (never Marchenko–Pastur)
        assertEquals(TheorySources.LAMBDA_LAW, TheorySources.label("singular_value_density", dln(40, 1, "none", "identity"), times));

        // metric_scale cmv (math-spec §2.1): the same references, at t/N; the Gibbs law is not time-dependent
        JsonNode cmv = new ObjectMapper().readTree(free.toString().replace("\"entropy\":false", "\"entropy\":false,\"metric_scale\":\"cmv\""));
        assertEquals("cmv", cmv.path("model").path("metric_scale").asText(), cmv.toString());
        assertEquals(TheorySources.LAMBDA_LAW + TheorySources.CMV_CLOCK, TheorySources.label("singular_value_mean", cmv, times));
        assertTrue(TheorySources.label("layer_sum_squares_mean", cmv, times).endsWith("at t/N (metric_scale cmv)"));
        assertEquals(TheorySources.GIBBS_LABEL, TheorySources.label("gibbs_entropy_mean", cmv, times));

        JsonNode dyson = new ObjectMapper().readTree("{\"model\": {\"type\": \"dyson\", \"beta\": 1, \"n\": 8}}");
        assertTrue(TheorySources.label("density", dyson, times).startsWith("semicircle"));
        assertEquals("exact at finite n", TheorySources.label("moment_6", dyson, times));
        assertEquals("Tracy–Widom, n → ∞ limit", TheorySources.label("tw_mean", dyson, times));
        assertEquals(null, TheorySources.label("lambda_max_mean", dyson, times));
        assertTrue(TheorySources.label("unfolded_spacing_density", dyson, times).contains("n → ∞"));
        assertEquals(TheorySources.SINE_KERNEL, TheorySources.label("unfolded_spacing_variance", dyson, times));
    }

    /** A −0.0 (the theory −S/β of a depth-1 DLN, S ≡ 0) is shown as 0 in the final-time table, and so is z. */
    @Test
    void theFinalTableShowsNoNegativeZero() throws Exception {
        JsonNode m = new ObjectMapper().readTree("{\"experiment\": \"e\", \"run_id\": \"r\", \"trajectories\": 1000,"
                + " \"config\": {\"model\": {\"type\": \"dln\", \"d\": 2, \"depth\": 1}}}");
        List<Estimate> rows = List.of(
                new Estimate(0, 1.0, "free_energy_mean", 0, 0.0, 0.0, Double.NaN, Double.NaN, 1000, -0.0, null),
                new Estimate(0, 1.0, "layer_sum_squares_mean", 0, 6.0, 0.5, Double.NaN, Double.NaN, 1000, 6.002, null));
        String html = HtmlPage.render(new RunReader.Run(new org.apache.hadoop.fs.Path("/tmp/r"), m, rows, new double[] {1.0}),
                List.of(), "");
        String table = html.substring(html.indexOf("<table id=\"final-estimates\">"));
        assertTrue(table.contains("<td class=\"num\">0.00000"), table);
        assertFalse(table.contains(">-0.0"), table);
        assertEquals("0.00000", HtmlPage.sig(-0.0));
    }

    /**
     * The DLN final-table note names only the theories the rows have: the λ-law for the regular rows
     * only when they carry a theory value (E = none ...), never for e.g. a confining energy's.
     */
    @Test
    void theDlnFinalTableNoteNamesOnlyTheTheoriesThatApply() throws Exception {
        JsonNode m = new ObjectMapper().readTree("{\"experiment\": \"e\", \"run_id\": \"r\", \"trajectories\": 1000,"
                + " \"config\": {\"model\": {\"type\": \"dln\", \"d\": 2, \"depth\": 2}}}");
        Estimate plain = new Estimate(0, 1.0, "entropy_mean", 0, 0.5, 0.01, Double.NaN, Double.NaN, 1000, Double.NaN, null);
        Estimate lambdaLaw = new Estimate(0, 1.0, "entropy_mean", 0, 0.5, 0.01, Double.NaN, Double.NaN, 1000, 0.49, null);
        Estimate gibbs = new Estimate(0, 1.0, "gibbs_entropy_mean", 0, 0.5, 0.01, Double.NaN, Double.NaN, 1000, 0.49, null);
        java.util.function.Function<List<Estimate>, String> note = rows -> {
            String html = HtmlPage.render(new RunReader.Run(new org.apache.hadoop.fs.Path("/tmp/r"), m, rows,
                    new double[] {1.0}), List.of(), "");
            int h = html.indexOf("Estimates at the final time");
            return html.substring(h, html.indexOf("<table id=\"final-estimates\">", h));
        };
        // confining energy: Gibbs rows, no λ-law
        String confining = note.apply(List.of(plain, gibbs));
        assertTrue(confining.contains("gibbs_ rows compare the final time with the stationary Gibbs law"), confining);
        assertTrue(confining.contains("the other rows have no theory: no λ-law applies"), confining);
        assertFalse(confining.contains("with the λ-law"), confining);
        // E = none: the λ-law, no gibbs_ rows
        String free = note.apply(List.of(lambdaLaw));
        assertTrue(free.contains("The theory is the λ-law at that time"), free);
        assertFalse(free.contains("Ornstein"), free);
        assertFalse(free.contains("gibbs_ rows compare"), free);
        // regression: neither
        String regression = note.apply(List.of(plain));
        assertTrue(regression.contains("No theory for these rows: no λ-law applies"), regression);
        assertFalse(regression.contains("with the λ-law") || regression.contains("is the λ-law"), regression);
        // both (never produced today, but the note stays true)
        assertTrue(note.apply(List.of(lambdaLaw, gibbs)).contains("the other rows with the λ-law at that time"));
    }

    /**
     * The DLN notes name the one law that applies to the run: the N = 1 Ornstein–Uhlenbeck law at depth
     * one with an energy, the λ-law otherwise; and a run without any theory (depth 2, regression) is not
     * told that its charts are drawn against the λ-law.
     */
    @Test
    void theDlnNotesNameTheLawOfTheRun() throws Exception {
        Estimate plain = new Estimate(0, 1.0, "entropy_mean", 0, 0.5, 0.01, Double.NaN, Double.NaN, 1000, Double.NaN, null);
        Estimate exact = new Estimate(0, 1.0, "energy_mean", 0, 0.5, 0.01, Double.NaN, Double.NaN, 1000, 0.49, null);
        java.util.function.BiFunction<String, List<Estimate>, String> page = (model, rows) -> {
            try {
                JsonNode m = new ObjectMapper().readTree("{\"experiment\": \"e\", \"run_id\": \"r\", \"trajectories\": 1000,"
                        + " \"config\": {\"model\": " + model + "}}");
                return HtmlPage.render(new RunReader.Run(new org.apache.hadoop.fs.Path("/tmp/r"), m, rows, new double[] {1.0}),
                        List.of(), "");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        String ou = page.apply("{\"type\": \"dln\", \"d\": 4, \"depth\": 1, \"energy\": {\"type\": \"regression\"}}",
                List.of(exact));
        assertTrue(ou.contains("The theory is the N = 1 Ornstein–Uhlenbeck law at that time"), ou);
        assertTrue(ou.contains("The theory is the N = 1 Ornstein–Uhlenbeck law (math-spec §3.4; exact, or a sampled reference)."), ou);
        assertFalse(ou.contains("λ-law (") || ou.contains("is the λ-law"), ou);
        String none = page.apply("{\"type\": \"dln\", \"d\": 4, \"depth\": 2, \"energy\": {\"type\": \"regression\"}}",
                List.of(plain));
        assertTrue(none.contains("No chart has a theory: neither the λ-law (§3.3), the N = 1 Ornstein–Uhlenbeck law nor the"
                + " stationary Gibbs law (§3.5) applies to this run"), none);
        assertFalse(none.contains("The theory is"), none);
        String lambda = page.apply("{\"type\": \"dln\", \"d\": 3, \"depth\": 3}", List.of(exact));
        assertTrue(lambda.contains("The theory is the λ-law (math-spec §3.3; exact, or a sampled reference)."), lambda);
        assertFalse(lambda.contains("Ornstein") || lambda.contains("gibbs_ lines"), lambda);
    }

    @Test
    void gibbsRowsAreNamedAfterTheirQuantityInTheFinalTable() {
        Estimate g = new Estimate(4, 4.0, "gibbs_singular_value_mean", 2, 0.5, 0.01, Double.NaN, Double.NaN, 10, 0.49, null);
        assertEquals("<code>singular_value_mean[2]</code> <b>(Gibbs t→∞)</b>", HtmlPage.tableLabel(g));
        Estimate r = new Estimate(4, 4.0, "entropy_mean", 0, 0.5, 0.01, Double.NaN, Double.NaN, 10, Double.NaN, null);
        assertEquals("<code>entropy_mean</code>", HtmlPage.tableLabel(r));
    }

    @Test
    void everyChartSectionBelongsToAPageSection() {
        for (String s : List.of("Spectral density", "Singular values", "Other histograms", "Largest eigenvalue", "Spacings",
                "Moments", "Scalars versus time", "Entropy and energy", "Trajectory status")) {
            assertFalse(HtmlPage.group(s).equals("Other"), s);
        }
        assertEquals(HtmlPage.group("Largest eigenvalue"), HtmlPage.group("Spacings"));
        assertEquals("Other", HtmlPage.group("something new"));
    }

    /**
     * A bin where the theory expects fewer than {@link Fit#MIN_EXPECTED_VALUES} values is not a χ² term:
     * its s.e. comes from a handful of values (here 2 observed where 10 are expected: z = −4 with the
     * empirical s.e., although 2 of 10 is not unusual enough for that). It stays in KS and is named.
     */
    @Test
    void sparseBinsAreNotChiSquareTerms() {
        // 1000 values in all (value × width × 1000 = count): bin 1 expects 0.01 × 1000 = 10 values, gets 2
        List<Estimate> bins = List.of(
                new Estimate(0, 1.0, "density", 0, 0.998, 0.002, 0.0, 1.0, 998, 0.99, null),
                new Estimate(0, 1.0, "density", 0, 0.002, 0.002, 1.0, 2.0, 2, 0.01, null));
        assertEquals(1000, Fit.valuesPerMass(bins), 1e-9);
        Fit f = Fit.ofHistogram(bins, null);
        assertEquals(1, f.dof());
        assertEquals(16.0, f.chi2(), 1e-9); // only bin 0: z = (0.998 − 0.99)/0.002 = 4
        assertEquals(1, f.sparse());
        assertEquals(0.01, f.sparseMass(), 1e-12);
        assertEquals(0.008, f.ks(), 1e-12);
        assertTrue(f.describe().endsWith("(1 sparse bins, each expecting fewer than 20 values, theory mass 0.010, not in χ²)"),
                f.describe());
        // every bin sparse: KS only, and the reason
        List<Estimate> few = List.of(
                new Estimate(0, 1.0, "density", 0, 0.5, 0.2, 0.0, 1.0, 5, 0.6, null),
                new Estimate(0, 1.0, "density", 0, 0.5, 0.2, 1.0, 2.0, 5, 0.4, null));
        Fit g = Fit.ofHistogram(few, null);
        assertFalse(g.hasTheory());
        assertEquals("KS D = 0.1000 (no χ²: every bin expects fewer than 20 values)", g.describe());
    }

    /** An empty bin (s.e. 0) is left out of χ² but its theory mass is reported, and it stays in KS. */
    @Test
    void emptyBinsAreReportedWithTheirTheoryMass() {
        List<Estimate> bins = List.of(
                new Estimate(0, 1.0, "density", 0, 0.9, 0.05, 0.0, 1.0, 1000, 0.8, null),
                new Estimate(0, 1.0, "density", 0, 0.1, 0.05, 1.0, 2.0, 100, 0.15, null),
                new Estimate(0, 1.0, "density", 0, 0.0, 0.0, 2.0, 4.0, 0, 0.025, null));
        Fit f = Fit.ofHistogram(bins, null);
        assertEquals(2, f.dof());
        assertEquals(4.0 + 1.0, f.chi2(), 1e-12);
        assertEquals(1, f.skipped());
        assertEquals(0.05, f.skippedMass(), 1e-12);
        assertEquals(0.1, f.ks(), 1e-12); // after bin 1: |0.9 − 0.8|; after bin 2: |1.0 − 0.95| = 0.05; end 0.05
        assertTrue(f.describe().contains("1 empty bins with theory mass 0.050 not in χ²"), f.describe());
    }
}
