package dlmc.spark.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every key path an experiment file may contain (interface.md §2), for either model type and any
 * scheme. Which of them a given experiment accepts is decided by the accessors that read them
 * ({@link YamlTree}); this catalogue only tells a key that exists somewhere (e.g.
 * {@code scheme.lambda_step}, written under {@code model}) from one that exists nowhere (a typo),
 * so that errors can say where a key belongs or what it was meant to be. Every path an accessor
 * reads must be listed here (asserted by {@link YamlTree}).
 */
final class ExperimentKeys {
    private ExperimentKeys() {
    }

    /** All key paths, sections included. */
    static final Set<String> ALL = Set.of(
            "name",
            "model", "model.type",
            // dyson
            "model.beta", "model.n", "model.normalization", "model.representation",
            "model.initial", "model.initial.type", "model.initial.time", "model.initial.values",
            // dln
            "model.d", "model.depth", "model.kappa", "model.entropy", "model.metric_scale", "model.initial.scale",
            "model.energy", "model.energy.type", "model.energy.alpha", "model.energy.target", "model.energy.mask",
            "model.energy.matrices", "model.energy.values",
            "scheme", "scheme.type", "scheme.dt", "scheme.epsilon", "scheme.max_steps", "scheme.lambda_step",
            "time", "time.t_end", "time.save_every", "time.save_at",
            "ensemble", "ensemble.trajectories", "ensemble.seed", "ensemble.partitions", "ensemble.chunk_size",
            "observe", "observe.histogram", "observe.histogram.bins", "observe.snapshots",
            "estimates", "estimates.entropy", "estimates.knn_max_n", "estimates.knn_k", "estimates.knn_max_points",
            "estimates.density_entropy_max_values");

    static boolean known(String path) {
        return ALL.contains(path);
    }

    /** @return whether some known key lies below {@code path} (a section such as {@code model.energy}) */
    static boolean isSection(String path) {
        String p = path + ".";
        for (String k : ALL) {
            if (k.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** @return the known keys under the section {@code prefix} (ending in '.', or "" for the top level), by leaf name */
    static List<String> children(String prefix) {
        List<String> out = new ArrayList<>();
        for (String k : ALL) {
            if (k.startsWith(prefix) && k.indexOf('.', prefix.length()) < 0) {
                out.add(k.substring(prefix.length()));
            }
        }
        out.sort(null);
        return out;
    }

    /** @return the known key paths, outside section {@code prefix}, whose last component is {@code leaf}, sorted */
    static List<String> elsewhere(String prefix, String leaf) {
        List<String> out = new ArrayList<>();
        for (String k : ALL) {
            if (k.equals(leaf) || k.endsWith("." + leaf)) {
                if (!k.equals(prefix + leaf)) {
                    out.add(k);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * @return the known key path outside section {@code prefix} whose last component is the unique close
     *         misspelling of {@code leaf} ({@link Spelling#closestKey}), or null
     */
    static String closestElsewhere(String prefix, String leaf) {
        List<String> leaves = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (String k : ALL) {
            int dot = k.lastIndexOf('.');
            if (!k.substring(0, dot + 1).equals(prefix)) {
                leaves.add(k.substring(dot + 1));
                paths.add(k);
            }
        }
        String near = Spelling.closestKey(leaf, leaves);
        if (near == null) {
            return null;
        }
        String hit = null;
        for (int i = 0; i < leaves.size(); i++) {
            if (leaves.get(i).equals(near)) {
                if (hit != null) {
                    return null; // the same leaf in two sections (type, scale, values, ...): no single suggestion
                }
                hit = paths.get(i);
            }
        }
        return hit;
    }

    /**
     * @return " (it belongs under scheme: scheme.lambda_step)" when {@code leaf}, unknown under {@code prefix},
     *         is a key of another section; "" otherwise
     */
    static String belongsElsewhere(String prefix, String leaf) {
        List<String> paths = elsewhere(prefix, leaf);
        if (paths.isEmpty()) {
            return "";
        }
        if (paths.size() == 1) {
            String p = paths.get(0);
            int dot = p.lastIndexOf('.');
            return dot < 0 ? " (it belongs at the top level: " + p + ")"
                    : " (it belongs under " + p.substring(0, dot) + ": " + p + ")";
        }
        return " (it belongs under another section: " + String.join(", ", paths) + ")";
    }
}
