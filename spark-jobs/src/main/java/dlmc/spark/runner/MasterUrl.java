package dlmc.spark.runner;

import dlmc.spark.config.ConfigException;
import java.util.regex.Pattern;

/**
 * Checks a {@code --master} value before Spark starts, so that a typo is bad usage (exit 2, one
 * line) and not a failed SparkContext (exit 1, Spark's own stack trace in the log). The forms are
 * the ones Spark's {@code SparkContext} accepts: {@code local}, {@code local[N]}, {@code local[*]},
 * {@code local[N,F]}, {@code local-cluster[N,C,M]}, {@code spark://HOST:PORT[,HOST:PORT…]},
 * {@code yarn} and {@code k8s://URL}.
 */
public final class MasterUrl {
    static final String ALLOWED = "local, local[N], local[*], local[N,F], local-cluster[N,C,M], spark://HOST:PORT, yarn,"
            + " k8s://URL";
    private static final Pattern LOCAL = Pattern.compile("local(\\[\\s*(\\*|[1-9][0-9]*)\\s*(,\\s*[0-9]+\\s*)?])?");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*,"
            + "\\s*[1-9][0-9]*\\s*]");
    private static final Pattern STANDALONE = Pattern.compile("spark://[^\\s:/,]+:[0-9]+(,[^\\s:/,]+:[0-9]+)*");
    private static final Pattern KUBERNETES = Pattern.compile("k8s://\\S+");

    private MasterUrl() {
    }

    /**
     * @param master the value given
     * @param option the option or key that gave it, for the message
     * @return {@code master} when it has one of the forms of the class comment
     * @throws ConfigException otherwise
     */
    public static String check(String master, String option) {
        if (LOCAL.matcher(master).matches() || LOCAL_CLUSTER.matcher(master).matches()
                || STANDALONE.matcher(master).matches() || KUBERNETES.matcher(master).matches() || master.equals("yarn")) {
            return master;
        }
        throw ConfigException.invalid(option, master, "a Spark master URL: " + ALLOWED);
    }
}
