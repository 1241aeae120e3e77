package io.complaintflow.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * What one engine command did to the stays — started, ended, migrated, their tasks' due dates — written to the
 * heat's tables when the command flushes: after the engine's own inserts, on the engine's connection, before its
 * transaction commits. A command that fails or is retried (an optimistic-locking conflict, a job's next attempt)
 * rolls these rows back with the history rows.
 */
final class HeatRollupSession implements Session {

    private final HeatRollup rollup;
    private final OpenStays openStays;
    private final List<HistoricActivityInstanceEventEntity> ended = new ArrayList<>();
    /** Stays this command started, by activity instance id: inserted at the flush unless they ended already. */
    private final Map<String, OpenStays.Started> started = new LinkedHashMap<>();
    /** Stays started earlier: their tasks' new due dates (null: none), migrations, and those that ended now. */
    private final Map<String, Date> dues = new LinkedHashMap<>();
    private final Map<String, HistoricActivityInstanceEventEntity> migrated = new LinkedHashMap<>();
    private final TreeSet<String> closed = new TreeSet<>();

    HeatRollupSession(HeatRollup rollup, OpenStays openStays) {
        this.rollup = rollup;
        this.openStays = openStays;
    }

    /**
     * A stay began: its instance's business key and department variable are taken from the engine's own entity now —
     * an instance started by this command has no history row yet when the session flushes.
     */
    void started(HistoricActivityInstanceEventEntity visit) {
        ExecutionEntity instance = Context.getCommandContext().getExecutionManager()
                .findExecutionById(visit.getProcessInstanceId());
        String businessKey = instance == null ? null : instance.getBusinessKey();
        Object department = instance == null ? null : instance.getVariableLocal("department");
        started.put(visit.getId(), new OpenStays.Started(visit.getId(), visit.getProcessDefinitionKey(),
                visit.getActivityId(), visit.getProcessInstanceId(), visit.getProcessDefinitionId(),
                visit.getStartTime(), businessKey, department instanceof String d ? d : null, null));
    }

    void ended(HistoricActivityInstanceEventEntity visit) {
        ended.add(visit);
        if (started.remove(visit.getId()) == null) {
            closed.add(visit.getId());
        }
        dues.remove(visit.getId());
        migrated.remove(visit.getId());
    }

    void migrated(HistoricActivityInstanceEventEntity visit) {
        OpenStays.Started fresh = started.get(visit.getId());
        if (fresh != null) {
            started.put(visit.getId(), fresh.migratedTo(visit.getProcessDefinitionKey(), visit.getActivityId(),
                    visit.getProcessDefinitionId()));
        } else {
            migrated.put(visit.getId(), visit);
        }
    }

    void taskDue(String activityInstanceId, Date due) {
        OpenStays.Started fresh = started.get(activityInstanceId);
        if (fresh != null) {
            started.put(activityInstanceId, fresh.due(due));
        } else if (!closed.contains(activityInstanceId)) {
            dues.put(activityInstanceId, due);
        }
    }

    @Override
    public void flush() {
        if (ended.isEmpty() && started.isEmpty() && dues.isEmpty() && migrated.isEmpty()) {
            return;
        }
        try {
            Connection connection = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
            Map<String, HeatRollup.Dims> dims = openStays.write(connection, new ArrayList<>(started.values()), migrated.values().stream()
                    .map(m -> new OpenStays.Migration(m.getId(), m.getProcessDefinitionKey(), m.getActivityId(),
                            m.getProcessDefinitionId())).toList(), dues, closed);
            started.clear();
            migrated.clear();
            dues.clear();
            closed.clear();
            if (!ended.isEmpty()) {
                List<StayEnd> stays = new ArrayList<>();
                for (HistoricActivityInstanceEventEntity visit : ended) {
                    stays.add(new StayEnd(visit.getProcessDefinitionKey(), visit.getActivityId(),
                            visit.getProcessInstanceId(), visit.getEndTime().toInstant(), duration(connection, visit)));
                }
                rollup.add(connection, stays, dims);
                ended.clear();
            }
        } catch (SQLException e) {
            throw new ProcessEngineException("Could not write " + ended.size() + " ended and " + started.size()
                    + " started stays to the heat's tables", e);
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

    static SessionFactory factory(HeatRollup rollup, OpenStays openStays) {
        return new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return HeatRollupSession.class;
            }

            @Override
            public Session openSession() {
                return new HeatRollupSession(rollup, openStays);
            }
        };
    }
}
