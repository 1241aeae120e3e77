package io.complaintflow.resolution;

import static io.complaintflow.complaint.ComplaintProcess.ANSWER;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.CaseFileAdapter;
import io.complaintflow.engine.FormValues;
import io.complaintflow.engine.ModelGeneration;
import io.complaintflow.mass.MassIncidentService;
import io.complaintflow.mass.MassIncidents;
import io.complaintflow.modelpolicy.PublishedForModels;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

@PublishedForModels
@Component("customerAnswered")
class AnswerCustomerListener implements TaskListener {

    static final String AUTHORITY = "authority";

    private final ResolutionService resolution;
    private final MassIncidents incidents;
    private final MassIncidentService massIncidents;
    private final Actors actors;
    private final DecisionService decisions;
    private final CaseFileAdapter caseFile;

    AnswerCustomerListener(ResolutionService resolution, MassIncidents incidents,
                           MassIncidentService massIncidents, Actors actors, DecisionService decisions,
                           CaseFileAdapter caseFile) {
        this.resolution = resolution;
        this.incidents = incidents;
        this.massIncidents = massIncidents;
        this.actors = actors;
        this.decisions = decisions;
        this.caseFile = caseFile;
    }

    @Override
    public void notify(DelegateTask task) {
        String caseNumber = task.getExecution().getBusinessKey();
        String answer = FormValues.requiredText(task.getVariable(ANSWER), "答复内容");
        BigDecimal compensation = FormValues.decimal(task.getVariable("compensation"), "补偿金额");
        resolution.drafted(caseNumber, answer, compensation, actors.of(task.getAssignee()));
        caseFile.refresh(caseNumber, task);
        if (Boolean.TRUE.equals(task.getVariable("applyToIncident"))) {
            // decided once for every complaint of the mass incident
            incidents.ofComplaint(caseNumber).ifPresent(i -> massIncidents.answer(i.id(), answer, compensation,
                    actors.of(task.getAssignee())));
            task.removeVariable("applyToIncident");
        }
        if (!ModelGeneration.boundaryTimers(task.getExecution())) {
            // who must approve the amount (compensation-authority): read by the next gateway and the approval task
            // created in this same step, so kept in memory only
            Map<String, Object> authority = decisions.evaluateDecisionByKey("compensation-authority")
                    .variables(Variables.createVariables().putValue("compensation",
                            compensation == null ? null : compensation.doubleValue()))
                    .evaluate().getSingleResult().getEntryMap();
            task.setVariable(AUTHORITY, Variables.objectValue(new HashMap<>(authority), true).create());
        }
    }
}
