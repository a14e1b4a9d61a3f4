package dlmc.spark.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions baked in at build time ({@code dlmc/version.properties}, Maven-filtered). */
public final class Versions {
    private static final Properties P = new Properties();

    static {
        try (InputStream in = Versions.class.getResourceAsStream("/dlmc/version.properties")) {
            if (in != null) {
                P.load(in);
            }
        } catch (IOException e) {
            // leave empty: versions print as "unknown"
        }
    }

    private Versions() {
    }

    public static String get(String key) {
        String v = P.getProperty(key);
        return v == null || v.startsWith("${") ? "unknown" : v;
    }
}
