package dlmc.spark.config;

import dlmc.core.dln.MetricScale;
import dlmc.core.energy.CompletionEnergy;
import dlmc.core.energy.ConfiningEnergy;
import dlmc.core.energy.Energy;
import dlmc.core.energy.NoEnergy;
import dlmc.core.energy.RegressionEnergy;
import dlmc.core.energy.SensingEnergy;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Validation of the deep-linear-network keys of an experiment (interface.md §2, math-spec §1–§4):
 * {@code model.{d, depth, beta, kappa, entropy, metric_scale, energy, initial}}. Errors name the key,
 * the value and what is allowed.
 *
 * <p>{@code model.metric_scale} (math-spec §2.1 note, §8, §9 item 4): {@code m24} (default, [M24]'s
 * 𝒜) or {@code cmv} (𝒜/N, metric N·g^N), whose dynamics are the m24 dynamics at time t/N
 * ({@link MetricScale}). Like the other defaulted model keys it is not written into the effective
 * document when absent (so existing experiments keep their run id); the manifest states the value
 * either way.
 */
final class DlnConfig {
    /** Largest width accepted (cost O(d³) per step). */
    static final int MAX_D = 256;
    /** Largest depth accepted (the kernel is overflow-safe, math-spec §8). */
    static final int MAX_DEPTH = 10_000;

    /** Values of {@code model.energy.type}. */
    private static final List<String> ENERGY_TYPES = List.of("none", "confining", "regression", "completion", "sensing");
    /** Values of {@code model.initial.type} for model.type dln. */
    private static final List<String> INITIAL_TYPES = List.of("identity", "matrix", "ginibre");
    /** Values of {@code model.metric_scale}. */
    static final List<String> METRIC_SCALES =
            java.util.Arrays.stream(MetricScale.values()).map(MetricScale::key).toList();

    private DlnConfig() {
    }

    static DlnModel parse(YamlTree y) {
        long d = y.integer("model.d", null, "an integer from 1 to " + MAX_D + " (the width)");
        if (d < 1 || d > MAX_D) {
            throw ConfigException.invalid("model.d", d, "an integer from 1 to " + MAX_D);
        }
        long depth = y.integer("model.depth", null, "an integer from 1 to " + MAX_DEPTH + " (the depth N)");
        if (depth < 1 || depth > MAX_DEPTH) {
            throw ConfigException.invalid("model.depth", depth, "an integer from 1 to " + MAX_DEPTH);
        }
        double beta = y.number("model.beta", 2.0, "a number > 0 (inverse temperature; .inf allowed)");
        if (!(beta > 0)) {
            throw ConfigException.invalid("model.beta", y.raw("model.beta"), "a number > 0 (inverse temperature; .inf allowed)");
        }
        double kappa = y.number("model.kappa", 1.0, "a number >= 0");
        if (!(kappa >= 0) || Double.isInfinite(kappa)) {
            throw ConfigException.invalid("model.kappa", y.raw("model.kappa"), "a finite number >= 0 (0 = no noise)");
        }
        boolean entropy = y.bool("model.entropy", true);
        MetricScale scale = metricScale(y);
        Energy energy = energy(y, (int) d);
        DlnInitial initial = initial(y, (int) d);
        return new DlnModel((int) d, (int) depth, beta, kappa, entropy, energy, initial, scale);
    }

    /** {@code model.metric_scale}: m24 (default) or cmv. */
    private static MetricScale metricScale(YamlTree y) {
        String key = y.string("model.metric_scale", MetricScale.DEFAULT.key(), MetricScale.allowed());
        MetricScale scale = MetricScale.fromKey(key);
        if (scale == null) {
            throw ConfigException.invalidChoice("model.metric_scale", y.raw("model.metric_scale"), METRIC_SCALES,
                    MetricScale.allowed());
        }
        return scale;
    }

    private static Energy energy(YamlTree y, int d) {
        if (!y.has("model.energy")) {
            y.raw("model.energy");
            return new NoEnergy();
        }
        Object raw = y.raw("model.energy");
        if (!(raw instanceof Map)) {
            throw ConfigException.invalid("model.energy", raw,
                    "{type: none} | {type: confining, alpha} | {type: regression, target} | {type: completion, target, mask} | {type: sensing, matrices, values}");
        }
        String type = y.string("model.energy.type", null, "none, confining, regression, completion or sensing");
        try {
            switch (type) {
                case "none":
                    return new NoEnergy();
                case "confining": {
                    double alpha = y.number("model.energy.alpha", 1.0, "a number > 0");
                    if (!(alpha > 0) || Double.isInfinite(alpha)) {
                        throw ConfigException.invalid("model.energy.alpha", alpha, "a finite number > 0");
                    }
                    return new ConfiningEnergy(alpha);
                }
                case "regression":
                    return new RegressionEnergy(matrix(y, "model.energy.target", d));
                case "completion": {
                    DMatrixRMaj target = matrix(y, "model.energy.target", d);
                    final String maskAllowed = "a " + d + "x" + d + " matrix of 0 (unobserved) and 1 (observed), as a list of "
                            + d + " rows";
                    DMatrixRMaj mask = matrix(y, "model.energy.mask", d, maskAllowed);
                    for (double v : mask.data) {
                        if (v != 0 && v != 1) {
                            throw ConfigException.invalid("model.energy.mask", y.raw("model.energy.mask"), maskAllowed);
                        }
                    }
                    return new CompletionEnergy(mask, target);
                }
                case "sensing": {
                    Object ms = y.raw("model.energy.matrices");
                    if (ms == null) {
                        throw y.missing("model.energy.matrices", "a non-empty list of " + d + "x" + d + " matrices");
                    }
                    if (!(ms instanceof List<?> list) || list.isEmpty()) {
                        throw ConfigException.invalid("model.energy.matrices", ms, "a non-empty list of " + d + "x" + d + " matrices");
                    }
                    DMatrixRMaj[] m = new DMatrixRMaj[list.size()];
                    for (int k = 0; k < m.length; k++) {
                        m[k] = toMatrix(list.get(k), "model.energy.matrices[" + k + "]", d);
                    }
                    List<Double> values = y.numbers("model.energy.values", "a list of " + m.length + " numbers");
                    if (values == null) {
                        throw y.missing("model.energy.values", "a list of " + m.length + " numbers (one per matrix)");
                    }
                    if (values.size() != m.length) {
                        throw ConfigException.invalid("model.energy.values", y.raw("model.energy.values"),
                                "a list of " + m.length + " numbers (one per matrix)");
                    }
                    double[] v = new double[m.length];
                    for (int k = 0; k < v.length; k++) {
                        v[k] = values.get(k);
                    }
                    return new SensingEnergy(m, v);
                }
                default:
                    throw ConfigException.invalidChoice("model.energy.type", type, ENERGY_TYPES,
                            "none, confining, regression, completion or sensing");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException("model.energy: " + e.getMessage());
        }
    }

    private static DlnInitial initial(YamlTree y, int d) {
        if (!y.has("model.initial")) {
            y.raw("model.initial");
            return new DlnInitial.Identity(1.0);
        }
        Object raw = y.raw("model.initial");
        if (!(raw instanceof Map)) {
            throw ConfigException.invalid("model.initial", raw, "{type: identity, scale} | {type: matrix, values} | {type: ginibre, scale}");
        }
        String type = y.string("model.initial.type", null, "identity, matrix or ginibre");
        switch (type) {
            case "identity": {
                double s = y.number("model.initial.scale", 1.0, "a number > 0");
                if (!(s > 0) || Double.isInfinite(s)) {
                    throw ConfigException.invalid("model.initial.scale", s, "a finite number > 0");
                }
                return new DlnInitial.Identity(s);
            }
            case "ginibre": {
                double s = y.number("model.initial.scale", 1.0, "a number > 0");
                if (!(s > 0) || Double.isInfinite(s)) {
                    throw ConfigException.invalid("model.initial.scale", s, "a finite number > 0");
                }
                return new DlnInitial.Ginibre(s);
            }
            case "matrix": {
                DMatrixRMaj m = matrix(y, "model.initial.values", d);
                double[][] v = new double[d][d];
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        v[i][j] = m.get(i, j);
                    }
                }
                return new DlnInitial.Matrix(v);
            }
            default:
                throw ConfigException.invalidChoice("model.initial.type", type, INITIAL_TYPES,
                        "identity, matrix or ginibre (model.type: dln)");
        }
    }

    private static DMatrixRMaj matrix(YamlTree y, String key, int d) {
        return matrix(y, key, d, "a " + d + "x" + d + " matrix of finite numbers, as a list of " + d + " rows");
    }

    /** @param allowed what the key allows, for the error messages (missing, wrong shape, not a number) */
    private static DMatrixRMaj matrix(YamlTree y, String key, int d, String allowed) {
        Object raw = y.raw(key);
        if (raw == null) {
            throw y.missing(key, allowed);
        }
        return toMatrix(raw, key, d, allowed);
    }

    private static DMatrixRMaj toMatrix(Object raw, String key, int d) {
        return toMatrix(raw, key, d, "a " + d + "x" + d + " matrix of finite numbers, as a list of " + d + " rows");
    }

    private static DMatrixRMaj toMatrix(Object raw, String key, int d, String allowed) {
        if (!(raw instanceof List<?> rows) || rows.size() != d) {
            throw ConfigException.invalid(key, raw, allowed);
        }
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            if (!(rows.get(i) instanceof List<?> row) || row.size() != d) {
                throw ConfigException.invalid(key, raw, allowed);
            }
            for (int j = 0; j < d; j++) {
                if (!(row.get(j) instanceof Number num) || !Double.isFinite(num.doubleValue())) {
                    throw ConfigException.invalid(key, raw, allowed);
                }
                m.set(i, j, num.doubleValue());
            }
        }
        return m;
    }
}
