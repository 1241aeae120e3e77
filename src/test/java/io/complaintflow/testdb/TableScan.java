package io.complaintflow.testdb;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads tables the way an auditor would: which rows hold a given text anywhere — in any text column or inside any
 * byte array (serialized or JSON variables, attachments), read as UTF-8. Works on H2 and PostgreSQL alike.
 */
public final class TableScan {

    private static final Set<Integer> TEXT = Set.of(Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB,
            Types.NVARCHAR, Types.NCHAR, Types.LONGNVARCHAR, Types.NCLOB);
    private static final Set<Integer> BYTES = Set.of(Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Predicate<String> tables;

    /** Scans the tables whose lower-case name {@code tables} accepts. */
    public TableScan(DataSource dataSource, Predicate<String> tables) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.tables = tables;
    }

    public record Column(String table, String name, boolean bytes) {
    }

    /** Every text and binary column of the scanned tables. */
    public List<Column> columns() {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<Column> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(connection.getCatalog(), connection.getSchema(), "%", "%")) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME");
                    int type = rs.getInt("DATA_TYPE");
                    if (tables.test(table.toLowerCase(Locale.ROOT)) && (TEXT.contains(type) || BYTES.contains(type))) {
                        columns.add(new Column(table, rs.getString("COLUMN_NAME"), BYTES.contains(type)));
                    }
                }
            }
            if (columns.isEmpty()) {
                throw new IllegalStateException("no columns to scan in schema " + connection.getSchema());
            }
            return columns;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code table.column → rows} (lower case) whose value contains {@code needle}, as text or as UTF-8 in bytes. */
    public Map<String, Integer> rowsContaining(String needle) {
        byte[] utf8 = needle.getBytes(StandardCharsets.UTF_8);
        Map<String, Integer> found = new TreeMap<>();
        for (Column c : columns()) {
            String table = quote(c.table());
            String column = quote(c.name());
            int rows;
            if (c.bytes()) {
                int[] count = {0};
                jdbc.query("select " + column + " from " + table + " where " + column + " is not null", rs -> {
                    byte[] value = rs.getBytes(1);
                    if (value != null && indexOf(value, utf8) >= 0) {
                        count[0]++;
                    }
                });
                rows = count[0];
            } else {
                rows = jdbc.queryForObject("select count(*) from " + table + " where " + column + " like ?",
                        Integer.class, "%" + needle + "%");
            }
            if (rows > 0) {
                found.put(c.table().toLowerCase(Locale.ROOT) + "." + c.name().toLowerCase(Locale.ROOT), rows);
            }
        }
        return found;
    }

    private static String quote(String identifier) {
        return "\"" + identifier + "\"";
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
