package dlmc.spark.runner;

import dlmc.spark.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Checks an {@code --out} value before anything runs: not empty, and for a local path (no scheme
 * or {@code file:}) no existing part of it is a regular file. Remote file systems ({@code hdfs://}
 * and others) are checked when the run opens them.
 */
public final class OutputRoot {
    private static final String ALLOWED = "a directory path or a Hadoop FileSystem URI such as file:/data or hdfs://host/path";
    private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    private OutputRoot() {
    }

    /**
     * @param out    the value given
     * @param option the option that gave it, for the message
     * @return {@code out}
     * @throws ConfigException when it is blank or a local path through a regular file
     */
    public static String check(String out, String option) {
        if (out.isBlank()) {
            throw ConfigException.invalid(option, out, ALLOWED);
        }
        Path local = localPath(out);
        for (Path p = local; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw ConfigException.invalid(option, out, ALLOWED + "; " + p + " is a file, not a directory");
                }
                break;
            }
        }
        return out;
    }

    /** @return the local path of a plain path or a file: URI, null for other schemes or a malformed URI. */
    static Path localPath(String out) {
        if (!SCHEME.matcher(out).matches()) {
            return Path.of(out).toAbsolutePath();
        }
        try {
            URI uri = new URI(out);
            return "file".equalsIgnoreCase(uri.getScheme()) && uri.getPath() != null && !uri.getPath().isEmpty()
                    ? Path.of(uri.getPath()) : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
