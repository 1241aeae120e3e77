package io.complaintflow.privacy;

import io.complaintflow.testdb.TableScan;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Looks for values in every text and binary column of every table of the database — the application's and
 * Camunda's — and names the columns where it found them.
 */
final class DatabaseScan {

    private DatabaseScan() {
    }

    static List<String> whereFound(DataSource dataSource, List<String> values) {
        TableScan everyTable = new TableScan(dataSource, table -> true);
        List<String> found = new ArrayList<>();
        for (String value : values) {
            everyTable.rowsContaining(value).keySet().forEach(column -> found.add(column + " holds " + value));
        }
        return found;
    }

    /** The tables scanned: proof the scan covered the engine's tables and byte arrays too. */
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
}
