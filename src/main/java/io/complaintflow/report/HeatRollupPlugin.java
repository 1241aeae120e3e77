package io.complaintflow.report;

import io.complaintflow.complaint.BusinessClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Feeds the heat's tables from the engine's history events (in the same transaction), and fills them from the
 * history that existed before ({@link HeatFill}) when the engine has been built: the open stays at once, before it
 * runs any job or request; the rollups of ended stays and escalations in the background, a batch of days at a time.
 */
@Component
public class HeatRollupPlugin extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(HeatRollupPlugin.class);
    private static final int ATTEMPTS = 5;

    private final HeatRollup rollup;
    private final OpenStays openStays = new OpenStays();
    private final HeatFill fill;
    private volatile CompletableFuture<Void> filling = CompletableFuture.completedFuture(null);

    public HeatRollupPlugin(BusinessClock clock) {
        this.rollup = new HeatRollup(clock.zone());
        this.fill = new HeatFill(clock.zone(), openStays);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomHistoryEventHandlers() == null) {
            configuration.setCustomHistoryEventHandlers(new ArrayList<>());
        }
        configuration.getCustomHistoryEventHandlers().add(new StayEventHandler());
        if (configuration.getCustomSessionFactories() == null) {
            configuration.setCustomSessionFactories(new ArrayList<>());
        }
        configuration.getCustomSessionFactories().add(HeatRollupSession.factory(rollup, openStays));
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        DataSource dataSource = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getDataSource();
        boolean daysLeft;
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            try {
                long started = System.nanoTime();
                long open = fill.fillOpenStays(connection);
                if (open >= 0) {
                    LOG.info("Heat: {} open stays filled from history in {} ms", open, millisSince(started));
                }
                daysLeft = fill.claimRollups(connection, ClockUtil.getCurrentTime().toInstant());
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new ProcessEngineException("Could not fill the heat's tables from history", e);
        }
        if (daysLeft && filling.isDone()) {
            filling = CompletableFuture.runAsync(() -> fillDays(dataSource), runnable -> {
                Thread thread = new Thread(runnable, "heat-fill");
                thread.setDaemon(true);
                thread.start();
            });
        }
    }

    /** The rollups' batches of days, one transaction each, until none is left; a failure is retried a few times. */
    private void fillDays(DataSource dataSource) {
        long started = System.nanoTime();
        int days = 0;
        int failures = 0;
        while (true) {
            try (Connection connection = dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                try {
                    if (!fill.fillNextDay(connection)) {
                        break;
                    }
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
                days++;
                failures = 0;
                if (days % 30 == 0) {
                    LOG.info("Heat rollups: {} batches filled from history so far ({} ms)", days,
                            millisSince(started));
                }
            } catch (SQLException | RuntimeException e) {
                if (++failures >= ATTEMPTS) {
                    LOG.warn("Heat rollups: the fill from history stopped after {} batches; the next start goes on"
                            + " (until then the heat reads stays and escalations from history)", days, e);
                    return;
                }
                LOG.info("Heat rollups: a day of the fill failed ({}), trying again", e.toString());
                sleep(Duration.ofSeconds(5L * failures));
            }
        }
        LOG.info("Heat rollups filled from history: {} batches of days in {} ms", days, millisSince(started));
    }

    /** Waits for the background fill (tests, and a caller that wants the rollups complete). */
    void awaitFill(Duration patience) {
        try {
            filling.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The heat rollups' fill did not finish", e);
        }
    }

    HeatRollup rollup() {
        return rollup;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
