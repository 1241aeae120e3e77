package io.complaintflow.engine;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the job executor's acquisition cheap when thousands of jobs are due at once (the 3·15 deadline storm).
 * Acquisition asks for the few most urgent due jobs ({@code jobExecutorAcquireByPriority}: priority, then any) and
 * whether another node holds a job of the same instance. The engine's schema has no index for either, so with
 * 10,000 due among 30,000 jobs every acquisition read and sorted the whole table — on PostgreSQL ≈ 80 ms, plus
 * ≈ 160 ms of JIT compilation its cost estimate set off, for 4 jobs (bench/README.md, "The storm"). With
 * {@code ensureJobDueDateNotNull} every job has a due date, so the acquisition's condition is a plain
 * {@code DUEDATE_ <= now}: the first index walks the jobs in priority order and reads only due ones, the second finds
 * the locked ones. Both indexes are created once the engine has its tables; jobs an older version left without a due
 * date get one (due now), as the engine now gives every new job.
 */
@Component
public class JobAcquisitionIndexes extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(JobAcquisitionIndexes.class);

    record Index(String name, String columns) {
    }

    static final List<Index> INDEXES = List.of(
            new Index("CF_IDX_JOB_ACQUIRE", "PRIORITY_ DESC, DUEDATE_"),
            new Index("CF_IDX_JOB_LOCK_EXP", "LOCK_EXP_TIME_"));

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnsureJobDueDateNotNull(true);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        try (Connection connection = configuration.getDataSource().getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try {
                ensure(connection);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            // two nodes starting together may race on the same index: the other one made it
            LOG.warn("Could not ensure the job acquisition indexes: {}", e.getMessage());
        }
    }

    static void ensure(Connection connection) throws SQLException {
        if (!exists(connection, "ACT_RU_JOB", null)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (Index index : INDEXES) {
                if (!exists(connection, "ACT_RU_JOB", index.name())) {
                    statement.execute("create index if not exists " + index.name() + " on ACT_RU_JOB ("
                            + index.columns() + ")");
                    LOG.info("Created index {} on ACT_RU_JOB", index.name());
                }
            }
            if (postgres(connection)) {
                vacuumEarly(connection, statement);
            }
            int dated = statement.executeUpdate("update ACT_RU_JOB set DUEDATE_ = CURRENT_TIMESTAMP where DUEDATE_ is null");
            if (dated > 0) {
                LOG.info("{} jobs without a due date are due now (ensureJobDueDateNotNull)", dated);
            }
        }
    }

    /**
     * PostgreSQL: the job table is rewritten all the time (every job locked, run and deleted), and an acquisition that
     * meets dead rows reads them all — after a storm of 10,000 on a server without vacuum, 60,000 dead index entries
     * made one acquisition 275 ms instead of 8 (bench/README.md). Autovacuum's default waits for 20% of the table to
     * be dead; the job table asks for vacuum at 2%. A server with autovacuum off is told in the log: nothing
     * cleans the table there.
     */
    static void vacuumEarly(Connection connection, Statement statement) throws SQLException {
        statement.execute("alter table ACT_RU_JOB set (" + VACUUM_EARLY + ")");
        try (ResultSet rs = statement.executeQuery("show autovacuum")) {
            if (rs.next() && "off".equalsIgnoreCase(rs.getString(1))) {
                LOG.warn("PostgreSQL runs with autovacuum = off: dead job rows will pile up and slow every job"
                        + " acquisition; turn it on or vacuum ACT_RU_JOB regularly (docs/operations.md)");
            }
        }
    }

    static final String VACUUM_EARLY = "autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 500,"
            + " autovacuum_analyze_scale_factor = 0.05";

    static boolean postgres(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }

    /** The table (index null) or the table's index, in the connection's own schema. */
    private static boolean exists(Connection connection, String table, String index) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String name : List.of(table, table.toLowerCase())) {
            if (index == null) {
                try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), name,
                        new String[] {"TABLE", "BASE TABLE"})) {
                    if (rs.next()) {
                        return true;
                    }
                }
                continue;
            }
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
