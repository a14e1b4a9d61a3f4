package dlmc.spark.report;

import com.fasterxml.jackson.databind.JsonNode;
import dlmc.core.run.DlnReferences;
import dlmc.core.run.SaveGrid;
import dlmc.core.theory.FiniteNOnePointLaw;

/**
 * Names the source of a {@code theory} value when the estimates table does not record one (no
 * {@code theory_source} column), from the run's effective configuration ({@code manifest.json}
 * {@code config}) and the quantity name (estimates.md).
 */
final class TheorySources {
    /** Prefix of the DLN rows whose theory is the stationary Gibbs law at the last save time. */
    static final String GIBBS = "gibbs_";
    static final String GIBBS_LABEL = "stationary Gibbs law (§3.5)";
    static final String LAMBDA_LAW = "λ-law (§3.3, exact-sampling reference)";
    /** The theory of the regular rows of a depth-one run with an energy (DepthOneOuReference). */
    static final String DEPTH_ONE = "N = 1 Ornstein–Uhlenbeck law (§3.4, exact-sampling reference)";
    /** The theory of every row of a depth-one ODE flow with an energy from a fixed start: its exact solution. */
    static final String DEPTH_ONE_FLOW = "exact solution of the N = 1 gradient flow (§2.3, 𝒜 = id)";
    /** The theory of an ODE flow at depth N ≥ 2 (only from an aligned start: AlignedGradientFlow, oracle O8). */
    static final String ALIGNED_FLOW = "exact solution of the aligned gradient flow (§2.3, O8)";
    /** The theory of the sampled rows of a depth-one ODE flow with an energy from a Ginibre start. */
    static final String DEPTH_ONE_FLOW_GINIBRE = "N = 1 gradient flow from the Ginibre start (§2.3, exact-sampling reference)";
    static final String MARCHENKO_PASTUR = "Marchenko–Pastur (n → ∞)";
    /** The theory of the unfolded bulk spacing rows (math-spec §5.2, {@code SineKernelSpacingLaw}). */
    static final String SINE_KERNEL = "sine-kernel (Gaudin–Mehta) law, n → ∞ limit";
    /** Appended to the time-dependent DLN labels of a {@code metric_scale: cmv} run. */
    static final String CMV_CLOCK = ", m24 law at t/N (metric_scale cmv)";

    private TheorySources() {
    }

    /**
     * The label of the theory of a row that has one, mirroring the choices of
     * {@link DlnReferences} (plan-time DLN theory):
     * <ul>
     *   <li>{@code gibbs_*}: the stationary Gibbs law of math-spec §3.5;</li>
     *   <li>DLN, regular rows: the λ-law of §3.3 (theory is attached only when E = 0 and there is no
     *       entropic drift): {@code energy_mean} is E ≡ 0; {@code layer_sum_squares_mean} is the exact
     *       E Σλ² except for a Ginibre start with N &gt; 1; the rest is the sampled λ-law reference,
     *       except for N = 1 with a Ginibre start when the draw budget
     *       ({@link DlnReferences#lambdaLawDraws}) is below {@link DlnReferences#MIN_DRAWS}: then the
     *       σ (= λ) histograms are the Marchenko–Pastur limit;</li>
     *   <li>DLN with {@code model.metric_scale: cmv}: the same, evaluated at t/N ({@link #CMV_CLOCK}).</li>
     *   <li>DLN with depth N = 1 and an energy other than none: the Gaussian (Ornstein–Uhlenbeck) law of
     *       X(t) ({@link DlnReferences#depthOneApplies}): exact {@code layer_sum_squares_mean},
     *       {@code energy_mean}, {@code entropy_mean} (0) and {@code free_energy_mean}; the rest sampled.
     *       Without noise ({@link #noNoise}: an ODE flow, or β = ∞) the same law without noise: from a fixed start the
     *       exact solution on every row, from a Ginibre start the Gaussian law of the flow.</li>
     *   <li>DLN without noise at depth N ≥ 2 with E = regression or confining (theory only from an aligned
     *       start): the exact solution of the aligned gradient flow (oracle O8) on every row.</li>
     *   <li>Dyson: the exact finite-n density where {@link #exactDysonDensity}, else the semicircle bin averages
     *       ({@code density}, n → ∞), the exact 2×2 spacing law, the
     *       exact finite-n moments and energy, the Tracy–Widom limits, the exact 2×2 / 3×3 spacing values,
     *       the sine-kernel bulk spacing law of the unfolded spacings (n → ∞) and the exact entropies
     *       (data/README.md).</li>
     * </ul>
     *
     * @param quantity the row's quantity (with or without the {@code gibbs_} prefix)
     * @param config   the manifest's {@code config} object (the effective experiment)
     * @param times    the run's save times
     * @return the label, or null when nothing is known
     */
    /**
     * @param config the manifest's {@code config} object
     * @return whether a Dyson run's density theory is the exact finite-n law ({@link FiniteNOnePointLaw}: n = 1, or
     *         β = 2 and n ≤ 400), not the semicircle
     */
    static boolean exactDysonDensity(JsonNode config) {
        JsonNode model = config.path("model");
        return FiniteNOnePointLaw.isAvailable(model.path("n").asInt(0), model.path("beta").asDouble(Double.NaN));
    }

    /**
     * @param config the manifest's {@code config} object
     * @return whether the run's scheme is a deterministic ODE flow ({@code gradient-flow},
     *         {@code parameter-flow}: no noise, β and κ ignored)
     */
    static boolean odeFlow(JsonNode config) {
        String scheme = config.path("scheme").path("type").asText("");
        return scheme.equals("gradient-flow") || scheme.equals("parameter-flow");
    }

    /**
     * @param config the manifest's {@code config} object
     * @return whether the DLN run is the plain gradient flow: an ODE flow ({@link #odeFlow}), β = ∞ (written
     *         "Infinity") or κ = 0 with the entropy off, where every scheme integrates it (math-spec §8, "Limits";
     *         DlnReferences.gradientFlow)
     */
    static boolean noNoise(JsonNode config) {
        JsonNode model = config.path("model");
        JsonNode beta = model.path("beta");
        boolean infinite = beta.isNumber() ? Double.isInfinite(beta.asDouble()) : beta.asText("").matches("(?i)\\+?(infinity|\\.inf)");
        boolean cold = model.has("kappa") && model.path("kappa").asDouble(1) == 0 && !model.path("entropy").asBoolean(true);
        return odeFlow(config) || infinite || cold;
    }

    static String label(String quantity, JsonNode config, double[] times) {
        if (quantity.startsWith(GIBBS)) {
            return GIBBS_LABEL;
        }
        JsonNode model = config.path("model");
        if (!"dln".equals(model.path("type").asText())) {
            return switch (quantity) {
                case "density" -> exactDysonDensity(config) ? "exact finite-n density, bin averages" : "semicircle bin averages (n → ∞)";
                case "spacing_density" -> "exact 2×2 spacing law, bin averages";
                case "moment_1", "moment_2", "moment_4", "moment_6", "energy_mean" -> "exact at finite n";
                case "tw_mean", "tw_variance" -> "Tracy–Widom, n → ∞ limit";
                case "spacing_mean" -> "exact 2×2 mean spacing";
                case "spacing_ratio_mean" -> "exact 3×3 value";
                case "unfolded_spacing_density" -> SINE_KERNEL + ", bin averages";
                case "unfolded_spacing_variance" -> SINE_KERNEL;
                case "unfolded_spacing_mean" -> "unit mean spacing, n → ∞ limit";
                case "entropy_mean" -> "exact β E log|Δ| of the GβE at finite n";
                case "spectrum_entropy_knn" -> "exact GβE entropy";
                case "spectral_density_entropy" -> "exact one-point entropy";
                default -> null;
            };
        }
        boolean ginibre = "ginibre".equals(model.path("initial").path("type").asText());
        int depth = model.path("depth").asInt(0);
        String energy = model.path("energy").path("type").asText("none");
        if (depth >= 2 && noNoise(config) && (energy.equals("regression") || energy.equals("confining"))) {
            // without noise at N ≥ 2 there is theory only from an aligned start (DlnReferences)
            return ALIGNED_FLOW;
        }
        if (depth == 1 && !energy.equals("none") && noNoise(config)) {
            if (quantity.equals("entropy_mean")) {
                return "S ≡ 0 at N = 1 (§4)";
            }
            if (!ginibre) {
                return DEPTH_ONE_FLOW;
            }
            return switch (quantity) {
                case "layer_sum_squares_mean" -> "exact E Σσ² of the N = 1 gradient flow from the Ginibre start (§2.3)";
                case "energy_mean", "free_energy_mean" -> "exact E E(X) of the N = 1 gradient flow from the Ginibre start (§2.3)";
                default -> DEPTH_ONE_FLOW_GINIBRE;
            };
        }
        if (depth == 1 && !energy.equals("none")) {
            return switch (quantity) {
                case "layer_sum_squares_mean" -> "exact E Σσ² of the N = 1 Ornstein–Uhlenbeck law (§3.4)";
                case "energy_mean", "free_energy_mean" -> "exact E E(X) of the N = 1 Ornstein–Uhlenbeck law (§3.4)";
                case "entropy_mean" -> "S ≡ 0 at N = 1 (§4)";
                default -> DEPTH_ONE;
            };
        }
        if (quantity.equals("energy_mean")) {
            return "E ≡ 0 (§3.3)";
        }
        // metric_scale cmv (𝒜/N, math-spec §2.1): the references are the m24 laws at t/N (DlnReferences)
        String clock = "cmv".equals(model.path("metric_scale").asText()) ? CMV_CLOCK : "";
        if (quantity.equals("layer_sum_squares_mean") && !(ginibre && depth > 1)) {
            return "exact E Σλ² (§3.3)" + clock;
        }
        if (ginibre && depth == 1 && quantity.endsWith("_density") && times.length > 0
                && DlnReferences.lambdaLawDraws(model.path("d").asInt(1), new SaveGrid(times)) < DlnReferences.MIN_DRAWS) {
            return MARCHENKO_PASTUR + clock;
        }
        return LAMBDA_LAW + clock;
    }
}
