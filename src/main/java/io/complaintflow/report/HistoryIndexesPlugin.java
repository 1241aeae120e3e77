package io.complaintflow.report;

import java.sql.Connection;
import java.sql.SQLException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Ensures the history indexes once the engine has created (or checked) its tables, whatever Flyway found before. */
@Component
public class HistoryIndexesPlugin extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryIndexesPlugin.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        try (Connection connection = configuration.getDataSource().getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try {
                if (!HistoryIndexes.ensure(connection)) {
                    LOG.warn("The engine's history tables do not exist: the diagram heat will be slow without its indexes");
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            // two nodes starting together may race on the same index: the other one made it
            LOG.warn("Could not ensure the history indexes of the diagram heat: {}", e.getMessage());
        }
    }
}
