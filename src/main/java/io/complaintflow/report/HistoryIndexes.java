package io.complaintflow.report;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexes the heat and path queries need on the engine's history tables (and the escalations' one on the open
 * stays). The engine creates those tables when
 * it starts, which on a fresh database may be after Flyway has run, so they are ensured twice: by Flyway (V70, for
 * a database that has the tables) and once the engine is built ({@link HistoryIndexesPlugin}). Both are idempotent.
 */
public final class HistoryIndexes {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryIndexes.class);

    /** {@code partial}: a predicate PostgreSQL indexes only the rows of (H2 has no partial indexes: all rows). */
    record Index(String name, String table, String columns, String partial) {
    }

    static final List<Index> INDEXES = List.of(
            // stays of one process by the end of the visit (period) or still open (end null), covering the figures
            // (on PostgreSQL only the places where time passes: a quarter of the rows)
            new Index("CF_IDX_HI_AI_KEY_END", "ACT_HI_ACTINST",
                    "PROC_DEF_KEY_, END_TIME_, ACT_TYPE_, ACT_ID_, START_TIME_, DURATION_, PROC_INST_ID_",
                    HeatmapService.WAIT_TYPES_CONDITION),
            // the instances a call activity started (the path follows a complaint into its departments)
            new Index("CF_IDX_HI_PI_SUPER", "ACT_HI_PROCINST", "SUPER_PROCESS_INSTANCE_ID_", null),
            // where a complaint waits when it is escalated (HeatRollup.addEscalation): its open stays by case number
            // (a table of ours, V74, but ensured here with the others: our Flyway versions are below V74)
            new Index("CF_IDX_HEAT_OPEN_STAY_CASE", "HEAT_OPEN_STAY", "CASE_NUMBER", null));

    private HistoryIndexes() {
    }

    /** Creates the missing indexes; returns false when the engine's tables do not exist (yet). */
    static boolean ensure(Connection connection) throws SQLException {
        if (!tableExists(connection, "ACT_HI_ACTINST")) {
            return false;
        }
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        for (Index index : INDEXES) {
            if (tableExists(connection, index.table()) && !indexExists(connection, index.table(), index.name())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("create index if not exists " + index.name() + " on " + index.table() + " ("
                            + index.columns() + ")"
                            + (postgres && index.partial() != null ? " where " + index.partial() : ""));
                    LOG.info("Created index {} on {}", index.name(), index.table());
                }
            }
        }
        return true;
    }

    /** In the connection's own schema (another schema's engine tables are not ours). */
    static boolean tableExists(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String name : List.of(table, table.toLowerCase())) {
            try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), name,
                    new String[] {"TABLE", "BASE TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean indexExists(Connection connection, String table, String index) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String name : List.of(table, table.toLowerCase())) {
            try (ResultSet rs = meta.getIndexInfo(connection.getCatalog(), connection.getSchema(), name, false, true)) {
                while (rs.next()) {
                    if (index.equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
