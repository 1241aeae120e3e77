package io.complaintflow.resolution;

import io.complaintflow.modelpolicy.PublishedForModels;
import static io.complaintflow.complaint.ComplaintProcess.ANSWER;

import io.complaintflow.complaint.Actors;
import io.complaintflow.engine.FormValues;
import io.complaintflow.mass.MassIncidentService;
import io.complaintflow.mass.MassIncidents;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

@PublishedForModels
@Component("customerAnswered")
public class AnswerCustomerListener implements TaskListener {

    private final ResolutionService resolution;
    private final MassIncidents incidents;
    private final MassIncidentService massIncidents;
    private final Actors actors;

    public AnswerCustomerListener(ResolutionService resolution, MassIncidents incidents,
                                  MassIncidentService massIncidents, Actors actors) {
        this.resolution = resolution;
        this.incidents = incidents;
        this.massIncidents = massIncidents;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        String caseNumber = task.getExecution().getBusinessKey();
        String answer = FormValues.requiredText(task.getVariable(ANSWER), "答复内容");
        BigDecimal compensation = FormValues.decimal(task.getVariable("compensation"), "补偿金额");
        resolution.drafted(caseNumber, answer, compensation, actors.of(task), task);
        if (Boolean.TRUE.equals(task.getVariable("applyToIncident"))) {
            // decided once for every complaint of the mass incident
            incidents.ofComplaint(caseNumber).ifPresent(i -> massIncidents.answer(i.id(), answer, compensation,
                    actors.of(task)));
            task.removeVariable("applyToIncident");
        }
    }
}
