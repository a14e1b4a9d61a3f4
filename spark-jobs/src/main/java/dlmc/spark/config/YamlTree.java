package dlmc.spark.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A parsed YAML document as nested {@code Map<String, Object>} with typed, path-aware accessors
 * whose errors name the full key ({@code model.n}), the value and what is allowed. Every key that
 * is read is marked; {@link #rejectUnknown} then reports any key nobody read, with a
 * "did you mean" hint.
 */
final class YamlTree {
    private final Map<String, Object> root;
    private final Set<String> consumed = new TreeSet<>();

    private YamlTree(Map<String, Object> root) {
        this.root = root;
    }

    static YamlTree parse(String text, String origin) {
        LoadSettings settings = LoadSettings.builder().setAllowDuplicateKeys(false).setLabel(origin).build();
        Object doc;
        try {
            doc = new Load(settings).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                    .orElse("unknown position");
            throw new ConfigException("malformed YAML in " + origin + " at " + where + ": "
                    + oneLine(e.getProblem()));
        } catch (YamlEngineException e) {
            throw new ConfigException("malformed YAML in " + origin + ": " + oneLine(e.getMessage()));
        }
        if (doc == null) {
            throw new ConfigException(origin + " is empty: an experiment needs at least name, model, scheme, time, ensemble");
        }
        if (!(doc instanceof Map)) {
            throw new ConfigException(origin + ": the document must be a mapping of keys (name, model, scheme, ...), got "
                    + kind(doc));
        }
        return new YamlTree(normalise((Map<?, ?>) doc, ""));
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalise(Map<?, ?> m, String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw new ConfigException(prefix + String.valueOf(e.getKey()) + ": keys must be strings");
            }
            Object v = e.getValue();
            if (v instanceof Map<?, ?> sub) {
                v = normalise(sub, prefix + k + ".");
            }
            out.put(k, v);
        }
        return out;
    }

    /** Applies {@code key.path=value}; the value is parsed as a YAML flow scalar/collection. */
    @SuppressWarnings("unchecked")
    void set(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set: '" + assignment + "' is not allowed (expected key.path=value)");
        }
        String path = assignment.substring(0, eq).trim();
        String text = assignment.substring(eq + 1);
        Object value;
        try {
            value = new Load(LoadSettings.builder().build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new ConfigException("--set " + path + ": value '" + text + "' is not valid YAML");
        }
        if (value instanceof Map<?, ?> m) {
            value = normalise(m, path + ".");
        }
        String[] parts = path.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = node.get(parts[i]);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(parts[i], child);
            }
            node = (Map<String, Object>) child;
        }
        node.put(parts[parts.length - 1], value);
    }

    /** @return the effective document as block YAML (canonical text shipped to executors). */
    String dump() {
        DumpSettings s = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
        return new Dump(s).dumpToString(root);
    }

    Map<String, Object> asMap() {
        return root;
    }

    boolean has(String path) {
        return lookup(path) != null;
    }

    Object raw(String path) {
        consumed.add(path);
        return lookup(path);
    }

    @SuppressWarnings("unchecked")
    private Object lookup(String path) {
        Object node = root;
        for (String p : path.split("\\.")) {
            if (!(node instanceof Map)) {
                return null;
            }
            node = ((Map<String, Object>) node).get(p);
        }
        return node;
    }

    /** Marks a mapping key as consumed and checks it is a mapping (or absent). */
    boolean section(String path, boolean required) {
        Object v = raw(path);
        if (v == null) {
            if (required) {
                throw new ConfigException(path + ": missing (required section)");
            }
            return false;
        }
        if (!(v instanceof Map)) {
            throw new ConfigException(path + ": " + ConfigException.show(v) + " is not allowed (a mapping of keys is expected)");
        }
        return true;
    }

    String string(String path, String def, String allowedDescription) {
        Object v = raw(path);
        if (v == null) {
            if (def == null) {
                throw new ConfigException(path + ": missing (" + allowedDescription + ")");
            }
            return def;
        }
        if (!(v instanceof String) && !(v instanceof Number) && !(v instanceof Boolean)) {
            throw ConfigException.invalid(path, v, allowedDescription);
        }
        return String.valueOf(v);
    }

    double number(String path, Double def, String allowedDescription) {
        Object v = raw(path);
        if (v == null) {
            if (def == null) {
                throw new ConfigException(path + ": missing (" + allowedDescription + ")");
            }
            return def;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw ConfigException.invalid(path, v, allowedDescription);
    }

    long integer(String path, Long def, String allowedDescription) {
        Object v = raw(path);
        if (v == null) {
            if (def == null) {
                throw new ConfigException(path + ": missing (" + allowedDescription + ")");
            }
            return def;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger) {
            if (v instanceof java.math.BigInteger b && b.bitLength() > 63) {
                throw ConfigException.invalid(path, v, allowedDescription);
            }
            return ((Number) v).longValue();
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
            return d.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw ConfigException.invalid(path, v, allowedDescription);
    }

    boolean bool(String path, boolean def) {
        Object v = raw(path);
        if (v == null) {
            return def;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw ConfigException.invalid(path, v, "true or false");
    }

    List<Double> numbers(String path, String allowedDescription) {
        Object v = raw(path);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw ConfigException.invalid(path, v, allowedDescription);
        }
        List<Double> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Number n)) {
                throw ConfigException.invalid(path, v, allowedDescription);
            }
            out.add(n.doubleValue());
        }
        return out;
    }

    /** Throws on the first key that no accessor read, with a "did you mean" hint. */
    @SuppressWarnings("unchecked")
    void rejectUnknown() {
        rejectUnknown(root, "");
    }

    @SuppressWarnings("unchecked")
    private void rejectUnknown(Map<String, Object> node, String prefix) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            String path = prefix + e.getKey();
            if (!consumed.contains(path)) {
                String hint = suggest(path);
                throw new ConfigException(path + ": unknown key" + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                        + "; allowed here: " + siblings(prefix));
            }
            if (e.getValue() instanceof Map<?, ?> m) {
                rejectUnknown((Map<String, Object>) m, path + ".");
            }
        }
    }

    private String siblings(String prefix) {
        List<String> names = new ArrayList<>();
        for (String c : consumed) {
            if (c.startsWith(prefix) && c.indexOf('.', prefix.length()) < 0) {
                names.add(c.substring(prefix.length()));
            }
        }
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private String suggest(String path) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : consumed) {
            int d = levenshtein(c, path);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        int last = path.lastIndexOf('.');
        String leaf = path.substring(last + 1);
        return bestD <= Math.max(2, leaf.length() / 3) ? best : null;
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    static String kind(Object o) {
        if (o instanceof List) {
            return "a list";
        }
        if (o instanceof String) {
            return "a string";
        }
        if (o instanceof Number) {
            return "a number";
        }
        return o.getClass().getSimpleName();
    }
}
