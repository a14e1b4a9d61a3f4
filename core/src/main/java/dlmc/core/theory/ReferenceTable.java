package dlmc.core.theory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small tab-separated reference table read from the classpath: lines starting with {@code #}
 * are provenance comments, the first other line is the header, the rest are rows. Immutable.
 */
final class ReferenceTable {
    private final String resource;
    private final List<String> header;
    private final List<String[]> rows;

    private ReferenceTable(String resource, List<String> header, List<String[]> rows) {
        this.resource = resource;
        this.header = header;
        this.rows = rows;
    }

    /**
     * @param resource absolute classpath name, e.g. {@code /dlmc/reference/tracy-widom.tsv}
     * @throws IllegalStateException if it is missing or malformed (a packaging error)
     */
    static ReferenceTable load(String resource) {
        try (InputStream in = ReferenceTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("reference table missing from the classpath: " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> header = null;
            List<String[]> rows = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (header == null) {
                    header = List.of(cells);
                } else if (cells.length != header.size()) {
                    throw new IllegalStateException(resource + ": row has " + cells.length + " cells, header "
                            + header.size() + ": " + Arrays.toString(cells));
                } else {
                    rows.add(cells);
                }
            }
            if (header == null) {
                throw new IllegalStateException(resource + ": no header line");
            }
            return new ReferenceTable(resource, header, List.copyOf(rows));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** @return the value of {@code column} in the row where {@code keyColumn == key} for each key pair. */
    double number(String column, String k1, String v1, String k2, String v2) {
        int c = column(column);
        int c1 = column(k1);
        int c2 = column(k2);
        for (String[] row : rows) {
            if (row[c1].equals(v1) && row[c2].equals(v2)) {
                return Double.parseDouble(row[c]);
            }
        }
        return Double.NaN;
    }

    private int column(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalStateException(resource + ": no column '" + name + "' in " + header);
        }
        return i;
    }
}
