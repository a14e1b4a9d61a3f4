package dlmc.spark;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a run's Parquet with DuckDB (JDBC), i.e. without Spark, as an analyst would. */
final class ParquetReader {
    private ParquetReader() {
    }

    /** @return "FROM read_parquet('dir/*.parquet')" for a table of a run. */
    static String table(Path runDir, String table) {
        return "read_parquet('" + runDir.resolve(table).toString().replace("'", "''") + "/*.parquet')";
    }

    /** Runs a query and returns every row rendered exactly (doubles round-trip). */
    static List<String> rows(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object o = rs.getObject(i);
                    if (o instanceof Array a) {
                        o = Arrays.deepToString((Object[]) a.getArray());
                    }
                    b.append(i > 1 ? "|" : "").append(o);
                }
                out.add(b.toString());
            }
            return out;
        }
    }

    /** @return the single number a scalar query returns. */
    static double scalar(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }
}
