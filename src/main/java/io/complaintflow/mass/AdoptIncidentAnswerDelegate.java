package io.complaintflow.mass;

import io.complaintflow.complaint.CaseFileVariables;
import io.complaintflow.complaint.ComplaintProcess;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The lifecycle takes its mass incident's answer instead of its own departments' proposals. */
@PublishedForModels
@Component("adoptIncidentAnswer")
class AdoptIncidentAnswerDelegate implements JavaDelegate {

    private final MassIncidentService incidents;
    private final CaseFileVariables caseFile;

    AdoptIncidentAnswerDelegate(MassIncidentService incidents, CaseFileVariables caseFile) {
        this.incidents = incidents;
        this.caseFile = caseFile;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseNumber = execution.getProcessBusinessKey();
        MassIncident incident = incidents.adopt(caseNumber);
        execution.setVariable(ComplaintProcess.ANSWER, incident.answer());
        execution.setVariable("compensation", incident.compensation() == null ? null
                : incident.compensation().doubleValue());
        execution.setVariable(MassIncidentService.ADOPTED, true);
        // only this lifecycle: its department instances may have just been cancelled by the incident's answer
        execution.setVariables(caseFile.render(caseNumber));
    }
}
