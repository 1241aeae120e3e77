package io.complaintflow.privacy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Looks for values in every text and binary column of every table of the database — the application's and
 * Camunda's — and names the columns where it found them. Binary columns (byte arrays, attachments) are read as
 * UTF-8, the way a serialized or JSON variable holds a string.
 */
final class DatabaseScan {

    private DatabaseScan() {
    }

    static List<String> whereFound(DataSource dataSource, List<String> values) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(connection.getCatalog(), connection.getSchema(), "%", "%")) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME"),
                            String.valueOf(rs.getInt("DATA_TYPE"))});
                }
            }
            for (String[] c : columns) {
                int type = Integer.parseInt(c[2]);
                String table = quote(c[0]);
                String column = quote(c[1]);
                if (isText(type)) {
                    for (String value : values) {
                        try (PreparedStatement s = connection.prepareStatement(
                                "select count(*) from " + table + " where " + column + " like ?")) {
                            s.setString(1, "%" + value + "%");
                            try (ResultSet rs = s.executeQuery()) {
                                rs.next();
                                if (rs.getLong(1) > 0) {
                                    found.add(c[0] + "." + c[1] + " holds " + value);
                                }
                            }
                        }
                    }
                } else if (isBinary(type)) {
                    try (PreparedStatement s = connection.prepareStatement("select " + column + " from " + table);
                         ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            byte[] bytes = rs.getBytes(1);
                            if (bytes == null) {
                                continue;
                            }
                            String text = new String(bytes, StandardCharsets.UTF_8);
                            for (String value : values) {
                                if (text.contains(value)) {
                                    found.add(c[0] + "." + c[1] + " (bytes) holds " + value);
                                }
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /** The columns scanned: proof the scan covered the engine's tables and byte arrays too. */
    static List<String> scannedTables(DataSource dataSource) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(), "%",
                     new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    private static String quote(String identifier) {
        return "\"" + identifier + "\"";
    }

    private static boolean isText(int type) {
        return type == Types.VARCHAR || type == Types.NVARCHAR || type == Types.LONGVARCHAR || type == Types.CLOB
                || type == Types.NCLOB || type == Types.CHAR || type == Types.LONGNVARCHAR;
    }

    private static boolean isBinary(int type) {
        return type == Types.BLOB || type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY;
    }
}
