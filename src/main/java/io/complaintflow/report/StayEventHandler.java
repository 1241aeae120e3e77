package io.complaintflow.report;

import java.lang.reflect.Field;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * Beside the engine's own history handler: the visits of places where complaints wait (the heat's
 * {@link HeatmapService#WAIT_TYPES}, not those of {@link HeatmapService#PLUMBING}) — their start, their end (completed or cancelled), their migration to another
 * diagram — and the due dates of their tasks go to the command's {@link HeatRollupSession}.
 */
final class StayEventHandler implements HistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            return;
        }
        if (event instanceof HistoricActivityInstanceEventEntity visit && visit.getProcessDefinitionKey() != null
                && HeatmapService.WAIT_TYPES.contains(visit.getActivityType())
                && HeatmapService.counted(visit.getProcessDefinitionKey())) {
            HeatRollupSession session = command.getSession(HeatRollupSession.class);
            if (visit.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_START) && visit.getStartTime() != null) {
                session.started(visit);
            } else if (visit.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_END) && visit.getEndTime() != null) {
                session.ended(visit);
            } else if (visit.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE)) {
                session.migrated(visit);
            }
        } else if (event instanceof HistoricTaskInstanceEventEntity task && task.getActivityInstanceId() != null
                && (task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_CREATE)
                    || task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_UPDATE) && dueMayHaveChanged(command, task))) {
            command.getSession(HeatRollupSession.class).taskDue(task.getActivityInstanceId(), task.getDueDate());
        }
    }

    /**
     * Whether a task's update may have moved its due date. A claim, a submission's variables, a comment all update
     * the task, and the history event carries the due date without saying what changed (the engine's record of
     * changed properties is cleared before the event), so the due date is compared with the one the task was loaded
     * with in this command — the engine's own snapshot of its loaded row. Where that snapshot is not there (a task
     * saved from a detached copy, another engine version) the due date counts as changed and is written as before.
     */
    static boolean dueMayHaveChanged(CommandContext command, HistoricTaskInstanceEventEntity task) {
        CachedDbEntity cached = command.getDbEntityManager().getDbEntityCache()
                .getCachedEntity(TaskEntity.class, task.getTaskId());
        if (cached == null || cached.getEntityState() != DbEntityState.PERSISTENT || LOADED == null) {
            return true;
        }
        Object loaded;
        try {
            loaded = LOADED.get(cached);
        } catch (IllegalAccessException e) {
            return true;
        }
        // TaskEntity's state names every task "assignee" and holds "dueDate" only where there is one
        if (!(loaded instanceof Map<?, ?> state) || !state.containsKey("assignee")) {
            return true;
        }
        Object before = state.get("dueDate");
        Date now = task.getDueDate();
        if (before == null || now == null) {
            return before != now;
        }
        return !(before instanceof Date b) || b.getTime() != now.getTime();
    }

    /** {@link CachedDbEntity}'s copy of an entity's persistent state as loaded (or last flushed). */
    private static final Field LOADED = loadedState();

    private static Field loadedState() {
        try {
            Field field = CachedDbEntity.class.getDeclaredField("copy");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }
}
