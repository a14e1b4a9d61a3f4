package dlmc.spark.config;

/**
 * Invalid experiment configuration or command line: exit status 2. The message is one line that
 * names the key, the value and what is allowed.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    /** @return "key: value is not allowed (allowed)" in the house style. */
    public static ConfigException invalid(String key, Object value, String allowed) {
        return new ConfigException(key + ": " + show(value) + " is not allowed (" + allowed + ")");
    }

    static String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        return String.valueOf(value);
    }
}
