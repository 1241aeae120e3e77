package io.complaintflow.mass;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The lifecycle takes its mass incident's answer instead of its own departments' proposals. */
@PublishedForModels
@Component("adoptIncidentAnswer")
public class AdoptIncidentAnswerDelegate implements JavaDelegate {

    private final MassIncidentService incidents;

    public AdoptIncidentAnswerDelegate(MassIncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        incidents.adopt(execution);
    }
}
