package io.complaintflow.escalation;

import io.complaintflow.complaint.BusinessClock;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Registers the deadline ladder's job handler with the engine. The handler reaches the escalation service only when a
 * job runs: the service needs the engine this plugin helps to build.
 */
@Component
class DeadlineLadderJobs extends AbstractProcessEnginePlugin {

    private final ObjectProvider<EscalationService> escalations;
    private final ObjectProvider<BusinessClock> now;

    DeadlineLadderJobs(ObjectProvider<EscalationService> escalations, ObjectProvider<BusinessClock> now) {
        this.escalations = escalations;
        this.now = now;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<JobHandler> handlers = configuration.getCustomJobHandlers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomJobHandlers());
        handlers.add(new DeadlineLadderJobDelegate(escalations, now));
        configuration.setCustomJobHandlers(handlers);
    }
}
