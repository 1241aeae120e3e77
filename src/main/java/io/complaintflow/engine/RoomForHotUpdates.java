package io.complaintflow.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL: the engine's runtime tables whose updates change no indexed column get room on each page for the row's
 * next version. An update that finds room on the row's own page and changes no indexed column is HOT — no entry in
 * any of the table's indexes (eight on {@code ACT_RU_EXECUTION}, eleven on {@code ACT_RU_VARIABLE}); one that finds
 * the page full writes the row elsewhere and an entry in every index. A running process's execution (its activity,
 * its revision) and variables (a multi-instance's counters, a form's values) are updated while the page they were
 * inserted on is still being filled by the next complaints' rows. Runtime rows are deleted when their instance ends,
 * so the room costs no lasting space. History tables keep the engine's default: their rows stay for the retention
 * period, and their updates are either few or change an indexed column ({@code END_TIME_}, which no room makes HOT)
 * (bench/README.md, "PostgreSQL's share of a closed complaint").
 *
 * <p>Camunda creates its schema; the storage parameter is set at every start where it differs, like
 * {@code ACT_RU_JOB}'s vacuum thresholds ({@link JobAcquisitionIndexes}). {@code ALTER TABLE … SET (fillfactor)} takes
 * a lock that lets reads and writes go on, and applies to pages filled from then on.
 */
@Component
public class RoomForHotUpdates extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(RoomForHotUpdates.class);

    /** Table → fillfactor (percent of a page new rows may fill). */
    static final Map<String, Integer> FILLFACTOR = Map.of("act_ru_execution", 80, "act_ru_variable", 80);

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        try (Connection connection = configuration.getDataSource().getConnection()) {
            if (!JobAcquisitionIndexes.postgres(connection)) {
                return;
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try {
                ensure(connection);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            LOG.warn("Could not set the engine tables' fillfactor: {}", e.getMessage());
        }
    }

    static void ensure(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (var table : FILLFACTOR.entrySet()) {
                String wanted = "fillfactor=" + table.getValue();
                String current = null;
                boolean exists = false;
                try (ResultSet rs = statement.executeQuery("select array_to_string(reloptions, ',') from pg_class"
                        + " where relname = '" + table.getKey() + "' and relkind = 'r'"
                        + " and relnamespace = to_regnamespace(current_schema())")) {
                    if (rs.next()) {
                        exists = true;
                        current = rs.getString(1);
                    }
                }
                if (exists && (current == null || !(',' + current + ',').contains(',' + wanted + ','))) {
                    statement.execute("alter table " + table.getKey() + " set (fillfactor = " + table.getValue() + ")");
                    LOG.info("{} fills its pages to {} %: room for HOT updates", table.getKey(), table.getValue());
                }
            }
        }
    }
}
