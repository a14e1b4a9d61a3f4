package dlmc.spark.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A parsed YAML document as nested {@code Map<String, Object>} with typed, path-aware accessors
 * whose errors name the full key ({@code model.n}), the value and what is allowed. Every key that
 * is read is marked; {@link #rejectUnknown} then reports any key nobody read, with a
 * "did you mean" hint or the section it belongs to.
 *
 * <p>Scalars resolve by the YAML 1.2 core schema: {@code 1e-3}, {@code 1e2}, {@code .5},
 * {@code +1}, {@code 0x10} and {@code .inf} are numbers; quoted scalars are strings, and a numeric
 * key refuses a string ({@code beta: "1"}) rather than reading a number out of it. An integer key
 * accepts a float that is an exact integer ({@code n: 1e2}) and stores it back as the integer, so
 * the effective document and the manifest echo {@code n: 100}.
 */
final class YamlTree {
    /** A plain scalar the YAML 1.2 core schema reads as a number (int, float, .inf, .nan). */
    private static final Pattern YAML_NUMBER = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"
                    + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    /** Largest magnitude of a float accepted as an exact integer (below 2^53, where every integer is a double). */
    private static final double EXACT_INTEGER_LIMIT = 9.0e15;

    private final Map<String, Object> root;
    private final Set<String> consumed = new TreeSet<>();
    /** Set once {@link #rejectUnknown} has run: its verdict on unknown keys is final. */
    private boolean unknownChecked;

    private YamlTree(Map<String, Object> root) {
        this.root = root;
    }

    static YamlTree parse(String text, String origin) {
        LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).setAllowDuplicateKeys(false)
                .setLabel(origin).build();
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
            value = new Load(LoadSettings.builder().setSchema(new CoreSchema()).build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new ConfigException("--set " + path + ": value '" + text + "' is not valid YAML");
        }
        if (value instanceof Map<?, ?> m) {
            value = normalise(m, path + ".");
        }
        String[] parts = path.split("\\.");
        if (value == null) {
            // key=null (or key=~, key=) removes the key, so that its default applies: e.g. the file's
            // time.save_every before a --set time.save_at (a null left in place was an unknown key then)
            remove(parts);
            return;
        }
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

    /** Removes the key at {@code parts} if present (sections on the way are not created). */
    @SuppressWarnings("unchecked")
    private void remove(String[] parts) {
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            if (!(node.get(parts[i]) instanceof Map)) {
                return;
            }
            node = (Map<String, Object>) node.get(parts[i]);
        }
        node.remove(parts[parts.length - 1]);
    }

    /** @return the effective document as block YAML (canonical text shipped to executors). */
    String dump() {
        DumpSettings s = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setSchema(new CoreSchema()).build();
        return new Dump(s).dumpToString(root);
    }

    Map<String, Object> asMap() {
        return root;
    }

    boolean has(String path) {
        return lookup(path) != null;
    }

    /** @return the value at {@code path} (null if absent), marking the key as read; the path must be in {@link ExperimentKeys} */
    Object raw(String path) {
        assert ExperimentKeys.known(path) : "key " + path + " is read but missing from ExperimentKeys.ALL";
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

    /** Replaces the value of an existing key (a normalised form of what was written). */
    @SuppressWarnings("unchecked")
    private void replace(String path, Object value) {
        int dot = path.lastIndexOf('.');
        Object parent = dot < 0 ? root : lookup(path.substring(0, dot));
        if (parent instanceof Map) {
            ((Map<String, Object>) parent).put(path.substring(dot + 1), value);
        }
    }

    /**
     * @param allowed what the key takes, e.g. "d1, d2 or ou"
     * @return "path: missing (allowed)"; {@link #unknownKeysFirst} turns it into an unknown-key error when the
     *         document holds a misspelling of {@code path}
     */
    ConfigException missing(String path, String allowed) {
        return ConfigException.missing(path, "(" + allowed + ")", "it is required: " + allowed);
    }

    /** Marks a mapping key as consumed and checks it is a mapping (or absent). */
    boolean section(String path, boolean required) {
        Object v = raw(path);
        if (v == null) {
            if (required) {
                throw ConfigException.missing(path, "(required section)", "it is a required section");
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
                throw missing(path, allowedDescription);
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
                throw missing(path, allowedDescription);
            }
            return def;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s && YAML_NUMBER.matcher(s.trim()).matches()) {
            throw quotedNumber(path, s);
        }
        throw ConfigException.invalid(path, v, allowedDescription);
    }

    /**
     * An integer: a YAML int, or a float that is an exact integer ({@code 1e2}), which is then stored back
     * as the integer (the effective document and the manifest echo {@code 100}, not {@code 100.0}).
     */
    long integer(String path, Long def, String allowedDescription) {
        Object v = raw(path);
        if (v == null) {
            if (def == null) {
                throw missing(path, allowedDescription);
            }
            return def;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger) {
            if (v instanceof java.math.BigInteger b && b.bitLength() > 63) {
                throw ConfigException.invalid(path, v, allowedDescription);
            }
            return ((Number) v).longValue();
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < EXACT_INTEGER_LIMIT) {
            long k = d.longValue();
            replace(path, k == (int) k ? (Object) (int) k : (Object) k);
            return k;
        }
        if (v instanceof Double d && d == Math.rint(d)) {
            // 1e20: beyond the integers a double holds exactly (and beyond a 64-bit integer above 9.2e18)
            throw ConfigException.invalid(path, v, allowedDescription + "; in exponent form below 2^53 ≈ 9.0e15, above that"
                    + " written out as an integer up to 2^63 − 1");
        }
        if (v instanceof String s && YAML_NUMBER.matcher(s.trim()).matches()) {
            // '8' is refused as a string, '32.5' as not an integer (unquoting it would not help)
            Object unquoted = new Load(LoadSettings.builder().setSchema(new CoreSchema()).build()).loadFromString(s.trim());
            if (!(unquoted instanceof Double d) || d == Math.rint(d)) {
                throw quotedNumber(path, s);
            }
        }
        throw ConfigException.invalid(path, v, allowedDescription);
    }

    /** @return "model.beta: '1' is a string; write a number without quotes, e.g. beta: 1" */
    private static ConfigException quotedNumber(String path, String s) {
        return new ConfigException(path + ": " + ConfigException.show(s) + " is a string; write a number without quotes, e.g. "
                + path.substring(path.lastIndexOf('.') + 1) + ": " + s.trim());
    }

    boolean bool(String path, boolean def) {
        Object v = raw(path);
        if (v == null) {
            return def;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.trim().equalsIgnoreCase("true") || s.trim().equalsIgnoreCase("false"))) {
            throw new ConfigException(path + ": " + ConfigException.show(s) + " is a string; write true or false without quotes");
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

    /** Throws on the first key that no accessor read, with a "did you mean" hint or the section it belongs to. */
    void rejectUnknown() {
        unknownChecked = true;
        rejectUnknown(root, "");
    }

    @SuppressWarnings("unchecked")
    private void rejectUnknown(Map<String, Object> node, String prefix) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            String path = prefix + e.getKey();
            if (!consumed.contains(path)) {
                String why;
                if (ExperimentKeys.known(path)) {
                    // a real key, not read with this model.type / scheme.type / initial or energy type
                    why = " (not used with these settings)";
                } else {
                    Hint hint = hint(prefix, e.getKey(), siblings(prefix));
                    why = hint == null ? "" : hint.text;
                }
                List<String> here = siblings(prefix);
                throw new ConfigException(path + ": unknown key" + why + "; allowed here: "
                        + (here.isEmpty() ? "(none)" : String.join(", ", here)));
            }
            if (e.getValue() instanceof Map<?, ?> m) {
                rejectUnknown((Map<String, Object>) m, path + ".");
            }
        }
    }

    /** @return the keys read under section {@code prefix} (ending in '.', or "" for the top level), sorted */
    private List<String> siblings(String prefix) {
        List<String> names = new ArrayList<>();
        for (String c : consumed) {
            if (c.startsWith(prefix) && c.indexOf('.', prefix.length()) < 0) {
                names.add(c.substring(prefix.length()));
            }
        }
        return names;
    }

    /**
     * Reports a misspelt or misplaced key before {@code e}, the first error met while reading the document: a key
     * that exists in no experiment ({@link ExperimentKeys}) but is close to a key of its section, or is a key of
     * another section. Then a typo in a required key reads "model.normalisation: unknown key (did you mean
     * 'model.normalization'? it is required: d1, d2 or ou)" rather than "model.normalization: missing", and a
     * misspelt optional key is named rather than the error its default caused.
     *
     * @return the unknown-key error to throw instead of {@code e}, or {@code e}
     */
    ConfigException unknownKeysFirst(ConfigException e) {
        if (unknownChecked) {
            return e;
        }
        Map<String, Hint> found = new LinkedHashMap<>();
        scanUnknown(root, "", found);
        if (found.isEmpty()) {
            return e;
        }
        for (Map.Entry<String, Hint> f : found.entrySet()) {
            Hint h = f.getValue();
            if (e.missingKey() != null && e.missingKey().equals(h.target)) {
                String text = h.misspelling ? " (did you mean '" + h.target + "'? " + e.missingNote() + ")" : h.text;
                return new ConfigException(f.getKey() + ": unknown key" + text);
            }
        }
        Map.Entry<String, Hint> first = found.entrySet().iterator().next();
        return new ConfigException(first.getKey() + ": unknown key" + first.getValue().text);
    }

    /** Collects, in document order, the keys that exist in no experiment and have a hint, with their hint. */
    @SuppressWarnings("unchecked")
    private static void scanUnknown(Map<String, Object> node, String prefix, Map<String, Hint> found) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            String path = prefix + e.getKey();
            if (!ExperimentKeys.known(path)) {
                Hint h = hint(prefix, e.getKey(), ExperimentKeys.children(prefix));
                if (h != null) {
                    found.put(path, h);
                }
            } else if (e.getValue() instanceof Map<?, ?> m && ExperimentKeys.isSection(path)) {
                scanUnknown((Map<String, Object>) m, path + ".", found);
            }
        }
    }

    /**
     * A hint for an unknown key: its text (" (did you mean 'x'?)"), the key it points to (null if several), and
     * whether it is a misspelling of that key rather than the same key in the wrong section.
     */
    private record Hint(String text, String target, boolean misspelling) {
    }

    /**
     * A hint for a key that exists in no experiment, in order: a key of the same section one edit away
     * ({@code sed} → {@code seed}); the section where a key of that name belongs ({@code dt} under {@code model} →
     * {@code scheme.dt}); a key of the same section a few edits away; a key of another section a few edits away.
     *
     * @param here the keys allowed in the key's section
     * @return the hint, or null when nothing is close
     */
    private static Hint hint(String prefix, String leaf, List<String> here) {
        String near = Spelling.oneEditFrom(leaf, here);
        if (near != null) {
            return new Hint(" (did you mean '" + prefix + near + "'?)", prefix + near, true);
        }
        List<String> paths = ExperimentKeys.elsewhere(prefix, leaf);
        if (!paths.isEmpty()) {
            return new Hint(ExperimentKeys.belongsElsewhere(prefix, leaf), paths.size() == 1 ? paths.get(0) : null, false);
        }
        near = Spelling.closestKey(leaf, here);
        if (near != null) {
            return new Hint(" (did you mean '" + prefix + near + "'?)", prefix + near, true);
        }
        String far = ExperimentKeys.closestElsewhere(prefix, leaf);
        if (far != null) {
            return new Hint(" (did you mean '" + far + "'?)", far, true);
        }
        return null;
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
        if (o instanceof Boolean) {
            return "a boolean";
        }
        if (o instanceof Map) {
            return "a mapping";
        }
        return "a scalar"; // e.g. !!binary; never a Java class name in a user-facing message
    }
}
