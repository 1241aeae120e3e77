package io.complaintflow.report;

import java.util.List;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Beside the engine's own history handler: every end of a visit of a place where complaints wait (the heat's
 * {@link HeatmapService#WAIT_TYPES}, completed or cancelled) goes to the command's {@link HeatRollupSession}.
 */
final class StayEndHandler implements HistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
        if (event instanceof HistoricActivityInstanceEventEntity visit
                && visit.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_END) && visit.getEndTime() != null
                && visit.getProcessDefinitionKey() != null
                && HeatmapService.WAIT_TYPES.contains(visit.getActivityType())) {
            CommandContext command = Context.getCommandContext();
            if (command != null) {
                command.getSession(HeatRollupSession.class).add(visit);
            }
        }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }
}
