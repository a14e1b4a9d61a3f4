package dlmc.spark.config;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Invalid experiment configuration or command line: exit status 2. The message is one line that
 * names the key, the value and what is allowed.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Longest echo of a value in a message; longer mappings and lists are cut. */
    private static final int MAX_SHOWN = 200;

    /** The required key whose absence this reports, or null. */
    private final String missingKey;
    /** For {@link #missingKey}: "it is required: d1, d2 or ou" or "it is a required section". */
    private final String missingNote;

    public ConfigException(String message) {
        this(message, null, null);
    }

    private ConfigException(String message, String missingKey, String missingNote) {
        super(message);
        this.missingKey = missingKey;
        this.missingNote = missingNote;
    }

    /** @return "key: value is not allowed (allowed)" in the house style. */
    public static ConfigException invalid(String key, Object value, String allowed) {
        return new ConfigException(key + ": " + show(value) + " is not allowed (" + allowed + ")");
    }

    /**
     * @param choices the allowed values
     * @return {@link #invalid} followed by "; did you mean 'x'?" when the value is a near miss of one choice
     *         (e.g. {@code svd_frame} for {@code svd-frame})
     */
    static ConfigException invalidChoice(String key, Object value, Collection<String> choices, String allowed) {
        return new ConfigException(invalid(key, value, allowed).getMessage() + Spelling.didYouMeanValue(value, choices));
    }

    /** @return "key: missing what", remembering the key (see {@link YamlTree#unknownKeysFirst}) */
    static ConfigException missing(String key, String what, String note) {
        return new ConfigException(key + ": missing " + what, key, note);
    }

    /** @return the required key whose absence this reports, or null */
    String missingKey() {
        return missingKey;
    }

    /** @return for a missing key, "it is required: ..." or "it is a required section" */
    String missingNote() {
        return missingNote;
    }

    /**
     * @return the value as written: strings in single quotes, mappings and lists in YAML flow style
     *         ({@code {x: 1}}, {@code [1, 2]}), on one line
     */
    static String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "'" + oneLine(s) + "'";
        }
        if (value instanceof Map || value instanceof List) {
            DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.FLOW).setSchema(new CoreSchema())
                    .setSplitLines(false).setWidth(Integer.MAX_VALUE).build();
            String flow = oneLine(new Dump(settings).dumpToString(value).strip());
            return flow.length() <= MAX_SHOWN ? flow : flow.substring(0, MAX_SHOWN) + " ...";
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            // a whole number as it is usually written (beta: 3, not 3.0); -0.0 stays visible
            return d == 0 && 1 / d < 0 ? "-0" : Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    private static String oneLine(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
