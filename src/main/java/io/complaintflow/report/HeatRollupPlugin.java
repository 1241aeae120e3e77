package io.complaintflow.report;

import io.complaintflow.complaint.BusinessClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Feeds the heat's rollup of ended stays from the engine's history events (in the same transaction), and fills it
 * from the history that existed before, once, when the engine has been built — before it runs any job or request.
 */
@Component
public class HeatRollupPlugin extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(HeatRollupPlugin.class);

    private final HeatRollup rollup;

    public HeatRollupPlugin(BusinessClock clock) {
        this.rollup = new HeatRollup(clock.zone());
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomHistoryEventHandlers() == null) {
            configuration.setCustomHistoryEventHandlers(new ArrayList<>());
        }
        configuration.getCustomHistoryEventHandlers().add(new StayEndHandler());
        if (configuration.getCustomSessionFactories() == null) {
            configuration.setCustomSessionFactories(new ArrayList<>());
        }
        configuration.getCustomSessionFactories().add(HeatRollupSession.factory(rollup));
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        try (Connection connection = configuration.getDataSource().getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            try {
                long started = System.nanoTime();
                long filled = rollup.fill(connection);
                if (filled >= 0) {
                    LOG.info("Heat rollup filled from history: {} ended stays in {} ms", filled,
                            (System.nanoTime() - started) / 1_000_000);
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new ProcessEngineException("Could not fill the heat rollup from history", e);
        }
    }

    HeatRollup rollup() {
        return rollup;
    }
}
