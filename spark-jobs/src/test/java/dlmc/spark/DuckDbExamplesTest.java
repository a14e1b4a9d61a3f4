package dlmc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL examples of data/README.md "Reading the output" run as written (with {@code <RUN_DIR>}
 * replaced) against a small run made here: the {@code -- duckdb [name]} blocks through DuckDB
 * JDBC, the {@code -- spark-sql [name]} blocks through the embedded Spark session. Each result is
 * checked against the job's own estimates / manifest, and every block must have a check.
 * The run is an Euler–Maruyama run with a step limit, so some trajectories fail and the
 * failed-trajectory examples return rows. Deterministic (fixed seed): no statistical assertion.
 */
class DuckDbExamplesTest {
    private static final Pattern BLOCK = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern HEAD = Pattern.compile("^-- (duckdb|spark-sql) \\[([a-z_0-9]+)\\]");
    private static final double REL = 1e-9;
    private static final long M = 120;

    static final String EXPERIMENT = String.join("\n",
            "name: readme-sql",
            "model: {type: dyson, beta: 1, n: 6, normalization: d1, representation: eigenvalues, initial: {type: gbe, time: 1.0}}",
            "scheme: {type: euler-maruyama, dt: 0.01, max_steps: 400}",
            "time: {t_end: 1.0, save_every: 0.25}",
            "ensemble: {trajectories: " + M + ", seed: 5, chunk_size: 40}",
            "observe: {histogram: {bins: 16}}",
            "");

    @BeforeAll
    static void spark() {
        SparkTestSession.get();
    }

    interface Check {
        void verify(List<Object[]> rows, Path run) throws Exception;
    }

    @Test
    void everySqlExampleRunsAndAgreesWithTheEstimates(@TempDir Path tmp) throws Exception {
        Path yaml = tmp.resolve("readme-sql.yaml");
        Files.writeString(yaml, EXPERIMENT);
        ConfigErrorsTest.Result r = ConfigErrorsTest.run("run", yaml.toString(), "--out", tmp.resolve("out").toString(),
                "--run-id", "readme", "--quiet");
        assertEquals(0, r.code(), r.err());
        Path run = tmp.resolve("out/readme-sql/readme");

        String readme = Files.readString(RunJobTest.ROOT.resolve("data/README.md"));
        String section = readme.substring(readme.indexOf("## Reading the output"));
        Map<String, Check> checks = checks();
        Set<String> used = new HashSet<>();
        Matcher m = BLOCK.matcher(section);
        int blocks = 0;
        while (m.find()) {
            String sql = m.group(1);
            Matcher h = HEAD.matcher(sql);
            if (!h.find()) {
                fail("an sql block of data/README.md does not start with '-- duckdb [name]' or '-- spark-sql [name]':\n" + sql);
            }
            String key = h.group(1) + " " + h.group(2);
            Check c = checks.get(key);
            if (c == null) {
                fail("no check for the data/README.md example '" + key + "'");
            }
            assertTrue(used.add(key), "two examples named " + key);
            String query = sql.replace("<RUN_DIR>", run.toString());
            List<Object[]> rows = h.group(1).equals("duckdb") ? duckdb(query) : sparkSql(query);
            c.verify(rows, run);
            blocks++;
        }
        assertEquals(checks.keySet(), used, "every check has its example");
        assertTrue(blocks >= 8, "found " + blocks + " sql blocks");
    }

    private static Map<String, Check> checks() {
        Map<String, Check> c = new LinkedHashMap<>();
        c.put("duckdb moments", (rows, run) -> {
            assertEquals(count(run, "quantity IN ('moment_2', 'moment_4', 'tw_mean')"), rows.size());
            for (Object[] row : rows) {
                double v = estimate(run, (String) row[1], num(row[0]), "value");
                assertEquals(v, num(row[2]), 0.0, "value of " + row[1] + " at t = " + row[0]);
            }
        });
        c.put("duckdb density", (rows, run) -> {
            double mass = 0;
            for (Object[] row : rows) {
                mass += row[0].equals("density") ? num(row[3]) * (num(row[2]) - num(row[1])) : num(row[3]);
            }
            assertEquals(1.0, mass, 1e-9, "density integrates to 1 with the under/overflow mass");
            assertEquals(16 + 2, rows.size());
            assertEquals("density_underflow", rows.get(0)[0], "NULLS FIRST / -Infinity sorts the underflow row first");
        });
        Check moment2 = (rows, run) -> {
            assertEquals(5, rows.size(), "one row per save time");
            for (Object[] row : rows) {
                double t = num(row[0]);
                assertEquals(estimate(run, "moment_2", t, "value"), num(row[1]),
                        REL * Math.abs(num(row[1])), "moment_2 at t = " + t);
                assertEquals(estimate(run, "trajectories", t, "value"), num(row[2]), 0.0, "ok trajectories at t = " + t);
            }
        };
        c.put("duckdb moment_2", moment2);
        c.put("spark-sql moment_2", moment2);
        c.put("duckdb lambda_max", (rows, run) -> {
            assertEquals(5, rows.size());
            for (Object[] row : rows) {
                double t = num(row[0]);
                assertEquals(estimate(run, "lambda_max_mean", t, "value"), num(row[1]), REL * Math.abs(num(row[1])));
                assertEquals(estimate(run, "lambda_max_mean", t, "std_error"), num(row[2]), REL * Math.abs(num(row[2])));
            }
        });
        Check status = (rows, run) -> {
            long total = 0;
            long ok = 0;
            for (Object[] row : rows) {
                total += (long) num(row[1]);
                if (row[0].equals("ok")) {
                    ok = (long) num(row[1]);
                }
            }
            assertEquals(M, total);
            assertEquals(estimate(run, "trajectories", 1.0, "value"), ok, 0.0, "ok = the estimates' count at t_end");
            String manifest = Files.readString(run.resolve("manifest.json"));
            for (Object[] row : rows) {
                assertTrue(manifest.replaceAll("\\s", "").contains("\"" + row[0] + "\":" + (long) num(row[1])),
                        row[0] + " " + row[1] + " in the manifest's status_counts");
            }
            if (row(rows, 0).length > 2) {
                long steps = 0;
                for (Object[] row2 : rows) {
                    steps += (long) num(row2[2]);
                }
                assertTrue(manifest.replaceAll("\\s", "").contains("\"steps_total\":" + steps), "steps_total " + steps);
            }
        };
        c.put("duckdb status_counts", status);
        c.put("spark-sql status_counts", status);
        c.put("duckdb failed", (rows, run) -> {
            double ok = estimate(run, "trajectories", 1.0, "value");
            assertEquals(M - ok, rows.size(), "one row per failed trajectory");
            assertFalse(rows.isEmpty(), "the test run has failed trajectories (step limit)");
            for (Object[] row : rows) {
                assertEquals("step_limit", row[1]);
                assertTrue(num(row[4]) > num(row[2]), "failed after t_reached: " + java.util.Arrays.toString(row));
            }
        });
        return c;
    }

    private static Object[] row(List<Object[]> rows, int i) {
        return rows.isEmpty() ? new Object[0] : rows.get(i);
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    private static double count(Path run, String where) throws Exception {
        return ParquetReader.scalar("SELECT count(*) FROM " + ParquetReader.table(run, "estimates") + " WHERE " + where);
    }

    /** @return a column of the estimates row (quantity, t), read back independently of the example. */
    private static double estimate(Path run, String quantity, double t, String column) throws Exception {
        return ParquetReader.scalar("SELECT " + column + " FROM " + ParquetReader.table(run, "estimates")
                + " WHERE quantity = '" + quantity + "' AND t = " + t + " AND bin_lo IS NULL");
    }

    private static List<Object[]> duckdb(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<Object[]> out = new ArrayList<>();
            while (rs.next()) {
                Object[] row = new Object[md.getColumnCount()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                out.add(row);
            }
            return out;
        }
    }

    private static List<Object[]> sparkSql(String sql) {
        List<Object[]> out = new ArrayList<>();
        for (Row row : SparkTestSession.get().sql(sql).collectAsList()) {
            Object[] r = new Object[row.length()];
            for (int i = 0; i < r.length; i++) {
                r[i] = row.get(i);
            }
            out.add(r);
        }
        return out;
    }
}
