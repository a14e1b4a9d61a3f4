package dlmc.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.theory.TracyWidom;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlmc report} (interface.md §1) on a small Dyson run (GOE, D1 from zero, exact scheme) and a
 * small DLN run: every image of index.html is a real PNG of a readable size and not blank, the χ²
 * and KS numbers of the captions are finite where the estimates carry a theory and equal the same
 * sums computed independently with DuckDB from the Parquet, and incomplete or missing runs and a
 * foreign {@code --out} directory are refused with exit 2 and nothing written.
 */
class ReportCommandTest {
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\"");
    private static final Pattern FIGURE = Pattern.compile(
            "<figure id=\"fig\\d+\" data-theory=\"(true|false)\" data-chi2=\"([^\"]+)\" data-dof=\"(\\d+)\" data-p=\"([^\"]+)\""
                    + " data-ks=\"([^\"]+)\">\\s*<img src=\"([^\"]+)\"[^>]*>\\s*<figcaption>(.*?)</figcaption>", Pattern.DOTALL);

    @TempDir
    static Path runs;
    static Path goe;
    static Path dln;
    static Path goeOne;

    @BeforeAll
    static void runs() {
        SparkTestSession.get();
        // enough trajectories that the histograms have bins expecting ≥ 20 values (MIN_EXPECTED_VALUES: χ² terms)
        goe = run("goe-d1", "400", "r");
        dln = run("dln-langevin-confining", "400", "r");
        goeOne = run("goe-d1", "1", "one");
    }

    private static Path run(String example, String trajectories, String runId) {
        ConfigErrorsTest.Result r = ConfigErrorsTest.run("run", RunJobTest.ROOT.resolve("conf/experiments/" + example + ".yaml").toString(),
                "--out", runs.toString(), "--trajectories", trajectories, "--run-id", runId, "--quiet");
        assertEquals(0, r.code(), r.err());
        return runs.resolve(example).resolve(runId);
    }

    /** One figure of index.html: its fit attributes, image and caption. */
    /** dlmc.spark.report.Fit.MIN_EXPECTED_VALUES: a histogram bin expecting fewer values is not a χ² term. */
    static final int MIN_EXPECTED_VALUES = 20;

    /** Σ count / Σ value × width of a histogram's bins with values: its values per unit mass (as Fit.valuesPerMass). */
    static double valuesPerMass(String est, String quantity, int timeIndex) throws Exception {
        return ParquetReader.scalar("SELECT sum(count) / sum(value * (bin_hi - bin_lo)) FROM " + est + " WHERE quantity = '"
                + quantity + "' AND time_index = " + timeIndex + " AND count > 0 AND value > 0");
    }

    record Figure(boolean theory, double chi2, int dof, double p, double ks, String src, String caption) {
    }

    static List<Figure> figures(String html) {
        List<Figure> out = new ArrayList<>();
        Matcher m = FIGURE.matcher(html);
        while (m.find()) {
            out.add(new Figure(Boolean.parseBoolean(m.group(1)), Double.parseDouble(m.group(2)), Integer.parseInt(m.group(3)),
                    Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)), m.group(6), m.group(7)));
        }
        return out;
    }

    /** Every {@code <img src>} of the page exists and is a valid, non-blank PNG of at least 400×300. */
    static List<String> checkImages(Path reportDir) throws IOException {
        String html = Files.readString(reportDir.resolve("index.html"));
        assertFalse(html.contains("http://") || html.contains("https://"), "no external resources");
        List<String> srcs = new ArrayList<>();
        Matcher m = IMG.matcher(html);
        while (m.find()) {
            srcs.add(m.group(1));
        }
        assertFalse(srcs.isEmpty(), "index.html has images");
        for (String src : srcs) {
            assertFalse(src.contains("/") || src.contains(":"), "relative link in the report directory: " + src);
            Path png = reportDir.resolve(src);
            assertTrue(Files.isRegularFile(png), "image exists: " + src);
            byte[] head = new byte[8];
            System.arraycopy(Files.readAllBytes(png), 0, head, 0, 8);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a}, head, "PNG magic of " + src);
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, "ImageIO reads " + src);
            assertTrue(img.getWidth() >= 400 && img.getHeight() >= 300, src + " is " + img.getWidth() + "x" + img.getHeight());
            Map<Integer, Integer> colours = new LinkedHashMap<>();
            for (int y = 0; y < img.getHeight(); y += 3) {
                for (int x = 0; x < img.getWidth(); x += 3) {
                    colours.merge(img.getRGB(x, y), 1, Integer::sum);
                }
            }
            assertTrue(colours.size() >= 5, src + " has " + colours.size() + " colours: blank?");
        }
        return srcs;
    }

    @Test
    void dysonReportHasEveryPlotWithDistancesThatMatchTheParquet() throws Exception {
        ConfigErrorsTest.Result r = ConfigErrorsTest.run("report", goe.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        Path report = goe.resolve("report");
        assertTrue(r.out().contains(report.resolve("index.html").toString()), r.out());
        List<String> srcs = checkImages(report);
        // goe-d1 saves at 5 times: one spectral density each, then λ_max, spacings, versus-time charts, status
        for (int ti = 0; ti < 5; ti++) {
            assertTrue(srcs.contains("density-t" + ti + ".png"), srcs.toString());
        }
        for (String f : List.of("lambda-max-density-t4.png", "spacing-density-t4.png", "entropy-mean-vs-t.png",
                "energy-mean-vs-t.png", "moment-2-vs-t.png", "tw-mean-vs-t.png", "status-counts.png")) {
            assertTrue(srcs.contains(f), f + " in " + srcs);
        }
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("goe-d1") && html.contains("PHILOX_4X64") && html.contains("id=\"final-estimates\""), "run facts");
        assertTrue(html.contains("<h3 id=\"s-spectral-densities\">Spectral densities</h3>"), "Dyson section title");
        // which theory is exact and which a limit, for a Dyson run; no chart of the trajectory count
        assertTrue(html.contains("Moments, energy_mean and entropy_mean are exact at finite n; tw_* are n → ∞ limits"), "final-table note");
        assertTrue(html.contains("Part of the theory is an n → ∞ limit (density, Tracy–Widom, the sine-kernel spacing law"),
                "plots note");
        assertTrue(html.contains("for a histogram over its bins that expect at least 20 values"), "sparse bins stated");
        assertFalse(html.contains("moment_6, tw_*"), "moment_6 is exact now");
        assertFalse(srcs.contains("trajectories-vs-t.png"), srcs.toString());

        List<Figure> figs = figures(html);
        assertEquals(srcs.size(), figs.size(), "every image is a figure with fit attributes");
        for (Figure f : figs) {
            if (f.theory()) {
                assertTrue(Double.isFinite(f.chi2()) && f.dof() > 0 && f.p() >= 0 && f.p() <= 1, f.toString());
                assertTrue(f.caption().contains("χ² = ") && f.caption().contains(f.dof() + " dof"), f.caption());
            } else {
                assertTrue(f.caption().contains("no theory"), f.caption());
            }
        }
        // the spectral density at t = 1 against the semicircle column: χ² and KS recomputed with DuckDB
        Figure d = figs.stream().filter(f -> f.src().equals("density-t4.png")).findFirst().orElseThrow();
        assertTrue(d.theory() && Double.isFinite(d.ks()), d.toString());
        String est = ParquetReader.table(goe, "estimates");
        // χ² terms: bins with a theory and an s.e. where the theory expects ≥ 20 values (Fit: sparse bins are left out)
        double perMass = valuesPerMass(est, "density", 4);
        String terms = " FROM " + est + " WHERE quantity = 'density' AND time_index = 4 AND theory IS NOT NULL AND std_error > 0"
                + " AND theory * (bin_hi - bin_lo) * " + perMass + " >= " + MIN_EXPECTED_VALUES;
        double chi2 = ParquetReader.scalar("SELECT sum(pow((value - theory) / std_error, 2))" + terms);
        double dof = ParquetReader.scalar("SELECT count(*)" + terms);
        assertTrue(dof >= 10, "density-t4 has χ² terms: " + dof);
        double ks = ParquetReader.scalar("SELECT max(abs(f)) FROM (SELECT "
                + "(SELECT value - theory FROM " + est + " WHERE quantity = 'density_underflow' AND time_index = 4)"
                + " + sum((value - theory) * (bin_hi - bin_lo)) OVER (ORDER BY bin_lo) AS f FROM " + est
                + " WHERE quantity = 'density' AND time_index = 4)");
        assertEquals(dof, d.dof());
        assertEquals(chi2, d.chi2(), 1e-9 * chi2, "χ² of density-t4");
        assertEquals(ks, d.ks(), 1e-12, "KS D of density-t4");
        // λ_max at t = 1 against Tracy–Widom β = 1 (goe-d1: n = 32, D1 from 0, R = 2 sqrt(n t)): the theory per bin
        // is recomputed here from TracyWidom.cdf, the values from the Parquet with DuckDB
        Figure lm = figs.stream().filter(f -> f.src().equals("lambda-max-density-t4.png")).findFirst().orElseThrow();
        assertTrue(lm.theory() && Double.isFinite(lm.chi2()) && Double.isFinite(lm.ks()) && lm.dof() > 0, lm.toString());
        assertTrue(lm.caption().contains("Tracy–Widom β = 1 (n → ∞ limit; finite-n corrections O(n^−2/3))"), lm.caption());
        assertTrue(lm.caption().contains("tw_mean z = ") && lm.caption().contains("tw_variance z = "), lm.caption());
        double radius = 2 * Math.sqrt(32 * 1.0);
        double under = ParquetReader.scalar("SELECT value FROM " + est + " WHERE quantity = 'lambda_max_density_underflow'"
                + " AND time_index = 4");
        double twChi2 = 0;
        int twDof = 0;
        double cumSim = under;
        double cumTw = Double.NaN;
        double twKs = 0;
        double lmPerMass = valuesPerMass(est, "lambda_max_density", 4);
        for (String row : ParquetReader.rows("SELECT bin_lo, bin_hi, value, std_error FROM " + est
                + " WHERE quantity = 'lambda_max_density' AND time_index = 4 ORDER BY bin_lo")) {
            String[] c = row.split("\\|");
            double lo = Double.parseDouble(c[0]);
            double hi = Double.parseDouble(c[1]);
            double v = Double.parseDouble(c[2]);
            double se = c[3].equals("null") ? Double.NaN : Double.parseDouble(c[3]);
            double fLo = TracyWidom.cdf(1, TracyWidom.scaled(lo, radius, 32));
            double fHi = TracyWidom.cdf(1, TracyWidom.scaled(hi, radius, 32));
            if (Double.isNaN(cumTw)) {
                cumTw = fLo;
                twKs = Math.abs(cumSim - cumTw);
            }
            double theory = (fHi - fLo) / (hi - lo);
            if (se > 0 && theory * (hi - lo) * lmPerMass >= MIN_EXPECTED_VALUES) {
                twChi2 += Math.pow((v - theory) / se, 2);
                twDof++;
            }
            cumSim += v * (hi - lo);
            cumTw = fHi;
            twKs = Math.max(twKs, Math.abs(cumSim - cumTw));
        }
        assertEquals(twDof, lm.dof(), "dof of lambda-max-density-t4");
        assertEquals(twChi2, lm.chi2(), 1e-6 * twChi2, "χ² of lambda-max-density-t4");
        assertEquals(twKs, lm.ks(), 1e-9, "KS D of lambda-max-density-t4");
        // a scalar with an exact finite-n theory: energy_mean versus time
        Figure e = figs.stream().filter(f -> f.src().equals("energy-mean-vs-t.png")).findFirst().orElseThrow();
        double eChi2 = ParquetReader.scalar("SELECT sum(pow((value - theory) / std_error, 2)) FROM " + est
                + " WHERE quantity = 'energy_mean' AND theory IS NOT NULL AND std_error > 0");
        assertEquals(eChi2, e.chi2(), 1e-9 * eChi2);

        // a second report replaces the first (derived data)
        Files.writeString(report.resolve("stale.png"), "old");
        ConfigErrorsTest.Result again = ConfigErrorsTest.run("report", goe.toString(), "--quiet");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("previous report replaced"), again.out());
        assertFalse(Files.exists(report.resolve("stale.png")), "the old report is gone as a whole");
        assertTrue(Files.exists(report.resolve("index.html")));
    }

    @Test
    void dlnReportPlotsSingularValues(@TempDir Path out) throws Exception {
        Path report = out.resolve("dln-report");
        ConfigErrorsTest.Result r = ConfigErrorsTest.run("report", dln.toString(), "--out", report.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        List<String> srcs = checkImages(report);
        for (String f : List.of("singular-value-density-t0.png", "singular-value-density-t4.png",
                "layer-singular-value-density-t4.png", "layer-singular-value-mean-vs-t.png", "free-energy-mean-vs-t.png",
                "entropy-mean-vs-t.png", "status-counts.png")) {
            assertTrue(srcs.contains(f), f + " in " + srcs);
        }
        for (int ti = 0; ti < 5; ti++) { // both DLN histograms at every save time, like the Dyson density
            assertTrue(srcs.contains("layer-singular-value-density-t" + ti + ".png"), srcs.toString());
        }
        // the gibbs_ rows (last save time only) have no charts of their own: they are drawn over the regular ones
        assertTrue(srcs.stream().noneMatch(s -> s.startsWith("gibbs")), srcs.toString());
        String html = Files.readString(report.resolve("index.html"));
        List<Figure> figs = figures(html);
        for (Figure f : figs) {
            assertTrue(!f.theory() || Double.isFinite(f.chi2()), f.toString());
        }
        assertFalse(html.contains("source not recorded"), "every DLN theory has a source label");
        assertTrue(html.contains("gibbs_ rows compare the final time with the stationary Gibbs law"), "DLN final-table note");
        // a DLN run has singular-value histograms, not spectral densities
        assertTrue(html.contains("Singular-value histograms are shown at every save time (5)."), "DLN histogram note");
        assertFalse(html.contains("Spectral densities are"), "the DLN histogram note does not speak of spectral densities");
        assertFalse(html.contains("Spectral densities"), "no DLN section is titled spectral densities");
        assertTrue(html.contains("<h3 id=\"s-singular-value-histograms\">Singular-value histograms</h3>"), "DLN section title");
        assertFalse(html.contains("n → ∞ limit"), "no Dyson limit notes on a DLN report");
        Figure residual = figs.stream().filter(f -> f.src().equals("orthogonality-residual-max-vs-t.png")).findFirst().orElseThrow();
        assertTrue(residual.caption().contains("the largest value over the trajectories (no standard error)"), residual.caption());
        assertTrue(html.contains("<code>entropy_mean</code> <b>(Gibbs t→∞)</b>"), "gibbs_ rows in the final-time table");
        assertTrue(html.contains("stationary Gibbs law (§3.5)"), "Gibbs theory source");

        // the Gibbs overlays: χ² recomputed with DuckDB from the gibbs_ rows at the last save time
        String est = ParquetReader.table(dln, "estimates");
        for (String[] c : new String[][] {{"layer-singular-value-density-t4.png", "gibbs_layer_singular_value_density"},
            {"singular-value-density-t4.png", "gibbs_singular_value_density"},
            {"layer-singular-value-mean-vs-t.png", "gibbs_layer_singular_value_mean"},
            {"entropy-mean-vs-t.png", "gibbs_entropy_mean"}}) {
            Figure f = figs.stream().filter(x -> x.src().equals(c[0])).findFirst().orElseThrow();
            String where = " FROM " + est + " WHERE quantity = '" + c[1] + "' AND time_index = 4 AND isfinite(theory)"
                    + " AND isfinite(value) AND isfinite(std_error) AND std_error > 0"
                    // histograms: only the bins where the Gibbs law expects ≥ 20 values are χ² terms (Fit)
                    + (c[1].endsWith("_density") ? " AND theory * (bin_hi - bin_lo) * " + valuesPerMass(est, c[1], 4)
                            + " >= " + MIN_EXPECTED_VALUES : "");
            double chi2 = ParquetReader.scalar("SELECT sum(pow((value - theory) / std_error, 2))" + where);
            double dof = ParquetReader.scalar("SELECT count(*)" + where);
            assertTrue(f.theory() && dof > 0, f.toString());
            assertEquals(dof, f.dof(), c[0]);
            assertEquals(chi2, f.chi2(), 1e-9 * chi2, "χ² of " + c[0] + " against the Gibbs law");
            assertTrue(f.caption().contains("final t: χ² = ") || f.caption().contains("final t: z = "), f.caption());
            assertTrue(f.caption().contains("vs the Gibbs law") && f.caption().contains("stationary Gibbs law"), f.caption());
        }
        assertFalse(Files.exists(dln.resolve("report")), "--out elsewhere writes nothing into the run");
    }

    /**
     * One trajectory (goe-d1, M = 1): the eigenvalue paths from the snapshots, the density at the
     * final time only, no λ_max histogram (one value), no status chart, no standard-error wording, and
     * the final-time values equal the Parquet.
     */
    @Test
    void oneTrajectoryReportShowsThePathAndNoStatistics(@TempDir Path out) throws Exception {
        Path report = out.resolve("one");
        ConfigErrorsTest.Result r = ConfigErrorsTest.run("report", goeOne.toString(), "--out", report.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        List<String> srcs = checkImages(report);
        assertEquals("eigenvalue-paths.png", srcs.get(0), srcs.toString());
        assertTrue(srcs.contains("density-t4.png") && srcs.contains("moment-2-vs-t.png"), srcs.toString());
        assertFalse(srcs.contains("density-t0.png") || srcs.contains("lambda-max-density-t4.png")
                || srcs.contains("status-counts.png") || srcs.contains("lambda-max-variance-vs-t.png"), srcs.toString());
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("<b>One trajectory</b> (status ok)"), html);
        assertFalse(html.contains("±1") || html.contains("± 1") || html.contains("1.96") || html.contains("p = "),
                "no standard-error wording");
        for (Figure f : figures(html)) {
            assertFalse(f.theory(), "no χ² with one trajectory: " + f);
        }
        // the paths chart says what it holds: goe-d1 has n = 32 eigenvalues at 5 save times
        assertTrue(html.contains("32 eigenvalues at 5 save times"), html);
        String est = ParquetReader.table(goeOne, "estimates");
        for (String q : List.of("moment_2", "energy_mean", "lambda_max_mean")) {
            double v = ParquetReader.scalar("SELECT value FROM " + est + " WHERE quantity = '" + q + "' AND time_index = 4");
            assertTrue(html.contains("<td><code>" + q + "</code></td><td class=\"num\">" + String.format(java.util.Locale.ROOT,
                    "%.6g", v) + "</td>"), q + " = " + v);
        }
    }

    @Test
    void incompleteMissingAndForeignTargetsAreRefused(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("copy");
        copyTree(goe, copy);
        Files.delete(copy.resolve("_SUCCESS"));
        ConfigErrorsTest.Result r = ConfigErrorsTest.run("report", copy.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("dlmc: error: RUN_DIR is incomplete (no _SUCCESS)"), r.err());
        assertTrue(r.err().contains("--resume --run-id copy"), r.err());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        assertFalse(Files.exists(copy.resolve("report")), "nothing written for an incomplete run");

        assertTrue(r.err().contains("and the options it was started with"), r.err());
        // the copy has no _chunks/ (a complete run's checkpoints are gone): the experiment is named
        // where it is, in the manifest
        assertTrue(r.err().contains("(its experiment is the config_yaml of manifest.json)"), r.err());
        assertFalse(r.err().contains("_chunks"), r.err());

        // a run in progress: checkpoints and their config.yaml, no manifest yet
        Files.delete(copy.resolve("manifest.json"));
        Files.createDirectories(copy.resolve("_chunks"));
        ConfigErrorsTest.Result noConfig = ConfigErrorsTest.run("report", copy.toString());
        assertEquals(2, noConfig.code(), noConfig.err());
        assertTrue(noConfig.err().strip().endsWith("and the options it was started with"), noConfig.err());
        Files.writeString(copy.resolve("_chunks").resolve("config.yaml"), "name: copy\n");
        ConfigErrorsTest.Result inProgress = ConfigErrorsTest.run("report", copy.toString());
        assertEquals(2, inProgress.code(), inProgress.err());
        assertTrue(inProgress.err().contains("(its experiment is in _chunks/config.yaml)"), inProgress.err());
        assertFalse(Files.exists(copy.resolve("report")), "nothing written for an incomplete run");

        // the experiment's folder (the parent of its runs) is not a run
        ConfigErrorsTest.Result notRun = ConfigErrorsTest.run("report", goe.getParent().toString());
        assertEquals(2, notRun.code(), notRun.err());
        assertTrue(notRun.err().contains("is not a dlmc run directory (no manifest.json, no _chunks/"), notRun.err());
        assertEquals(1, notRun.err().strip().split("\n").length, notRun.err());

        ConfigErrorsTest.Result emptyOut = ConfigErrorsTest.run("report", goe.toString(), "--out", "");
        assertEquals(2, emptyOut.code(), emptyOut.err());
        assertTrue(emptyOut.err().contains("report: --out: '' is not allowed"), emptyOut.err());

        ConfigErrorsTest.Result missing = ConfigErrorsTest.run("report", tmp.resolve("nope").toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("does not exist"), missing.err());

        Path foreign = tmp.resolve("foreign");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("keep.txt"), "mine");
        ConfigErrorsTest.Result refused = ConfigErrorsTest.run("report", goe.toString(), "--out", foreign.toString());
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("is not a dlmc report"), refused.err());
        assertEquals(List.of("keep.txt"), Files.list(foreign).map(p -> p.getFileName().toString()).toList());

        assertEquals(2, ConfigErrorsTest.run("report").code());
        assertEquals(2, ConfigErrorsTest.run("report", goe.toString(), "--bogus").code());
        ConfigErrorsTest.Result help = ConfigErrorsTest.run("report", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("usage: dlmc report RUN_DIR"), help.out());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                if (from.relativize(p).startsWith("report")) {
                    continue; // a report another test may have written
                }
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }
}
