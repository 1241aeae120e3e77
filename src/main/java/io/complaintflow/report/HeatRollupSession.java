package io.complaintflow.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/**
 * The stays one engine command ended, written to the rollup when the command flushes — after the engine's own
 * inserts, on the engine's connection, before its transaction commits. A command that fails or is retried (an
 * optimistic-locking conflict, a job's next attempt) rolls its rollup rows back with the history rows.
 */
final class HeatRollupSession implements Session {

    private final HeatRollup rollup;
    private final List<HistoricActivityInstanceEventEntity> ended = new ArrayList<>();

    HeatRollupSession(HeatRollup rollup) {
        this.rollup = rollup;
    }

    void add(HistoricActivityInstanceEventEntity visit) {
        ended.add(visit);
    }

    @Override
    public void flush() {
        if (ended.isEmpty()) {
            return;
        }
        try {
            Connection connection = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
            List<StayEnd> stays = new ArrayList<>();
            for (HistoricActivityInstanceEventEntity visit : ended) {
                stays.add(new StayEnd(visit.getProcessDefinitionKey(), visit.getActivityId(),
                        visit.getProcessInstanceId(), visit.getEndTime().toInstant(), duration(connection, visit)));
            }
            rollup.add(connection, stays);
            ended.clear();
        } catch (SQLException e) {
            throw new ProcessEngineException("Could not add " + ended.size() + " ended stays to the heat rollup", e);
        }
    }

    /**
     * The engine's history handler has given the event its start time by now (from its cache or the stored row); if
     * not, the stored row has the duration, as the history query reads it.
     */
    private static long duration(Connection connection, HistoricActivityInstanceEventEntity visit)
            throws SQLException {
        Long duration = visit.getDurationInMillis();
        if (duration == null) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select duration_ from act_hi_actinst where id_ = ?")) {
                statement.setString(1, visit.getId());
                try (ResultSet rs = statement.executeQuery()) {
                    duration = rs.next() ? rs.getLong(1) : 0L;
                }
            }
        }
        return Math.max(0, duration);
    }

    @Override
    public void close() {
    }

    static SessionFactory factory(HeatRollup rollup) {
        return new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return HeatRollupSession.class;
            }

            @Override
            public Session openSession() {
                return new HeatRollupSession(rollup);
            }
        };
    }
}
