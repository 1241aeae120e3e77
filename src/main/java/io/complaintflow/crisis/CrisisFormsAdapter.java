package io.complaintflow.crisis;

import static io.complaintflow.crisis.CrisisProcess.*;

import io.complaintflow.complaint.CaseFileAdapter;
import io.complaintflow.complaint.CaseFileVariables;
import io.complaintflow.crisis.CrisisService.Call;
import io.complaintflow.mass.MassIncident;
import io.complaintflow.mass.MassIncidentText;
import io.complaintflow.mass.MassIncidents;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/** The crisis-response model's variables: the crisis it runs for, the command level called, the forms' overview. */
@Component
class CrisisFormsAdapter {

    private final Crises crises;
    private final CrisisService service;
    private final CaseFileAdapter caseFile;
    private final MassIncidents incidents;
    private final MassIncidentText incidentText;

    CrisisFormsAdapter(Crises crises, CrisisService service, CaseFileAdapter caseFile, MassIncidents incidents,
                       MassIncidentText incidentText) {
        this.crises = crises;
        this.service = service;
        this.caseFile = caseFile;
        this.incidents = incidents;
        this.incidentText = incidentText;
    }

    static long crisisId(VariableScope scope) {
        return ((Number) scope.getVariable(CRISIS_ID)).longValue();
    }

    /** The level called: who may acknowledge and until when. */
    static void called(DelegateExecution execution, Call call) {
        execution.setVariable(COMMAND_LEVEL, call.level());
        execution.setVariable(COMMAND_GROUPS, call.groups());
        execution.setVariable(ACKNOWLEDGE_DUE_AT, Date.from(call.acknowledgeDue()));
    }

    /** After each step: the overview, and the case file of the complaint (or the incident) the crisis is about. */
    void refresh(long id, VariableScope scope) {
        Crisis crisis = crises.find(id).orElseThrow();
        scope.setVariable(SUMMARY, service.summary(crisis));
        if (crisis.caseNumber() != null) {
            caseFile.refresh(crisis.caseNumber(), scope);
        } else if (crisis.massIncidentId() != null) {
            MassIncident incident = incidents.find(crisis.massIncidentId()).orElseThrow();
            scope.setVariable(CaseFileVariables.SUMMARY, incidentText.summary(incident));
            scope.setVariable(CaseFileVariables.TIMELINE, incidentText.members(incident));
        }
    }
}
