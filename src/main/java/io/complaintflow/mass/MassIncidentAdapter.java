package io.complaintflow.mass;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** The lifecycle model's expressions about the complaint's mass incident ({@code ${massIncidents.…}}). */
@PublishedForModels
@Component("massIncidents")
public class MassIncidentAdapter {

    private final MassIncidentService incidents;

    public MassIncidentAdapter(MassIncidentService incidents) {
        this.incidents = incidents;
    }

    /** The gateway before department handling: an incident answer this complaint has not adopted yet. */
    public boolean answerPending(DelegateExecution execution) {
        return incidents.answerPending(execution.getProcessBusinessKey(),
                Boolean.TRUE.equals(execution.getVariable(MassIncidentService.ADOPTED)));
    }
}
