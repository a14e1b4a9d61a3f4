package dlmc.spark.report;

import com.fasterxml.jackson.databind.JsonNode;
import dlmc.core.estimate.KnnEntropy;
import dlmc.spark.io.HumanNumbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's {@code index.html}: self-contained (inline CSS, no scripts, no external resources,
 * images by relative file name), so the directory can be copied anywhere and opened offline.
 */
final class HtmlPage {
    private HtmlPage() {
    }

    /** The page's sections of plots, in page order ({@link #group}). */
    static final List<String> GROUPS = List.of("Spectral densities", "Extremes and spacings", "Scalars versus time",
            "Entropy and energy", "Trajectory status", "Other");

    /**
     * @param section the {@link Plots.Figure#section} of a chart
     * @return the page section ({@link #GROUPS}) it is listed under
     */
    static String group(String section) {
        return switch (section) {
            case "Spectral density", "Singular values", "Other histograms" -> "Spectral densities";
            case "Largest eigenvalue", "Spacings" -> "Extremes and spacings";
            case "Moments", "Scalars versus time" -> "Scalars versus time";
            case "Entropy and energy" -> "Entropy and energy";
            case "Trajectory status" -> "Trajectory status";
            default -> "Other";
        };
    }

    /**
     * @param group one of {@link #GROUPS}
     * @param dln whether the run is a DLN run
     * @return the group's heading on the page: a DLN run's histograms are of singular values, and it
     *         has no spectral density
     */
    static String title(String group, boolean dln) {
        return dln && group.equals("Spectral densities") ? "Singular-value histograms" : group;
    }

    private static String anchor(String group) {
        return "s-" + Plots.slug(group);
    }

    static String render(RunReader.Run run, List<Plots.Figure> figures, String densityTimesNote) {
        JsonNode m = run.manifest();
        String name = m.path("experiment").asText("?");
        String id = m.path("run_id").asText("?");
        // a Dyson run's density theory: the exact finite-n law (n = 1, or β = 2 and n ≤ 400) or the semicircle
        final boolean exactDensity = TheorySources.exactDysonDensity(run.manifest().path("config"));
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>dlmc report: ").append(esc(name)).append(" / ").append(esc(id)).append("</title>\n")
                .append("<style>\n")
                .append("body{font-family:sans-serif;margin:2em auto;max-width:1000px;color:#222;line-height:1.4}\n")
                .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;")
                .append("text-align:left;font-size:0.9em}th{background:#f0f0f0}td.num{text-align:right;font-family:monospace}\n")
                .append("pre{background:#f6f6f6;padding:0.8em;overflow-x:auto;font-size:0.85em}\n")
                .append("figure{margin:1.5em 0;padding:0;border-top:1px solid #ddd}img{max-width:100%;height:auto}\n")
                .append("figcaption{font-size:0.9em;color:#333}.bad{color:#b00}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>dlmc report: ").append(esc(name)).append("</h1>\n");
        h.append("<p>Run <code>").append(esc(id)).append("</code> in <code>").append(esc(run.dir().toString()))
                .append("</code>. Every number below is read from the run's <code>estimates/</code> table and")
                .append(" <code>manifest.json</code> (data/README.md)")
                .append(run.singleTrajectory() ? ".</p>\n" : "; standard errors are across trajectories.</p>\n");
        if (run.singleTrajectory()) {
            h.append("<p id=\"single-trajectory\"><b>One trajectory</b> (status ").append(esc(singleStatus(m)));
            if (deterministic(m)) {
                // a deterministic flow from a fixed start: every trajectory is this one, more would repeat it
                boolean ode = TheorySources.odeFlow(m.path("config"));
                h.append("): ").append(ode ? "the scheme (" + esc(m.path("scheme").asText()) + ") is deterministic"
                                : "there is no noise (β = ∞ or κ = 0)").append(" and the start")
                        .append(" fixed, so every trajectory follows this same path and more trajectories would repeat it.")
                        .append(" There are no standard errors, so no error bars, bands, z-scores or χ² p-values.");
                double gap = largestTheoryGap(run);
                if (Double.isFinite(gap)) {
                    // the theory of such a run is the flow's exact solution (DlnReferences): the gap is the integrator's error
                    h.append(" The theory is ").append(esc(regularLaw(m.path("config")))).append(": the largest |value − theory|")
                            .append(" over the rows and save times is ").append(esc(HumanNumbers.format("%.1e", gap)))
                            .append(", the integrator's error.");
                }
                h.append("</p>\n");
            } else {
                h.append("): every value below is that one sample path, not an ensemble mean. There are no standard")
                        .append(" errors, so no error bars, bands, z-scores or χ² p-values; variances are undefined. A theory")
                        .append(" value is an expected value over the ensemble, which one trajectory only scatters around.")
                        .append(" Run with more trajectories (<code>--trajectories M</code>) to compare with theory.</p>\n");
            }
        }

        h.append("<h2>Run</h2>\n");
        long failed = failedTrajectories(m);
        if (failed > 0) {
            // failed trajectories are excluded from the estimates from the time they failed (data/README.md)
            h.append("<p class=\"bad\" id=\"failed\"><b>").append(failed).append(" of ").append(m.path("trajectories").asLong())
                    .append(" trajectories failed</b> (").append(esc(join(m.path("status_counts"))))
                    .append("): each is left out of the estimates from the save time at which it failed, so the later")
                    .append(" estimates rest on fewer trajectories (the <code>count</code> column; <code>trajectories/</code>")
                    .append(" says where each one stopped).</p>\n");
        }
        // a scheme's known bias on this model (manifest "warnings", data/README.md), before anything else
        for (JsonNode w : m.path("warnings")) {
            h.append("<p class=\"bad\"><b>Warning:</b> ").append(esc(w.asText(""))).append("</p>\n");
        }
        h.append("<table>\n");
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("experiment", m.path("experiment").asText(""));
        facts.put("run id", id);
        facts.put("created (UTC)", m.path("created_utc").asText(""));
        JsonNode model = m.path("config").path("model");
        facts.put("model", model.isMissingNode() ? "" : model.toString());
        facts.put("scheme", m.path("scheme").asText("") + representation(m));
        if (m.path("metric_scale").isTextual()) {
            // DLN runs: which metric operator (math-spec §2.1 note); cmv is the m24 dynamics at t/N
            String scale = m.path("metric_scale").asText();
            facts.put("metric scale (math-spec §2.1)", scale + ("cmv".equals(scale)
                    ? " (𝒜/N, metric N·g^N: the m24 dynamics at time t/N)" : " (𝒜, metric g^N)"));
        }
        facts.put("seed", m.path("seed").asText(""));
        facts.put("trajectories", m.path("trajectories").asText(""));
        facts.put("chunks × chunk size", m.path("chunks").asText("") + " × " + m.path("chunk_size").asText(""));
        facts.put("partitions", m.path("partitions").asText(""));
        facts.put("save times", m.path("save_times").toString());
        facts.put("status counts", m.path("status_counts").toString());
        JsonNode spark = m.path("spark");
        facts.put("Spark master", spark.path("master").asText(""));
        facts.put("executors", spark.path("executors").asText("") + " (default parallelism "
                + spark.path("default_parallelism").asText("") + ")");
        facts.put("resumed", m.path("resumed").asText("") + " (chunks reused: " + m.path("chunks_reused").asText("") + ")");
        facts.put("steps (rejected)", m.path("steps_total").asText("") + " (" + m.path("rejected_steps_total").asText("") + ")");
        // the scheme's diagnostics, where it has them (data/README.md, trajectories table)
        if (m.path("reorders_total").isNumber()) {
            facts.put("steps with a re-order / a reflection at 0 (math-spec 6.4 steps 5-6)",
                    m.path("reorders_total").asText() + " / " + m.path("reflections_total").asText(""));
        }
        if (m.path("biased_regime_steps_total").isNumber()) {
            facts.put("steps in the biased region of math-spec 6.3 (lambda_min < (lambda_1^(2N-4) dt)^(1/4))",
                    m.path("biased_regime_steps_total").asText());
        }
        facts.put("versions", join(m.path("versions")));
        facts.put("RNG", join(sortedFields(m.path("rng"))));
        facts.put("stage seconds", join(m.path("stage_seconds")));
        facts.put("wall seconds", m.path("wall_seconds").isNumber()
                ? HumanNumbers.format("%.1f", m.path("wall_seconds").asDouble()) : m.path("wall_seconds").asText(""));
        for (Map.Entry<String, String> f : facts.entrySet()) {
            h.append("<tr><th>").append(esc(f.getKey())).append("</th><td>").append(esc(f.getValue())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        h.append("<details><summary>Experiment (effective configuration, <code>config_yaml</code>: ")
                .append("<code>dlmc run</code> accepts it to reproduce the run)</summary>\n<pre>")
                .append(esc(m.path("config_yaml").asText(""))).append("</pre></details>\n");

        scalarTable(h, run);

        h.append("<h2>Plots</h2>\n<p>").append(esc(densityTimesNote)).append(" Each title says what is compared;")
                .append(run.singleTrajectory() ? " with one trajectory there is no χ²; for histograms the subtitle gives"
                        + " KS D = max |F̂ − F| over the bin edges of the cumulative histogram of the trajectory's values"
                        + " and the cumulative theory (a distance, without a p-value)."
                        : " the subtitle gives the distance to theory: χ² = Σ((value − theory)/s.e.)² with its degrees"
                        + " of freedom and upper-tail p-value (for a histogram over its bins that expect at least "
                        + Fit.MIN_EXPECTED_VALUES + " values: with fewer the s.e. is unreliable), and for histograms"
                        + " KS D = max |F̂ − F| over the bin edges of the cumulative histogram and the cumulative theory.")
                .append(dln(run) ? " " + dlnPlotsNote(run) + "</p>\n"
                        : " Part of the theory is an n → ∞ limit ("
                        + (exactDensity ? "" : "density, ") + "Tracy–Widom, the sine-kernel spacing law; math-spec"
                        + " §5.2" + (exactDensity ? "; the density is the exact finite-n law here" : "") + "), so "
                        + (run.singleTrajectory() ? "part of a difference" : "small p-values") + " there can be finite-n"
                        + " effects rather than errors.</p>\n");
        List<Plots.Figure> ordered = figures.stream()
                .sorted(Comparator.comparingInt((Plots.Figure f) -> GROUPS.indexOf(group(f.section())))).toList();
        h.append("<p>Sections:");
        final boolean dlnRun = dln(run);
        ordered.stream().map(f -> group(f.section())).distinct().forEach(g -> h.append(" <a href=\"#")
                .append(anchor(title(g, dlnRun))).append("\">").append(esc(title(g, dlnRun))).append("</a>"));
        h.append("</p>\n");
        String group = null;
        String section = null;
        int number = 0;
        for (Plots.Figure f : ordered) {
            if (!group(f.section()).equals(group)) {
                group = group(f.section());
                section = null;
                h.append("<h3 id=\"").append(anchor(title(group, dlnRun))).append("\">").append(esc(title(group, dlnRun)))
                        .append("</h3>\n");
            }
            if (!f.section().equals(section)) {
                section = f.section();
                if (!section.equals(group)) {
                    h.append("<h4>").append(esc(section)).append("</h4>\n");
                }
            }
            number++;
            Fit fit = f.fit();
            h.append("<figure id=\"fig").append(number).append("\" data-theory=\"").append(fit.hasTheory())
                    .append("\" data-chi2=\"").append(num(fit.chi2())).append("\" data-dof=\"").append(fit.dof())
                    .append("\" data-p=\"").append(num(fit.p())).append("\" data-ks=\"").append(num(fit.ks())).append("\">\n")
                    .append("<img src=\"").append(esc(f.file())).append("\" alt=\"").append(esc(f.title()))
                    .append("\" width=\"").append(Plots.WIDTH).append("\" height=\"").append(Plots.HEIGHT).append("\">\n")
                    .append("<figcaption><b>Figure ").append(number).append(". ").append(esc(f.title())).append(".</b> ")
                    .append(esc(f.subtitle())).append(". ").append(esc(f.caption())).append("</figcaption>\n</figure>\n");
        }
        h.append("<p><small>Written by <code>dlmc report</code>. Regenerate with <code>./dlmc report RUN_DIR</code>;")
                .append(" the report is derived data and is replaced on every run.</small></p>\n</body>\n</html>\n");
        return h.toString();
    }

    /** @return whether the run is of a deep linear network ({@code model.type: dln}). */
    private static boolean dln(RunReader.Run run) {
        return "dln".equals(run.manifest().path("config").path("model").path("type").asText());
    }

    /** @return the trajectories whose status is not ok (manifest status_counts). */
    static long failedTrajectories(JsonNode m) {
        long failed = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = m.path("status_counts").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            failed += e.getKey().equals("ok") ? 0 : e.getValue().asLong();
        }
        return failed;
    }

    /**
     * @return the last save time with at least one accepted trajectory (its {@code trajectories} row
     *         is positive); the last save time when no row says otherwise
     */
    static int lastTimeWithTrajectories(RunReader.Run run) {
        for (int ti = run.lastTimeIndex(); ti >= 0; ti--) {
            final int i = ti;
            Estimate n = run.rows("trajectories", i).stream().findFirst().orElse(null);
            if (n == null || !(n.value() == 0)) {
                return ti;
            }
        }
        return run.lastTimeIndex();
    }

    private static void scalarTable(StringBuilder h, RunReader.Run run) {
        int last = lastTimeWithTrajectories(run);
        if (last < run.lastTimeIndex()) {
            h.append("<p class=\"bad\" id=\"no-final\">No trajectory was accepted after t = ")
                    .append(esc(Plots.fmt(run.times()[last]))).append(" (all had failed by t = ")
                    .append(esc(Plots.fmt(run.times()[last + 1]))).append("): the table shows t = ")
                    .append(esc(Plots.fmt(run.times()[last]))).append(", the last save time with estimates.</p>\n");
        }
        boolean single = run.singleTrajectory();
        // a gibbs_ row right after the regular row it repeats, so the two theories sit side by side
        List<Estimate> rows = run.at(last).stream().filter(Estimate::isScalar)
                .sorted(Comparator.comparing((Estimate e) -> baseName(e.quantity())).thenComparingInt(Estimate::index)
                        .thenComparing(e -> e.quantity().startsWith(TheorySources.GIBBS)))
                .toList();
        // one trajectory: the undefined rows (variances, the count itself) are named, not tabulated
        List<String> undefined = single ? rows.stream().filter(e -> !Double.isFinite(e.value()) && !e.quantity().endsWith("_max"))
                .map(Estimate::label).toList() : List.of();
        // *_max (scheme residuals, the largest over the trajectories) are defined for one trajectory: null
        // only when the scheme carries no frame / no layers (data/README.md)
        List<String> notRecorded = rows.stream().filter(e -> !Double.isFinite(e.value()) && e.quantity().endsWith("_max"))
                .map(Estimate::label).toList();
        if (single) {
            rows = rows.stream().filter(e -> Double.isFinite(e.value()) && !e.quantity().equals("trajectories")).toList();
        } else {
            rows = rows.stream().filter(e -> !notRecorded.contains(e.label())).toList();
        }
        JsonNode config = run.manifest().path("config");
        final boolean few = !single && run.fewAt(last);
        h.append("<h2>").append(single ? "Values" : "Estimates").append(last < run.lastTimeIndex() ? " at t = " : " at the final time t = ")
                .append(esc(Plots.fmt(run.times()[last]))).append("</h2>\n<p>")
                .append(single && deterministic(run.manifest()) ? "The values of the one trajectory beside the theory (here the"
                        + " exact solution the path follows, not an ensemble mean; no standard error, so no z). "
                        : single ? "The values of the one trajectory beside the theory (an ensemble mean; no standard error,"
                        + " so no z). " : "Scalar estimates with one standard error; z = (value − theory)/s.e. where a theory"
                        + " value exists (|z| &gt; 3 is marked). ")
                .append(run.fewTrajectories() ? "With only " + run.manifest().path("trajectories").asLong() + " trajectories"
                        + " each s.e. is itself very uncertain: z is closer to a Student t with M − 1 degrees of freedom"
                        + " than to N(0, 1), so |z| &gt; 3 is common, and the plots give χ² without a p-value. "
                        : few ? "Only " + run.acceptedAt(last) + " trajectories were accepted at this time (the others had"
                        + " failed): each s.e. is itself very uncertain, z is closer to a Student t with "
                        + (run.acceptedAt(last) - 1) + " degrees of freedom than to N(0, 1), so |z| &gt; 3 is not marked, and"
                        + " the plots leave such save times out of χ². " : "")
                .append(dln(run) ? dlnTheoryNote(rows, config)
                        : rows.stream().anyMatch(e -> e.quantity().startsWith("tw_") && Double.isFinite(e.theory()))
                        ? "Moments, energy_mean and entropy_mean are exact at finite n; tw_* are n → ∞ limits (data/README.md says"
                        + " which is which)" + (single ? "." : ", so a large |z| there can be a finite-n effect.")
                        : "Moments, energy_mean and entropy_mean are exact at finite n (data/README.md says which rows have a"
                        + " theory)."
                        + (single ? "" : knnBiasNote(rows, config)));
        if (!undefined.isEmpty()) {
            h.append(" Undefined for one trajectory: ").append(esc(String.join(", ", undefined))).append('.');
        }
        if (!notRecorded.isEmpty()) {
            h.append(" Not recorded by this scheme (it carries no frame or no layers): ").append(esc(String.join(", ", notRecorded)))
                    .append('.');
        }
        h.append("</p>\n<table id=\"final-estimates\">\n<tr><th>quantity</th><th>value</th>")
                .append(single ? "" : "<th>s.e.</th><th>count</th>").append("<th>theory</th>")
                .append(single ? "" : "<th>z</th>").append("</tr>\n");
        for (Estimate e : rows) {
            double z = e.z();
            h.append("<tr><td>").append(tableLabel(e)).append("</td><td class=\"num\">")
                    .append(e.quantity().equals("trajectories") ? Long.toString((long) e.value()) : sig(e.value()));
            if (!single) {
                h.append("</td><td class=\"num\">").append(sig(e.stdError())).append("</td><td class=\"num\">").append(e.count());
            }
            h.append("</td><td class=\"num\">").append(Double.isFinite(e.theory()) ? sig(e.theory()) : "—");
            String source = e.theorySource() != null ? e.theorySource()
                    : Double.isFinite(e.theory()) ? TheorySources.label(e.quantity(), config, run.times()) : null;
            if (source != null) {
                h.append(" <small>(").append(esc(source)).append(")</small>");
            }
            if (!single) {
                h.append("</td><td class=\"num").append(Math.abs(z) > 3 && !few && !run.fewTrajectories() ? " bad" : "").append("\">")
                        .append(Double.isFinite(z) ? HumanNumbers.format("%.2f", z) : "—");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /**
     * The caveat for a Dyson {@code spectrum_entropy_knn} row with a theory value at n &gt;
     * {@link KnnEntropy#UNBIASED_MAX_N}: the exact GβE entropy (math-spec §5.1 density,
     * {@code GbeEntropy}) is compared with the Kozachenko–Leonenko estimate, whose bias grows with n
     * and exceeds the s.e. there (the run summary prints the same sentence; estimates.md).
     *
     * @return the sentence (with a leading space), or "" when it does not apply
     */
    static String knnBiasNote(List<Estimate> rows, JsonNode config) {
        boolean knn = rows.stream().anyMatch(e -> e.quantity().equals("spectrum_entropy_knn") && Double.isFinite(e.theory()));
        return knn && config.path("model").path("n").asInt(0) > KnnEntropy.UNBIASED_MAX_N
                ? " " + esc(KnnEntropy.biasCaveat()) + ", so a large |z| there is the estimator's bias, not the simulation's."
                : "";
    }

    /**
     * @return what the theory column of a DLN final-time table holds, true for the rows at hand: the
     *         Gibbs law on gibbs_ rows and the λ-law on the others, only where they have a theory
     *         value (data/README.md, "DLN theory")
     */
    static String dlnTheoryNote(List<Estimate> rows, JsonNode config) {
        boolean gibbs = rows.stream().anyMatch(e -> e.quantity().startsWith(TheorySources.GIBBS));
        boolean lambdaLaw = rows.stream().anyMatch(e -> !e.quantity().startsWith(TheorySources.GIBBS)
                && Double.isFinite(e.theory()));
        String law = regularLaw(config);
        String none = "no λ-law applies (it needs E = none with the entropy off or depth 1, and a stochastic scheme;"
                + " at depth 1 with an energy, the Ornstein–Uhlenbeck law or, for an ODE flow, its exact solution;"
                + " without noise at depth N ≥ 2, the exact solution only from a start sharing its singular vectors with a"
                + " regression target, or with the confining energy; data/README.md)";
        if (gibbs) {
            return "gibbs_ rows compare the final time with the stationary Gibbs law (t → ∞); the other rows "
                    + (lambdaLaw ? "with " + law + " at that time (data/README.md says"
                            + " which are exact and which sampled)."
                            : "have no theory: " + none + ".");
        }
        return lambdaLaw ? "The theory is " + law + " at that time (data/README.md says"
                + " which rows are exact and which sampled)."
                : "No theory for these rows: " + none + ", and the run has no gibbs_ rows (the stationary Gibbs law,"
                        + " data/README.md says when it is computed).";
    }

    /**
     * @return the law of the regular DLN rows' theory, as {@link TheorySources#label} chooses it: for an ODE
     *         flow or any scheme at β = ∞ ({@link TheorySources#noNoise}) its exact solution (at N = 1 its law from a Ginibre start; at
     *         N ≥ 2 from an aligned start); else at depth 1 with an energy other than none the N = 1
     *         Ornstein–Uhlenbeck law; else the λ-law
     */
    static String regularLaw(JsonNode config) {
        JsonNode model = config.path("model");
        if (TheorySources.noNoise(config)) {
            if (model.path("depth").asInt(0) >= 2) {
                return "the exact solution of the aligned gradient flow";
            }
            return "ginibre".equals(model.path("initial").path("type").asText())
                    ? "the law of the N = 1 gradient flow from the Ginibre start" : "the exact solution of the N = 1 gradient flow";
        }
        return depthOneWithEnergy(model) ? "the N = 1 Ornstein–Uhlenbeck law" : "the λ-law";
    }

    /** @return the math-spec section of {@link #regularLaw}: §3.3, §3.4 or (ODE flows) §2.3. */
    static String regularLawSection(JsonNode config) {
        return TheorySources.noNoise(config) && !regularLaw(config).equals("the λ-law") ? "§2.3"
                : depthOneWithEnergy(config.path("model")) ? "§3.4" : "§3.3";
    }

    private static boolean depthOneWithEnergy(JsonNode model) {
        return model.path("depth").asInt(0) == 1 && !model.path("energy").path("type").asText("none").equals("none");
    }

    /**
     * @return the DLN sentence of the plots paragraph: the theories the charts of this run are drawn
     *         against (the regular rows' law, the Gibbs law of the gibbs_ rows), or that none applies
     */
    static String dlnPlotsNote(RunReader.Run run) {
        boolean gibbs = run.estimates().stream().anyMatch(e -> e.quantity().startsWith(TheorySources.GIBBS)
                && Double.isFinite(e.theory()));
        boolean regular = run.estimates().stream().anyMatch(e -> !e.quantity().startsWith(TheorySources.GIBBS)
                && Double.isFinite(e.theory()));
        if (!gibbs && !regular) {
            return "No chart has a theory: neither the λ-law (§3.3), the N = 1 Ornstein–Uhlenbeck law nor the stationary"
                    + " Gibbs law (§3.5) applies to this run (data/README.md, \"DLN theory\").";
        }
        JsonNode config = run.manifest().path("config");
        String law = regularLaw(config) + " (math-spec " + regularLawSection(config) + "; exact, or a sampled reference)";
        return (regular ? "The theory is " + law + (gibbs ? " and, on the" : ".") : "The theory is, on the")
                + (gibbs ? " gibbs_ lines, the stationary Gibbs law (§3.5, t → ∞): a small p-value there can be relaxation"
                        + " not yet complete." : "");
    }

    /** @return the largest |value − theory| over the rows with a theory value (all save times), NaN if none. */
    static double largestTheoryGap(RunReader.Run run) {
        double gap = Double.NaN;
        for (Estimate e : run.estimates()) {
            if (Double.isFinite(e.theory()) && Double.isFinite(e.value())) {
                double g = Math.abs(e.value() - e.theory());
                gap = Double.isNaN(gap) ? g : Math.max(gap, g);
            }
        }
        return gap;
    }

    /**
     * @return whether every trajectory of the run follows the same path: a DLN run without noise
     *         ({@code gradient-flow}, {@code parameter-flow}, or β = ∞) from a fixed (not Ginibre) start
     */
    static boolean deterministic(JsonNode m) {
        JsonNode config = m.path("config");
        return "dln".equals(config.path("model").path("type").asText()) && TheorySources.noNoise(config)
                && !"ginibre".equals(config.path("model").path("initial").path("type").asText());
    }

    /** @return the final status of the one trajectory (the manifest's status_counts key), "?" when absent. */
    private static String singleStatus(JsonNode m) {
        for (Iterator<Map.Entry<String, JsonNode>> it = m.path("status_counts").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().asLong() > 0) {
                return e.getKey();
            }
        }
        return "?";
    }

    private static String baseName(String quantity) {
        return quantity.startsWith(TheorySources.GIBBS) ? quantity.substring(TheorySources.GIBBS.length()) : quantity;
    }

    /**
     * @return the quantity cell of the final-time table: {@code X} for a regular row, and for a
     *         {@code gibbs_X} row (same value as X, theory = the stationary Gibbs law)
     *         {@code X (Gibbs t→∞)}, as HTML
     */
    static String tableLabel(Estimate e) {
        if (!e.quantity().startsWith(TheorySources.GIBBS)) {
            return "<code>" + esc(e.label()) + "</code>";
        }
        String base = baseName(e.quantity()) + (e.index() > 0 ? "[" + e.index() + "]" : "");
        return "<code>" + esc(base) + "</code> <b>(Gibbs t→∞)</b>";
    }

    /** @return " (matrix)" or " (eigenvalues)" for a Dyson run (model.representation); "" for a DLN run, always matrices. */
    private static String representation(JsonNode m) {
        String r = m.path("representation").asText("");
        return r.isEmpty() || "dln".equals(m.path("config").path("model").path("type").asText()) ? "" : " (" + r + ")";
    }

    /** @return the object with its fields in key order (the same order in every report). */
    private static JsonNode sortedFields(JsonNode object) {
        com.fasterxml.jackson.databind.node.ObjectNode sorted = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        java.util.Collections.sort(keys);
        keys.forEach(k -> sorted.set(k, object.get(k)));
        return sorted;
    }

    private static String join(JsonNode object) {
        StringBuilder b = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(e.getKey()).append(' ').append(e.getValue().isNumber() && e.getValue().isFloatingPointNumber()
                    ? HumanNumbers.format("%.3f", e.getValue().asDouble()) : e.getValue().asText());
        }
        return b.toString();
    }

    /** A value of the final-time table: 6 significant digits, never a negative zero. */
    static String sig(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return HumanNumbers.format("%.6g", v);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "NaN";
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
