package dlmc.spark.runner;

import dlmc.spark.config.ConfigException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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

    /** How long {@link #probe} waits for each master to accept a connection. */
    static final int PROBE_TIMEOUT_MS = 3000;

    private MasterUrl() {
    }

    /**
     * For a standalone master ({@code spark://HOST:PORT[,HOST:PORT…]}), checks that at least one
     * of its hosts accepts a TCP connection, before the SparkContext is made: an unreachable
     * master would otherwise cost Spark's own retries (about a minute, with stack traces) and
     * end in an unrelated error. Other masters are not probed.
     *
     * @throws RunFailure when no master of the URL accepts a connection within
     *                    {@link #PROBE_TIMEOUT_MS}
     */
    public static void probe(String master) {
        if (master == null || !master.startsWith("spark://")) {
            return;
        }
        String reason = "";
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            String host = hostPort.substring(0, colon);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1))),
                        PROBE_TIMEOUT_MS);
                return;
            } catch (IOException | IllegalArgumentException e) {
                reason = hostPort + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        throw new RunFailure("cannot reach the Spark master " + master + " (" + reason + "); is the cluster running?"
                + " (./dlmc cluster status)");
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
