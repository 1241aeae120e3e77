package io.complaintflow.report;

import java.util.List;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

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
                    || task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_UPDATE))) {
            command.getSession(HeatRollupSession.class).taskDue(task.getActivityInstanceId(), task.getDueDate());
        }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }
}
